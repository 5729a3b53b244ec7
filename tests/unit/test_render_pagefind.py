"""render/pagefind.py: the indexer driven through Pagefind's Python API (pages and claim
records), and its failure as one MkDocs error line."""

from __future__ import annotations

import pytest
from mkdocs.exceptions import PluginError

from build_scripts.render import pagefind


class FakeIndex:
    """Stands in for an index of Pagefind's service: records the calls and gives back a
    bundle of one file (none when `writes` is off), as `get_files` does."""

    calls: list = []
    fail_with: Exception | None = None
    writes = True

    def __init__(self, config=None):
        self.config = config
        FakeIndex.calls.append(("config", dict(config)))

    async def get_files(self):
        return [{"path": "pagefind.js", "content": b""}] if FakeIndex.writes else []

    async def close(self):
        FakeIndex.calls.append(("closed",))

    async def add_directory(self, path, glob=None):
        FakeIndex.calls.append(("directory", path, glob))

    async def add_custom_record(self, **record):
        FakeIndex.calls.append(("record", record))


@pytest.fixture
def fake(monkeypatch):
    FakeIndex.calls, FakeIndex.fail_with, FakeIndex.writes = [], None, True

    async def open_index(config):
        if FakeIndex.fail_with:
            raise FakeIndex.fail_with
        index = FakeIndex(config)
        return index, index.close

    monkeypatch.setattr(pagefind, "_open_index", open_index)
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
        ("closed",),
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


def test_records_alone_read_nothing_from_disk(tmp_path, fake):
    pagefind.run_pagefind(tmp_path, [RECORD], pages=False, output=tmp_path / "elsewhere")
    assert [call[0] for call in fake.calls] == ["config", "record", "closed"]
    assert (tmp_path / "elsewhere" / "pagefind.js").is_file()


def test_the_real_indexer_takes_every_record_sent_ahead(tmp_path):
    """Records go 64 ahead of their answers, each answer read as it comes (Pagefind's own
    client reads one per 0.1 s): every record is indexed, in its own fragment."""
    records = [{**RECORD, "url": f"/sources/a/#claim-{i}", "content": f"word{i} backdoor"} for i in range(300)]
    pagefind.run_pagefind(tmp_path, records, pages=False)
    assert (tmp_path / "pagefind" / "pagefind.js").is_file()
    assert len(list((tmp_path / "pagefind" / "fragment").glob("*.pf_fragment"))) == 300
