"""render/search.py: one search entry per claim, for Material's index and Pagefind's records."""

from __future__ import annotations

import html

from handmade import corpus, source

from build_scripts.catalogue import build_catalogue
from build_scripts.catalogue.anchors import claim_anchors
from build_scripts.model import Claim
from build_scripts.render.search import (claim_entries, left_out_of_material_search, material_document,
                                         pagefind_record, with_word_breaks)


def entries_of(src):
    return claim_entries(src, build_catalogue(corpus(src)))


def test_one_entry_per_claim_linked_to_its_passage_with_who_when_where():
    src = source()
    quote, reported = entries_of(src)
    anchors = claim_anchors(src)
    assert (quote.url, reported.url) == (f"sources/a/#{anchors[0]}", f"sources/a/#{anchors[1]}")
    assert quote.heading == "Jan Novak · published 5 March 2019 · Daily Ledger"
    assert quote.shown_words == "“We build no backdoor”"
    assert reported.shown_words == "Novak said the firm protects privacy."
    assert quote.filters() == {"speaker": ["Jan Novak"], "outlet": ["Daily Ledger"], "topic": ["No backdoors"],
                               "year": ["2019"]}


def test_said_on_date_comes_before_publication_and_undated_has_no_year():
    said = Claim("We build no backdoor", "Jan Novak", True, 0, 23, (), said_on="2018-11", said_precision="month")
    [entry] = entries_of(source(claims=(said,), headline=0))
    assert entry.date == "said November 2018" and entry.year == "2018"
    plain = Claim("We build no backdoor", "Jan Novak", True, 0, 23, ())
    [undated] = entries_of(source(claims=(plain,), headline=0, date=None, date_precision=None, outlet=None))
    assert undated.date == "undated" and undated.year is None
    assert undated.heading == "Jan Novak · undated · unknown outlet"
    assert set(undated.filters()) == {"speaker"}


def test_material_document_is_the_words_as_escaped_text_with_who_when_where_as_tags():
    hostile = source(claims=(Claim("<img src=x onerror=alert(1)> we said", "Jan <b>Novak</b>", True, None, None, ()),),
                     headline=0, outlet="<script>Ledger</script>")
    [entry] = entries_of(hostile)
    doc = material_document(entry, "sources/a/")
    assert doc["location"] == f"sources/a/#{entry.anchor}"
    assert "<" not in doc["title"] + "".join(doc["tags"]) and doc["text"] == ""
    assert html.unescape(doc["title"]) == "“<img src=x onerror=alert(1)> we said”"
    assert [html.unescape(t) for t in doc["tags"]] == ["Jan <b>Novak</b>", "published 5 March 2019", "<script>Ledger</script>"]


def test_pagefind_record_has_the_words_as_content_and_facts_as_meta_and_filters():
    [entry, _] = entries_of(source())
    record = pagefind_record(entry)
    assert record["url"] == "/" + entry.url
    assert record["content"] == "We build no backdoor"
    assert record["meta"] == {"title": entry.heading, "speaker": "Jan Novak", "date": "published 5 March 2019",
                              "outlet": "Daily Ledger", "words": "“We build no backdoor”", "kind": "claim"}
    assert record["filters"]["topic"] == ["No backdoors"]


def test_cells_and_definitions_end_with_a_space_so_labels_do_not_run_together():
    assert with_word_breaks("<tr><th>Date</th><th>Claim</th></tr><dl><dt>Date</dt><dd>1 May</dd></dl>") == (
        "<tr><th>Date</th> <th>Claim</th> </tr><dl><dt>Date</dt> <dd>1 May</dd> </dl>")
    assert with_word_breaks("<p>a</p><p>b</p>") == "<p>a</p><p>b</p>"


def test_claim_cards_badges_and_table_headings_are_left_out_of_materials_index():
    page = ('<ol class="cl-claims"><li>x</li></ol><table><thead><tr><th>Date</th></tr></thead></table>'
            '<span class="cl-prov cl-prov-extracted">extracted</span><ol class="other">')
    assert left_out_of_material_search(page) == (
        '<ol data-search-exclude class="cl-claims"><li>x</li></ol><table><thead data-search-exclude><tr><th>Date</th>'
        '</tr></thead></table><span data-search-exclude class="cl-prov cl-prov-extracted">extracted</span><ol class="other">')


def test_a_source_pages_filters_are_every_value_of_its_claims_once():
    from build_scripts.render.search import source_filters
    src = source()
    filters = source_filters(src, build_catalogue(corpus(src)))
    assert filters == {"speaker": ["Jan Novak"], "outlet": ["Daily Ledger"], "topic": ["No backdoors", "Privacy"],
                       "year": ["2019"]}


def test_page_records_give_each_source_page_its_text_and_filters_and_each_speaker_page_its_name():
    from build_scripts.render.search import page_records
    src = source()
    cat = build_catalogue(corpus(src))
    records = page_records(cat)
    page = records[0]
    assert page["url"] == f"/sources/{src.slug}/" and page["meta"] == {"title": src.title}
    assert page["content"] == f"{src.title}\n\n{src.body}"
    assert page["filters"]["speaker"] == ["Jan Novak"] and page["filters"]["year"] == ["2019"]
    speaker = next(r for r in records if r["meta"]["title"] == "Jan Novak")
    assert speaker["url"] == "/speakers/jan-novak/" and speaker["content"].startswith("Jan Novak\n\nperson")
    assert len(records) == len(cat.sources) + len(cat.speakers)
