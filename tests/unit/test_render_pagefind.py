"""render/pagefind.py: the indexer driven through Pagefind's Python API (pages and claim
records), and its failure as one MkDocs error line."""

from __future__ import annotations

import pytest
from mkdocs.exceptions import PluginError

from build_scripts.render import pagefind


class FakeIndex:
    """Stands in for pagefind.index.PagefindIndex: records the calls, writes pagefind.js
    into the configured output folder when its block is left (as the real one does)."""

    calls: list = []
    fail_with: Exception | None = None
    writes = True

    def __init__(self, config=None):
        self.config = config
        FakeIndex.calls.append(("config", dict(config)))

    async def __aenter__(self):
        if FakeIndex.fail_with:
            raise FakeIndex.fail_with
        return self

    async def __aexit__(self, *exc):
        if FakeIndex.writes and exc[0] is None:
            out = pagefind.Path(self.config["output_path"])
            out.mkdir(parents=True)
            (out / "pagefind.js").write_text("")

    async def add_directory(self, path, glob=None):
        FakeIndex.calls.append(("directory", path, glob))

    async def add_custom_record(self, **record):
        FakeIndex.calls.append(("record", record))


@pytest.fixture
def fake(monkeypatch):
    import pagefind.index
    FakeIndex.calls, FakeIndex.fail_with, FakeIndex.writes = [], None, True
    monkeypatch.setattr(pagefind.index, "PagefindIndex", FakeIndex)
    return FakeIndex


RECORD = {"url": "/sources/a/#claim-x-123abc", "content": "We build no backdoor", "language": "en",
          "meta": {"title": "Jan Novak"}, "filters": {"speaker": ["Jan Novak"]}, "sort": {"date": "2019"}}


def test_indexes_source_and_speaker_pages_and_every_claim_record(tmp_path, fake):
    pagefind.run_pagefind(tmp_path, [RECORD])
    assert fake.calls == [
        ("config", {"root_selector": "article.md-content__inner", "exclude_selectors": list(pagefind.EXCLUDE),
                    "force_language": "en", "output_path": str(tmp_path / "pagefind")}),
        ("directory", str(tmp_path), "{sources,speakers}/**/*.html"),
        ("record", RECORD),
    ]
    assert (tmp_path / "pagefind" / "pagefind.js").is_file()


def test_labels_badges_and_claim_cards_are_left_out_of_page_text():
    for selector in ("thead", ".cl-prov", ".cl-claims", "[data-search-exclude]"):
        assert selector in pagefind.EXCLUDE


def test_a_failure_is_one_line(tmp_path, fake):
    fake.fail_with = RuntimeError("no pages found\nin the site")
    with pytest.raises(PluginError) as raised:
        pagefind.run_pagefind(tmp_path, [])
    assert str(raised.value) == "Pagefind could not index the site: no pages found\\nin the site"


def test_success_without_an_index_is_a_failure_too(tmp_path, fake):
    fake.writes = False
    with pytest.raises(PluginError, match=r"^Pagefind could not index the site: no output$"):
        pagefind.run_pagefind(tmp_path, [])


def test_with_page_filters_each_page_is_read_and_indexed_with_its_filters_added(tmp_path, fake, monkeypatch):
    added = []

    async def add_html_file(self, *, content, url):
        added.append((url, content))

    monkeypatch.setattr(FakeIndex, "add_html_file", add_html_file, raising=False)
    for path in ("sources/a/index.html", "speakers/jan-novak/index.html", "timeline/index.html"):
        (tmp_path / path).parent.mkdir(parents=True)
        (tmp_path / path).write_text(f"<p>head</p>{pagefind.ROOT_TAG}<p>{path}</p></article>", encoding="utf-8")
    source_page = tmp_path / "sources/a/index.html"
    pagefind.run_pagefind(tmp_path, [], {"sources/a/index.html": "<div hidden>F</div>"})
    assert added == [
        ("/sources/a/", f"<p>head</p>{pagefind.ROOT_TAG}<div hidden>F</div><p>sources/a/index.html</p></article>"),
        ("/speakers/jan-novak/", f"<p>head</p>{pagefind.ROOT_TAG}<p>speakers/jan-novak/index.html</p></article>"),
    ]
    assert "<div hidden>" not in source_page.read_text(encoding="utf-8")  # the served page is left as it was
    assert not [c for c in fake.calls if c[0] == "directory"]


def write_bundle(folder, values):
    """A Pagefind bundle with one filter file (VALUES in the order given) and its metadata."""
    import gzip
    import json
    (folder / "filter").mkdir(parents=True)
    content = pagefind.HEADER + pagefind._cbor_bytes(["speaker", values])
    (folder / "filter" / "en_1111111.pf_filter").write_bytes(gzip.compress(content))
    meta = pagefind.HEADER + pagefind._cbor_bytes(["1.5.2", [["year", "en_1111111"], ["speaker", "en_1111111"]], 300])
    (folder / "pagefind.en_2222222222.pf_meta").write_bytes(gzip.compress(meta))
    (folder / "pagefind-entry.json").write_text(json.dumps({"languages": {"en": {"hash": "en_2222222222"}}}))


def test_filter_files_are_rewritten_in_one_order_whatever_order_pagefind_wrote(tmp_path):
    import gzip
    bundles = []
    for name, values in (("one", [["Ruiz", [3, 300]], ["Abe", [1]]]), ("two", [["Abe", [1]], ["Ruiz", [3, 300]]])):
        write_bundle(tmp_path / name, values)
        pagefind.canonical_filters(tmp_path / name)
        bundles.append({p.relative_to(tmp_path / name).as_posix(): p.read_bytes()
                        for p in sorted((tmp_path / name).rglob("*")) if p.is_file()})
    assert bundles[0] == bundles[1]
    [filter_name] = [n for n in bundles[0] if n.startswith("filter/")]
    assert pagefind._cbor(gzip.decompress(bundles[0][filter_name]), len(pagefind.HEADER))[0] == [
        "speaker", [["Abe", [1]], ["Ruiz", [3, 300]]]]
    entry = __import__("json").loads(bundles[0]["pagefind-entry.json"])
    meta = gzip.decompress(bundles[0][f"pagefind.{entry['languages']['en']['hash']}.pf_meta"])
    new = filter_name.removeprefix("filter/").removesuffix(".pf_filter")
    assert pagefind._cbor(meta, len(pagefind.HEADER))[0] == ["1.5.2", [["speaker", new], ["year", new]], 300]
