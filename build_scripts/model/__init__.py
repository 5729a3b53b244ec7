"""The small typed data model every pipeline stage works on.

Stages pass these values along and never share mutable state, so each stage can be
tested on its own and a build is a plain function of the seed bytes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

Provenance = Literal["extracted", "curated", "page", "fallback"]  # page: read from a saved page's own metadata (extract/html.py); fallback: a stand-in (a title from the first words of a text with no headline)
Severity = Literal["error", "warning"]
Precision = Literal["day", "month", "year"]
SaidPrecision = Literal["day", "week", "month", "year"]  # a claim's said-on may be a week, given as its Monday
STATUSES = ("kept", "broken", "in-progress", "disputed", "unverified")  # a promise's curated status, as written in YAML


def precision_of(date: str | None) -> Precision | None:
    """How precise a YYYY, YYYY-MM or YYYY-MM-DD date is, from its form."""
    if not date:
        return None
    return {1: "year", 2: "month", 3: "day"}[len(date.split("-"))]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, reported as `FILE[:LINE]: message`."""

    file: str
    message: str
    line: int | None = None
    severity: Severity = "error"

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        prefix = "" if self.severity == "error" else "warning: "
        return one_line(f"{where}: {prefix}{self.message}")


_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]")


def one_line(message: str) -> str:
    """A message stays one line that reads as written: a newline, control or bidirectional
    character (from a file name or a seed's text) is shown as its escape, never obeyed."""
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), message)


@dataclass(frozen=True)
class Seed:
    """A seed file as read from disk: its name, exact bytes and decoded text."""

    name: str
    data: bytes
    text: str
    encoding: str


@dataclass(frozen=True)
class RemovedLine:
    """A line of page furniture taken out of the article body, and why."""

    line: int
    text: str
    rule: str


@dataclass(frozen=True)
class Cleaned:
    """The article body after boilerplate removal, plus what was removed."""

    body: str
    removed: tuple[RemovedLine, ...]
    title: str | None = None  # the headline line, also among `removed` (rule "title") with its line


@dataclass(frozen=True)
class Speaker:
    name: str
    kind: Literal["person", "organisation"] = "person"
    role: str | None = None
    organisation: str | None = None
    provenance: Provenance = "extracted"


@dataclass(frozen=True)
class StatusChange:
    """One dated step in a promise's history: what an editor found it to be on that day,
    why (a note) and on what evidence (http(s) links)."""

    on: str  # YYYY-MM-DD, YYYY-MM or YYYY
    status: str  # one of STATUSES
    note: str | None = None
    evidence: tuple[str, ...] = ()


def status_label(status: str) -> str:
    """A status as a reader reads it: 'in-progress' -> 'in progress'."""
    return status.replace("-", " ")


@dataclass(frozen=True)
class Claim:
    """A statement attributed to a speaker; `start`/`end` index the cleaned body."""

    text: str
    speaker: str
    quote: bool
    start: int | None = None
    end: int | None = None
    topics: tuple[str, ...] = ()
    provenance: Provenance = "extracted"
    said_on: str | None = None  # when the text says the words were said (ISO, to `said_precision`); None: unknown
    said_precision: SaidPrecision | None = None
    said_note: str | None = None  # where `said_on` comes from: "inferred from 'on Monday'", "curated"
    status_history: tuple[StatusChange, ...] = ()  # curated, oldest first; the last change is the status now

    @property
    def status(self) -> str | None:
        """The promise's status now (its latest curated change), or None when nobody has assessed it."""
        return self.status_history[-1].status if self.status_history else None


@dataclass(frozen=True, eq=False)
class Extracted:
    """What one seed's text says, before any curated value is applied: the first of the
    three steps that make a Source (extract -> apply curated values -> build the source).
    Kept apart so that curated values can be checked against it (a contradiction is a
    warning) and `evaluate` can score the rules alone."""

    seed: Seed
    cleaned: Cleaned
    speakers: tuple[Speaker, ...]  # under their identity names, each once
    claims: tuple[Claim, ...]
    title: str | None
    outlet: str | None
    via: str | None
    author: str | None
    date: str | None
    date_precision: Precision | None
    fallback_title: str  # the first visible sentence (or the file name), for a text with no headline line


@dataclass(frozen=True, eq=False)
class Source:
    """One seed, fully converted: what a source page and the indexes are made from."""

    file: str
    slug: str
    title: str
    date: str | None
    date_precision: Precision | None
    date_note: str | None
    outlet: str | None
    via: str | None
    author: str | None
    url: str | None
    speakers: tuple[Speaker, ...]
    claims: tuple[Claim, ...]
    headline: int | None  # index into claims
    topics: tuple[str, ...]
    body: str
    original: str
    raw: bytes
    sha256: str
    size: int
    encoding: str
    removed: tuple[RemovedLine, ...]
    provenance: dict[str, Provenance] = field(default_factory=dict)
    outlet_type: str | None = None  # what the outlet is (newspaper, wire service…): the seed's curated file, else the outlets data
    retrieved: str | None = None  # the day `add` downloaded the page (curated `retrieved`), never its publication date

    @property
    def headline_claim(self) -> Claim | None:
        return None if self.headline is None else self.claims[self.headline]

    @property
    def speaker(self) -> str | None:
        claim = self.headline_claim
        if claim is not None:
            return claim.speaker
        return self.speakers[0].name if self.speakers else None


@dataclass(frozen=True)
class Topic:
    slug: str
    title: str
    description: str
    patterns: tuple[str, ...]


@dataclass(frozen=True)
class Corpus:
    """The converted sources, in date order, with every problem found on the way."""

    sources: tuple[Source, ...]
    problems: tuple[Problem, ...]
    topics: tuple[Topic, ...]
    ignored: tuple[str, ...] = ()

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]
