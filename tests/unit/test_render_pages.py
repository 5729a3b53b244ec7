"""render/pages.py: a source's page, its front matter and its anchored claim passages."""

from __future__ import annotations

import frontmatter

from build_scripts.catalogue import build_catalogue
from build_scripts.model import Claim, RemovedLine
from build_scripts.render.markup import Links
from build_scripts.catalogue.anchors import Ledger
from build_scripts.render.pages import (citation, claim_html, front_matter, original_path, outlet_link, render_source_page,
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
            {"id": "claim-we-build-no-backdoor-b4f72f", "text": "We build no backdoor", "speaker": "Jan Novak", "quote": True,
             "topics": ["no-backdoors"], "provenance": "extracted", "said_on": None, "said_precision": None,
             "said_note": None},
            {"id": "claim-novak-said-the-firm-protects-privacy-a89d77", "text": "Novak said the firm protects privacy.", "speaker": "Jan Novak",
             "quote": False, "topics": ["privacy"], "provenance": "extracted", "said_on": None, "said_precision": None,
             "said_note": None},
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


A1, A2 = "claim-we-build-no-backdoor-b4f72f", "claim-novak-said-the-firm-protects-privacy-a89d77"


def label(anchor: str, date: str = "5 March 2019") -> str:
    return (f'<a class="cl-landing" href="#{anchor}-card" data-search-exclude title="Back to this claim in the list">'
            f"claim · Jan Novak · {date}</a>")


def test_article_marks_each_claims_passage_with_its_anchor_and_landing_label():
    assert section(page_of(source()), "Article text") == (
        f'<div class="cl-article"><p><mark id="{A1}" tabindex="-1" class="cl-passage" data-claim="{A1}">'
        f"&quot;We build no backdoor,&quot;</mark>{label(A1)} said Jan Novak.</p>"
        f'<p><mark id="{A2}" tabindex="-1" class="cl-passage" data-claim="{A2}">'
        f"Novak said the firm protects privacy.</mark>{label(A2)}</p></div>")


def test_passage_over_a_paragraph_break_is_marked_in_each_paragraph_anchor_on_the_first():
    across = Claim("both", "Jan Novak", True, 1, 60)
    a = "claim-both-fc39b1"
    assert section(page_of(source(claims=(across,), headline=0)), "Article text") == (
        f'<div class="cl-article"><p>&quot;<mark id="{a}" tabindex="-1" class="cl-passage" data-claim="{a}">'
        f"We build no backdoor,&quot; said Jan Novak.</mark>{label(a)}</p>"
        f'<p><mark class="cl-passage" data-claim="{a}">Novak said the firm</mark> protects privacy.</p></div>')


def test_overlapping_passage_gets_an_anchor_inside_the_other_and_a_missing_one_nothing():
    inner = Claim("no backdoor", "Jan Novak", True, 10, 21)
    missing = Claim("never said", "Jan Novak", True, None, None, (), "curated")
    article = section(page_of(source(claims=(QUOTE, inner, missing), headline=0)), "Article text")
    assert article == (
        f'<div class="cl-article"><p><mark id="{A1}" tabindex="-1" class="cl-passage" data-claim="{A1}">'
        '&quot;We build <span id="claim-no-backdoor-05883e" class="cl-anchor" data-claim="claim-no-backdoor-05883e" '
        f'data-within="{A1}"></span>no backdoor,&quot;</mark>{label(A1)} said Jan Novak.</p>'
        "<p>Novak said the firm protects privacy.</p></div>")


def test_claim_card_says_kind_provenance_dates_passage_and_offers_a_citation():
    missing = Claim("never said", "Jan Novak", False, None, None, (), "curated")
    a = "claim-never-said-e947b8"
    claims = section(page_of(source(claims=(missing,), headline=0)), "Claims")
    assert claims == (
        f'<ol class="cl-claims"><li id="{a}" class="cl-claim" data-claim="{a}"><a class="cl-permalink" href="#{a}" '
        'aria-label="Link to claim 1" title="Link to this claim">#1</a> <span class="cl-kind">Reported claim</span> '
        '<span class="cl-prov cl-prov-curated" title="added by an editor in the curated metadata file">curated</span> '
        '<span class="cl-reported">never said</span> — <a href="../../speakers/jan-novak/">Jan Novak</a> · '
        '<span class="cl-note">not found in the text</span><br><span class="cl-dates"><span class="cl-published">'
        'published on <time datetime="2019-03-05">5 March 2019</time></span></span>'
        '<details class="cl-cite"><summary>Cite this claim</summary>'
        f'<label class="cl-cite-label" for="{a}-cite">Citation</label>'
        f'<textarea id="{a}-cite" class="cl-cite-text" rows="3" readonly data-anchor="{a}" data-relative>'
        "Jan Novak (chief executive, Acme), as reported: never said. In “Title of a.txt”, Daily Ledger, published on "
        f"5 March 2019. sources/a/#{a}</textarea>"
        f'<button type="button" class="md-button cl-copy" data-copy="{a}-cite" hidden>Copy citation</button>'
        '<span class="cl-copied" role="status"></span></details></li></ol>')
    assert section(page_of(source(claims=(), headline=None)), "Claims") == "<p>No claim was found in this source.</p>"


def test_citation_names_speaker_role_words_said_and_published_dates_and_the_absolute_url():
    said = Claim("We build no backdoor", "Jan Novak", True, 0, 23, said_on="2019-03-04", said_precision="day",
                 said_note="inferred from 'on Monday'")
    src = source(claims=(said,), headline=0)
    assert citation(src, 0, Links(site_url="https://claims.example/")) == (
        "Jan Novak (chief executive, Acme): “We build no backdoor”. Said on 4 March 2019. In “Title of a.txt”, "
        f"Daily Ledger, published on 5 March 2019. https://claims.example/sources/a/#{A1}")
    week = Claim("We build no backdoor", "Jan Novak", True, said_on="2019-03-04", said_precision="week")
    assert "Said in the week of 4 March 2019." in citation(source(claims=(week,), headline=0), 0, Links())
    page = page_of(source(claims=(said,), headline=0))
    assert ('<span class="cl-said">said on <time datetime="2019-03-04">4 March 2019</time> '
            "<span class=\"cl-note cl-said-note\">(inferred from &#x27;on Monday&#x27;)</span></span> · "
            '<span class="cl-published">published on <time datetime="2019-03-05">5 March 2019</time></span>') in page
    assert label(A1, "4 March 2019") in page  # the landing label gives the date said


def test_anchors_come_from_the_words_not_the_place():
    first = page_of(source())
    added = Claim("A new quote on top of the page", "Jan Novak", True)
    later = page_of(source(claims=(added, QUOTE, REPORTED), headline=1))
    for anchor in (A1, A2):
        assert f'<mark id="{anchor}"' in first and f'<mark id="{anchor}"' in later
    twice = page_of(source(claims=(QUOTE, Claim("We build NO backdoor!", "Acme", True))))
    assert f'id="{A1}-card"' in twice and f'id="{A1}-2"' in twice  # the repeat gets a suffix, on its card


def test_old_positional_anchor_stands_before_the_passage_it_lands_on():
    src = source()
    ledger = Ledger({"a": {"claim-1": "Novak said the firm protects privacy", "claim-2": "We build no backdoor",
                           "claim-3": "said Jan Novak"}})
    article = section(render_source_page(src, build_catalogue(corpus(src), ledger), Links()), "Article text")
    assert f'<span id="claim-2" class="cl-anchor cl-legacy" data-claim="{A1}"></span><mark id="{A1}"' in article
    assert f'<span id="claim-1" class="cl-anchor cl-legacy" data-claim="{A2}"></span><mark id="{A2}"' in article
    # words no longer a claim but still in the text: the old anchor marks them
    assert ('<span id="claim-3" class="cl-anchor cl-legacy" data-claim="claim-3"></span>'
            '<mark class="cl-passage cl-former" data-claim="claim-3">said Jan Novak</mark><a class="cl-landing" '
            'href="#claims" data-search-exclude title="The list of claims">an earlier claim, no longer listed as one</a>'
            ) in article


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


def test_a_claim_reported_elsewhere_lists_the_other_reports_first_said_first():
    early = source("early.txt", date="2019-01-02", title="Early report")
    late = source("late.txt", date="2019-05-06", outlet="Wire Desk", title="Late report")
    other = source("other.txt", date="2019-07-08", outlet=None, title="Other report")
    cat = build_catalogue(corpus(late, early, other))
    quote_anchor = "claim-we-build-no-backdoor-b4f72f"
    card = section(render_source_page(late, cat, Links()), "Claims").split("<li id=")[1]
    assert (f'<div class="cl-appearances" data-statement="early#{quote_anchor}">Also reported by 2 other sources:<ul>'
            f'<li><a href="../early/#{quote_anchor}">Early report</a> (Daily Ledger, <time datetime="2019-01-02">2 January 2019</time>)'
            ' <span class="cl-first-report">first report</span></li>'
            f'<li><a href="../other/#{quote_anchor}">Other report</a> (unknown outlet, <time datetime="2019-07-08">8 July 2019</time>)'
            "</li></ul></div>") in card
    first = section(render_source_page(early, cat, Links()), "Claims")
    assert "First reported here; also reported by 2 other sources:" in first
    alone = section(page_of(source("solo.txt")), "Claims")
    assert "cl-appearances" not in alone


def test_the_original_article_links_out_with_its_archived_copy():
    page = page_of(source(url="https://paper.example/a?id=1&x=2"))
    assert ('<a href="https://paper.example/a?id=1&amp;x=2" class="cl-link-out" rel="nofollow noopener">'
            'https://paper.example/a?id=1&amp;x=2</a> <span class="cl-prov cl-prov-curated" title="added by an editor in the curated metadata file">curated</span>'
            '<br><a href="https://web.archive.org/web/20190305/https://paper.example/a?id=1&amp;x=2" '
            'class="cl-link-out cl-archived" rel="nofollow noopener">archived copy</a>') in page
    by_download = page_of(source(url="https://paper.example/b", date=None, retrieved="2024-05-02"))
    assert 'href="https://web.archive.org/web/20240502/https://paper.example/b"' in by_download
    assert "nearest the day it was downloaded" in by_download
    month = page_of(source(url="https://paper.example/c", date="2019-03", date_precision="month"))
    assert 'href="https://web.archive.org/web/201903/https://paper.example/c"' in month
    assert "web.archive.org" not in page_of(source())
