"""extract/patterns.py: run-time patterns compiled once, and pieces built from word lists."""

from __future__ import annotations

import regex

from build_scripts.config.vocabulary import load_vocabulary
from build_scripts.extract.patterns import NEVER, alternation, byline_cue, capitalised, characters, rx


def test_a_pattern_text_is_compiled_once():
    assert rx(r"\p{Lu}+") is rx(r"\p{Lu}+")
    assert rx("a", regex.I) is not rx("a")
    assert rx("a", regex.I).fullmatch("A")


def test_alternation_escapes_and_keeps_the_order():
    pattern = alternation(["a.b", "a", "c|d"])
    assert pattern == r"(?:a\.b|a|c\|d)"
    assert regex.fullmatch(pattern, "c|d") and not regex.fullmatch(pattern, "axb")
    assert alternation([]) == NEVER and regex.search(NEVER, "anything") is None


def test_characters_for_a_class_and_a_capitalised_word():
    assert regex.fullmatch(f"[{characters(['-', ']', '^', '“'])}]+", "]^-“")
    assert [capitalised(w) for w in ("the", "über", "", "A")] == ["The", "Über", "", "A"]


def test_byline_cue_leaves_the_name():
    assert byline_cue(load_vocabulary()).sub("", "BY  Jane Porter") == "Jane Porter"
    assert byline_cue(load_vocabulary()).sub("", "Byron Lee") == "Byron Lee"
