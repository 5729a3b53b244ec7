"""One statement, many reports: the same words of one speaker, quoted by several sources,
are one statement with several appearances.

Two claims are one statement when their speaker is the same (case-blind) and their words
are near-identical: equal once lower-cased with punctuation, quote marks and the ` […] ` of
an interrupted quote left out, or one's word shingles nearly all found in the other's
(a report that cut a sentence short, another that kept a trailing clause). Anything
looser (a changed word in a short quote, a paraphrase) stays apart: a reader must be able
to trust that "also reported by" shows the same words.

Pairs are never all compared: equal words meet in a dictionary, and near-identical ones
through an index of shingles probed with each text's rarest few (prefix filtering: a text
sharing at least CONTAINED of its shingles with another shares one of any `n - needed + 1`
of them), so the work grows with the number of claims, not its square.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Sequence

SHINGLE = 3  # words per shingle
MIN_WORDS = 5  # a text shorter than this is one statement with another only when the words are equal
CONTAINED = (9, 10)  # of the shorter text's shingles, at least this share is in the longer's
LENGTH_RATIO = (1, 2)  # and the shorter has at least this share of the longer's shingles

_WORD = re.compile(r"\w+")


@lru_cache(maxsize=1 << 17)  # a rebuild under `mkdocs serve` asks again for every claim
def statement_words(text: str) -> tuple[str, ...]:
    """The words that make a statement: lower-case letters and digits, in order."""
    return tuple(_WORD.findall(text.casefold()))


def shingles(words: tuple[str, ...]) -> frozenset[str]:
    """Runs of SHINGLE words, as strings (a string keeps its hash; a tuple computes it anew)."""
    if len(words) < SHINGLE:
        return frozenset({" ".join(words)})
    return frozenset(" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1))


def _needed(count: int) -> int:
    """How many of `count` shingles the other text must share (a whole number, rounded up)."""
    share, whole = CONTAINED
    return -(-count * share // whole)


def _close_in_length(small: int, large: int) -> bool:
    share, whole = LENGTH_RATIO
    return small * whole >= large * share


def near_identical(a: str, b: str) -> bool:
    """Whether two texts (of one speaker) are the same statement."""
    return _near(statement_words(a), statement_words(b))


def _near(a: tuple[str, ...], b: tuple[str, ...], sa=None, sb=None) -> bool:
    if a == b:
        return True
    if min(len(a), len(b)) < MIN_WORDS:
        return False
    sa, sb = sa or shingles(a), sb or shingles(b)
    small, large = (sa, sb) if len(sa) <= len(sb) else (sb, sa)
    return _close_in_length(len(small), len(large)) and len(small & large) >= _needed(len(small))


def group_statements(items: Sequence[tuple[str, str]]) -> list[list[int]]:
    """Positions of (speaker, text) items grouped into statements: every position in one
    group, each group in ascending order, groups ordered by their first position."""
    parent = list(range(len(items)))

    def join(i: int, j: int) -> None:
        _join(parent, _root(parent, i), _root(parent, j))

    words = [statement_words(text) for _, text in items]
    speakers = [speaker.casefold() for speaker, _ in items]
    first: dict[tuple[str, tuple[str, ...]], int] = {}
    for i, key in enumerate(zip(speakers, words)):
        if key in first:
            join(i, first[key])
        else:
            first[key] = i
    by_speaker: dict[str, list[int]] = {}
    for i in first.values():
        if len(words[i]) >= MIN_WORDS:
            by_speaker.setdefault(speakers[i], []).append(i)
    joins = {}
    for speaker, members in by_speaker.items():
        if len(members) < 2:
            continue
        key = (speaker, tuple(words[i] for i in members))
        found = _JOINS.get(key)
        joins[key] = found if found is not None else _near_joins(key[1])
        for a, b in joins[key]:
            join(members[a], members[b])
    _JOINS.clear()  # what the next call may reuse: this one's (a speaker's texts, unchanged)
    _JOINS.update(joins)
    groups: dict[int, list[int]] = {}
    for i in range(len(items)):
        groups.setdefault(_root(parent, i), []).append(i)
    return sorted(groups.values(), key=lambda g: g[0])


_JOINS: dict[tuple[str, tuple[tuple[str, ...], ...]], tuple[tuple[int, int], ...]] = {}


def _near_joins(texts: tuple[tuple[str, ...], ...]) -> tuple[tuple[int, int], ...]:
    """Which of one speaker's distinct texts (their words) are one statement: the pairs whose
    joining makes the groups (by position in TEXTS). Remembered by `group_statements`, so a
    `mkdocs serve` rebuild works again only for the speakers whose texts changed."""
    parent = list(range(len(texts)))
    sets = [shingles(words) for words in texts]
    index: dict[str, list[int]] = {}
    for i, mine in enumerate(sets):
        for s in mine:
            index.setdefault(s, []).append(i)
    frequency = {s: len(holders) for s, holders in index.items()}
    joins = []
    for i, mine in enumerate(sets):
        # Any len - needed + 1 of a text's shingles include one it shares with a text it is
        # near (the other's are all indexed), so the order only saves work: rarest first.
        rarest = sorted(mine, key=frequency.__getitem__)[: len(mine) - _needed(len(mine)) + 1]
        candidates = {j for s in rarest for j in index[s] if j != i and len(sets[j]) >= len(mine)}
        for j in sorted(candidates):
            a, b = _root(parent, i), _root(parent, j)
            if a != b and _near(texts[i], texts[j], mine, sets[j]):
                _join(parent, a, b)
                joins.append((i, j))
    return tuple(joins)


def _root(parent: list[int], i: int) -> int:
    """A union-find set's representative (halving the path on the way)."""
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def _join(parent: list[int], a: int, b: int) -> None:
    """Two sets (by their representatives) made one, under the smaller position."""
    if a != b:
        parent[max(a, b)] = min(a, b)
