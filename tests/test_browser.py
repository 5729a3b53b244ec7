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
    for path in PAGE_TYPES + [source_url, "/sources/", "/speakers/", "/outlets/", "/topics/", "/404.html"]:
        page.goto(site_url + path)
        page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
        page.add_script_tag(path=str(AXE))
        for state in ("page", "search results open"):
            if state != "page":
                search(page, "backdoor")
                page.wait_for_timeout(300)  # the results' highlighting is drawn after they appear
            result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
            bad = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
                   for v in result["violations"] if v["impact"] in ("serious", "critical")]
            if bad:
                problems[f"{path} ({state})"] = bad
        if path == "/":
            shot(page, f"search-results-{scheme}")
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


TABLE_PAGES = ["/sources/", "/speakers/", "/outlets/", "/topics/", "/topics/no-backdoors/", "/speakers/huawei/",
               "/outlets/techradar-pro/", "/methodology/"]

# Words of table cells (but the methodology's patterns, which may break anywhere) drawn on more than one line:
# a word split in the middle. Hyphens and slashes are places where a line may break.
SPLIT_WORDS = r"""() => {
  const split = [];
  for (const cell of document.querySelectorAll('table.cl-table td, table.cl-table th')) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node; (node = walker.nextNode());) {
      if (node.parentElement.closest('.cl-patterns')) continue;
      for (const m of node.data.matchAll(/[^\s\-\/|]+/g)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
        if (lines.size > 1) split.push(m[0]);
      }
    }
  }
  return split;
}"""


def test_index_tables_are_styled_and_wrap_only_between_words(page, site_url):
    """At desktop width no word of a table cell is split across lines (the cells once had
    `overflow-wrap: anywhere`, which let columns shrink below their longest word)."""
    for path in TABLE_PAGES:
        page.goto(site_url + path)
        assert page.locator("table.cl-table").count(), path
        styles = page.eval_on_selector_all(
            "table.cl-table td, table.cl-table td a",
            "els => [...new Set(els.map(e => { const s = getComputedStyle(e); return s.overflowWrap + ' ' + s.wordBreak; }))]")
        assert not [s for s in styles if "anywhere" in s or "break-all" in s or "break-word" in s.split()[1]], (path, styles)
        assert page.evaluate(SPLIT_WORDS) == [], path
        cell = page.locator("table.cl-table tbody td").first
        assert cell.evaluate("e => getComputedStyle(e).borderTopStyle + getComputedStyle(e.closest('table')).borderTopStyle") == "nonesolid"
    page.goto(site_url + "/speakers/huawei/")
    zebra = page.eval_on_selector_all("table.cl-table tbody tr", "rows => rows.slice(0, 2).map(r => getComputedStyle(r).backgroundColor)")
    assert len(set(zebra)) == 2, zebra
    page.goto(site_url + "/speakers/")
    table = page.locator("table.cl-table").first
    ARTIFACTS.mkdir(exist_ok=True)
    table.screenshot(path=str(ARTIFACTS / "table-desktop.png"))
    page.locator("label.md-header__button[for^='__palette']:visible").first.click()
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    slate = page.eval_on_selector_all("table.cl-table tbody tr", "rows => rows.slice(0, 2).map(r => getComputedStyle(r).backgroundColor)")
    assert len(set(slate)) == 2 and slate != zebra, (zebra, slate)
    table.screenshot(path=str(ARTIFACTS / "table-desktop-slate.png"))


def test_index_tables_scroll_inside_the_page_on_a_phone(browser, site_url):
    context = browser.new_context(viewport={"width": 375, "height": 800}, device_scale_factor=2, is_mobile=True)
    pg = context.new_page()
    for path in ("/speakers/huawei/", "/sources/", "/methodology/"):
        pg.goto(site_url + path)
        assert pg.evaluate("document.documentElement.scrollWidth") <= 375, path
        assert pg.evaluate(SPLIT_WORDS) == [], path
    pg.goto(site_url + "/speakers/huawei/")
    wrap = pg.locator(".cl-table-wrap").first
    assert wrap.evaluate("e => e.scrollWidth > e.clientWidth && getComputedStyle(e).overflowX === 'auto'")
    wrap.scroll_into_view_if_needed()
    shot(pg, "table-phone")
    context.close()


@pytest.mark.parametrize("path", ["/", "/timeline/", "/speakers/huawei/", "/sources/", "/methodology/", "source"])
def test_skip_link_is_first_in_tab_order_and_visible_on_focus(page, site, site_url, path):
    if path == "source":
        path = "/" + sources(site)[0]["url"]
    page.goto(site_url + path)
    page.keyboard.press("Tab")
    skip = page.evaluate("(() => { const e = document.activeElement; return [e.tagName, e.textContent.trim(), e.getAttribute('href')]; })()")
    assert skip == ["A", "Skip to content", "#cl-content"], (path, skip)
    page.wait_for_timeout(400)  # Material fades it in
    shown = page.evaluate("""(() => { const e = document.activeElement, r = e.getBoundingClientRect(), s = getComputedStyle(e);
        return r.width > 20 && r.height > 10 && r.top >= 0 && r.left >= 0 && s.opacity === '1' && s.visibility === 'visible'; })()""")
    assert shown, path
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#cl-content"
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('article.md-content__inner')"), path


# The focused element's outline: drawn, at least 1.5 px, and at 3:1 or more against what lies
# behind it (WCAG 1.4.11), the first opaque background among its ancestors.
FOCUS_OUTLINE = """() => {
  const rgb = c => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => { const f = v => { v /= 255; return v <= .03928 ? v / 12.92 : ((v + .055) / 1.055) ** 2.4; };
    return .2126 * f(r) + .7152 * f(g) + .0722 * f(b); };
  // The palette switch is a hidden radio button: what the reader sees is the label shown beside it.
  const focused = document.activeElement;
  const e = focused.matches('input.md-option') ? focused.parentElement.querySelector('label:not([hidden])') : focused;
  const s = getComputedStyle(e), r = e.getBoundingClientRect();
  const opaque = el => { for (let p = el; p; p = p.parentElement) {
    const c = rgb(getComputedStyle(p).backgroundColor);
    if (c.length === 3 || (c.length === 4 && c[3] >= .9)) return c.slice(0, 3); } return [255, 255, 255]; };
  // What is drawn where the outline is: the element under the middle of its top edge, or the parent.
  const y = r.top - parseFloat(s.outlineOffset) - parseFloat(s.outlineWidth) / 2;
  const shown = el => { for (let p = el; p; p = p.parentElement) {
    const ps = getComputedStyle(p); if (ps.opacity === '0' || ps.visibility === 'hidden') return false; } return true; };
  const under = y >= 0 ? document.elementsFromPoint(r.left + r.width / 2, y).find(x => x !== e && !e.contains(x) && shown(x)) : null;
  const bg = opaque(under || e.parentElement);
  const a = lum(rgb(s.outlineColor).slice(0, 3)), b = lum(bg);
  if (!shown(e) || r.width === 0) return null;  // focused but not seen
  return {what: e.tagName + '.' + e.className + ' ' + (e.getAttribute('href') || ''), style: s.outlineStyle,
          width: parseFloat(s.outlineWidth), contrast: (Math.max(a, b) + .05) / (Math.min(a, b) + .05)};
}"""


def settle(pg):
    """Wait for Material's transitions (the search overlay fading in or out) to end."""
    pg.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')", timeout=5000)


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_focus_outline_is_visible_on_every_interactive_element(page, site, site_url, scheme):
    page.add_init_script(f"localStorage.setItem('/.__palette', JSON.stringify({{index: {0 if scheme == 'default' else 1}, color: {{scheme: '{scheme}'}}}}))")
    seen, bad, unseen = 0, [], []
    for path in ("/speakers/huawei/", "/" + sources(site)[0]["url"]):
        page.goto(site_url + path)
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == scheme
        for _ in range(60):
            page.keyboard.press("Tab")
            settle(page)
            if page.evaluate("document.activeElement === document.body"):
                continue
            focus = page.evaluate(FOCUS_OUTLINE)
            if focus is None:
                unseen.append(page.evaluate("document.activeElement.className"))
                continue
            seen += 1
            if focus["style"] == "none" or focus["width"] < 1.5 or focus["contrast"] < 3:
                bad.append(focus)
    page.goto(site_url + "/")
    search(page, "backdoor")
    for _ in range(6):  # from the search box down the results, as Material's keyboard handling goes
        page.keyboard.press("ArrowDown")
        settle(page)
        focus = page.evaluate(FOCUS_OUTLINE)
        seen += 1
        assert focus is not None
        if focus["style"] == "none" or focus["width"] < 1.5 or focus["contrast"] < 3:
            bad.append(focus)
    assert seen > 80 and bad == [], "\n".join(map(str, bad))
    assert unseen == []  # no tab stop on something the reader cannot see
