"""render/indexes.py: index pages, their pagination, the home block and the data downloads."""

from __future__ import annotations

import csv
import io
import json
import re

from build_scripts.catalogue import build_catalogue
from build_scripts.model import Claim, Speaker
from build_scripts.render.indexes import (page_paths, paginate, render_data, render_home_block, render_outlets,
                                          render_sources_index, render_speakers, render_topic_table,
                                          render_topics, spreadsheet_text)
from build_scripts.render.markup import Links
from handmade import TOPICS, corpus, source


def rows(chunk, here):
    return f"<p>{chunk}</p>"


def test_page_paths_number_the_pages_after_the_first():
    assert page_paths("timeline.md", 3) == ["timeline.md", "timeline/page-2.md", "timeline/page-3.md"]
    assert page_paths("sources/index.md", 2) == ["sources/index.md", "sources/page-2.md"]
    assert page_paths("speakers/jan-novak.md", 1) == ["speakers/jan-novak.md"]


def test_paginate_splits_items_with_a_pager_and_only_the_first_page_searchable():
    pages = paginate("speakers/index.md", "S", "D", list(range(5)), rows, Links(), head=lambda here: f"head {here}",
                     per_page=2)
    assert list(pages) == ["speakers/index.md", "speakers/page-2.md", "speakers/page-3.md"]
    pager_2 = ('<nav class="cl-pager" aria-label="Pages"><span>Page 2 of 3:</span><ul><li><a href="../">1</a></li>'
               '<li><span aria-current="page">2</span></li><li><a href="../page-3/">3</a></li></ul></nav>')
    assert pages["speakers/page-2.md"] == (
        '---\ntitle: "S (page 2 of 3)"\ndescription: "D"\nsearch:\n  exclude: true\n---\n\n'
        f"head speakers/page-2.md\n\n<!-- claimline:html -->{pager_2}<p>[2, 3]</p>{pager_2}<!-- /claimline:html -->\n")
    assert pages["speakers/index.md"].startswith('---\ntitle: "S"\ndescription: "D"\n---\n\nhead speakers/index.md\n\n')


def test_one_page_has_no_pager_and_an_empty_list_still_gets_its_page():
    assert paginate("topics/x.md", 'A "quoted" title', "D", [], rows, Links()) == {
        "topics/x.md": '---\ntitle: "A \\"quoted\\" title"\ndescription: "D"\n---\n\n'
                       "<!-- claimline:html --><p>[]</p><!-- /claimline:html -->\n"}


def test_pager_shows_first_last_and_neighbours_with_gaps():
    pages = paginate("timeline.md", "T", "D", list(range(10)), rows, Links(), per_page=1)
    pager = re.search(r'<ul>(.*?)</ul></nav>', pages["timeline/page-5.md"]).group(1)
    assert re.findall(r"<li>(.*?)</li>", pager) == [
        '<a href="../">1</a>', "…", '<a href="../page-4/">4</a>', '<span aria-current="page">5</span>',
        '<a href="../page-6/">6</a>', "…", '<a href="../page-10/">10</a>']


def test_every_index_family_writes_its_pages():
    cat = build_catalogue(corpus(source("a.txt"), source("b.txt", outlet=None, claims=(), headline=None,
                                                         speakers=(Speaker("Ann"),), topics=())))
    links = Links()
    assert list(render_sources_index(cat, links)) == ["sources/index.md"]
    assert list(render_speakers(cat, links)) == ["speakers/index.md", "speakers/jan-novak.md"]  # Ann claims nothing
    assert list(render_outlets(cat, links)) == ["outlets/index.md", "outlets/daily-ledger.md"]
    assert list(render_topics(cat, links)) == ["topics/index.md", "topics/no-backdoors.md", "topics/privacy.md"]
    assert "<p>1 source with no known outlet.</p>" in render_outlets(cat, links)["outlets/index.md"]


def test_speaker_page_lists_roles_topics_outlets_and_claims_over_time():
    cat = build_catalogue(corpus(source("a.txt", date="2020-01-01"), source("b.txt", date="2019-01-01", outlet="Wire")))
    page = render_speakers(cat, Links())["speakers/jan-novak.md"]
    assert '<p class="cl-counts">Person · 4 claims in 2 sources</p>' in page
    assert ('<ul><li>chief executive, Acme — in <a href="../../sources/b/">Title of b.txt</a> and 1 more</li></ul>'
            in page)
    assert re.findall(r'<time datetime="([^"]+)">', page) == ["2019-01-01", "2019-01-01", "2020-01-01", "2020-01-01"]
    assert '<h2 id="outlets">Outlets</h2><p><a href="../../outlets/wire/">Wire</a>, <a href="../../outlets/daily-ledger/">' in page


def test_home_block_counts_and_latest_claims_newest_first():
    cat = build_catalogue(corpus(source("a.txt"), source("b.txt", date="2020-01-01", title="B"),
                                 source("c.txt", date=None, claims=(), headline=None)))
    block = render_home_block(cat, Links(), latest=1)
    assert block.startswith(
        '<ul class="cl-stats"><li><strong>3</strong> <a href="sources/">sources</a></li><li><strong>4</strong> claims'
        '</li><li><strong>1</strong> <a href="speakers/">speakers</a></li><li><strong>1</strong> '
        '<a href="outlets/">outlets</a></li><li><strong>2</strong> <a href="topics/">topics</a></li></ul>\n\n'
        "## Latest claims\n\n")
    assert re.findall(r'<ol class="cl-latest">(.*?)</ol>', block) == [
        '<li><time datetime="2020-01-01">1 January 2020</time> — <a href="speakers/jan-novak/">Jan Novak</a>: '
        '<q>We build no backdoor</q> (<a href="outlets/daily-ledger/">Daily Ledger</a>) '
        '<a href="sources/b/#claim-we-build-no-backdoor-b4f72f">read the passage</a></li>']
    assert "## Start here" in block and '<a href="methodology/">Methodology</a>' in block


def test_spreadsheet_text_defuses_formulas():
    assert [spreadsheet_text(v) for v in ("=1+1", "+1", "-5", "@x", "\tx", "\rx", "ok", 3, None, True)] == [
        "'=1+1", "'+1", "'-5", "'@x", "'\tx", "'\rx", "ok", "3", "", "True"]


def test_data_downloads_agree_and_keep_the_exact_text():
    hostile = Claim('=HYPERLINK("x"),\n"y"', "Jan Novak", True, None, None, ("privacy",),
                    said_on="2019-03-04", said_precision="day", said_note="inferred from 'on Monday'")
    cat = build_catalogue(corpus(source("a.txt", claims=(hostile,), headline=0),
                                 source("b.txt", date=None, outlet=None, claims=(), headline=None, speakers=())))
    data = render_data(cat, Links())
    assert list(data) == ["data/sources.json", "data/claims.json", "data/claims.csv"]
    claims = json.loads(data["data/claims.json"])
    assert claims == [{"date": "2019-03-05", "id": "a#claim-hyperlink-x-y-e7ea47", "outlet": "Daily Ledger", "provenance": "extracted",
                       "quote": True, "source_file": "a.txt", "speaker": "Jan Novak", "text": hostile.text,
                       "topics": ["privacy"], "url": "sources/a/#claim-hyperlink-x-y-e7ea47",  # not in the text: the anchor is on its card
                       "said_on": "2019-03-04", "said_precision": "day", "said_note": "inferred from 'on Monday'",
                       "status": None, "status_history": [],
                       "speaker_role": "chief executive, Acme", "source_title": "Title of a.txt", "date_precision": "day",
                       "date_provenance": "extracted", "statement": "a#claim-hyperlink-x-y-e7ea47",
                       "appearance": 1, "appearances": 1}]
    assert data["data/claims.json"].count("\n") == 3  # one record a line
    table = list(csv.reader(io.StringIO(data["data/claims.csv"])))
    assert table == [["id", "text", "speaker", "source_file", "url", "quote", "topics", "date", "outlet", "provenance",
                      "said_on", "said_precision", "said_note", "status", "speaker_role", "source_title", "date_precision",
                      "date_provenance", "statement", "appearance", "appearances"],
                     ["a#claim-hyperlink-x-y-e7ea47", "'" + hostile.text, "Jan Novak", "a.txt", "sources/a/#claim-hyperlink-x-y-e7ea47", "true", "privacy",
                      "2019-03-05", "Daily Ledger", "extracted", "2019-03-04", "day", "inferred from 'on Monday'", "",
                      "chief executive, Acme", "Title of a.txt", "day", "extracted", "a#claim-hyperlink-x-y-e7ea47",
                      "1", "1"]]
    assert data["data/claims.csv"].startswith('"id","text",')  # every cell quoted
    sources = json.loads(data["data/sources.json"])
    assert [(s["file"], s["url"], s["claim"], s["speaker"]) for s in sources] == [
        ("a.txt", "sources/a/", hostile.text, "Jan Novak"), ("b.txt", "sources/b/", None, None)]


def test_topic_table_for_the_methodology_page():
    assert render_topic_table(TOPICS) == (
        '<div class="cl-table-wrap" role="region" aria-label="Slug, Topic, What it covers, Patterns" tabindex="0">'
        '<table class="cl-table"><thead><tr><th scope="col">Slug</th><th scope="col">Topic</th>'
        '<th scope="col">What it covers</th><th scope="col">Patterns</th></tr></thead><tbody>'
        "<tr><td><code>no-backdoors</code></td><td>No backdoors</td><td>Products hold no hidden "
        'access.</td><td class="cl-patterns"><code>backdoors?</code></td></tr><tr><td><code>privacy</code></td>'
        '<td>Privacy</td><td>What happens to user data.</td><td class="cl-patterns"><code>privacy</code></td></tr>'
        "</tbody></table></div>")


def test_a_table_with_links_adds_no_tab_stop():
    from build_scripts.render.indexes import _table
    html = _table(["When", "Who"], ['<tr><td>1 May</td><td><a href="a/">A</a></td></tr>'])
    assert html.startswith('<div class="cl-table-wrap" role="region" aria-label="When, Who">')
    assert "tabindex" not in html


def test_speaker_pages_place_a_claim_when_it_was_said():
    said = Claim("We build no backdoor", "Jan Novak", True, 0, 23, said_on="2017-06-05", said_precision="week",
                 said_note="inferred from 'last week'")
    cat = build_catalogue(corpus(source("a.txt", date="2019-03-05", title="A", claims=(said,), headline=0),
                                 source("b.txt", date="2018-01-01", title="B")))
    speaker = render_speakers(cat, Links())["speakers/jan-novak.md"]
    rows = re.findall(r"<tr><td>(.*?)</td>", speaker.split('id="claims"')[1])
    assert [re.search(r'datetime="([^"]+)"', row).group(1) for row in rows] == [
        "2017-W23", "2018-01-01", "2018-01-01"]


def test_an_organisations_page_lists_its_peoples_claims_apart_with_their_role_then():
    acme = Speaker("Acme", "organisation")
    a = source("a.txt", speakers=(Speaker("Jan Novak", "person", "chief executive", "acme"), acme),
               claims=(Claim("Acme never spies on anyone.", "Acme", False, 0, 5), QUOTE_BY_JAN), headline=0)
    page = render_speakers(build_catalogue(corpus(a)), Links())["speakers/acme.md"]
    own, people = page.split('<h3 class="cl-members-h">Said by its people</h3>')
    assert "Acme never spies on anyone." in own and "We build no backdoor" not in own
    assert ('<td><a href="../jan-novak/">Jan Novak</a><br><span class="cl-role">chief executive, acme</span></td>'
            '<td><q>We build no backdoor</q></td>') in people
    assert "1 claim by its people, listed apart" in page


QUOTE_BY_JAN = Claim("We build no backdoor", "Jan Novak", True, 0, 23)


def test_claims_data_names_each_claims_statement_and_every_report_with_absolute_urls():
    early = source("early.txt", date="2019-01-02", url="https://paper.example/early")
    late = source("late.txt", date="2019-05-06", outlet="Wire Desk")
    data = render_data(build_catalogue(corpus(late, early)), Links(site_url="https://ex.org/claims/"))
    claims = {c["id"]: c for c in json.loads(data["data/claims.json"])}
    first, second = "early#claim-we-build-no-backdoor-b4f72f", "late#claim-we-build-no-backdoor-b4f72f"
    assert claims[second]["statement"] == claims[first]["statement"] == first
    assert [claims[first]["appearance"], claims[second]["appearance"]] == [1, 2]
    assert claims[second]["appearances"] == claims[first]["appearances"] == 2
    assert claims[first]["url"] == "https://ex.org/claims/sources/early/#claim-we-build-no-backdoor-b4f72f"
    sources = {s["file"]: s for s in json.loads(data["data/sources.json"])}
    assert sources["early.txt"]["url"] == "https://ex.org/claims/sources/early/"
    assert sources["early.txt"]["original_url"] == "https://paper.example/early"
    assert sources["early.txt"]["archived_url"] == "https://web.archive.org/web/20190102/https://paper.example/early"
    assert sources["late.txt"]["archived_url"] is None


def test_a_topic_page_lists_each_statement_once_at_its_first_report():
    early, late = source("early.txt", date="2019-01-02"), source("late.txt", date="2019-05-06")
    pages = render_topics(build_catalogue(corpus(late, early)), Links())
    page = pages["topics/no-backdoors.md"]
    assert "2 claims by 1 speaker in 2 sources · 1 statement: each once, at its first report" in page
    assert page.count("We build no backdoor") == 1 and 'href="../../sources/early/#claim-we-build-no-backdoor' in page
    alone = render_topics(build_catalogue(corpus(early)), Links())["topics/no-backdoors.md"]
    assert "statement" not in alone and alone.count("We build no backdoor") == 1
