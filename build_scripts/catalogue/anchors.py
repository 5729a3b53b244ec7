"""Claim anchors that never move, and the ledger that keeps old positional ones landing.

A claim's anchor is made from its own words, not its place in the list: a readable slug
of its first words and a short hash of all of them (`claim-we-build-no-backdoor-3f2a1c`).
Adding a quote above it, re-running a better extraction that only changes punctuation,
or editing another seed's curated file leaves it as it was. Words are compared as
lower-case letters and digits, so quote marks, the ` […] ` of an interrupted quote and
punctuation do not count.

Earlier builds published positional anchors (`#claim-7`). The seeds folder's ledger,
`.published-anchors.yml`, records what each of them pointed at (page slug -> old anchor ->
the claim's words, as that release published them); `resolve_ledger` finds the claim now
holding those words, so the old link lands on the same words.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from slugify import slugify

from build_scripts.config.vocabulary import Field, Record, Table, Text, VocabularyError, read_data
from build_scripts.model import Claim, Corpus, Problem, Source

LEDGER_NAME = ".published-anchors.yml"  # in the seeds folder: it belongs to the site published from it
LEGACY_ANCHOR = re.compile(r"claim-[0-9]+")
SLUG_WORDS, SLUG_CHARS, HASH_DIGITS = 6, 40, 6
_WORD = re.compile(r"\w+")

LEDGER_SCHEMA = Record({
    "sources": Field(Table(
        Text(shape=r"[a-z0-9][a-z0-9-]*", shape_name="a source page's slug (lower-case letters, digits and hyphens)"),
        Table(Text(shape=LEGACY_ANCHOR.pattern, shape_name="a positional anchor such as claim-7"), Text()),
    ), True),
})


def claim_words(text: str) -> tuple[str, ...]:
    """What an anchor is made of: the claim's words, lower case, without marks or punctuation."""
    return tuple(w.casefold() for w in _WORD.findall(text))


def content_anchor(text: str) -> str:
    """`claim-` + the first words as a slug + a hash of every word. Never `claim-N` alone,
    so it cannot be mistaken for an old positional anchor."""
    words = claim_words(text)
    readable = slugify(" ".join(words[:SLUG_WORDS]), max_length=SLUG_CHARS, word_boundary=True) or "text"
    digest = hashlib.sha1(" ".join(words).encode("utf-8")).hexdigest()[:HASH_DIGITS]
    return f"claim-{readable}-{digest}"


def claim_anchors(source: Source) -> tuple[str, ...]:
    """Each claim's anchor on its source page, unique on the page by construction: a claim
    whose words repeat an earlier one's gets `-2`, `-3`… in the order they appear."""
    return _anchors(source.claims)


@lru_cache(maxsize=1 << 15)  # asked by every page that lists a claim; keyed by the claims, not the whole source
def _anchors(claims: tuple[Claim, ...]) -> tuple[str, ...]:
    seen: dict[str, int] = {}
    anchors = []
    for claim in claims:
        base = content_anchor(claim.text)
        seen[base] = seen.get(base, 0) + 1
        anchors.append(base if seen[base] == 1 else f"{base}-{seen[base]}")
    return tuple(anchors)


def anchor_words(anchor: str) -> str:
    """The readable part of a content anchor (`claim-we-build-no-backdoor`): what a stale
    anchor is matched on by the page script when the words' hash has changed."""
    return anchor.rsplit("-", 1)[0] if re.search(r"-[0-9a-f]{6}(-[0-9]+)?$", anchor) else anchor


# ---------------------------------------------------------------- the ledger of old anchors


@dataclass(frozen=True)
class Ledger:
    """Old positional anchors as published: page slug -> anchor -> the claim's words."""

    pages: dict[str, dict[str, str]]
    file: str = LEDGER_NAME
    lines: dict[tuple[str, str], int] | None = None  # (slug, anchor) -> line, for warnings


@dataclass(frozen=True)
class Landing:
    """Where an old anchor lands now: a claim (`claim`, its index) or, when the words are no
    longer listed as a claim, the same words in the article text (`start`, `end`)."""

    legacy: str
    claim: int | None = None
    start: int | None = None
    end: int | None = None


EMPTY_LEDGER = Ledger({})


def read_ledger(seeds: Path) -> tuple[Ledger, tuple[Problem, ...]]:
    """The seeds folder's ledger, checked against its schema; none is an empty ledger. A bad
    file is one error `FILE:LINE: message`, as every data file's."""
    path = seeds / LEDGER_NAME
    if not path.is_file():
        return EMPTY_LEDGER, ()
    try:
        data = read_data(path, LEDGER_SCHEMA)
    except VocabularyError as error:
        match = re.match(r"(?s).*?:([0-9]+): (.*)", str(error)[len(str(path)):])
        line, message = (int(match.group(1)), match.group(2)) if match else (None, str(error)[len(str(path)) + 2:])
        return EMPTY_LEDGER, (Problem(LEDGER_NAME, message, line),)
    return Ledger(data.get("sources") or {}, LEDGER_NAME, _entry_lines(path)), ()


def _entry_lines(path: Path) -> dict[tuple[str, str], int]:
    """Each entry's line, so a warning names it (the file has been checked already)."""
    root = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    pages = next((value for key, value in root.value if key.value == "sources"), None)
    return {(slug.value, anchor.value): anchor.start_mark.line + 1
            for slug, entries in (pages.value if isinstance(pages, yaml.MappingNode) else ())
            for anchor, _ in entries.value}


def resolve_ledger(corpus: Corpus, ledger: Ledger) -> tuple[dict[str, tuple[Landing, ...]], tuple[Problem, ...]]:
    """Where each old anchor lands now, by page slug, and a warning for each whose words are
    gone from its page (the page itself gone, or the words in neither a claim nor the text)."""
    by_slug = {s.slug: s for s in corpus.sources}
    landings: dict[str, tuple[Landing, ...]] = {}
    problems = []
    for slug, entries in sorted(ledger.pages.items()):
        source = by_slug.get(slug)
        found = []
        for legacy, words in sorted(entries.items(), key=lambda item: int(item[0].split("-")[1])):
            landing = _landing(source, legacy, words) if source is not None else None
            if landing is None:
                where = "its page is gone" if source is None else "its words are no longer on the page"
                problems.append(Problem(ledger.file, f"sources/{slug}/#{legacy} (“{_short(words)}”) no longer "
                                        f"lands on its claim: {where}", (ledger.lines or {}).get((slug, legacy)), "warning"))
            else:
                found.append(landing)
        if found:
            landings[slug] = tuple(found)
    return landings, tuple(problems)


def former_claim_notices(landings: dict[str, tuple[Landing, ...]]) -> list[str]:
    """Old anchors that land on their words in the article text, no longer a claim: the link
    still lands, so the maintainer is told, not warned."""
    return [f"{LEDGER_NAME}: sources/{slug}/#{landing.legacy} lands on its words in the article text: "
            "they are no longer listed as a claim"
            for slug, found in sorted(landings.items()) for landing in found if landing.claim is None]


def _short(words: str, limit: int = 60) -> str:
    return words if len(words) <= limit else words[:limit].rsplit(" ", 1)[0] + "…"


def _landing(source: Source, legacy: str, text: str) -> Landing | None:
    """The claim with the same words; else one whose words contain them or lie within them
    (the longest shared run); else the same words in the article text."""
    wanted = " ".join(claim_words(text))
    if not wanted:
        return None
    best, best_size = None, 0
    for index, claim in enumerate(source.claims):
        have = " ".join(claim_words(claim.text))
        if not have:
            continue
        if have == wanted:
            return Landing(legacy, claim=index)
        if f" {wanted} " in f" {have} " or f" {have} " in f" {wanted} ":
            size = min(len(have), len(wanted))
            if size > best_size:
                best, best_size = index, size
    if best is not None:
        return Landing(legacy, claim=best)
    span = words_in_body(source.body, wanted)
    return Landing(legacy, start=span[0], end=span[1]) if span else None


def words_in_body(body: str, wanted: str) -> tuple[int, int] | None:
    """Where a run of words (as `claim_words` joins them) stands in the body, as offsets."""
    tokens = list(_WORD.finditer(body))
    joined, starts, position = [], [], 0
    for token in tokens:
        word = token.group().casefold()
        starts.append(position)
        joined.append(word)
        position += len(word) + 1
    haystack = " ".join(joined)
    at = f" {haystack} ".find(f" {wanted} ")
    if at < 0:
        return None
    first = bisect_right(starts, at) - 1
    last = first + wanted.count(" ")
    return tokens[first].start(), tokens[last].end()
