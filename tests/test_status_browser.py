"""Promise statuses and outlet types in headless Chromium: the history opens from the keyboard,
and axe-core finds no serious or critical violation on the pages that show them, in both
palettes."""

from __future__ import annotations

import json

import pytest

from conftest import ROOT

playwright = pytest.importorskip("playwright.sync_api")

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    yield pg
    context.close()


def _status_page(site) -> str:
    sources = json.loads((site / "data/sources.json").read_text())
    claims = json.loads((site / "data/claims.json").read_text())
    file = next(c["source_file"] for c in claims if c["status"])
    return "/" + next(s["url"] for s in sources if s["file"] == file)


def test_the_status_history_opens_from_the_keyboard(page, site, site_url):
    page.goto(site_url + _status_page(site))
    badge = page.locator(".cl-claims .cl-status").first
    assert badge.inner_text() == "promise: unverified" and badge.is_visible()
    summary = page.locator(".cl-status-history > summary").first
    summary.focus()
    page.keyboard.press("Enter")
    items = page.locator(".cl-status-history[open] li")
    assert items.count() == 2 and items.first.is_visible()
    assert "unverified" in items.nth(1).inner_text()


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_axe_finds_nothing_serious_where_statuses_and_outlet_types_show(page, site, site_url, scheme):
    problems = {}
    # The palette chosen before the page loads, as a returning reader's is: switched after load,
    # Material's colour transitions could still be running when axe measures contrast.
    page.add_init_script(f"localStorage.setItem('/.__palette', JSON.stringify({{index: {0 if scheme == 'default' else 1}, "
                         f"color: {{scheme: '{scheme}'}}}}))")
    for path in [_status_page(site), "/speakers/ren-zhengfei/", "/outlets/", "/sources/"]:
        page.goto(site_url + path)
        page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
        page.evaluate("document.querySelectorAll('details.cl-status-history').forEach(d => d.open = true)")
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        bad = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]
               if v["impact"] in ("serious", "critical")]
        if bad:
            problems[path] = bad
    assert problems == {}
