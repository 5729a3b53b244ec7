"""The reader's site in headless Chromium (Debian's), driven by Playwright."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlparse

import pytest

from conftest import ROOT, SEEDS, build_site

playwright = pytest.importorskip("playwright.sync_api")

ARTIFACTS = ROOT / "tests" / "artifacts"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.errors = []
    pg.on("console", lambda m: pg.errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    yield pg
    context.close()


def search(pg, query):
    """Type as a reader does: Material searches on key events, not on a programmatic fill."""
    pg.click("input.md-search__input")
    pg.keyboard.type(query, delay=20)
    pg.wait_for_selector(".md-search-result__item", timeout=15000)


def load_every_result(pg) -> int:
    """Scroll the results until no more load, as a reader would; the number of results."""
    count = -1
    for _ in range(20):
        pg.wait_for_timeout(300)
        items = pg.locator(".md-search-result__item").count()
        if items == count:
            break
        count = items
        pg.eval_on_selector(".md-search__scrollwrap", "e => { e.scrollTop = e.scrollHeight; e.dispatchEvent(new Event('scroll')); }")
    return count


def sources(site):
    return json.loads((site / "data/sources.json").read_text())


def shot(pg, name):
    ARTIFACTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)


def test_search_backdoor_lists_every_no_backdoor_source(page, site, site_url):
    expected = {s["title"] for s in sources(site) if "no-backdoors" in s["topics"]}
    page.goto(site_url + "/")
    search(page, "backdoor")
    page.wait_for_timeout(300)
    titles = page.locator(".md-search-result__item > .md-search-result__link h1").all_inner_texts()
    shot(page, "search-results")
    assert expected and expected <= set(titles), (expected, titles)
    page.locator(".md-search-result__item > .md-search-result__link").first.click()
    page.wait_for_load_state()
    assert "/sources/" in page.url or "/topics/" in page.url or "/speakers/" in page.url


def test_search_speaker_name_finds_speaker_page(page, site_url):
    page.goto(site_url + "/")
    search(page, "Liang Hua")
    hrefs = page.eval_on_selector_all(".md-search-result__link", "els => els.map(e => e.href)")
    assert any(urlparse(h).path.rstrip("/").endswith("speakers/liang-hua") for h in hrefs), hrefs


def test_claim_permalink_scrolls_and_highlights(page, site, site_url):
    claims = json.loads((site / "data/claims.json").read_text())
    claim = [c for c in claims if c["source_file"].startswith("004_")][2]
    anchor = claim["url"].split("#")[1]
    page.goto(f"{site_url}/{claim['url']}")
    mark = page.locator(f"#{anchor}")
    assert mark.evaluate("e => e.tagName") == "MARK"
    bg = mark.evaluate("e => getComputedStyle(e).backgroundColor")
    assert bg not in ("rgba(0, 0, 0, 0)", "transparent")
    box = mark.bounding_box()
    assert 0 <= box["y"] < 900
    shot(page, "source-highlighted-claim")
    assert page.locator(f'a.cl-permalink[href="#{anchor}"]').is_visible()


def test_timeline_phone_has_no_horizontal_scroll_and_filters_work(browser, site_url):
    context = browser.new_context(viewport={"width": 375, "height": 800}, device_scale_factor=2, is_mobile=True)
    pg = context.new_page()
    pg.goto(site_url + "/timeline/")
    assert pg.evaluate("document.documentElement.scrollWidth") <= 375
    shot(pg, "timeline-phone")
    rows = pg.locator(".cl-row")
    total = rows.count()
    pg.select_option("#cl-filter-topic", "no-spy-agreements")
    visible = pg.locator(".cl-row:visible").count()
    assert 0 < visible < total
    pg.select_option("#cl-filter-topic", "")
    pg.select_option("#cl-filter-speaker", "Ren Zhengfei")
    assert pg.locator(".cl-row:visible").count() == 1
    context.close()


def test_timeline_desktop_order(page, site_url):
    page.goto(site_url + "/timeline/")
    dates = page.eval_on_selector_all(".cl-row[data-date]:not([data-date=''])", "els => els.map(e => e.dataset.date)")
    assert dates and dates == sorted(dates)
    assert page.locator("#undated").is_visible()
    shot(page, "timeline-desktop")
    page.goto(site_url + "/")
    shot(page, "home")


def test_palette_toggle_and_keyboard_reaches_search(page, site_url):
    page.goto(site_url + "/")
    before = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    page.locator("label.md-header__button[for^='__palette']:visible").first.click()
    after = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert before != after
    reached = []
    for _ in range(80):
        page.keyboard.press("Tab")
        reached.append(page.evaluate(
            "(() => { const e = document.activeElement; return e ? (e.className + '|' + (e.getAttribute('href') || '')) : '' })()"))
    assert any("md-search__input" in r for r in reached), reached
    hrefs = {r.split("|", 1)[1] for r in reached}
    for section in ("timeline/", "speakers/", "outlets/", "topics/", "methodology/"):
        assert section in hrefs, (section, hrefs)
    assert any(h.startswith("sources/") for h in hrefs)  # links in the page body too


PAGE_TYPES = ["/", "/timeline/", "/speakers/liang-hua/", "/outlets/techradar-pro/", "/topics/no-backdoors/", "/methodology/"]


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_axe_no_serious_or_critical_violations(page, site, site_url, scheme):
    source_url = "/" + next(s for s in sources(site) if s["file"].startswith("004_"))["url"]
    page.add_init_script(f"localStorage.setItem('/.__palette', JSON.stringify({{index: {0 if scheme == 'default' else 1}, color: {{scheme: '{scheme}'}}}}))")
    problems = {}
    for path in PAGE_TYPES + [source_url]:
        page.goto(site_url + path)
        page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        bad = [(v["id"], v["impact"], len(v["nodes"])) for v in result["violations"] if v["impact"] in ("serious", "critical")]
        if bad:
            problems[path] = bad
    assert problems == {}


def test_no_request_leaves_the_test_server_and_no_console_errors(page, site, site_url):
    hosts = set()
    page.on("request", lambda r: hosts.add(urlparse(r.url).netloc) if not r.url.startswith(("data:", "blob:")) else None)
    source_url = "/" + sources(site)[0]["url"]
    for path in PAGE_TYPES + [source_url, "/sources/", "/speakers/", "/outlets/", "/topics/"]:
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
    search(page, "backdoor")
    assert hosts == {urlparse(site_url).netloc}
    assert page.errors == []


def test_feed_json_ld_and_open_graph(page, site, site_url):
    record = next(s for s in sources(site) if s["file"].startswith("001_"))
    page.goto(f"{site_url}/{record['url']}")
    feed = page.get_attribute('link[rel="alternate"][type="application/atom+xml"]', "href")
    from urllib.parse import urljoin
    response = page.request.get(urljoin(page.url, feed))
    assert response.ok and b"<feed" in response.body()
    ld = json.loads(page.inner_text('script[type="application/ld+json"]'))
    assert ld["@type"] in ("NewsArticle", "CreativeWork") and ld["datePublished"] == "2019-06-17"
    claims = [c for c in ld["hasPart"] if c["@type"] == "Claim"]
    assert claims and all({"author", "appearance", "datePublished", "text"} <= set(c) for c in claims)
    assert any(c["author"]["name"] == "Ren Zhengfei" for c in claims)
    assert page.get_attribute('meta[property="og:title"]', "content") == record["title"]
    import xml.etree.ElementTree as ET
    root = ET.fromstring((site / "feed.xml").read_bytes())
    entries = root.findall("{http://www.w3.org/2005/Atom}entry")
    assert len(entries) == sum(1 for s in sources(site) if s["date"])


def test_data_downloads_linked_from_footer_and_methodology(page, site_url):
    for path in ("/", "/methodology/"):
        page.goto(site_url + path)
        hrefs = page.eval_on_selector_all("a", "els => els.map(e => e.href)")
        for name in ("data/claims.json", "data/claims.csv", "data/sources.json"):
            assert any(h.endswith(name) for h in hrefs), (path, name)
    assert page.request.get(site_url + "/data/claims.csv").ok


def test_offline_copy_searches_from_file_url(browser, tmp_path):
    out = tmp_path / "offline"
    result = build_site(SEEDS, out, "--offline")
    assert result.returncode == 0, result.stderr
    pg = browser.new_page(viewport={"width": 1280, "height": 900})
    requests = []
    pg.on("request", lambda r: requests.append(r.url))
    pg.goto((out / "index.html").as_uri())
    search(pg, "backdoor")
    assert pg.locator(".md-search-result__item").count() > 0
    assert requests and all(u.startswith(("file:", "data:", "blob:")) for u in requests), requests
    pg.locator(".md-search-result__item > .md-search-result__link").first.click()
    pg.wait_for_load_state()
    assert pg.url.startswith("file:") and urlparse(pg.url).path.endswith(".html")
    pg.close()


def test_pagefind_search_for_large_corpora(browser, tmp_path):
    """Forced on for five seeds: the same box, answered from a chunked index, all local."""
    out = tmp_path / "pf"
    result = build_site(SEEDS, out, "--option", "pagefind_from=1")
    assert result.returncode == 0, result.stderr
    assert (out / "pagefind" / "pagefind.js").is_file()
    assert len(json.loads((out / "search/search_index.json").read_text())["docs"]) == 0
    from conftest import serve
    server, url = serve(out)
    try:
        pg = browser.new_page()
        fetched, errors = {}, []
        pg.on("response", lambda r: fetched.__setitem__(r.url, len(r.body())) if r.ok else None)
        pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        pg.on("pageerror", lambda e: errors.append(str(e)))
        pg.goto(url + "/")
        search(pg, "backdoor")
        pg.wait_for_load_state("networkidle")
        load_every_result(pg)  # claims are results too: the pages may come after the first ten
        titles = set(pg.locator(".md-search-result__item h1").all_inner_texts())
        expected = {s["title"] for s in sources(out) if "no-backdoors" in s["topics"]}
        assert expected <= titles, (expected, titles)
        assert all(urlparse(u).netloc == urlparse(url).netloc for u in fetched)
        payload = sum(n for u, n in fetched.items() if "/pagefind/" in u)
        assert 0 < payload <= 300_000
        # Material's lunr worker has nothing to search here: a stand-in replaces it.
        assert not [u for u in fetched if "/workers/search" in u]
        assert any(u.endswith("/assets/claimline-search-stub.js") for u in fetched)
        assert not errors, errors
        pg.locator(".md-search-result__item > .md-search-result__link").first.click()
        pg.wait_for_load_state()
        assert "/sources/" in pg.url or "/speakers/" in pg.url
        pg.close()
    finally:
        server.shutdown()


def _result_pages(pg, base: str) -> set[str]:
    hrefs = pg.eval_on_selector_all(".md-search-result__item > .md-search-result__link", "els => els.map(e => e.href)")
    return {urlparse(h).path.replace(urlparse(base).path, "", 1).strip("/") for h in hrefs}


def _pages_containing(site: Path, query: str) -> set[str]:
    """Ground truth: source and speaker pages whose own text (without the verbatim
    original and the lists that repeat other pages) has every word of the query."""
    import html as html_lib
    import re
    words = [re.compile(r"\b" + re.escape(w), re.I) for w in query.split()]
    found = set()
    for page in list(site.glob("sources/*/index.html")) + list(site.glob("speakers/*/index.html")):
        doc = page.read_text()
        article = doc.split('<article class="md-content__inner md-typeset">', 1)[1].split("</article>", 1)[0]
        article = re.sub(r'<details class="cl-original".*?</details>', " ", article, flags=re.S)
        # What the Pagefind index leaves out (search_index.EXCLUDE): lists that repeat other pages.
        article = re.sub(r'<ul class="cl-(?:related|neighbours)">.*?</ul>|<h3 class="cl-related-h">.*?</h3>'
                         r'|<table class="cl-table cl-claims-table[^"]*">.*?</table>', " ", article, flags=re.S)
        text = html_lib.unescape(re.sub(r"<[^>]+>", " ", article))
        if all(w.search(text) for w in words):
            found.add(page.parent.relative_to(site).as_posix())
    return found


@pytest.mark.parametrize("query", ["backdoor", "Liang Hua", "verification", "fairness"])
def test_pagefind_finds_every_page_with_the_words_and_all_material_finds(browser, site, site_url, tmp_path_factory, query):
    """Switching engines loses nothing: Pagefind lists every source and speaker page whose
    text has all the query's words, and every such page Material lists."""
    out = tmp_path_factory.getbasetemp() / "pf-compare"
    if not out.exists():
        assert build_site(SEEDS, out, "--option", "pagefind_from=1").returncode == 0
    expected = _pages_containing(site, query)
    assert expected and expected == _pages_containing(out, query)
    from conftest import serve
    server, pf_url = serve(out)
    found = {}
    try:
        for url in (site_url, pf_url):
            pg = browser.new_page()
            pg.goto(url + "/")
            search(pg, query)
            load_every_result(pg)
            found[url] = {p for p in _result_pages(pg, url) if p.startswith(("sources/", "speakers/"))}
            pg.close()
    finally:
        server.shutdown()
    assert expected <= found[pf_url], expected - found[pf_url]
    assert found[site_url] and found[site_url] & expected <= found[pf_url]
