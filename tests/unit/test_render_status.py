"""Promise statuses and outlet types as the pages and the data downloads show them."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace

from build_scripts.catalogue import ClaimRef, build_catalogue
from build_scripts.model import Claim, Speaker, StatusChange
from build_scripts.render.indexes import render_data, render_outlets, render_speakers
from build_scripts.render.markup import Links
from build_scripts.render.pages import render_source_page
from handmade import QUOTE, REPORTED, corpus, source

HISTORY = (StatusChange("2019-06", "unverified", "Nothing published either way."),
           StatusChange("2021-02-03", "broken", "An audit found a <hidden> account.", ("https://ex.org/audit?a=1&b=2",)))


def assessed():
    return source("a.txt", claims=(replace(QUOTE, status_history=HISTORY), REPORTED), outlet_type="wire service")


def test_a_claim_card_shows_its_status_then_its_dated_history_with_notes_and_evidence():
    cat = build_catalogue(corpus(assessed()))
    page = render_source_page(cat.sources[0], cat, Links())
    cards = page.split('<li id="claim-')[1:]
    assert '<span class="cl-status cl-status-broken" title="promise status, as an editor assessed it">promise: broken</span>' in cards[0]
    assert ('<details class="cl-status-history"><summary>Status history (2 changes)</summary><ul class="cl-status-changes">'
            '<li><time datetime="2019-06">June 2019</time>: <strong>unverified</strong> — Nothing published either way.</li>'
            '<li><time datetime="2021-02-03">3 February 2021</time>: <strong>broken</strong> — An audit found a &lt;hidden&gt; '
            'account. <a class="cl-evidence" href="https://ex.org/audit?a=1&amp;b=2" rel="nofollow noopener noreferrer">'
            'evidence 1</a></li></ul></details>') in cards[0]
    assert "cl-status" not in cards[1]
    assert cat.status_of(ClaimRef(cat.sources[0], 0)) == "broken" and cat.status_of(ClaimRef(cat.sources[0], 1)) is None


def test_the_outlet_says_what_it_is_wherever_it_is_named():
    cat = build_catalogue(corpus(assessed(), source("b.txt", outlet="Other Post")))
    page = render_source_page(cat.sources[0], cat, Links())
    assert ('<dt>Outlet</dt><dd><a href="../../outlets/daily-ledger/">Daily Ledger</a> '
            '<span class="cl-outlet-type" title="what this outlet is">wire service</span>') in page
    outlets = render_outlets(cat, Links())
    assert "<td>wire service</td>" in outlets["outlets/index.md"] and "<td>—</td>" in outlets["outlets/index.md"]
    assert '<p class="cl-counts">Wire service · 1 source' in outlets["outlets/daily-ledger.md"]
    assert cat.outlet_type("Other Post") is None and cat.outlet_type(None) is None


def test_a_speakers_page_counts_its_promises_in_words_and_meters():
    more = (Claim("We will open a lab in every country.", "Jan Novak", True, 0, 5,
                  status_history=(StatusChange("2020", "kept"),)),
            Claim("We will publish our source code.", "Jan Novak", True, 0, 5,
                  status_history=(StatusChange("2020", "broken"),)))
    cat = build_catalogue(corpus(assessed(), source("b.txt", claims=more, headline=0)))
    page = render_speakers(cat, Links())["speakers/jan-novak.md"]
    assert '<p class="cl-counts">3 claims of 4 with a promise status: 1 kept, 2 broken.</p>' in page
    assert ('<li><span class="cl-status cl-status-broken">broken</span> <span class="cl-status-count">2 of 3</span> '
            '<meter min="0" max="3" value="2" aria-hidden="true"></meter></li>') in page
    assert page.index('id="promises"') < page.index('id="claims"')
    quiet = render_speakers(build_catalogue(corpus(source())), Links())["speakers/jan-novak.md"]
    assert 'id="promises"' not in quiet


def test_an_organisations_meter_counts_its_peoples_promises_apart():
    acme = Speaker("Acme", "organisation")
    a = source("a.txt", speakers=(Speaker("Jan Novak", "person", "chief executive", "Acme"), acme),
               claims=(Claim("Acme never spies on anyone at all.", "Acme", False, 0, 5,
                             status_history=(StatusChange("2020", "disputed"),)),
                       replace(QUOTE, status_history=HISTORY)), headline=0)
    page = render_speakers(build_catalogue(corpus(a)), Links())["speakers/acme.md"]
    assert "1 claim of 1 with a promise status: 1 disputed." in page
    assert "Said by its people: 1 claim of 1 with a promise status: 1 broken." in page


def test_exports_carry_the_status_its_history_and_the_outlet_type():
    data = render_data(build_catalogue(corpus(assessed())), Links())
    claims = json.loads(data["data/claims.json"])
    assert [c["status"] for c in claims] == ["broken", None]
    assert claims[0]["status_history"] == [
        {"date": "2019-06", "status": "unverified", "note": "Nothing published either way.", "evidence": []},
        {"date": "2021-02-03", "status": "broken", "note": "An audit found a <hidden> account.",
         "evidence": ["https://ex.org/audit?a=1&b=2"]}]
    table = list(csv.DictReader(io.StringIO(data["data/claims.csv"])))
    assert [row["status"] for row in table] == ["broken", ""]
    assert json.loads(data["data/sources.json"])[0]["outlet_type"] == "wire service"


def test_one_statement_reported_twice_is_counted_once_on_the_meter(monkeypatch):
    from build_scripts.catalogue import Catalogue
    cat = build_catalogue(corpus(assessed(), source("b.txt", claims=(QUOTE,), headline=0)))
    first = ClaimRef(cat.sources[0], 0)
    # as the appearances seam will group them: the same quotation in two sources is one statement
    monkeypatch.setattr(Catalogue, "appearances",
                        lambda self, ref: (first, ref) if ref.claim.text == QUOTE.text else (ref,))
    later = ClaimRef(cat.sources[1], 0)
    assert cat.status_of(later) == "broken"  # the status follows the statement to each report
    page = render_speakers(cat, Links())["speakers/jan-novak.md"]
    assert "1 claim of 2 with a promise status: 1 broken." in page


def test_material_search_reads_a_card_with_a_history_and_other_reports_and_keeps_it_out_of_the_index():
    """Material's search parser compares elements by tag: a list of the same tag inside the
    excluded claims list ended the exclusion and then failed the whole build."""
    import markdown
    from material.plugins.search.plugin import Parser

    from build_scripts.render.search import left_out_of_material_search

    again = source("b.txt", date="2020-01-01", claims=(replace(QUOTE, status_history=HISTORY),))
    cat = build_catalogue(corpus(assessed(), again))
    page = left_out_of_material_search(render_source_page(cat.sources[0], cat, Links()).split("---", 2)[2])
    html = markdown.markdown(page, extensions=["attr_list", "md_in_html", "toc", "tables"])
    assert "cl-status-history" in html and "other source" in html
    parser = Parser()
    parser.feed(html)
    parser.close()
    indexed = " ".join("".join(section.title) + " " + "".join(section.text) for section in parser.data)
    assert "An audit found" not in indexed and "Status history" not in indexed
