"""Saved web pages as seeds (`seeds/*.html`, `*.htm`): main text, page metadata with its
provenance, the original as inert text, nothing from the page live on the site.

The pages in tests/documents/html/ imitate the structure of saved news, government and
blog pages (navigation, cookie banner, JSON-LD, captions, related links, comments,
footer, scripts, an iframe, tracking pixels, <base>, meta refresh); their text is our
own. tests/documents/html/expected/NAME.txt is the text we wrote as each page's article.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import shutil
from pathlib import Path

import pytest

from build_scripts.config.vocabulary import load_vocabulary
from build_scripts.extract.corpus import convert_corpus
from build_scripts.extract.html import iso_date, read_page, strip_site_suffix
from build_scripts.extract.read import decode_seed
from conftest import build_site, run_cli
from html_tools import parse

PAGES = Path(__file__).parent / "documents" / "html"
TODAY = dt.date(2024, 1, 1)
NAMES = ("harbour-ledger.html", "ministry-release.html", "field-notes.htm")
TEXT_SEED = ('Acme pledges open audits\n\n"We will open every line of our code to auditors," said Jan Novak, '
             'chief executive of Acme.\n')

EXPECTED = {
    "harbour-ledger.html": dict(
        title="Corvel opens its router code to outside auditors", outlet="The Harbour Ledger",
        author="Priya Okonkwo", date="2021-03-04",
        url="https://www.harbourledger.example/tech/2021/03/corvel-router-code-audit"),
    "ministry-release.html": dict(
        title="Coastal councils to publish water-quality data every week", outlet="Department for Coastal Affairs",
        author="Department for Coastal Affairs press office", date="2022-11-09",
        url="https://coastal-affairs.gov.example/news/weekly-water-quality-data"),
    "field-notes.htm": dict(
        title="Why we stopped keeping visitors’ IP addresses", outlet="Field Notes", author="Lena Vogt",
        date="2020-06-16", url=None),
}
FROM_TEXT = {("field-notes.htm", "outlet")}  # the page declares none: its copyright line names it
FURNITURE = {  # text of each page that a reader would not call the article
    "harbour-ledger.html": ["Skip to main content", "We use cookies", "Accept all", "Subscribe", "Technology correspondent",
                            "Photograph", "Related stories", "Ferry operator", "Morning Ledger", "Most read",
                            "Swing bridge", "All rights reserved", "Privacy policy", "Share on social media",
                            "page script ran", "dataLayer"],
    "ministry-release.html": ["Cookies on this website", "Skip to main content", "Official website", "News and communications",
                              "Is this page useful", "Report a problem", "Related content", "Bathing water: a guide",
                              "Crown copyright", "open licence", "Share this page", "analyticsQueue"],
    "field-notes.htm": ["A small analytics company", "Archive", "Posted in", "4 Comments", "Moving our servers",
                        "thoughts on", "truncating the addresses", "narrows things down", "Recent posts",
                        "Proudly powered", "Enter your email", "_paq"],
}


def shingles(text: str, n: int = 4) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def body_f1(found: str, wanted: str) -> float:
    """F1 of the 4-word shingles (lower case, word tokens) of an extracted body against the
    intended article body."""
    a, b = shingles(found), shingles(wanted)
    if not a or not b:
        return 0.0
    common = len(a & b)
    return 0.0 if common == 0 else 2 * common / (len(a) + len(b))


@pytest.fixture(scope="module")
def vocab():
    return load_vocabulary()


@pytest.fixture(scope="module")
def corpus(vocab):
    seeds = {name: (PAGES / name).read_bytes() for name in NAMES}
    return convert_corpus(seeds, {}, vocab, TODAY)


def source_of(corpus, name):
    return next(s for s in corpus.sources if s.file == name)


def test_shingle_f1_on_hand_inputs():
    assert body_f1("one two three four five", "one two three four five") == 1.0
    assert body_f1("one two three four", "five six seven eight") == 0.0
    # 2 shingles found, 1 of them right, against 1 wanted: P 1/2, R 1/1
    assert body_f1("One two three four five", "one two three four") == pytest.approx(2 / 3)


@pytest.mark.parametrize("name", NAMES)
def test_metadata_comes_from_the_page_with_provenance_page(corpus, name):
    assert [p for p in corpus.problems if p.file == name and p.severity == "error"] == []
    source = source_of(corpus, name)
    wanted = EXPECTED[name]
    got = {key: getattr(source, key) for key in wanted}
    assert got == wanted
    for key, value in wanted.items():
        where = "extracted" if (name, key) in FROM_TEXT else "page"
        assert source.provenance.get(key) == (where if value else None), key
    assert source.date_precision == "day"


@pytest.mark.parametrize("name", NAMES)
def test_body_is_the_article_without_the_page_furniture(corpus, name):
    source = source_of(corpus, name)
    wanted = (PAGES / "expected" / (Path(name).stem + ".txt")).read_text(encoding="utf-8")
    f1 = body_f1(source.body, wanted)
    print(f"{name}: body F1 {f1:.3f}")
    assert f1 >= 0.95
    for furniture in FURNITURE[name]:
        assert furniture not in source.body, furniture
    assert source.body.split("\n\n")[0] != source.title  # the headline is the title, not body text
    assert [r.rule for r in source.removed] == ["title"]


def test_claims_are_extracted_from_the_page_text(corpus):
    ledger = source_of(corpus, "harbour-ledger.html")
    quote = next(c for c in ledger.claims if c.quote)
    assert quote.speaker == "Ines Marlow" and quote.text.startswith("Nothing we ship will contain a hidden way in")
    assert ledger.body[quote.start:quote.end].strip('"').startswith("Nothing we ship")
    release = source_of(corpus, "ministry-release.html")
    assert any(c.speaker == "Tomasz Reyes" and c.quote for c in release.claims)
    notes = source_of(corpus, "field-notes.htm")
    assert any(c.speaker == "Lena Vogt" and c.text.startswith("If we do not hold the data") for c in notes.claims)


def test_json_ld_article_beats_the_website_object_and_open_graph():
    page, problems = read_page("p.html", """<html><head>
        <title>Site title | Example Daily</title>
        <meta property="og:title" content="The OG headline">
        <meta property="og:site_name" content="Example Daily (OG)">
        <meta property="article:published_time" content="2020-02-02">
        <script type="application/ld+json">[{"@type": "WebSite", "name": "Example Daily website"},
          {"@type": ["NewsArticle"], "headline": "The JSON-LD headline", "datePublished": "2019-07",
           "dateModified": "2021-01-01", "author": [{"name": "A. Writer"}, {"name": "B. Writer"}, "https://x.example/c"],
           "publisher": {"@type": "Organization", "name": "Example Daily"}, "url": "javascript:alert(1)"}]</script>
        <script type="application/ld+json">{ not json</script>
        <link rel="canonical" href="https://example.com/a">
        </head><body><article><p>""" + "The article text is long enough to be the main text of this page. " * 5
        + "</p></article></body></html>")
    assert problems == []
    assert (page.title, page.outlet, page.author, page.date, page.date_precision, page.url) == (
        "The JSON-LD headline", "Example Daily", "A. Writer, B. Writer", "2019-07", "month", "https://example.com/a")
    assert page.sources["title"] == "JSON-LD headline" and page.sources["url"] == "canonical link"


def test_open_graph_and_title_fallbacks_and_no_unsafe_url():
    page, _ = read_page("p.html", """<html lang="de"><head><title>Der Titel – Beispielblatt</title>
        <meta property="og:site_name" content="Beispielblatt"><meta property="og:url" content="javascript:alert(1)">
        </head><body><main><p>""" + "Ein Absatz, der lang genug ist, um der Haupttext dieser Seite zu sein. " * 5
        + "</p></main></body></html>")
    assert (page.title, page.outlet, page.url, page.language) == ("Der Titel", "Beispielblatt", None, "de")


@pytest.mark.parametrize("value,expected", [
    ("2021-03-04T08:15:00+00:00", ("2021-03-04", "day")), ("2021-03-04", ("2021-03-04", "day")),
    ("2021-03", ("2021-03", "month")), ("2021", ("2021", "year")), ("2021-02-30", (None, None)),
    ("March 4, 2021", (None, None)), ("20210304", (None, None)),
])
def test_iso_dates(value, expected):
    assert iso_date(value) == expected


def test_site_suffix():
    assert strip_site_suffix("Headline here | The Outlet", "The Outlet") == "Headline here"
    assert strip_site_suffix("The Outlet - Headline here", "The Outlet") == "Headline here"
    assert strip_site_suffix("Headline: with a colon", "The Outlet") == "Headline: with a colon"
    assert strip_site_suffix("Headline – Blog", None, "Headline") == "Headline"
    assert strip_site_suffix("Headline – Blog", None, None) == "Headline – Blog"


def test_curated_values_win_over_the_page_and_a_contradiction_warns(vocab):
    seeds = {"harbour-ledger.html": (PAGES / "harbour-ledger.html").read_bytes()}
    curated = {"harbour-ledger.yml": b"outlet: Ledger Weekly\ndate: 2021-03-05\nurl: https://example.org/x\n"}
    corpus = convert_corpus(seeds, curated, vocab, TODAY)
    [source] = corpus.sources
    assert (source.outlet, source.date, source.url) == ("Ledger Weekly", "2021-03-05", "https://example.org/x")
    assert {k: source.provenance[k] for k in ("outlet", "date", "url", "title", "author")} == {
        "outlet": "curated", "date": "curated", "url": "curated", "title": "page", "author": "page"}
    warnings = [str(p) for p in corpus.warnings]
    assert any("curated outlet 'Ledger Weekly' contradicts" in w and "'The Harbour Ledger'" in w for w in warnings)
    assert any("curated date '2021-03-05' contradicts" in w for w in warnings)


def test_a_page_without_metadata_falls_back_to_the_text_rules(vocab):
    page = ("<html><body><div><p>Published: 5 March 2019</p><p>"
            + "Acme said it would open its code to auditors from the spring onwards, for everyone. " * 4
            + "</p></div></body></html>").encode()
    corpus = convert_corpus({"bare.html": page}, {}, vocab, TODAY)
    [source] = corpus.sources
    assert source.provenance["title"] == "fallback" and "page" not in source.provenance.values()  # no headline
    assert source.outlet is None and source.url is None  # never guessed


def test_what_the_metadata_lacks_is_read_from_the_visible_text(vocab):
    page = ("<html><head><title>Acme opens its code</title></head><body><header><p>Acme Newsroom</p></header>"
            "<article><h1>Acme opens its code</h1><p>By Jan Novak</p><p>Published: 5 March 2019</p><p>"
            + "Acme said it would open its code to auditors from the spring onwards, for everyone. " * 4
            + "</p></article><footer><p>© 2019 Harbour Daily</p></footer></body></html>").encode()
    corpus = convert_corpus({"copy.html": page}, {}, vocab, TODAY)
    [source] = corpus.sources
    assert (source.title, source.date, source.outlet) == ("Acme opens its code", "2019-03-05", "Harbour Daily")
    assert source.provenance["title"] == "page"
    assert source.provenance["date"] == source.provenance["outlet"] == "extracted"
    assert "Published" not in source.body and "Harbour Daily" not in source.body


def test_a_future_page_date_is_left_out_with_a_warning(vocab):
    page = ('<html><head><meta property="article:published_time" content="2031-05-05"></head><body><article><p>'
            + "Acme said it would open its code to auditors from the spring onwards, for everyone. " * 4
            + "</p></article></body></html>").encode()
    corpus = convert_corpus({"future.html": page}, {}, vocab, TODAY)
    [source] = corpus.sources
    assert source.date is None
    assert [str(p) for p in corpus.warnings if "after today" in str(p)] == [
        "future.html: warning: date '2031-05-05' read from the page's metadata is after today: left out "
        "(a curated 'date' can set the right one)"]


def test_meta_charset_is_honoured_and_a_wrong_one_warns():
    seed, problems = decode_seed("field-notes.htm", (PAGES / "field-notes.htm").read_bytes())
    assert (seed.encoding, problems) == ("cp1252", [])
    assert "visitors’ IP addresses" in seed.text and "“If we do not hold the data" in seed.text
    latin = '<meta charset="iso-8859-1"><p>caf\xe9 \x93ok\x94</p>'.encode("latin-1")
    seed, problems = decode_seed("a.html", latin)
    assert seed.text.endswith("café “ok”</p>") and seed.encoding == "cp1252" and problems == []
    seed, problems = decode_seed("a.txt", latin)  # a text seed never reads a meta tag
    assert seed.encoding == "cp1252" and "charset-normalizer" in str(problems[0])
    wrong = '<meta charset="utf-16"><p>caf\xe9</p>'.encode("latin-1")  # a UTF name: UTF-8 is tried, then detection
    seed, problems = decode_seed("b.html", wrong)
    assert seed is not None and "café" in seed.text
    lying = '<meta charset="shift_jis"><p>\x82\xa0 \x82</p>'.encode("latin-1")
    seed, problems = decode_seed("c.html", lying)
    assert str(problems[0]) == "c.html: warning: declares charset shift_jis but is not valid shift_jis: decoded without it"


@pytest.mark.parametrize("content,message", [
    (b"", "empty file"),
    (b"<html><head><title>Nothing</title></head><body></body></html>", "no article text found in the page"),
    (b"<html><body><nav><a href='/'>Home</a></nav></body></html>", "no article text found in the page"),
    (b"<!-- only a comment -->", "not an HTML page: no element could be parsed"),
    (b"<?xml version='1.0' encoding='utf-8'?>", "not an HTML page: no element could be parsed"),
    (b"<html>\x00\x01\x02</html>", "NUL byte"),
])
def test_broken_or_empty_pages_are_one_line_errors(tmp_path, content, message):
    folder = tmp_path / "seeds"
    folder.mkdir()
    (folder / "bad.html").write_bytes(content)
    (folder / "good.txt").write_text(TEXT_SEED)
    result = run_cli("check", "--seeds", str(folder))
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    lines = [line for line in (result.stdout + result.stderr).splitlines() if line.startswith("bad.html")]
    assert len(lines) == 1 and message in lines[0], result.stdout + result.stderr


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("html-seeds")
    folder = root / "seeds"
    folder.mkdir()
    for name in NAMES:
        shutil.copy(PAGES / name, folder / name)
    (folder / "acme.txt").write_text(TEXT_SEED)
    site = root / "site"
    result = build_site(folder, site, "--strict")
    assert result.returncode == 0, result.stderr
    return folder, site


def test_the_built_site_serves_the_original_only_as_text(built):
    folder, site = built
    records = {r["file"]: r for r in json.loads((site / "data/sources.json").read_text())}
    seed_bytes = {(folder / name).read_bytes() for name in NAMES}
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".htm"):
            assert path.read_bytes() not in seed_bytes, path
            assert path.name not in NAMES
    for name in NAMES:
        record = records[name]
        page = (site / record["url"] / "index.html").read_text()
        original = site / record["url"] / "original.html.txt"
        assert original.read_bytes() == (folder / name).read_bytes()
        assert hashlib.sha256(original.read_bytes()).hexdigest() == record["sha256"] in page
        assert 'href="original.html.txt" type="text/plain" download' in page
        assert not (site / record["url"] / "original.txt").exists()
    assert (site / records["acme.txt"]["url"] / "original.txt").exists()


def test_nothing_from_a_page_runs_or_loads_on_the_site(built):
    _, site = built
    for page in site.rglob("*.html"):
        content = page.read_text()
        doc = parse(content)
        for tag, attrs in doc.elements:
            assert tag not in ("iframe", "base", "object", "embed", "input" if "name" in attrs and attrs["name"] == "email" else ""), (page, tag, attrs)
            assert tag != "form" or "action" not in attrs, (page, tag, attrs)  # Material's own forms have none
            if tag == "meta":
                assert (attrs.get("http-equiv") or "").lower() != "refresh", (page, attrs)
            assert not any(k.startswith("on") for k in attrs), (page, tag, attrs)
            for key in ("href", "src", "action", "srcset", "content"):
                value = attrs.get(key) or ""
                assert "tracker.invalid" not in value and "img.harbourledger" not in value, (page, tag, attrs)
                if tag in ("img", "script", "link") and key in ("src", "href", "srcset"):
                    assert not re.match(r"(?i)\s*(https?:)?//", value), (page, tag, attrs)
        for script in doc.scripts:
            assert "alert(" not in script and "dataLayer" not in script and "_paq" not in script, page
        assert "tracker.invalid" not in "".join(doc.text) or "original" in page.name, page


def test_the_source_page_shows_the_escaped_article_text_and_claims(built):
    _, site = built
    record = next(r for r in json.loads((site / "data/sources.json").read_text()) if r["file"] == "harbour-ledger.html")
    page = (site / record["url"] / "index.html").read_text()
    article = page[page.index('class="cl-article"'):]
    assert "Corvel Systems, which builds routers for regional internet providers" in article
    assert "&quot;Nothing we ship will contain a hidden way in" in article
    assert "Photograph: Ledger picture desk" not in page and "Most read" not in page
    assert 'class="cl-claim"' in page and "Ines Marlow" in page
    assert 'cl-prov-page" title="from the page\'s metadata">page metadata</span>' in page


def test_two_builds_with_pages_are_byte_identical(built, tmp_path):
    folder, site = built
    again = tmp_path / "site"
    assert build_site(folder, again, "--strict").returncode == 0
    files = sorted(p.relative_to(site) for p in site.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    assert [str(p) for p in files if (site / p).read_bytes() != (again / p).read_bytes()] == []


def test_clean_and_explain_read_a_page_as_its_conversion_does():
    result = run_cli("clean", str(PAGES / "harbour-ledger.html"))
    assert result.returncode == 0, result.stderr
    wanted = (PAGES / "expected" / "harbour-ledger.txt").read_text(encoding="utf-8")
    assert result.stdout.strip() == wanted.strip()
    result = run_cli("check", "--seeds", str(PAGES), "--explain", "harbour-ledger.html")
    assert "harbour-ledger.html:1: title: Corvel opens its router code to outside auditors" in result.stdout
    assert "<script" not in result.stdout


def test_a_text_and_a_page_with_one_name_cannot_share_a_curated_file(vocab):
    page = (PAGES / "ministry-release.html").read_bytes()
    corpus = convert_corpus({"a.html": page, "a.txt": TEXT_SEED.encode()}, {"a.yml": b"outlet: X\n"}, vocab, TODAY)
    assert "a.yml: matches more than one seed (a.html, a.txt): rename one" in [str(p) for p in corpus.errors]
    assert len({s.slug for s in corpus.sources}) == 2
