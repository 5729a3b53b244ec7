"""The hostile corpus of test_inert_output.py in Chromium: no payload from a title line, a
byline or a curated field runs on any page type or in any search (Material's index, Pagefind,
the offline copy), and each shows as its exact text.

Every payload calls alert() and sets the page title to a word the corpus never spells, so a
payload that ran is seen even if a dialog were missed."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import build_site, run_cli, serve
from test_inert_output import CURATED, EXTRACTED_TITLE, OWNED, write_corpus

playwright = pytest.importorskip("playwright.sync_api")

INDEX_PAGES = ["/", "/timeline/", "/sources/", "/speakers/", "/outlets/", "/topics/", "/methodology/", "/404.html"]
# search word -> the payload-bearing title it must list, shown as text
SEARCHES = {
    "Quorvex": EXTRACTED_TITLE,
    "Zelquist": CURATED["title"],
    "Oyelaran": CURATED["speaker"],
    "Gazette": CURATED["outlet"],
    "Varo": CURATED["claim_speaker"],
}
EVENT_HANDLERS = """() => [...document.querySelectorAll('*')].flatMap(e =>
    [...e.attributes].filter(a => a.name.toLowerCase().startsWith('on')).map(a => e.tagName + ' ' + a.name))"""
# A repaint loop would freeze the page (and the test with it): counted, and cut off after a bound.
MUTATION_GUARD = """(() => {
  const Native = window.MutationObserver;
  window.__mutationCallbacks = 0;
  window.MutationObserver = class extends Native {
    constructor(callback) {
      super((records, observer) => {
        if (++window.__mutationCallbacks > 20000) { observer.disconnect(); return; }
        callback(records, observer);
      });
    }
  };
})();"""
RESULT_TITLES = "() => [...document.querySelectorAll('.md-search-result__item h1')].map(h => h.textContent.trim())"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("inert-browser") / "seeds")


@pytest.fixture(scope="module")
def material_url(corpus):
    out = corpus.parent / "site"
    result = build_site(corpus, out)
    assert result.returncode == 0, result.stderr
    server, url = serve(out)
    yield url
    server.shutdown()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.dialogs = []

    def dismiss(dialog):
        pg.dialogs.append(dialog.message)
        dialog.dismiss()

    pg.on("dialog", dismiss)
    yield pg
    context.close()


def assert_inert(pg, where: str) -> None:
    """No dialog opened, no payload set the title, no element carries an event handler."""
    assert pg.dialogs == [], (where, pg.dialogs)
    assert OWNED not in pg.title(), (where, pg.title())
    assert pg.evaluate(EVENT_HANDLERS) == [], where


def search(pg, query: str, title: str, where: str) -> list[str]:
    """Type as a reader does; once a result title has the word, nothing may have run, and
    `title` must be listed as its exact text."""
    pg.click("input.md-search__input")
    pg.fill("input.md-search__input", "")
    pg.keyboard.type(query, delay=10)
    pg.wait_for_function("q => [...document.querySelectorAll('.md-search-result__item h1')]"
                         ".some(h => h.textContent.toLowerCase().includes(q))", arg=query.lower(), timeout=15000)
    assert_inert(pg, f"{where} search {query}")
    pg.wait_for_function("t => [...document.querySelectorAll('.md-search-result__item h1')]"
                         ".some(h => h.textContent.trim() === t)", arg=title, timeout=5000)
    return pg.evaluate(RESULT_TITLES)


def links(pg, selector: str) -> list[str]:
    return pg.eval_on_selector_all(selector, "els => els.map(e => e.getAttribute('href'))")


def test_every_page_type_shows_the_payloads_as_text(page, material_url):
    visited = []
    for path in INDEX_PAGES:
        page.goto(material_url + path)
        assert_inert(page, path)
        visited.append(path)
    page.goto(material_url + "/timeline/")
    entries = links(page, "a.cl-source-link") + links(page, ".cl-who a")
    page.goto(material_url + "/topics/")
    topics = links(page, "table.cl-table td:first-child a")
    base = material_url + "/"
    for href in sorted(set(entries)) + topics:
        page.goto(base + href.removeprefix("../"))
        assert_inert(page, href)
        visited.append(href)
    assert any("speakers/" in h for h in visited) and any("outlets/" in h for h in visited)
    assert any("topics/" in h for h in visited) and any("sources/" in h for h in visited)
    for title, heading_of in [(EXTRACTED_TITLE, "quorvex"), (CURATED["title"], "vantrel")]:
        href = next(h for h in entries if heading_of in h)
        page.goto(base + href.removeprefix("../"))
        assert page.inner_text("article h1") == title
        assert page.title() == f"{title} - claimline"
        assert page.inner_text("[data-md-component='header-topic']").strip() == title
    facts = page.inner_text("dl.cl-facts")
    for field in ("outlet", "author", "via", "speaker", "role", "organisation"):
        assert CURATED[field] in facts, field
    assert "AT&T" in page.title() and "AT&amp;T" not in page.title()


def test_material_search_lists_the_payload_titles_as_text(page, material_url):
    page.goto(material_url + "/")
    for query, title in SEARCHES.items():
        titles = search(page, query, title, "Material")
        assert title in titles, (query, titles)
    page.locator(".md-search-result__item > .md-search-result__link").first.click()
    page.wait_for_load_state()
    assert_inert(page, "after following a result")


def test_pagefind_search_lists_the_payload_titles_as_text(page, corpus):
    out = corpus.parent / "pagefind-site"
    result = run_cli("build", "--seeds", str(corpus), "--site-dir", str(out), "--option", "pagefind_from=1")
    assert result.returncode == 0, result.stderr
    assert (out / "pagefind" / "pagefind.js").is_file()
    server, url = serve(out)
    try:
        page.add_init_script(MUTATION_GUARD)
        page.goto(url + "/")
        for query in ("Zelquist", "Oyelaran"):
            titles = search(page, query, SEARCHES[query], "Pagefind")
            assert SEARCHES[query] in titles, (query, titles)
            page.wait_for_selector(".md-search-result__item p mark")
            tags = page.evaluate("() => [...document.querySelectorAll('.md-search-result__item p *')].map(e => e.tagName)")
            assert set(tags) == {"MARK"}, tags
            assert_inert(page, f"pagefind {query}")
            page.wait_for_timeout(200)  # a list that keeps repainting itself shows in the count
            assert page.evaluate("window.__mutationCallbacks") < 1000, "the result list repaints itself without end"
        excerpts = page.inner_text(".md-search-result__list")
        assert "<script>alert(2)" in excerpts or "<img src=" in excerpts  # payload words shown as text
    finally:
        server.shutdown()


def test_offline_copy_searches_the_payload_titles_as_text(page, corpus):
    out = corpus.parent / "offline-site"
    result = build_site(corpus, out, "--offline")
    assert result.returncode == 0, result.stderr
    page.goto((out / "index.html").as_uri())
    titles = search(page, "Zelquist", CURATED["title"], "offline")
    assert CURATED["title"] in titles
    assert_inert(page, "offline search")
