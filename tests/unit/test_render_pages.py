"""render/pages.py: a source's page, its front matter and its anchored claim passages."""

from __future__ import annotations

import frontmatter

from build_scripts.catalogue import build_catalogue
from build_scripts.model import Claim, RemovedLine
from build_scripts.render.markup import Links
from build_scripts.render.pages import (claim_html, front_matter, original_path, outlet_link, render_source_page,
                                        speaker_link)
from handmade import BODY, QUOTE, REPORTED, corpus, source

HTML_START, HTML_END = "<!-- claimline:html -->", "<!-- /claimline:html -->"


def page_of(src, *others):
    return render_source_page(src, build_catalogue(corpus(src, *others)), Links())


def section(page: str, heading: str) -> str:
    """The HTML block under a `## heading` of a rendered page."""
    block = page.split(f"## {heading}\n\n", 1)[1].split("\n\n## ", 1)[0]
    assert block.startswith(HTML_START) and block.rstrip("\n").endswith(HTML_END)
    return block.rstrip("\n")[len(HTML_START):-len(HTML_END)]


def test_front_matter_is_the_machine_readable_record():
    src = source()
    assert front_matter(src) == {
        "title": "Title of a.txt",
        "date": "2019-03-05",
        "date_precision": "day",
        "date_note": None,
        "claim": "We build no backdoor",
        "speaker": "Jan Novak",
        "outlet": "Daily Ledger",
        "via": None,
        "author": "Ann Lee",
        "url": None,
        "speakers": [{"name": "Jan Novak", "kind": "person", "role": "chief executive", "organisation": "Acme",
                      "provenance": "extracted"}],
        "claims": [
            {"id": "claim-1", "text": "We build no backdoor", "speaker": "Jan Novak", "quote": True,
             "topics": ["no-backdoors"], "provenance": "extracted"},
            {"id": "claim-2", "text": "Novak said the firm protects privacy.", "speaker": "Jan Novak",
             "quote": False, "topics": ["privacy"], "provenance": "extracted"},
        ],
        "topics": ["no-backdoors", "privacy"],
        "source": {"file": "a.txt", "sha256": src.sha256, "bytes": src.size, "encoding": "utf-8"},
        "provenance": {"date": "extracted", "outlet": "curated", "title": "extracted"},
        "description": "Jan Novak: “We build no backdoor”",
    }


def test_description_marks_only_a_quote_shortens_and_falls_back_to_title_and_outlet():
    def description(src):
        return front_matter(src)["description"]

    assert description(source(headline=1)) == "Jan Novak: Novak said the firm protects privacy."
    assert description(source(claims=(), headline=None)) == "Title of a.txt (Daily Ledger)"
    assert description(source(claims=(), headline=None, outlet=None)) == "Title of a.txt (unknown outlet)"
    long = Claim("x" * 300, "Jan Novak", True)
    assert description(source(claims=(long,), headline=0)) == "Jan Novak: “" + "x" * 239


def test_page_front_matter_reads_back_as_the_record():
    src = source(title="A: 'quoted' — title", via="Reuters")
    post = frontmatter.loads(page_of(src))
    assert post.metadata == front_matter(src)


def test_page_sections_in_order():
    page = frontmatter.loads(page_of(source())).content
    assert [line for line in page.split("\n") if line.startswith("## ")] == [
        "## Claims", "## Article text", "## Original", "## Related sources"]


def test_article_marks_each_claims_passage_with_its_anchor():
    assert section(page_of(source()), "Article text") == (
        '<div class="cl-article"><p><mark id="claim-1" tabindex="-1" class="cl-passage" data-claim="1">'
        "&quot;We build no backdoor,&quot;</mark> said Jan Novak.</p>"
        '<p><mark id="claim-2" tabindex="-1" class="cl-passage" data-claim="2">'
        "Novak said the firm protects privacy.</mark></p></div>")


def test_passage_over_a_paragraph_break_is_marked_in_each_paragraph_anchor_on_the_first():
    across = Claim("both", "Jan Novak", True, 1, 60)
    assert section(page_of(source(claims=(across,), headline=0)), "Article text") == (
        '<div class="cl-article"><p>&quot;<mark id="claim-1" tabindex="-1" class="cl-passage" data-claim="1">'
        "We build no backdoor,&quot; said Jan Novak.</mark></p>"
        '<p><mark class="cl-passage" data-claim="1">Novak said the firm</mark> protects privacy.</p></div>')


def test_overlapping_passage_gets_an_anchor_only_and_a_missing_one_nothing():
    inner = Claim("no backdoor", "Jan Novak", True, 10, 21)
    missing = Claim("never said", "Jan Novak", True, None, None, (), "curated")
    article = section(page_of(source(claims=(QUOTE, inner, missing), headline=0)), "Article text")
    assert article == (
        '<div class="cl-article"><p><mark id="claim-1" tabindex="-1" class="cl-passage" data-claim="1">'
        '&quot;We build no backdoor,&quot;</mark><span id="claim-2" class="cl-anchor"></span> said Jan Novak.</p>'
        "<p>Novak said the firm protects privacy.</p></div>")


def test_claims_list_says_kind_provenance_and_where_the_passage_is():
    missing = Claim("never said", "Jan Novak", False, None, None, (), "curated")
    claims = section(page_of(source(claims=(missing,), headline=0)), "Claims")
    assert claims == (
        '<ol class="cl-claims"><li id="claim-1-card" class="cl-claim"><a class="cl-permalink" href="#claim-1" '
        'aria-label="Permalink to claim 1" title="Link to claim 1">#1</a> <span class="cl-kind">Reported claim</span> '
        '<span class="cl-prov cl-prov-curated" title="added by an editor in the curated metadata file">curated</span> '
        '<span class="cl-reported">never said</span> — <a href="../../speakers/jan-novak/">Jan Novak</a> · '
        '<span class="cl-note">not found in the text</span></li></ol>')
    assert section(page_of(source(claims=(), headline=None)), "Claims") == "<p>No claim was found in this source.</p>"


def test_original_shows_the_verbatim_text_and_the_removed_lines_aligned():
    src = source(removed=(RemovedLine(1, "Acme <pledges>", "title"), RemovedLine(12, "By Ann Lee", "byline")))
    assert section(page_of(src), "Original") == (
        '<details class="cl-original" data-search-exclude><summary>Verbatim original text as copied '
        f"(sha256 <code>{src.sha256[:16]}…</code>)</summary>"
        '<pre class="cl-verbatim">Acme pledges&#10;By Ann Lee&#10;&#10;&quot;We build no backdoor,&quot; said Jan '
        'Novak.&#10;&#10;Novak said the firm protects privacy.&#10;</pre>'
        "<p>Lines removed as page furniture (line, rule, text):</p>"
        '<pre class="cl-removed">    1  title   Acme &lt;pledges&gt;&#10;   12  byline  By Ann Lee</pre></details>')
    assert section(page_of(source(removed=())), "Original").endswith("</pre><p>No line was removed.</p></details>")


def test_related_lists_the_neighbours_in_time_and_sources_sharing_speaker_topic_outlet():
    earlier, later = source("a.txt", date="2018-01-01"), source("c.txt", date="2020-02")
    other = source("b.txt", date="2019-06-01", outlet="Other", claims=(REPORTED,), headline=0, topics=("privacy",))
    related = section(page_of(other, earlier, later), "Related sources")
    assert related.split("\n") == [
        '<ul class="cl-neighbours"><li>Previous in time: <a href="../a/">Title of a.txt</a> (1 January 2018)</li>'
        '<li>Next in time: <a href="../c/">Title of c.txt</a> (February 2020)</li>'
        '<li><a href="../../timeline/">All sources on the timeline</a></li></ul>',
        '<h3 class="cl-related-h">Same speaker</h3>',
        '<ul class="cl-related"><li><a href="../a/">Title of a.txt</a> — <time datetime="2018-01-01">1 January 2018'
        '</time></li><li><a href="../c/">Title of c.txt</a> — <time datetime="2020-02">February 2020</time></li></ul>',
        '<h3 class="cl-related-h">Same topic</h3>',
        '<ul class="cl-related"><li><a href="../a/">Title of a.txt</a> — <time datetime="2018-01-01">1 January 2018'
        '</time></li><li><a href="../c/">Title of c.txt</a> — <time datetime="2020-02">February 2020</time></li></ul>',
    ]


def test_links_to_speakers_and_outlets_the_catalogue_knows():
    cat = build_catalogue(corpus(source()))
    here = "sources/a.md"
    assert speaker_link("Jan Novak", cat, Links(), here) == '<a href="../../speakers/jan-novak/">Jan Novak</a>'
    assert speaker_link("Nobody <x>", cat, Links(), here) == "Nobody &lt;x&gt;"
    assert speaker_link(None, cat, Links(), here) == "unknown speaker"
    assert outlet_link("Daily Ledger", cat, Links(), here) == '<a href="../../outlets/daily-ledger/">Daily Ledger</a>'
    assert outlet_link(None, cat, Links(), here) == '<span class="cl-unknown">unknown outlet</span>'


def test_claim_html_quotes_a_quote_and_not_a_report():
    assert claim_html(QUOTE) == "<q>We build no backdoor</q>"
    assert claim_html(Claim("a < b", "X", False)) == '<span class="cl-reported">a &lt; b</span>'
    assert claim_html(None) == '<span class="cl-note">no claim found</span>'


def test_original_file_sits_in_the_source_pages_folder():
    assert original_path(source("x.txt", slug="acme-pledges")) == "sources/acme-pledges/original.txt"


def test_body_is_the_handmade_one():  # guards the spans the tests above rely on
    assert BODY[QUOTE.start:QUOTE.end] == '"We build no backdoor,"'
    assert BODY[REPORTED.start:REPORTED.end] == REPORTED.text
