"""Nothing from a seed or a curated file is live in the built files: every title, meta,
Open Graph and JSON-LD value reads back as the exact text (escaped once, not twice), the
search indexes hold it as text, feed.xml and sitemap.xml are well-formed XML whatever
characters a title holds, and the CSV download cannot run as a spreadsheet formula.

The hostile corpus is shared with tests/test_inert_browser.py."""

from __future__ import annotations

import csv
import html
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import build_site
from html_tools import parse

# Running any payload sets the page title to OW+NED; the words themselves never spell it.
SIGNAL = "document.title='OW'+'NED'"
OWNED = "OWNED"

EXTRACTED_TITLE = f"""<img src=x onerror="alert(1);{SIGNAL}"> Quorvex pledges open firmware audits"""
BYLINE_AUTHOR = f"Wenna Dask, <svg/onload={SIGNAL}>"
BYLINE_NAME = "Wenna Dask"  # what follows a comma in a by-line is an outlet or a role, not the author
QUORVEX = f"""{EXTRACTED_TITLE}
By {BYLINE_AUTHOR}
Published 4 March 2021

"We will open every line of our firmware to outside auditors," said Tomas Brel, chief executive of Quorvex.

Brel said the first audit would begin in the spring, and that auditors could publish what they found.
"""

CLAIM_TEXT = "We will never hide a flaw from the auditors of <img src=x onerror=alert(9)> Vantrel"
VANTREL = f"""Vantrel promises to publish its audit results

"{CLAIM_TEXT}," said Rusk Oyelaran, head of audits at Vantrel.

Oyelaran added that every finding would be published within a month of the audit.
"""
CURATED = {
    "title": f"""Vantrel "promise" & <script>alert(2);{SIGNAL}</script> AT&T Zelquist pledge""",
    "outlet": f"""<img src=x onerror="alert(3);{SIGNAL}"> Ledger Gazette""",
    "author": f"""\"><svg onload="alert(4);{SIGNAL}"> Ilse Marr""",
    "via": f"</title><script>alert(5);{SIGNAL}</script> Wire Service",
    "speaker": f"Rusk <img src=x onerror=\"alert(6);{SIGNAL}\"> Oyelaran",
    "role": f"<b onmouseover=\"alert(7);{SIGNAL}\">head</b> of audits",
    "organisation": f"""'><iframe srcdoc="<script>alert(8)</script>"></iframe> Vantrel & Sons""",
    "claim_speaker": f"Kesh <svg onload=\"alert(10);{SIGNAL}\"> Varo",
}
VANTREL_YML = f"""title: {json.dumps(CURATED["title"])}
date: 2021-05-06
outlet: {json.dumps(CURATED["outlet"])}
author: {json.dumps(CURATED["author"])}
via: {json.dumps(CURATED["via"])}
speakers:
  - name: {json.dumps(CURATED["speaker"])}
    role: {json.dumps(CURATED["role"])}
    organisation: {json.dumps(CURATED["organisation"])}
claims:
  - text: {json.dumps(CLAIM_TEXT)}
    speaker: {json.dumps(CURATED["speaker"])}
    quote: true
  - text: "every finding would be published within a month of the audit"
    speaker: {json.dumps(CURATED["claim_speaker"])}
    quote: false
"""

# Characters XML 1.0 forbids, in a curated title, outlet, speaker and claim (YAML escapes).
FORMULAS = """Tallow Mills vows to label every sensor

"We will label every sensor we ship before the end of the year," said Petra Ulm, director of Tallow Mills.

=1+2 is the formula Ulm gave. +7 more sensors. -3 fewer faults. @SUM all of it.
"""
FORMULAS_YML = r"""title: "Tallow\x01 Mills\x0b sensor \uFFFE pledge \uFFFF"
date: 2021-07-08
outlet: "Tick\x01er \uFFFF Daily"
claims:
  - {text: "=1+2 is the formula Ulm gave", speaker: "=HYPERLINK(\"http://evil.example\",\"Ulm\")", quote: false}
  - {text: "+7 more sensors", speaker: "+Petra Ulm", quote: false}
  - {text: "-3 fewer faults", speaker: "-Petra Ulm", quote: false}
  - {text: "@SUM all of it", speaker: "@Petra Ulm", quote: false}
  - {text: "\tWe will label every sensor", speaker: "\tPetra\x01 Ulm", quote: false}
  - {text: "\rWe will label every sensor we ship", speaker: "\rPetra Ulm", quote: false}
"""

CORPUS = {
    "quorvex.txt": QUORVEX,
    "vantrel.txt": VANTREL,
    "vantrel.yml": VANTREL_YML,
    "formulas.txt": FORMULAS,
    "formulas.yml": FORMULAS_YML,
}
SEARCH_WORDS = ["Quorvex", "Zelquist", "Oyelaran", "Gazette", "Varo"]  # each hits a payload-bearing title
XML_FORBIDDEN = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def write_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in CORPUS.items():
        (folder / name).write_text(content, encoding="utf-8")
    return folder


def built(tmp_path_factory, name: str, *extra: str) -> Path:
    base = tmp_path_factory.mktemp(name)
    out = base / "site"
    result = build_site(write_corpus(base / "seeds"), out, *extra)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return out


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return built(tmp_path_factory, "inert")


def records(site: Path, name: str) -> list[dict]:
    return json.loads((site / "data" / name).read_text(encoding="utf-8"))


def source_page(site: Path, file: str) -> tuple[dict, str]:
    record = next(r for r in records(site, "sources.json") if r["file"] == file)
    return record, (site / record["url"] / "index.html").read_text(encoding="utf-8")


def metas(doc) -> dict[str, str]:
    return {(a.get("name") or a.get("property")): a.get("content") for tag, a in doc.elements
            if tag == "meta" and (a.get("name") or a.get("property"))}


def text_of(page: str, start: str, end: str) -> str:
    """The text between two markers of a page, tags dropped and entities read."""
    inner = page.split(start, 1)[1].split(end, 1)[0]
    return html.unescape(re.sub(r"<[^>]+>", "", inner)).strip()


def test_no_element_from_the_corpus_in_any_page(site):
    pages = list(site.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        doc = parse(page.read_text(encoding="utf-8"))
        for tag, attrs in doc.elements:
            assert tag not in ("img", "iframe", "b"), (page, tag, attrs)
            assert not any(k.startswith("on") for k in attrs), (page, tag, attrs)
        for script in doc.scripts:
            assert "alert(" not in script or script.lstrip().startswith("{"), page


@pytest.mark.parametrize("file,title,author", [
    ("quorvex.txt", EXTRACTED_TITLE, BYLINE_NAME),
    ("vantrel.txt", CURATED["title"], CURATED["author"]),
])
def test_head_values_read_back_as_the_exact_text(site, file, title, author):
    record, page = source_page(site, file)
    doc = parse(page)
    head = metas(doc)
    assert text_of(page, "<title>", "</title>") == f"{title} - claimline"
    assert head["author"] == author
    assert head["og:title"] == title
    assert record["claim"] in head["description"] and record["speaker"] in head["description"]
    assert record["claim"] in head["og:description"]
    assert text_of(page, "<h1>", "</h1>") == title
    assert text_of(page, 'data-md-component="header-topic">', "</div>") == title
    ld = json.loads(next(s for s in doc.scripts if '"@context"' in s))
    assert ld["headline"] == title and ld.get("author", {}).get("name") == author
    assert {c["text"] for c in ld["hasPart"]} == {c["text"] for c in records(site, "claims.json")
                                                   if c["source_file"] == file}


def test_curated_fields_read_back_as_the_exact_text_on_every_page_type(site):
    record, page = source_page(site, "vantrel.txt")
    facts = text_of(page, '<dl class="cl-facts">', "</dl>")
    for field in ("outlet", "via", "speaker", "role", "organisation"):
        assert CURATED[field] in facts, field
    ld = json.loads(next(s for s in parse(page).scripts if '"@context"' in s))
    assert ld["publisher"]["name"] == CURATED["outlet"]
    for entry in ("outlets", "speakers"):
        found = {}
        for path in (site / entry).glob("*/index.html"):
            page = path.read_text(encoding="utf-8")
            title = text_of(page, "<title>", "</title>").removesuffix(" - claimline")
            found[title] = metas(parse(page))["description"]
        wanted = [CURATED["outlet"]] if entry == "outlets" else [CURATED["speaker"], CURATED["claim_speaker"]]
        assert set(wanted) <= set(found), (entry, found)
        assert all(name in found[name] for name in wanted), found


MATERIAL_KEEPS = {"p", "code", "pre", "li", "ol", "ul", "sub", "sup"}  # the only tags its index writes


def search_docs(site: Path, offline: bool = False) -> list[dict]:
    if not offline:
        return json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    script = (site / "search/search_index.js").read_text(encoding="utf-8")
    return json.loads(script[script.index("{"): script.rindex("}") + 1])["docs"]


def assert_search_index_is_text(docs: list[dict]) -> None:
    """Material's search box puts `title` and `text` in with innerHTML: they must hold
    escaped text and only the tags Material itself keeps."""
    titles = []
    for doc in docs:
        for field in ("title", "text"):
            parsed = parse(doc[field])
            assert {tag for tag, _ in parsed.elements} <= MATERIAL_KEEPS, (field, doc[field])
        titles.append(html.unescape(doc["title"]))
    for title in (EXTRACTED_TITLE, CURATED["title"], CURATED["outlet"], CURATED["speaker"]):
        assert title in titles, title


def test_material_search_index_holds_text(site):
    assert_search_index_is_text(search_docs(site))


def test_offline_copy_search_index_and_pages_hold_text(tmp_path_factory):
    offline = built(tmp_path_factory, "inert-offline", "--offline")
    assert_search_index_is_text(search_docs(offline, offline=True))
    for page in offline.rglob("*.html"):
        for tag, attrs in parse(page.read_text(encoding="utf-8")).elements:
            assert tag not in ("img", "iframe") and not any(k.startswith("on") for k in attrs), (page, tag)


def test_feed_and_sitemap_are_well_formed_and_keep_the_text(site):
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ET.fromstring((site / "feed.xml").read_bytes())
    ET.fromstring((site / "sitemap.xml").read_bytes())
    sources = {r["title"]: r for r in records(site, "sources.json")}
    hostile = [t for t in sources if XML_FORBIDDEN.search(t)]
    assert hostile, "the corpus must put characters XML forbids in a title"
    entries = {e.find(f"{atom}title").text: e for e in feed.findall(f"{atom}entry")}
    for title, record in sources.items():
        entry = entries[XML_FORBIDDEN.sub("", title)]
        if record["outlet"]:
            assert entry.find(f"{atom}author/{atom}name").text == XML_FORBIDDEN.sub("", record["outlet"])
        assert XML_FORBIDDEN.sub("", record["claim"]) in entry.find(f"{atom}summary").text
    assert EXTRACTED_TITLE in entries and CURATED["title"] in entries


def spreadsheet_cell(value: str) -> str:
    """OWASP's CSV injection rule: a cell a spreadsheet would read as a formula starts with a quote."""
    return "'" + value if value.startswith(FORMULA_START) else value


def test_csv_cells_cannot_start_a_formula_and_json_keeps_the_exact_text(site):
    claims = records(site, "claims.json")
    with (site / "data/claims.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(claims)
    starts = {c["text"][0] for c in claims} | {c["speaker"][0] for c in claims}
    assert set(FORMULA_START) <= starts, "the corpus must hold every formula start"
    for claim, row in zip(claims, rows):
        expected = {**claim, "topics": " ".join(claim["topics"]), "quote": str(claim["quote"]).lower()}
        for column, cell in row.items():
            value = "" if expected[column] is None else str(expected[column])
            assert cell == spreadsheet_cell(value), (column, cell, value)
            assert not cell.startswith(FORMULA_START), (column, cell)
