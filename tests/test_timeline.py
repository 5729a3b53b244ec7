"""The timeline of claims on a built site: every claim on some page, bounded pages, and the
facet script in Chromium (filter, shared URL, reload, back and forward, the announced count,
the copy opened from disk). Screenshots go to tests/artifacts/."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from build_scripts.render.indexes import PER_PAGE
from build_scripts.tools.synthetic import corpus as synthetic
from conftest import ROOT, SEEDS, build_site, run_cli, serve

ARTIFACTS = ROOT / "tests" / "artifacts"
PAGE_LIMIT = 300_000  # bytes: what a reader downloads to open a timeline page (HTML)


def timeline_pages(site: Path) -> list[Path]:
    first = site / "timeline/index.html"
    rest = sorted(site.glob("timeline/page-*/index.html"), key=lambda p: int(p.parent.name.split("-")[1]))
    return [first] + rest


def passages(page: Path) -> list[str]:
    return re.findall(r'<a href="\.\./(?:\.\./)?([^"]+)">read the passage</a>', page.read_text())


def claims(site: Path) -> list[dict]:
    return json.loads((site / "data/claims.json").read_text())


def test_every_claim_is_on_the_timeline_once_in_time_order(site):
    pages = timeline_pages(site)
    seen = [p for page in pages for p in passages(page)]
    assert sorted(seen) == sorted(c["url"] for c in claims(site))
    html = pages[0].read_text()
    dates = re.findall(r'<li class="cl-row cl-item" data-date="([^"]*)"', html)
    dated = [d for d in dates if d]
    assert dated == sorted(dated) and dates == dated + [""] * (len(dates) - len(dated))  # undated last
    assert 'id="undated"' in html and "Security and Trustworthiness" in html.split('id="undated"')[1]


def test_the_facet_data_covers_every_claim(site):
    facets = json.loads((site / "data/timeline/facets.json").read_text())
    total = len(claims(site))
    assert facets["total"] == total
    items = [r for k in range(facets["pages"]) for r in json.loads((site / f"data/timeline/items-{k}.json").read_text())]
    assert sorted(r["passage"] for r in items) == sorted(c["url"] for c in claims(site))
    speakers = json.loads((site / "data/timeline/values-speaker.json").read_text())
    assert len(speakers) == facets["facets"]["speaker"]
    by_speaker = [json.loads((site / f"data/timeline/speaker/{k}.json").read_text()) for k in range(len(speakers))]
    assert sorted(p for positions in by_speaker for p in positions) == list(range(total))  # one speaker each
    for (name, count), positions in zip(speakers, by_speaker):
        assert len(positions) == count and {items[p]["speaker"] for p in positions} == {name}


@pytest.fixture(scope="module")
def big_site(tmp_path_factory):
    """A few hundred synthetic sources: several timeline pages."""
    root = tmp_path_factory.mktemp("timeline-big")
    seeds = root / "seeds"
    seeds.mkdir()
    for name, data in synthetic(300, seed=11).items():
        (seeds / name).write_bytes(data)
    result = run_cli("build", "--seeds", str(seeds), "--site-dir", str(root / "site"))
    assert result.returncode == 0, result.stderr
    return root / "site"


def test_pages_stay_small_and_filters_still_cover_every_claim(big_site):
    """Each page holds PER_PAGE claims whatever the corpus size, so its size does not grow: at
    10,000 sources (about 80,000 claims) the timeline is 800 pages of the size measured here.
    The facet data the script reads per filter is one list of positions per chosen value and
    the items of the pages its first results fall on (one file of PER_PAGE items per page).
    Measured on 300 synthetic sources (1,800 claims): 148-150 KB a page (11 KB gzipped),
    facets.json under 1 KB plus 20 bytes a year, items 84 KB a page."""
    pages = timeline_pages(big_site)
    statements = [c for c in claims(big_site) if c["appearance"] == 1]  # a statement reported twice is one item
    total = len(statements)
    assert total < len(claims(big_site))  # the synthetic corpus repeats some quotations
    assert len(pages) == -(-total // PER_PAGE) > 2
    sizes = [p.stat().st_size for p in pages]
    assert max(sizes) < PAGE_LIMIT, sizes
    assert all(len(passages(p)) == PER_PAGE for p in pages[:-1])
    seen = [x for p in pages for x in passages(p)]
    assert len(seen) == len(set(seen)) == total
    facets = json.loads((big_site / "data/timeline/facets.json").read_text())
    assert facets["total"] == total and facets["pages"] == len(pages)
    assert (big_site / "data/timeline/facets.json").stat().st_size < 2_000  # all the page itself fetches
    covered = set()
    for k in range(facets["facets"]["topic"]):
        covered.update(json.loads((big_site / f"data/timeline/topic/{k}.json").read_text()))
    untagged = sum(1 for c in statements if not c["topics"])
    assert len(covered) == total - untagged
    item_files = [big_site / f"data/timeline/items-{k}.json" for k in range(len(pages))]
    assert max(f.stat().st_size for f in item_files) < PAGE_LIMIT


# --- In Chromium --------------------------------------------------------------------------

playwright = pytest.importorskip("playwright.sync_api")


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.errors = []
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    yield pg
    context.close()


def shot(pg, name, full_page=False):
    ARTIFACTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full_page)


def speakers_of_results(pg) -> set[str]:
    return set(pg.eval_on_selector_all("#cl-results .cl-item", "els => els.map(e => e.dataset.speaker)"))


def count_text(pg) -> str:
    return pg.text_content("#cl-count") or ""


def test_filter_by_speaker_shows_only_their_claims_and_announces_the_count(page, site, site_url):
    expected = [c for c in claims(site) if c["speaker"] == "Ken Hu"]
    fetched = []
    page.on("request", lambda r: fetched.append(r.url.split("/data/timeline/")[1]) if "/data/timeline/" in r.url else None)
    page.goto(site_url + "/timeline/")
    page.wait_for_selector("#cl-facets:not([hidden])")
    page.wait_for_load_state("networkidle")
    assert fetched == ["facets.json"]  # the values and items only when filtering
    assert page.locator("#cl-timeline .cl-item").count() == len(claims(site))
    assert page.get_attribute("#cl-count", "aria-live") == "polite"
    page.focus("#cl-facet-speaker")
    page.select_option("#cl-facet-speaker", "Ken Hu")
    page.wait_for_function("document.getElementById('cl-count').textContent.length > 0")
    assert speakers_of_results(page) == {"Ken Hu"}
    assert page.locator("#cl-results .cl-item").count() == len(expected) > 0
    assert count_text(page).startswith(f"{len(expected)} claims match")
    assert not page.is_visible("#cl-timeline")
    assert parse_qs(urlparse(page.url).query) == {"speaker": ["Ken Hu"]}
    hrefs = page.eval_on_selector_all("#cl-results a", "els => els.map(e => e.href)")
    assert {f"{site_url}/{c['url']}" for c in expected} <= set(hrefs)
    shot(page, "timeline-filtered")
    assert page.errors == []


def test_a_shared_url_restores_the_filter_and_back_and_forward_walk_it(browser, site, site_url):
    topic = "no-spy-agreements"
    items = [c for c in claims(site) if c["appearance"] == 1]  # the timeline's items: one per statement
    expected = [c for c in items if topic in c["topics"] and c["speaker"] == "Liang Hua"]
    everything = [c for c in items if c["speaker"] == "Liang Hua"]
    shared = f"{site_url}/timeline/?speaker=Liang+Hua&topic={topic}"
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.goto(shared)
    pg.wait_for_function("document.getElementById('cl-count').textContent.length > 0")
    assert pg.input_value("#cl-facet-speaker") == "Liang Hua" and pg.input_value("#cl-facet-topic") == topic
    assert pg.locator("#cl-results .cl-item").count() == len(expected) > 0
    shot(pg, "timeline-shared-url")
    pg.reload()
    pg.wait_for_function("document.getElementById('cl-count').textContent.length > 0")
    assert pg.input_value("#cl-facet-speaker") == "Liang Hua"
    without_topic = ("location.search.indexOf('topic') < 0 && "
                     f"document.querySelectorAll('#cl-results .cl-item').length === {len(everything)}")
    with_topic = ("location.search.indexOf('topic') >= 0 && "
                  f"document.querySelectorAll('#cl-results .cl-item').length === {len(expected)}")
    pg.select_option("#cl-facet-topic", "")
    pg.wait_for_function(without_topic)
    assert "topic" not in pg.url
    pg.go_back()
    pg.wait_for_function(with_topic)
    assert pg.input_value("#cl-facet-topic") == topic
    pg.go_forward()
    pg.wait_for_function(without_topic)
    assert pg.input_value("#cl-facet-topic") == "" and speakers_of_results(pg) == {"Liang Hua"}
    pg.click("#cl-facet-clear")
    pg.wait_for_function("!document.getElementById('cl-timeline').hidden")
    assert urlparse(pg.url).query == "" and count_text(pg) == ""
    context.close()


def test_filters_are_keyboard_operable_and_the_year_range_narrows(page, site, site_url):
    page.goto(site_url + "/timeline/")
    page.wait_for_function("document.getElementById('cl-facet-from').options.length > 1")  # the years are read
    page.focus("#cl-facet-from")
    page.keyboard.press("ArrowDown")  # the earliest year
    page.wait_for_function("document.getElementById('cl-count').textContent.length > 0")
    year = page.input_value("#cl-facet-from")
    dated = [c for c in claims(site) if (c["said_on"] or c["date"] or "")[:4] >= year and (c["said_on"] or c["date"])]
    assert re.fullmatch(r"\d{4}", year) and count_text(page).startswith(f"{len(dated)} claim")
    assert all(d[:4] >= year for d in page.eval_on_selector_all("#cl-results .cl-item", "els => els.map(e => e.dataset.date)"))


def test_timeline_on_desktop_and_phone(browser, page, site_url):
    page.goto(site_url + "/timeline/")
    page.wait_for_selector("#cl-facets:not([hidden])")
    shot(page, "timeline-desktop")
    page.goto(site_url + "/")
    shot(page, "home")
    context = browser.new_context(viewport={"width": 375, "height": 800}, device_scale_factor=2, is_mobile=True)
    pg = context.new_page()
    pg.goto(site_url + "/timeline/")
    pg.wait_for_selector("#cl-facets:not([hidden])")
    assert pg.evaluate("document.documentElement.scrollWidth") <= 375
    shot(pg, "timeline-phone")
    pg.focus("#cl-facet-speaker")
    pg.select_option("#cl-facet-speaker", "Ren Zhengfei")
    pg.wait_for_function("document.getElementById('cl-count').textContent.length > 0")
    assert pg.evaluate("document.documentElement.scrollWidth") <= 375
    assert speakers_of_results(pg) == {"Ren Zhengfei"}
    context.close()


def test_without_javascript_the_timeline_is_the_complete_list(browser, site, site_url):
    context = browser.new_context(java_script_enabled=False)
    pg = context.new_page()
    pg.goto(site_url + "/timeline/")
    assert not pg.is_visible("#cl-facets")
    assert pg.locator("#cl-timeline .cl-item:visible").count() == len(claims(site))
    context.close()


def test_the_copy_opened_from_disk_filters_the_page_it_shows(browser, tmp_path):
    out = tmp_path / "offline"
    result = build_site(SEEDS, out, "--offline")
    assert result.returncode == 0, result.stderr
    context = browser.new_context()
    pg = context.new_page()
    errors = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.goto((out / "timeline.html").as_uri())
    pg.wait_for_selector("#cl-facet-note:not([hidden])")
    assert "this page only" in pg.text_content("#cl-facet-note")
    pg.focus("#cl-facet-speaker")
    pg.select_option("#cl-facet-speaker", "Ken Hu")
    visible = pg.eval_on_selector_all("#cl-timeline .cl-item:not([hidden])", "els => els.map(e => e.dataset.speaker)")
    assert visible and set(visible) == {"Ken Hu"}
    assert count_text(pg) == f"{len(visible)} claims on this page match these filters"
    assert errors == []
    context.close()


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_axe_finds_nothing_serious_on_the_filtered_timeline(page, site_url, scheme):
    page.add_init_script(f"localStorage.setItem('/.__palette', JSON.stringify({{index: {0 if scheme == 'default' else 1}, "
                         f"color: {{scheme: '{scheme}'}}}}))")
    page.goto(site_url + "/timeline/?speaker=Huawei")
    page.wait_for_function("document.getElementById('cl-count').textContent.length > 0")
    page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
    page.add_script_tag(path=str(ROOT / "node_modules" / "axe-core" / "axe.min.js"))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    bad = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]
           if v["impact"] in ("serious", "critical")]
    assert bad == []


def test_results_from_many_pages_come_a_hundred_at_a_time(browser, big_site):
    """Filters cover claims on every page: a topic's claims spread over all of them."""
    facets = json.loads((big_site / "data/timeline/facets.json").read_text())
    topics = json.loads((big_site / "data/timeline/values-topic.json").read_text())
    slug, count, _ = max(topics, key=lambda t: t[1])
    assert count > 2 * PER_PAGE
    server, url = serve(big_site)
    try:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        pg = context.new_page()
        pg.goto(f"{url}/timeline/?topic={slug}")
        pg.wait_for_function("document.getElementById('cl-count').textContent.length > 0")
        assert pg.text_content("#cl-count") == f"{count} claims match these filters (of {facets['total']}), the first 100 shown"
        assert pg.locator("#cl-results .cl-item").count() == PER_PAGE
        pg.click("#cl-more")
        pg.wait_for_function(f"document.querySelectorAll('#cl-results .cl-item').length === {2 * PER_PAGE}")
        topics = pg.eval_on_selector_all("#cl-results .cl-item", "els => els.map(e => e.dataset.topic.split(' '))")
        assert all(slug in t for t in topics)
        dates = pg.eval_on_selector_all("#cl-results .cl-item", "els => els.map(e => e.dataset.date)")
        assert dates == sorted(dates)
        context.close()
    finally:
        server.shutdown()
