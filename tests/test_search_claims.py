"""Search finds claims: in both engines every claim is a result of its own (its words, who
said them, when, where) linked to its passage; speaker:/outlet:/topic:/year: filters and
"quoted phrases" typed in the box; excerpts whose labels do not run together."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from conftest import SEEDS, build_site, serve

playwright = pytest.importorskip("playwright.sync_api")

RESULT = ".md-search-result__item"


def claims(site: Path) -> list[dict]:
    return json.loads((site / "data/claims.json").read_text(encoding="utf-8"))


def material_docs(site: Path) -> list[dict]:
    return json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]


def shown(claim: dict) -> str:
    return f"“{claim['text']}”" if claim["quote"] else claim["text"]


# ---- the built index ---------------------------------------------------------------------

def test_materials_index_has_one_document_per_claim_at_its_passage(site):
    docs = {d["location"]: d for d in material_docs(site)}
    for claim in claims(site):
        doc = docs[claim["url"]]
        assert html.unescape(doc["title"]) == shown(claim)
        speaker, date, outlet, *topics = (html.unescape(t) for t in doc["tags"])
        assert (speaker, outlet) == (claim["speaker"], claim["outlet"] or "unknown outlet")
        assert date.startswith(("said ", "published ", "undated"))
        assert claim["said_on"] is None or date.startswith("said ")
    assert len([d for d in docs if "#claim-" in d]) == len(claims(site))


def test_materials_index_holds_no_badges_claim_cards_or_table_headings(site):
    """The labels that ran into the text ('extractedTitle', 'DateClaimOutletSource') are
    left out of the page's text; the claims are documents of their own."""
    for doc in material_docs(site):
        if "#claim-" in doc["location"] or not doc["location"].startswith(("sources/", "speakers/")):
            continue
        text = html.unescape(re.sub(r"<[^>]+>", " ", doc["text"]))
        assert not re.search(r"\b(extracted|curated)\b", text), (doc["location"], text[:200])
        assert "Said / published" not in text and "Cite this claim" not in text, doc["location"]


def test_table_cells_are_separate_words_in_materials_index(site):
    """Every pair of neighbouring cells of the speakers table is indexed with a space
    between them, never run together."""
    page = (site / "speakers/index.html").read_text(encoding="utf-8")
    [entry] = [d for d in material_docs(site) if d["location"] == "speakers/"]
    indexed = html.unescape(entry["text"])
    rows = re.findall(r"<tr>(.*?)</tr>", page.split("<tbody>", 1)[1], flags=re.S)
    assert rows
    for row in rows:
        cells = [html.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        for left, right in zip(cells, cells[1:]):
            assert f"{left} {right}" in indexed, (left, right)


# ---- in the browser, both engines --------------------------------------------------------

@pytest.fixture(scope="module")
def engines(site, site_url, tmp_path_factory):
    """Material's search (the shipped site) and Pagefind (the same seeds, forced on)."""
    out = tmp_path_factory.mktemp("claims-pagefind") / "site"
    result = build_site(SEEDS, out, "--option", "pagefind_from=1")
    assert result.returncode == 0, result.stderr
    server, pagefind_url = serve(out)
    yield {"material": site_url, "pagefind": pagefind_url}
    server.shutdown()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.errors = []
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.on("console", lambda m: pg.errors.append(m.text) if m.type == "error" else None)
    yield pg
    context.close()


def ask(pg, query: str) -> str:
    """Type QUERY into the box as a reader does and wait until the results say how many; the count line."""
    pg.click("input.md-search__input")
    pg.fill("input.md-search__input", "")
    pg.keyboard.type(query, delay=10)
    pg.wait_for_function("q => document.querySelector('.md-search__input').value === q && "
                         "/match/i.test(document.querySelector('.md-search-result__meta').textContent)", arg=query)
    pg.wait_for_timeout(600)  # both engines answer every key: let the last answer land
    return pg.inner_text(".md-search-result__meta")


def results(pg) -> list[dict]:
    """Each result (scrolled down until no more load; both engines show ten at first): its
    heading, its chips (speaker, date, outlet…) and its link."""
    count = -1
    while (now := pg.locator(RESULT).count()) != count:
        count = now
        pg.eval_on_selector(".md-search__scrollwrap", "e => { e.scrollTop = e.scrollHeight; e.dispatchEvent(new Event('scroll')); }")
        pg.wait_for_timeout(400)
    return pg.eval_on_selector_all(RESULT, """items => items.map(li => {
        const link = li.querySelector('.md-search-result__link');
        return {heading: link.querySelector('h1').textContent.trim(), href: link.href,
                chips: [...link.querySelectorAll('.md-tag')].map(t => t.textContent.trim())};
    })""")


def claim_results(pg) -> list[dict]:
    return [r for r in results(pg) if "#claim-" in r["href"]]


def phrase_claim(site: Path) -> dict:
    """A quoted claim and four of its words, in order, found in no other claim."""
    every = claims(site)
    for claim in every:
        words = re.findall(r"[A-Za-z]+", claim["text"])
        for i in range(len(words) - 3):
            phrase = " ".join(words[i:i + 4])
            if claim["quote"] and sum(phrase.lower() in c["text"].lower() for c in every) == 1:
                return {**claim, "phrase": phrase}
    raise AssertionError("no distinctive phrase in the shipped seeds")


@pytest.mark.parametrize("engine", ["material", "pagefind"])
def test_quoted_phrase_finds_the_claim_showing_who_when_where_and_lands_on_its_passage(page, site, engines, engine):
    claim = phrase_claim(site)
    page.goto(engines[engine] + "/")
    ask(page, f'"{claim["phrase"]}"')
    found = [r for r in claim_results(page) if urlparse(r["href"]).fragment == claim["url"].split("#")[1]]
    assert found, results(page)
    [result] = found
    assert claim["phrase"].lower() in result["heading"].lower()
    assert result["heading"].startswith("“")  # a direct quote is shown as one
    assert result["chips"][0] == claim["speaker"] and claim["outlet"] in result["chips"]
    assert re.match(r"(said|published) .*\d{4}$", result["chips"][1]), result["chips"]
    ARTIFACTS = Path(__file__).parent / "artifacts"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"search-claims-{engine}.png"))
    page.locator(f'{RESULT} > .md-search-result__link[href*="#{claim["url"].split("#")[1]}"]').click()
    page.wait_for_load_state()
    anchor = unquote(urlparse(page.url).fragment)
    assert urlparse(page.url).path.rstrip("/").endswith(claim["url"].split("#")[0].rstrip("/"))
    assert anchor == claim["url"].split("#")[1]
    page.wait_for_selector(f'mark.cl-passage.cl-active[data-claim="{anchor}"]')
    assert not page.errors, page.errors


@pytest.mark.parametrize("engine", ["material", "pagefind"])
def test_words_out_of_order_are_not_the_quoted_phrase(page, site, engines, engine):
    claim = phrase_claim(site)
    first, second, *rest = claim["phrase"].split()
    page.goto(engines[engine] + "/")
    ask(page, f'"{" ".join([second, first, *rest])}"')
    assert claim["url"].split("#")[1] not in " ".join(r["href"] for r in results(page))


@pytest.mark.parametrize("engine", ["material", "pagefind"])
def test_speaker_filter_lists_exactly_that_speakers_claims(page, site, engines, engine):
    by_speaker: dict[str, list[dict]] = {}
    for claim in claims(site):
        by_speaker.setdefault(claim["speaker"], []).append(claim)
    # A family name that also begins another speaker's name ('Hua', 'Huawei'): whole words win.
    name, family = next((n, n.split()[-1]) for n in sorted(by_speaker) if " " in n and 1 < len(by_speaker[n]) <= 10
                        and any(o != n and o.lower().startswith(n.split()[-1].lower()) for o in by_speaker))
    expected = {c["url"].split("#")[1] for c in by_speaker[name]}
    page.goto(engines[engine] + "/")
    meta = ask(page, f"speaker:{family.lower()}")
    listed = results(page)
    assert listed and all("#claim-" in r["href"] for r in listed), listed
    assert {urlparse(r["href"]).fragment for r in listed} == expected
    assert all(family in r["chips"][0] for r in listed)
    assert str(len(expected)) in meta or (len(expected) == 1 and "1 " in meta)


@pytest.mark.parametrize("engine", ["material", "pagefind"])
def test_a_filter_value_without_a_whole_word_match_takes_word_beginnings(page, site, engines, engine):
    every = claims(site)
    name = next(c["speaker"] for c in every if " " in c["speaker"] and len(c["speaker"].split()[-1]) > 5)
    start = name.split()[-1][:4].lower()
    words = {w.lower() for c in every for w in re.findall(r"\w+", c["speaker"])}
    assert start not in words
    expected = {c["url"].split("#")[1] for c in every if any(w.lower().startswith(start) for w in c["speaker"].split())}
    page.goto(engines[engine] + "/")
    ask(page, f"speaker:{start}")
    assert {urlparse(r["href"]).fragment for r in results(page)} == expected


@pytest.mark.parametrize("engine", ["material", "pagefind"])
def test_filters_combine_with_words_and_an_unknown_value_finds_nothing(page, site, engines, engine):
    every = claims(site)
    claim = next(c for c in every if c["topics"] and c["date"])
    year = (claim["said_on"] or claim["date"])[:4]
    outlet = claim["outlet"]
    expected = {c["url"].split("#")[1] for c in every
                if c["outlet"] == outlet and (c["said_on"] or c["date"] or "")[:4] == year}
    page.goto(engines[engine] + "/")
    ask(page, f'outlet:"{outlet}" year:{year}')
    assert {urlparse(r["href"]).fragment for r in results(page)} == expected
    meta = ask(page, "outlet:zzqx-no-such-outlet")
    assert results(page) == [] and meta.startswith("No matching")
