"""extract/corpus.py: seeds and curated files in, a validated corpus out, as a pure function."""

from __future__ import annotations

import datetime as dt

import pytest

from build_scripts.config.vocabulary import load_vocabulary
from build_scripts.extract.corpus import choose_headline, convert_corpus
from build_scripts.model import Claim, Speaker

TODAY = dt.date(2023, 11, 14)
ARTICLE = b"""Acme pledges open audits
TechRadar
By Jane Porter
Published: 5 March 2019

"We will never build a backdoor into our products," said Jan Novak, chief executive of Acme.

Novak said the company had invited regulators to test its equipment.
"""
FUTURE = b"""Acme pledges open audits
Published: 5 March 2031

Acme said on Monday that it would publish an audit.
"""


@pytest.fixture(scope="module")
def vocab():
    return load_vocabulary()


def test_a_seed_becomes_a_source_with_what_its_text_says(vocab):
    corpus = convert_corpus({"a.txt": ARTICLE}, {}, vocab, TODAY)
    assert corpus.problems == ()
    [s] = corpus.sources
    assert (s.file, s.slug, s.title, s.date, s.date_precision, s.outlet, s.author, s.via, s.url) == (
        "a.txt", "acme-pledges-open-audits", "Acme pledges open audits", "2019-03-05", "day", "TechRadar Pro",
        "Jane Porter", None, None)
    assert s.speakers == (Speaker("Jan Novak", "person", "chief executive", "Acme"),)
    assert [(c.text, c.quote, c.topics) for c in s.claims] == [
        ("We will never build a backdoor into our products", True, ("no-backdoors",)),
        ("Novak said the company had invited regulators to test its equipment.", False, ("transparency-and-verification",))]
    assert (s.headline, s.topics) == (0, ("no-backdoors", "transparency-and-verification"))
    assert s.provenance == {"title": "extracted", "outlet": "extracted", "author": "extracted", "date": "extracted",
                            "speakers": "extracted", "claims": "extracted", "topics": "extracted"}
    assert (s.raw, s.size, s.encoding, s.original) == (ARTICLE, len(ARTICLE), "utf-8", ARTICLE.decode())
    assert [r.rule for r in s.removed] == ["title", "outlet-line", "byline", "byline-date"]


def test_curated_values_win_and_a_contradiction_is_a_warning(vocab):
    curated = b"date: 2018\noutlet: BBC News\nclaims:\n  - text: invited regulators\n    speaker: Jan Novak\n"
    corpus = convert_corpus({"a.txt": ARTICLE}, {"a.yml": curated}, vocab, TODAY)
    [s] = corpus.sources
    assert (s.date, s.date_precision, s.outlet) == ("2018", "year", "BBC")
    assert (s.provenance["date"], s.provenance["outlet"], s.provenance["claims"]) == ("curated", "curated", "curated")
    assert s.claims[2] == Claim("invited regulators", "Jan Novak", False, 121, 139, (), "curated")
    assert s.body[121:139] == "invited regulators"
    assert [str(p) for p in corpus.problems] == [
        "a.txt: warning: curated outlet 'BBC' contradicts the text's 'TechRadar Pro'",
        "a.txt: warning: curated date '2018' contradicts the text's '2019-03-05'",
    ]


def test_every_problem_of_every_file_in_one_run(vocab):
    seeds = {"a.txt": ARTICLE, "b.txt": FUTURE, "c.txt": b"Share this article\n", "d.txt": b"\x89PNG\r\n"}
    corpus = convert_corpus(seeds, {"z.yml": b"title: x\n"}, vocab, TODAY)
    assert [s.file for s in corpus.sources] == ["a.txt", "b.txt"]
    assert [str(p) for p in corpus.problems] == [
        "z.yml: curated metadata with no matching seed (z.txt)",
        "b.txt: warning: date '2031-03-05' read from the text is after today: left out "
        "(a curated 'date' can set the right one)",
        "c.txt: nothing is left after removing page furniture (no article text)",
        "d.txt: binary file (a PNG image), not a text document",
    ]
    assert [p.file for p in corpus.errors] == ["z.yml", "c.txt", "d.txt"]


def test_sources_in_date_order_undated_last_and_titles_never_share_a_slug(vocab):
    corpus = convert_corpus({"b.txt": FUTURE, "a.txt": ARTICLE}, {}, vocab, TODAY)
    assert [(s.file, s.date) for s in corpus.sources] == [("a.txt", "2019-03-05"), ("b.txt", None)]
    assert [s.slug for s in corpus.sources] == ["acme-pledges-open-audits", "acme-pledges-open-audits-aceba96f"]


def test_same_input_same_corpus(vocab):
    first = convert_corpus({"a.txt": ARTICLE, "b.txt": FUTURE}, {}, vocab, TODAY)
    again = convert_corpus({"b.txt": FUTURE, "a.txt": ARTICLE}, {}, vocab, TODAY)
    assert [(s.slug, s.claims, s.speakers) for s in first.sources] == [
        (s.slug, s.claims, s.speakers) for s in again.sources]


def test_headline_is_the_primary_speakers_topical_quote():
    topics = ["no-backdoors", "privacy"]
    claims = [
        Claim("Other said so.", "Other", False, 0, 1),
        Claim("a", "Jan", False, 2, 3, ("privacy",)),
        Claim("b", "Jan", True, 4, 5),
        Claim("c", "Jan", True, 6, 7, ("privacy",)),
        Claim("d", "Jan", True, 8, 9, ("no-backdoors",)),
    ]
    assert choose_headline(claims, topics) == 4  # topic, quote, then the topic first in the taxonomy
    assert choose_headline(claims[:4], topics) == 3
    assert choose_headline(claims[:3], topics) == 1  # a topic before a quote
    assert choose_headline([Claim("x", "A", True), Claim("y", "B", True), Claim("z", "B", False)], topics) == 1
    assert choose_headline([], topics) is None
