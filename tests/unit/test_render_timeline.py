"""render/timeline.py: one item per claim, placed in time, grouped, paginated; the facet data."""

from __future__ import annotations

import json
import re
from dataclasses import replace

from build_scripts.catalogue import build_catalogue
from build_scripts.model import Claim, Speaker
from build_scripts.render.indexes import PER_PAGE
from build_scripts.render.markup import Links
from build_scripts.render.timeline import (facet_values, grouped, page_of, render_timeline, render_timeline_data,
                                           timeline_items, year_ranges)
from handmade import QUOTE, REPORTED, corpus, source


def own_claims(name: str) -> tuple[Claim, Claim]:
    """The default claims in words of this source's own: the same words from the same
    speaker in two sources are one statement, one timeline item."""
    return (replace(QUOTE, text=f"Source {name} has its own words"),
            replace(REPORTED, text=f"Novak said source {name} reports something else."))


def four_sources():
    return build_catalogue(corpus(source("a.txt"),
                                  source("b.txt", date="2019-05", date_precision="month", title="B", claims=own_claims("b")),
                                  source("c.txt", date="2018", date_precision="year", title="C", claims=own_claims("c")),
                                  source("d.txt", date=None, date_precision=None, title="D", claims=own_claims("d"))))


def test_every_claim_is_an_item_in_time_order_with_the_undated_last():
    items = timeline_items(four_sources())
    assert [(i.ref.source.file, i.ref.index) for i in items] == [
        ("c.txt", 0), ("c.txt", 1), ("a.txt", 0), ("a.txt", 1), ("b.txt", 0), ("b.txt", 1), ("d.txt", 0), ("d.txt", 1)]
    assert [i.date for i in items] == ["2018", "2018", "2019-03-05", "2019-03-05", "2019-05", "2019-05", None, None]
    assert {i.organisation for i in items} == {"Acme"}  # the speaker's organisation in the source


def test_a_claim_is_placed_when_it_was_said_not_when_published():
    said = Claim("We build no backdoor", "Jan Novak", True, 0, 23, said_on="2017-06-05", said_precision="week",
                 said_note="inferred from 'last week'")
    cat = build_catalogue(corpus(source("a.txt", date="2019-03-05", title="A", claims=(said, REPORTED), headline=0),
                                 source("b.txt", date="2018-01-01", title="B", claims=own_claims("b"))))
    items = timeline_items(cat)
    assert [(i.ref.source.file, i.date, i.precision) for i in items] == [
        ("a.txt", "2017-06-05", "week"), ("b.txt", "2018-01-01", "day"), ("b.txt", "2018-01-01", "day"),
        ("a.txt", "2019-03-05", "day")]
    page = render_timeline(cat, Links())["timeline.md"]
    assert '<div class="cl-when"><time datetime="2017-W23">week of 5 June 2017</time></div>' in page
    assert ('<p class="cl-dates"><span class="cl-said">said in the <time datetime="2017-W23">week of 5 June 2017</time> '
            '<span class="cl-note cl-said-note">(inferred from &#x27;last week&#x27;)</span></span> · '
            '<span class="cl-published">published on <time datetime="2019-03-05">5 March 2019</time></span></p>') in page
    record = json.loads(render_timeline_data(cat, Links())["data/timeline/items-0.json"])[0]
    assert record["dates"] == "said in the week of 5 June 2017 (inferred from 'last week') · published on 5 March 2019"


def test_grouping_by_year_and_month_keeps_unknown_months_and_the_undated_apart():
    groups = grouped(timeline_items(four_sources()))
    assert [(year, [(month, len(g)) for month, g in months]) for year, months in groups] == [
        ("2018", [(None, 2)]), ("2019", [("03", 2), ("05", 2)]), (None, [(None, 2)])]


def test_the_page_shows_each_claim_with_its_speaker_role_outlet_passage_and_source():
    page = render_timeline(four_sources(), Links())["timeline.md"]
    assert ("<p>8 claims from 4 sources in time order, grouped by year and month: each placed when it was said where "
            "the text says so, else when its source was published; 2 undated claims in their own group at the end.</p>"
            ) in page
    assert re.findall(r"<h[23][^>]*>(.*?)</h[23]>", page) == [
        "2018", "2018, month unknown", "2019", "March 2019", "May 2019", "Undated"]
    assert re.findall(r'class="cl-source-link">(.*?)</a>', page) == ["C", "C", "Title of a.txt", "Title of a.txt",
                                                                      "B", "B", "D", "D"]
    assert page.count('<li class="cl-row cl-item"') == 8
    assert ('<p class="cl-who"><a href="../speakers/jan-novak/">Jan Novak</a><span class="cl-role">, chief executive, '
            'Acme</span> · <a href="../outlets/daily-ledger/">Daily Ledger</a></p>') in page
    assert '<p class="cl-claim-text"><q>We build no backdoor</q></p>' in page  # a direct quote in <q>
    assert '<p class="cl-claim-text"><span class="cl-reported">Novak said the firm protects privacy.</span></p>' in page
    assert '<a href="../sources/a/#claim-we-build-no-backdoor-b4f72f">read the passage</a>' in page
    assert 'data-facets="../data/timeline/facets.json"' in page and "search:\n  exclude: true" in page
    assert 'id="cl-count" role="status" aria-live="polite"' in page


def test_pages_are_bounded_and_every_claim_is_on_one():
    sources = [source(f"s{n:03d}.txt", date=f"20{10 + n % 10}-0{1 + n % 9}-1{n % 10}", title=f"S{n}",
                      claims=own_claims(f"s{n}")) for n in range(130)]
    cat = build_catalogue(corpus(*sources))
    pages = render_timeline(cat, Links())
    assert list(pages) == ["timeline.md", "timeline/page-2.md", "timeline/page-3.md"]
    counts = [p.count('<li class="cl-row cl-item"') for p in pages.values()]
    assert counts == [PER_PAGE, PER_PAGE, 260 - 2 * PER_PAGE]
    passages = [a for p in pages.values() for a in re.findall(r'<a href="([^"]+)">read the passage</a>', p)]
    assert len(passages) == len(set(passages)) == 260
    assert all(p.count('class="cl-pager"') == 2 for p in pages.values())
    assert page_of(0) == 0 and page_of(PER_PAGE - 1) == 0 and page_of(PER_PAGE) == 1


def test_facet_values_list_every_claims_position_and_years_are_slices():
    other = Claim("Privacy is our first rule, said Ruiz", "Ana Ruiz", False, 0, 10, ("privacy",))
    cat = build_catalogue(corpus(
        source("a.txt"),
        source("b.txt", date="2020-02-02", outlet="Wire One",
               claims=(replace(QUOTE, text="We publish every audit we commission"), other),
               speakers=(Speaker("Jan Novak", "person", "chief executive", "Acme"), Speaker("Ana Ruiz")))))
    items = timeline_items(cat)
    values = facet_values(items, cat)
    assert values["speaker"] == [("Ana Ruiz", [3]), ("Jan Novak", [0, 1, 2])]
    assert values["outlet"] == [("Daily Ledger", [0, 1]), ("Wire One", [2, 3])]
    assert values["organisation"] == [("Acme", [0, 1, 2])]  # Ruiz has none
    assert values["topic"] == [("no-backdoors", [0, 2]), ("privacy", [1, 3])]
    assert values["status"] == [] and values["type"] == []
    assert year_ranges(items) == [("2019", 0, 2), ("2020", 2, 4)]


def test_the_data_files_cover_every_claim_and_name_the_pages():
    sources = [source(f"s{n:03d}.txt", date=f"20{10 + n % 10}-01-01", title=f"S{n}", claims=own_claims(f"s{n}"))
               for n in range(60)]
    cat = build_catalogue(corpus(*sources, source("z.txt", date=None, claims=own_claims("z"))))
    files = render_timeline_data(cat, Links())
    facets = json.loads(files["data/timeline/facets.json"])
    assert facets["total"] == 122 and facets["per_page"] == PER_PAGE
    assert facets["pages"] == 2 and facets["facets"] == {"speaker": 1, "organisation": 1, "outlet": 1, "topic": 2,
                                                         "status": 0, "type": 0}
    assert facets["years"][0] == ["2010", 0, 12] and facets["years"][-1] == ["2019", 108, 120]  # 2 undated after
    assert json.loads(files["data/timeline/values-topic.json"]) == [["no-backdoors", 61, "No backdoors"],
                                                                     ["privacy", 61, "Privacy"]]
    assert json.loads(files["data/timeline/values-speaker.json"]) == [["Jan Novak", 122]]
    items = [r for k in range(2) for r in json.loads(files[f"data/timeline/items-{k}.json"])]
    assert len(items) == 122 and len({r["passage"] for r in items}) == 122
    assert json.loads(files["data/timeline/speaker/0.json"]) == list(range(122))
    assert items[0] == {
        "date": "2010-01-01", "when": "1 January 2010", "dates": "published on 1 January 2010",
        "speaker": "Jan Novak", "speaker_url": "speakers/jan-novak/", "role": "chief executive, Acme",
        "organisation": "Acme", "text": "Source s0 has its own words", "quote": True, "outlet": "Daily Ledger",
        "outlet_url": "outlets/daily-ledger/", "type": None, "status": None,
        "topics": [["no-backdoors", "No backdoors", "topics/no-backdoors/"]],
        "passage": "sources/s000/#claim-source-s0-has-its-own-words-252409", "source": "S0", "source_url": "sources/s000/",
        "reports": 1}


def test_links_follow_the_url_style():
    files = render_timeline_data(four_sources(), Links(use_directory_urls=False))
    assert json.loads(files["data/timeline/items-0.json"])[0]["passage"] == "sources/c.html#claim-source-c-has-its-own-words-79d754"
    page = render_timeline(four_sources(), Links(use_directory_urls=False))["timeline.md"]
    assert 'data-facets="data/timeline/facets.json"' in page
    assert '<a href="sources/a.html#claim-we-build-no-backdoor-b4f72f">read the passage</a>' in page
