"""Slugs: the readable ASCII names in page URLs, for sources, speakers and outlets.

They sit beside the model because a Source carries its slug from conversion on; the
catalogue uses the same rules for speaker and outlet pages. No two pages ever share a
URL, and adding a page never renames another one.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace

from slugify import slugify

from build_scripts.model import Source


def slug_base(text: str, fallback: str) -> str:
    """The readable ASCII part of a slug, before clashes are resolved."""
    return slugify(text, max_length=60, word_boundary=True) or fallback


PAGINATION = re.compile(r"page-[0-9]+")


def unique_slug(text: str, taken: set[str], fallback: str, key: str | None = None, base: str | None = None) -> str:
    """A readable ASCII slug not in `taken` (which it joins); a clash or an empty slug gets
    a stable suffix from `key` (default: the text itself), so adding a page elsewhere never
    renames this one. `base`, when given, is `slug_base(text, fallback)` computed earlier."""
    base = base or slug_base(text, fallback)
    reserved = base == "index" or PAGINATION.fullmatch(base)  # index pages and their pagination
    slug = _suffixed(base, key or text, taken) if base in taken or base == fallback or reserved else base
    taken.add(slug)
    return slug


def _suffixed(base: str, key: str, taken: set[str]) -> str:
    """`base-` and 8 hex digits of the key's hash. A title can spell out another page's
    suffixed slug and take it first, so a taken result is hashed again with a counter
    until it is free: no two pages ever share a URL, whatever the titles."""
    slug, attempt = f"{base}-{_hash8(key)}", 0
    while slug in taken:
        attempt += 1
        slug = f"{base}-{_hash8(f'{key}#{attempt}')}"
    return slug


def _hash8(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


def assign_slugs(sources: list[Source], made=lambda source, slug: replace(source, slug=slug)) -> list[Source]:
    """Slugs from titles, in file-name order; clashes get a suffix from the file name.
    (Each source arrives with its readable base slug, computed with its conversion.) MADE
    gives a source its slug when that is not its base (a copy, unless the caller kept one)."""
    taken: set[str] = set()
    slugged = []
    for s in sorted(sources, key=lambda s: s.file):
        slug = unique_slug(s.title, taken, "source", key=s.file, base=s.slug or None)
        slugged.append(s if slug == s.slug else made(s, slug))
    return slugged
