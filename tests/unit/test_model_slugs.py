"""model/slugs.py: readable ASCII slugs, distinct and stable whatever the titles."""

from __future__ import annotations

import hashlib

from build_scripts.model.slugs import assign_slugs, slug_base, unique_slug
from handmade import source


def hash8(text):
    return hashlib.sha1(text.encode()).hexdigest()[:8]


def test_slug_base_is_readable_ascii_or_the_fallback():
    assert slug_base("Acme's “new” pledge — über alles!", "source") == "acme-s-new-pledge-uber-alles"
    assert slug_base("日本", "source") == "ri-ben"
    assert slug_base("!!!", "source") == "source"


def test_clashes_empty_and_reserved_names_get_a_stable_suffix():
    taken = set()
    slugs = [unique_slug(t, taken, "speaker") for t in ("Jan Novak", "Jan  Novak", "", "index", "page-2")]
    assert slugs == ["jan-novak", f"jan-novak-{hash8('Jan  Novak')}", f"speaker-{hash8('')}",
                     f"index-{hash8('index')}", f"page-2-{hash8('page-2')}"]
    assert taken == set(slugs)


def test_a_title_that_spells_another_suffixed_slug_cannot_take_its_url():
    taken = {"a", f"a-{hash8('k')}"}
    assert unique_slug("a", taken, "s", key="k") == f"a-{hash8('k#1')}"


def test_assign_slugs_in_file_name_order_suffixed_by_file_name():
    b, a = source("b.txt", slug="same", title="Same"), source("a.txt", slug="same", title="Same")
    assert [(s.file, s.slug) for s in assign_slugs([b, a])] == [("a.txt", "same"), ("b.txt", f"same-{hash8('b.txt')}")]
