"""Regular expressions compiled once per pattern text, and pieces of patterns built from
the language file's lists.

The `regex` module's own cache lookup (`regex.sub(pattern, …)`) costs more than the
match on a short line; every stage that builds a pattern at run time goes through `rx`.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

import regex

if TYPE_CHECKING:
    from build_scripts.config.vocabulary import Vocabulary

NEVER = "(?!)"  # what an empty list matches: nothing


@lru_cache(maxsize=1024)
def rx(pattern: str, flags: int = 0) -> regex.Pattern:
    return regex.compile(pattern, flags)


def alternation(words: Iterable[str]) -> str:
    """Words (or phrases) as one group of alternatives, each escaped, tried in the given order."""
    return _alternation(words if isinstance(words, tuple) else tuple(words))


@lru_cache(maxsize=4096)
def _alternation(words: tuple[str, ...]) -> str:
    """Built once per list: the stages ask for the same language lists on every line."""
    escaped = [regex.escape(word) for word in words]
    return f"(?:{'|'.join(escaped)})" if escaped else NEVER


def characters(chars: Iterable[str]) -> str:
    """Characters escaped for use inside a character class `[…]`."""
    return "".join(regex.escape(char) for char in chars)


def capitalised(word: str) -> str:
    """A word as it opens a sentence: its first letter upper-case ("the" -> "The")."""
    return word[:1].upper() + word[1:]


@lru_cache(maxsize=8)
def byline_cue(vocab: Vocabulary) -> regex.Pattern:
    """The word a by-line opens with and the space after it ("By "): what is left is the name."""
    return regex.compile(rf"^{alternation(vocab.byline_cues)}\s+", regex.I)
