"""Claim links a journalist can cite: they land on the same words after the seeds change, old
positional links still land, the citation copies, and the passage says whose claim it is.

Built from a copy of the shipped seeds (with their ledger of old anchors), served on
127.0.0.1 and read in Debian's Chromium."""

from __future__ import annotations

import json
import re
import shutil

import pytest
import yaml

from conftest import SEEDS, build_site, serve

playwright = pytest.importorskip("playwright.sync_api")

NEW_QUOTE = '"Every audit we commission will be published in full, without exception," said Ren Zhengfei.\n\n'
LANDED = """() => {
  const parts = [...document.querySelectorAll('mark.cl-active, .cl-claim.cl-active')];
  const first = parts[0];
  const box = first ? first.getBoundingClientRect() : null;
  return {words: parts.map(e => e.textContent).join(' '), top: box ? box.top : null, bottom: box ? box.bottom : null,
          label: [...document.querySelectorAll('a.cl-landing')].filter(a => getComputedStyle(a).display !== 'none')
                   .map(a => a.textContent + '|' + a.getAttribute('href'))};
}"""


def words(text: str) -> str:
    return " ".join(w.casefold() for w in re.findall(r"\w+", text))


def same_words(shown: str, claim: str) -> bool:
    """The passage holds the claim's words in their order (a passage may carry its attribution
    too, inside an interrupted quote), or the claim holds the passage's."""
    return _in_order(words(claim).split(), words(shown).split()) or _in_order(words(shown).split(), words(claim).split())


def _in_order(needle: list[str], haystack: list[str]) -> bool:
    remaining = iter(haystack)
    return bool(needle) and all(word in remaining for word in needle)


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory):
    """The shipped seeds built, then built again after a quote is added at the top of one
    seed and another seed's curated file is edited: (claims published first, second site)."""
    root = tmp_path_factory.mktemp("links")
    seeds = root / "seeds"
    shutil.copytree(SEEDS, seeds)
    first = root / "first"
    assert build_site(seeds, first, "--strict").returncode == 0
    published = json.loads((first / "data/claims.json").read_text())
    seed = seeds / "001_a46b77040a673505.txt"
    lines = seed.read_text().split("\n\n", 1)
    seed.write_text(lines[0] + "\n\n" + NEW_QUOTE + lines[1])
    curated = seeds / "002_7c35e2db5e4d3bbd.yml"
    curated.write_text(curated.read_text().replace("opened on 5 March 2019.", "opened on 5 March 2019 (curated note edited).")
                       + "topics: [transparency-and-verification]\n")
    second = root / "second"
    result = build_site(seeds, second, "--strict")
    assert result.returncode == 0, result.stderr
    rebuilt = json.loads((second / "data/claims.json").read_text())
    assert len(rebuilt) == len(published) + 1 and any("Every audit we commission" in c["text"] for c in rebuilt)
    server, url = serve(second)
    yield published, url
    server.shutdown()


@pytest.fixture()
def reader(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900},
                                  permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    yield page
    context.close()


def test_every_published_claim_url_lands_on_the_same_words_after_the_seeds_change(reader, two_builds):
    published, url = two_builds
    missed = []
    for claim in published:
        reader.goto(f"{url}/{claim['url']}")
        landed = reader.evaluate(LANDED)
        in_view = landed["top"] is not None and 0 <= landed["top"] < 900
        if not (landed["words"] and same_words(landed["words"], claim["text"]) and in_view):
            missed.append((claim["url"], landed))
    assert missed == [] and reader.errors == []


def test_old_positional_links_land_on_the_same_words(reader, two_builds):
    _, url = two_builds
    ledger = yaml.safe_load((SEEDS / ".published-anchors.yml").read_text())["sources"]
    missed = []
    for slug, entries in ledger.items():
        for legacy, text in entries.items():
            reader.goto(f"{url}/sources/{slug}/#{legacy}")
            landed = reader.evaluate(LANDED)
            if not (landed["words"] and same_words(landed["words"], text) and 0 <= landed["top"] < 900):
                missed.append((slug, legacy, landed))
    assert missed == [] and sum(len(e) for e in ledger.values()) == 41


def test_old_link_scrolls_and_highlights_without_javascript(browser, two_builds):
    _, url = two_builds
    context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{url}/sources/huawei-ceo-on-the-company-s-commitment-to-security/#claim-6")
    mark = page.locator("#claim-6 ~ mark.cl-passage").first  # old #claim-7 (the quote's second part) sits beside it
    assert "There is absolutely no backdoor for our company" in mark.inner_text()
    assert mark.evaluate("e => getComputedStyle(e).backgroundColor") not in ("rgba(0, 0, 0, 0)", "transparent")
    assert 0 <= mark.bounding_box()["y"] < 900
    assert page.locator("#claim-6 ~ mark + a.cl-landing").first.is_visible()
    context.close()


def test_a_stale_content_anchor_with_the_same_first_words_still_lands(reader, two_builds):
    published, url = two_builds
    claim = next(c for c in published if "There is absolutely no backdoor" in c["text"])
    page, anchor = claim["url"].split("#")
    stale = anchor[:-6] + "000000"  # the words' hash changed (say, a comma the extraction now keeps)
    reader.goto(f"{url}/{page}#{stale}")
    landed = reader.evaluate(LANDED)
    assert same_words(landed["words"], claim["text"]) and 0 <= landed["top"] < 900


def test_landing_shows_whose_claim_with_a_link_back_to_its_card(reader, two_builds):
    published, url = two_builds
    claim = next(c for c in published if "There is absolutely no backdoor" in c["text"])
    reader.goto(f"{url}/{claim['url']}")
    (label,) = reader.evaluate(LANDED)["label"]
    text, href = label.split("|")
    assert text == "claim · Ren Zhengfei · 17 June 2019"
    anchor = claim["url"].split("#")[1]
    assert href == f"#{anchor}-card"
    reader.click("a.cl-landing >> visible=true")
    card = reader.locator(f"#{anchor}-card")
    assert 0 <= card.bounding_box()["y"] < 900 and "There is absolutely no backdoor" in card.inner_text()
    # the attribution sentence is in view with the passage: the passage sits below the top of the window
    reader.goto(f"{url}/{claim['url']}")
    assert reader.evaluate(LANDED)["top"] > 150


def test_cite_this_claim_copies_with_the_keyboard_and_shows_the_text_without_clipboard(reader, two_builds):
    published, url = two_builds
    claim = next(c for c in published if "There is absolutely no backdoor" in c["text"])
    page, anchor = claim["url"].split("#")
    reader.goto(f"{url}/{page}")
    card = reader.locator(f"#{anchor}-card")
    card.locator(".cl-cite > summary").focus()
    reader.keyboard.press("Enter")
    citation = card.locator("textarea.cl-cite-text")
    assert citation.is_visible()
    stop = "" if claim["text"].endswith((".", "!", "?", "…")) else "."  # a quote's own full stop ends it
    expected = (f"Ren Zhengfei (founder and CEO, Huawei): “{claim['text']}”{stop} In “Huawei CEO on the company's commitment "
                f"to security”, CGTN, published on 17 June 2019. {url}/{page}#{anchor}")
    assert citation.input_value() == expected
    button = card.locator("button.cl-copy")
    button.focus()
    reader.keyboard.press("Enter")
    reader.wait_for_function("document.querySelector('#%s-card .cl-copied').textContent !== ''" % anchor)
    assert reader.evaluate("navigator.clipboard.readText()") == expected
    assert card.locator(".cl-copied").inner_text() == "Copied."
