"""plugin/: the MkDocs events on a conversion made in memory (no MkDocs build runs)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from mkdocs.structure.files import Files

from build_scripts import pipeline
from build_scripts.plugin import HOME_MARKER, SEARCH_STUB, SEARCH_WORKER, TOPICS_MARKER, ClaimlinePlugin
from handmade import corpus, source

WORKER = '<script>var __config = {"search": "../assets/javascripts/workers/search.1234abcd.min.js"}</script>'


@pytest.fixture
def plugin():
    plugin = ClaimlinePlugin()
    plugin.result = pipeline.render(corpus(source("a.txt", title="A <b>", raw=b"raw a")))
    return plugin


@pytest.fixture
def config(tmp_path):
    return SimpleNamespace(site_dir=str(tmp_path / "site"), docs_dir=str(tmp_path / "docs"), use_directory_urls=True,
                           site_name="claimline", site_url="", plugins=SimpleNamespace(_current_plugin="claimline"))


def page(src_uri, url, meta=None):
    return SimpleNamespace(file=SimpleNamespace(src_uri=src_uri), url=url, meta=meta or {}, title=None,
                           present_anchor_ids=set())


def test_every_generated_page_and_file_is_added_in_memory(plugin, config):
    files = plugin.on_files(Files([]), config)
    site = plugin.result.site
    assert [f.src_uri for f in files] == sorted(site.pages) + sorted(site.static)
    original = files.get_file_from_path("sources/a/original.txt")
    assert (original.generated_by, original.content_bytes) == ("claimline", b"raw a")


def test_a_generated_pages_front_matter_enters_mkdocs_escaped(plugin, config):
    generated = page("sources/a.md", "sources/a/", {"title": "A <b>", "description": "x<y"})
    assert plugin.on_page_markdown("# A", generated, config, None) == "# A"
    assert (generated.meta, generated.title) == ({"title": "A &lt;b&gt;", "description": "x&lt;y"}, "A &lt;b&gt;")
    written = page("about.md", "about/", {"title": "About <b>"})
    plugin.on_page_markdown("# About", written, config, None)
    assert written.meta == {"title": "About <b>"}  # a hand-written page is the maintainer's own


def test_home_and_methodology_markers_are_filled(plugin, config):
    home = plugin.on_page_markdown(f"# Home\n{HOME_MARKER}\n{TOPICS_MARKER}\n", page("index.md", ""), config, None)
    assert HOME_MARKER not in home and TOPICS_MARKER not in home
    assert '<li><strong>1</strong> <a href="sources/">sources</a></li>' in home
    assert "<td><code>privacy</code></td>" in home


def test_with_pagefind_no_page_joins_materials_index_and_its_worker_is_a_stub(plugin, config):
    plugin.pagefind = True
    other = page("about.md", "about/")
    plugin.on_page_markdown("# About", other, config, None)
    assert other.meta == {"search": {"exclude": True}}
    html = plugin.on_post_page(f"<head></head>{WORKER}", other, config)
    assert f'{{"search": "../{SEARCH_STUB}"}}' in html and "workers/search" not in html


def test_without_pagefind_materials_worker_is_behind_claimlines(plugin, config):
    html = plugin.on_post_page(f"<head></head>{WORKER}", page("about.md", "about/"), config)
    assert html.endswith(f'<script>var __config = {{"search": "../{SEARCH_WORKER}#search.1234abcd.min.js"}}</script>')
    assert html.startswith('<head><link rel="alternate" type="application/atom+xml" title="claimline: sources by date" '
                           'href="../feed.xml">\n</head>')


def test_offline_materials_worker_stays(plugin, config):
    plugin.offline = True
    assert plugin.on_post_page(WORKER, page("about.md", "about/"), config).endswith(WORKER)


class MaterialSearch:
    """Material's search plugin as claimline sees it: its configured fields and its index."""

    def __init__(self, tags_boost=1e6):
        self.config = SimpleNamespace(fields={"title": {"boost": 1e3}, "tags": {"boost": tags_boost}})
        self.search_index = SimpleNamespace(entries=[])


def test_each_claim_of_a_source_page_joins_materials_index_at_its_passage(plugin, config):
    search = MaterialSearch()
    config.plugins = {"search": search}
    plugin.on_page_context({}, page("sources/a.md", "sources/a/"), config, None)
    assert [(e["location"], e["title"], e["tags"][0]) for e in search.search_index.entries] == [
        ("sources/a/#claim-we-build-no-backdoor-b4f72f", "“We build no backdoor”", "Jan Novak"),
        ("sources/a/#claim-novak-said-the-firm-protects-privacy-a89d77", "Novak said the firm protects privacy.", "Jan Novak")]
    plugin.on_page_context({}, page("about.md", "about/"), config, None)
    plugin.pagefind = True
    plugin.on_page_context({}, page("sources/a.md", "sources/a/"), config, None)
    assert len(search.search_index.entries) == 2  # hand-written pages have no claims; Pagefind has its own records


def test_claim_facts_weigh_as_titles_unless_the_site_chose_a_weight(config):
    from build_scripts.plugin import _weigh_claim_facts_as_titles
    default, chosen = MaterialSearch(), MaterialSearch(tags_boost=5.0)
    for search, boost in ((default, 1e3), (chosen, 5.0)):
        config.plugins = {"material/search": search}
        _weigh_claim_facts_as_titles(config)
        assert search.config.fields["tags"] == {"boost": boost}


def test_html_goes_in_after_markdown_and_its_ids_are_known_to_mkdocs(plugin, config):
    generated = page("sources/a.md", "sources/a/")
    html = plugin.on_page_content(plugin.result.site.pages["sources/a.md"], generated, config, None)
    assert "claimline:after-markdown" not in html and '<mark id="claim-we-build-no-backdoor-b4f72f" tabindex="-1"' in html
    assert generated.present_anchor_ids == {"claim-we-build-no-backdoor-b4f72f", "claim-we-build-no-backdoor-b4f72f-card", "claim-we-build-no-backdoor-b4f72f-cite", "claim-novak-said-the-firm-protects-privacy-a89d77", "claim-novak-said-the-firm-protects-privacy-a89d77-card", "claim-novak-said-the-firm-protects-privacy-a89d77-cite"}
    assert plugin.on_page_content("<p>x</p>", page("about.md", "about/"), config, None) == "<p>x</p>"


def test_a_source_page_gets_its_open_graph_and_json_ld(plugin, config):
    html = plugin.on_post_page("<head></head>", page("sources/a.md", "sources/a/"), config)
    assert '<meta property="og:title" content="A &lt;b&gt;">' in html
    assert '<script type="application/ld+json">' in html
