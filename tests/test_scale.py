"""Large corpora: paginated index pages, bounded page size, cache, parallel conversion."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from build_scripts.extract import corpus as convert

from build_scripts import cores
from build_scripts.render.indexes import PER_PAGE
from build_scripts.tools.synthetic import corpus as synthetic
from build_scripts.config.vocabulary import load_vocabulary
from conftest import run_cli
from html_tools import parse
from test_site import test_every_internal_link_and_anchor_resolves as check_links

SIZE = 2 * PER_PAGE + 30


@pytest.fixture(scope="module")
def big_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("big")
    seeds = root / "seeds"
    seeds.mkdir()
    for name, data in synthetic(SIZE, seed=7).items():
        (seeds / name).write_bytes(data)
    site = root / "site"
    # Below the real threshold: force conversion and page rendering onto worker processes.
    result = run_cli("build", "--seeds", str(seeds), "--site-dir", str(site), "--option", "parallel_from=50")
    assert result.returncode == 0, result.stderr
    return site


def test_worker_processes_write_the_same_pages_as_one_process(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name, data in synthetic(120, seed=5).items():
        (seeds / name).write_bytes(data)
    trees = {}
    for threshold in ("100000", "10"):
        out = tmp_path / f"docs-{threshold}"
        result = run_cli("convert", "--seeds", str(seeds), "--out", str(out), "--option", f"parallel_from={threshold}")
        assert result.returncode == 0, result.stderr
        trees[threshold] = {p.relative_to(out): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
    assert len([p for p in trees["10"] if p.parts[0] == "sources"]) > 120
    assert trees["10"] == trees["100000"]


def test_source_pages_stay_small_and_links_resolve(big_site):
    sizes = sorted(p.stat().st_size for p in big_site.glob("sources/*/index.html") if not p.parent.name.startswith("page-"))
    assert len(sizes) == SIZE
    assert sizes[-1] < 80_000
    for page in ("topics/no-backdoors/index.html", "speakers/index.html", "sources/index.html"):
        assert (big_site / page).stat().st_size < 200_000
    check_links(big_site)


def test_html_put_in_after_markdown_arrives_once_and_leaves_no_marker(big_site):
    """Index tables and related lists skip Markdown and are inserted by the hook."""
    pages = [p for p in big_site.rglob("*.html")]
    assert len(pages) > SIZE
    for page in pages:
        html = page.read_text()
        assert "claimline:after-markdown" not in html and "claimline:html" not in html, page
    for page in big_site.glob("sources/*/index.html"):
        if not page.parent.name.startswith("page-"):
            assert page.read_text().count('<ul class="cl-neighbours">') == 1, page
    timeline = (big_site / "timeline/index.html").read_text()
    assert timeline.count('class="cl-pager"') == 2 and timeline.count('<li class="cl-row cl-item"') == PER_PAGE


def test_related_lists_are_capped(big_site):
    record = json.loads((big_site / "data/sources.json").read_text())[SIZE // 2]
    html = (big_site / record["url"] / "index.html").read_text()
    related = parse(html.split('id="related-sources"')[1])
    items = [a for tag, a in related.elements if tag == "li"]
    assert 0 < len(items) <= 4 * 11
    assert "<li>More on the pages of" in html


def test_unchanged_seeds_come_from_the_cache_and_batches_run_in_parallel():
    vocab = load_vocabulary()
    seeds = synthetic(cores.PARALLEL_FROM + 10, seed=3)
    serial = [convert.convert_seed(n, d, {}, vocab)[0] for n, d in sorted(seeds.items())[:5]]
    first = convert.convert_corpus(seeds, {}, vocab, dt.date(2026, 1, 1))
    assert convert.STATS == {"converted": len(seeds), "cached": 0}
    by_file = {s.file: s for s in first.sources}
    for one in serial:
        assert by_file[one.file].claims == one.claims and by_file[one.file].raw == one.raw
    name = sorted(seeds)[0]
    seeds[name] = seeds[name] + b"\nAcme said nothing else.\n"
    convert.convert_corpus(seeds, {}, vocab, dt.date(2026, 1, 1))
    assert convert.STATS == {"converted": 1, "cached": len(seeds) - 1}
