"""catalogue/statements.py: the same words of one speaker in several sources are one statement."""

from __future__ import annotations

from build_scripts.catalogue import ClaimRef, build_catalogue
from build_scripts.catalogue.statements import group_statements, near_identical
from build_scripts.model import Claim
from handmade import corpus, source

PLEDGE = "We have never built a hidden door into any router we sell, and we never will"


def test_the_same_words_with_other_punctuation_and_marks_are_one_statement():
    assert near_identical(PLEDGE, "“We have never built a hidden door into any router we sell — and we never will.”")
    assert near_identical("We keep no keys, […] we never did", "we keep no keys we never did")


def test_a_report_that_cut_the_quote_short_is_the_same_statement():
    assert near_identical(PLEDGE, "We have never built a hidden door into any router we sell")
    assert near_identical("Before that: " + PLEDGE, PLEDGE)


def test_near_misses_stay_apart():
    assert not near_identical(PLEDGE, PLEDGE.replace("never built", "always built"))  # one word changed
    assert not near_identical(PLEDGE, "We have never built a hidden door")  # a fragment of a third of it
    assert not near_identical("We will open a lab in Lisbon", "We will open a lab in Oslo")
    assert not near_identical("No hidden doors ever", "No hidden doors")  # short: only equal words
    assert not near_identical(PLEDGE, "We sell routers and we have never built a hidden door into any of them")


def test_groups_are_per_speaker_and_cover_every_item_once():
    items = [("Ana Ruiz", PLEDGE), ("Tom Berg", PLEDGE), ("ana ruiz", PLEDGE + "."),
             ("Ana Ruiz", "We have never built a hidden door into any router we sell"), ("Ana Ruiz", "Something else entirely, said today")]
    assert group_statements(items) == [[0, 2, 3], [1], [4]]
    assert group_statements([]) == []


def test_chains_of_contained_reports_join_and_many_distinct_texts_stay_apart():
    long = PLEDGE + ", whatever any government asks of us in the years to come"
    assert group_statements([("A", PLEDGE), ("A", "x"), ("A", long), ("A", PLEDGE + ", whatever any government asks")]) == [
        [0, 2, 3], [1]]
    distinct = [("Acme", f"Our plant number {n} will make {n * 7} engines in the year {2000 + n}") for n in range(300)]
    assert len(group_statements(distinct)) == 300


def test_appearances_first_said_first_and_one_statement_per_group():
    early = source("early.txt", date="2019-01-02")
    late = source("late.txt", date="2019-05-06", claims=(
        Claim("We build no backdoor, ever", "Jan Novak", True, 0, 10), Claim("Acme will hire 40 engineers in Brno", "Jan Novak", False, 11, 20)),
        headline=0)
    said_first = source("said.txt", date="2020-01-01", claims=(
        Claim("We build no backdoor.", "Jan Novak", True, 0, 10, said_on="2018-12-30", said_precision="day"),), headline=0)
    other = source("other.txt", date="2018-01-01", claims=(Claim("We build no backdoor", "Eva Kral", True, 0, 10),), headline=0)
    cat = build_catalogue(corpus(late, early, said_first, other))
    quote = ClaimRef(early, 0)
    assert [(r.source.file, r.index) for r in cat.appearances(quote)] == [("said.txt", 0), ("early.txt", 0)]
    assert cat.appearances(ClaimRef(said_first, 0)) == cat.appearances(quote)
    assert cat.appearances(ClaimRef(late, 0)) == (ClaimRef(late, 0),)  # "…, ever": a short text, not equal
    assert cat.appearances(ClaimRef(other, 0)) == (ClaimRef(other, 0),)  # another speaker
    firsts = [(r.source.file, r.index) for r in cat.statements()]
    assert firsts == [("other.txt", 0), ("early.txt", 1), ("late.txt", 0), ("late.txt", 1), ("said.txt", 0)]
