"""model/: problems as one readable line, and what a source and a corpus say about themselves."""

from __future__ import annotations

import pytest

from build_scripts.model import Claim, Corpus, Problem, Speaker, one_line
from handmade import TOPICS, source


def test_a_problem_is_file_line_and_message():
    assert str(Problem("a.txt", "bad")) == "a.txt: bad"
    assert str(Problem("a.yml", "bad", 3)) == "a.yml:3: bad"
    assert str(Problem("a.txt", "odd", severity="warning")) == "a.txt: warning: odd"


@pytest.mark.parametrize("message, shown", [
    ("a\nb.txt: x", "a\\nb.txt: x"),
    ("evil\u202etxt.exe", "evil\\u202etxt.exe"),
    ("zero\u200bwidth\x00\x7f", "zero\\u200bwidth\\x00\\x7f"),
    ("José 日本 🔒", "José 日本 🔒"),
])
def test_one_line_shows_control_and_bidi_characters_as_escapes(message, shown):
    assert one_line(message) == shown
    assert str(Problem(message, "m")) == f"{shown}: m"


def test_headline_claim_and_speaker():
    assert source().headline_claim == source().claims[0]
    assert source(headline=1).speaker == "Jan Novak"
    assert source(claims=(), headline=None).headline_claim is None
    assert source(claims=(), headline=None).speaker == "Jan Novak"  # the first speaker named
    assert source(claims=(), headline=None, speakers=()).speaker is None
    other = source(claims=(Claim("x", "Other", True),), headline=0, speakers=(Speaker("Jan Novak"),))
    assert other.speaker == "Other"


def test_corpus_sorts_its_problems_into_errors_and_warnings():
    error, warning = Problem("a", "e"), Problem("b", "w", severity="warning")
    corpus = Corpus((), (warning, error), TOPICS)
    assert (corpus.errors, corpus.warnings, corpus.ignored) == ([error], [warning], ())
