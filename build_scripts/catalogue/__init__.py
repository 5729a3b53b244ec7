"""Cross-references between sources: who said what where, by speaker, outlet and topic.

Built once from a Corpus and shared by the page renderers, so every page agrees on
slugs, counts and order.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cached_property
from weakref import WeakKeyDictionary

from build_scripts.catalogue.anchors import EMPTY_LEDGER, Landing, Ledger, claim_anchors, resolve_ledger
from build_scripts.catalogue.statements import group_statements
from build_scripts.model import STATUSES, Claim, Corpus, Source, Speaker, StatusChange, Topic
from build_scripts.model.slugs import unique_slug


REPORTS_SHOWN = 12
"""More of a statement's reports than any page lists (10: `render.pages`, `render.head`)."""


@dataclass(frozen=True)
class ClaimRef:
    source: Source
    index: int  # 0-based position in source.claims; the anchor comes from the claim's words
    claim: Claim = field(init=False, compare=False, repr=False)  # asked for most of all: kept, not looked up

    def __post_init__(self) -> None:
        object.__setattr__(self, "claim", self.source.claims[self.index])

    @property
    def anchor(self) -> str:
        return claim_anchors(self.source)[self.index]

    @property
    def speaker(self) -> Speaker | None:
        """The speaker as this source presents them (role and organisation at the time)."""
        return next((s for s in self.source.speakers if s.name == self.claim.speaker), None)

    @property
    def said_or_published(self) -> str | None:
        """The date the claim is placed at in time: when it was said if the text says so,
        else when its source was published."""
        return self.claim.said_on or self.source.date


def claim_refs(source: Source) -> tuple[ClaimRef, ...]:
    """A source's claims as references, the same objects every time they are asked for (while
    the source lives): facts that hold them compare at the speed of identity, which is what a
    `mkdocs serve` rebuild does for every page (`render.site`)."""
    refs = _REFS.get(source)
    if refs is None:
        refs = _REFS[source] = tuple(ClaimRef(source, i) for i in range(len(source.claims)))
    return refs


_REFS: WeakKeyDictionary[Source, tuple[ClaimRef, ...]] = WeakKeyDictionary()


def by_time(refs: list[ClaimRef]) -> list[ClaimRef]:
    """Claims in time order (said-on date, else publication date), undated last."""
    return sorted(refs, key=lambda r: (r.said_or_published is None, r.said_or_published or "", r.source.file, r.index))


@dataclass
class SpeakerEntry:
    name: str
    slug: str
    kind: str
    roles: list[tuple[str, Source]] = field(default_factory=list)
    claims: list[ClaimRef] = field(default_factory=list)
    members: list[ClaimRef] = field(default_factory=list)  # an organisation's: claims of people the sources place in it

    @cached_property
    def sources(self) -> list[Source]:
        """Read only after `build_catalogue` has filled `claims`; index pages ask often."""
        return list(dict.fromkeys(ref.source for ref in self.claims))


@dataclass
class OutletEntry:
    name: str
    slug: str
    sources: list[Source] = field(default_factory=list)


@dataclass
class TopicEntry:
    topic: Topic
    claims: list[ClaimRef] = field(default_factory=list)

    @property
    def slug(self) -> str:
        return self.topic.slug

    @cached_property
    def sources(self) -> list[Source]:
        """Read only after `build_catalogue` has filled `claims`; index pages ask often."""
        return list(dict.fromkeys(ref.source for ref in self.claims))


@dataclass
class Catalogue:
    corpus: Corpus
    speakers: dict[str, SpeakerEntry]
    outlets: dict[str, OutletEntry]
    topics: dict[str, TopicEntry]
    landings: dict[str, tuple[Landing, ...]] = field(default_factory=dict)  # old positional anchors, by page slug
    _position: dict[int, int] = field(default_factory=dict)
    _by_speaker: dict[str, list[int]] = field(default_factory=dict)
    _by_topic: dict[str, list[int]] = field(default_factory=dict)
    _by_outlet: dict[str, list[int]] = field(default_factory=dict)
    _appearances: dict[ClaimRef, tuple[ClaimRef, ...]] = field(default_factory=dict)  # filled by build_catalogue
    _statements: list[ClaimRef] | None = None
    _histories: dict[int, tuple[StatusChange, ...]] = field(default_factory=dict)  # status_history's, by statement

    def __post_init__(self) -> None:
        for i, source in enumerate(self.sources):
            self._position[id(source)] = i
            for name in dict.fromkeys(s.name for s in source.speakers if s.name in self.speakers):
                self._by_speaker.setdefault(name, []).append(i)
            for topic in source.topics:
                self._by_topic.setdefault(topic, []).append(i)
            if source.outlet:
                self._by_outlet.setdefault(source.outlet, []).append(i)

    @property
    def sources(self) -> tuple[Source, ...]:
        return self.corpus.sources

    @cached_property
    def by_path(self) -> dict[str, Source]:
        """Source by page path: asked once for every page built, so built once."""
        return {f"sources/{s.slug}.md": s for s in self.sources}

    # Issue 14 seams: each returns the plain answer until its feature lands, so pages can be
    # written against them meanwhile.
    def appearances(self, ref: ClaimRef) -> tuple[ClaimRef, ...]:
        """Every report of the statement `ref` belongs to (near-identical words of the same
        speaker, `catalogue/statements.py`), first said first: by said-on date, else
        publication date, undated last, then corpus order."""
        return self._appearances.get(ref, (ref,))

    def statements(self) -> list[ClaimRef]:
        """One claim per statement (its first appearance), in corpus order."""
        if self._statements is None:
            return [ref for source in self.sources for ref in claim_refs(source)]
        return self._statements

    def status_of(self, ref: ClaimRef) -> str | None:
        """A promise's curated status now (kept, broken, in-progress, disputed, unverified), or None."""
        history = self.status_history(ref)
        return history[-1].status if history else None

    def status_history(self, ref: ClaimRef) -> tuple[StatusChange, ...]:
        """The dated changes of a promise's status, oldest first: the claim's own, else those
        an editor gave another report of the same statement (one statement, one status)."""
        return ref.claim.status_history or self._statement_history(self.appearances(ref))

    def _statement_history(self, statement: tuple[ClaimRef, ...]) -> tuple[StatusChange, ...]:
        """The status history an editor gave one of a statement's reports (none for one report)."""
        if len(statement) < 2:
            return ()
        key = id(statement)  # one tuple per statement, kept alive by _appearances: asked once per statement
        if key not in self._histories:
            self._histories[key] = next((r.claim.status_history for r in statement if r.claim.status_history), ())
        return self._histories[key]

    def distinct_statements(self, refs: list[ClaimRef]) -> list[ClaimRef]:
        """These claims with the reports of one statement counted once (by its first report)."""
        return list(dict.fromkeys(self.appearances(ref)[0] for ref in refs))

    def status_counts(self, refs: list[ClaimRef]) -> dict[str, int]:
        """How many of these statements (a statement reported by several sources once) stand at
        each status, in STATUSES order (absent ones left out)."""
        found = [self.status_of(ref) for ref in self.distinct_statements(refs)]
        return {status: n for status in STATUSES if (n := found.count(status))}

    def outlet_type(self, outlet: str | None) -> str | None:
        """What an outlet is (newspaper, wire service, broadcaster, state media, company
        newsroom, government…), from curated outlet data, or None."""
        return self._outlet_types.get(outlet) if outlet else None

    @cached_property
    def _outlet_types(self) -> dict[str, str]:
        """Each outlet's type as its first source (in corpus order) gives it: the outlets data
        file's, or a seed's curated `outlet_type` where the data file has none."""
        types: dict[str, str] = {}
        for source in self.sources:
            if source.outlet and source.outlet_type:
                types.setdefault(source.outlet, source.outlet_type)
        return types

    def source_page_facts(self, source: Source) -> tuple:
        """Everything a source's page shows of the rest of the catalogue (`render.pages`):
        speakers' and the outlet's pages, statuses, other reports, old anchors, neighbours
        and related sources. Sources compare by identity and an unchanged seed keeps its
        Source object from one rebuild to the next, so equal facts and the same source give
        the same page: `render.site` reuses it instead of rendering it again."""
        refs = claim_refs(source)
        statements = [self.appearances(r) for r in refs]
        names = sorted({s.name for s in source.speakers} | {c.speaker for c in source.claims if c.speaker})
        return (
            tuple((name, entry.slug if (entry := self.speakers.get(name)) else None) for name in names),
            (self.outlets[source.outlet].slug, self.outlet_type(source.outlet)) if source.outlet else None,
            self.status_of(refs[source.headline]) if source.headline is not None else None,
            tuple((*self._reports_shown(reports, statements), r.claim.status_history or self._statement_history(reports))
                  for r, reports in zip(refs, statements)),
            self.landings.get(source.slug, ()),
            self.neighbours(source),
            tuple((key, tuple(others), more) for key, (others, more) in self.related(source).items()),
        )

    def speaker_page_facts(self, entry: SpeakerEntry) -> tuple:
        """Everything a speaker's pages show (`render.indexes.render_speaker_pages`): the
        entry itself, and for its claims their other reports, statuses, outlets and the
        pages of the people who made them (an organisation's members)."""
        refs = entry.claims + entry.members
        outlets = sorted({r.source.outlet for r in refs if r.source.outlet})
        names = sorted({r.claim.speaker for r in entry.members if r.claim.speaker})
        return (
            entry.name, entry.slug, entry.kind, tuple(entry.roles), tuple(entry.claims), tuple(entry.members),
            tuple((o, self.outlets[o].slug, self.outlet_type(o)) for o in outlets),
            tuple((n, e.slug if (e := self.speakers.get(n)) else None) for n in names),
            tuple((reports[0], r.claim.status_history or self._statement_history(reports))
                  for r, reports in ((r, self.appearances(r)) for r in refs)),
        )

    @staticmethod
    def _reports_shown(reports: tuple[ClaimRef, ...], statements: list[tuple[ClaimRef, ...]]) -> tuple:
        """What a page shows of the REPORTS of one of its claims' statements (STATEMENTS: those
        of all its source's claims): enough of the first reports to hold the first
        REPORTS_SHOWN of them and the first REPORTS_SHOWN from other sources (at most `mine`
        are this source's), and how many others there are. Not the whole statement: one
        repeated by thousands would make every check cost thousands."""
        mine = sum(1 for statement in statements if statement is reports) if len(reports) > 1 else 1
        return reports[: REPORTS_SHOWN + mine], len(reports) - mine

    def neighbours(self, source: Source) -> tuple[Source | None, Source | None]:
        """Previous and next dated source in time (undated sources have none)."""
        if not source.date:
            return None, None
        i = self._position[id(source)]
        prev = self.sources[i - 1] if i > 0 else None
        nxt = self.sources[i + 1] if i + 1 < len(self.sources) and self.sources[i + 1].date else None
        return prev, nxt

    def related(self, source: Source, limit: int = 10) -> dict[str, tuple[list[Source], bool]]:
        """Other sources sharing a speaker, a topic or the outlet: the `limit` nearest in
        time, and whether there are more. Only a window around this source is read from
        each (position-sorted) list, so the cost does not grow with the corpus."""
        groups = {
            "speaker": [self._by_speaker.get(s.name, []) for s in source.speakers],
            "topic": [self._by_topic.get(t, []) for t in source.topics],
            "outlet": [self._by_outlet.get(source.outlet, [])] if source.outlet else [],
        }
        return {key: self._nearest(source, lists, limit) for key, lists in groups.items()}

    def _nearest(self, source: Source, lists: list[list[int]], limit: int) -> tuple[list[Source], bool]:
        me = self._position[id(source)]
        candidates: set[int] = set()
        more = False
        for positions in lists:
            k = bisect_left(positions, me)
            candidates.update(positions[max(0, k - limit) : k + limit + 1])
            own = k < len(positions) and positions[k] == me
            more = more or len(positions) - own > limit
        candidates.discard(me)
        ordered = sorted(candidates)
        # The LIMIT nearest of a sorted list are a run around this source's place in it: widen
        # the run one position at a time, on the nearer side (the earlier one on a tie).
        lo = hi = bisect_left(ordered, me)
        while hi - lo < limit and (lo > 0 or hi < len(ordered)):
            if hi == len(ordered) or (lo > 0 and me - ordered[lo - 1] <= ordered[hi] - me):
                lo -= 1
            else:
                hi += 1
        return [self.sources[p] for p in ordered[lo:hi]], more or len(candidates) > limit


def build_catalogue(corpus: Corpus, ledger: Ledger = EMPTY_LEDGER) -> Catalogue:
    speakers: dict[str, SpeakerEntry] = {}
    outlets: dict[str, OutletEntry] = {}
    topics = {t.slug: TopicEntry(t) for t in corpus.topics}
    speaker_slugs: set[str] = set()
    outlet_slugs: set[str] = set()
    by_name: dict[str, Speaker] = {}
    for source in corpus.sources:
        for speaker in source.speakers:
            by_name.setdefault(speaker.name, speaker)
    for name in sorted(by_name, key=str.casefold):
        speakers[name] = SpeakerEntry(name, unique_slug(name, speaker_slugs, "speaker"), by_name[name].kind)
    for outlet in sorted({s.outlet for s in corpus.sources if s.outlet}, key=str.casefold):
        outlets[outlet] = OutletEntry(outlet, unique_slug(outlet, outlet_slugs, "outlet"))
    for source in corpus.sources:
        for speaker in source.speakers:
            role = ", ".join(x for x in (speaker.role, speaker.organisation) if x)
            if role:
                speakers[speaker.name].roles.append((role, source))
        for ref, claim in zip(claim_refs(source), source.claims):
            if claim.speaker in speakers:
                speakers[claim.speaker].claims.append(ref)
            for topic in claim.topics:
                topics[topic].claims.append(ref)
        if source.outlet:
            outlets[source.outlet].sources.append(source)
    _add_members(corpus, speakers)
    speakers = {k: v for k, v in speakers.items() if v.claims or v.members}
    appearances, statements = _group_appearances(corpus)
    return Catalogue(corpus, speakers, outlets, topics, resolve_ledger(corpus, ledger)[0],
                     _appearances=appearances, _statements=statements)


def _group_appearances(corpus: Corpus) -> tuple[dict[ClaimRef, tuple[ClaimRef, ...]], list[ClaimRef]]:
    """Each claim's statement (its appearances, first said first) and one claim per
    statement, its first appearance, in corpus order. Built once, before the renderers
    fork, so no core groups the claims again."""
    refs = [ref for source in corpus.sources for ref in claim_refs(source)]
    groups = group_statements([(ref.claim.speaker, ref.claim.text) for ref in refs])

    def first_said(k: int) -> tuple:
        when = refs[k].said_or_published
        return when is None, when or "", k

    appearances: dict[ClaimRef, tuple[ClaimRef, ...]] = {}
    firsts: list[tuple[int, ClaimRef]] = []
    for group in groups:
        ordered = sorted(group, key=first_said)
        statement = tuple(refs[k] for k in ordered)
        firsts.append((ordered[0], statement[0]))
        for ref in statement:
            appearances[ref] = statement
    return appearances, [ref for _, ref in sorted(firsts, key=lambda pair: pair[0])]


def _add_members(corpus: Corpus, speakers: dict[str, SpeakerEntry]) -> None:
    """An organisation's page also lists what its people said: the claims of every person a
    source places in it (its `organisation`, matched to the organisation's speaker entry
    case-blind), with the role that source gives them."""
    organisations = {name.casefold(): entry for name, entry in speakers.items() if entry.kind == "organisation"}
    for source in corpus.sources:
        members = {s.name: organisations.get(s.organisation.casefold()) for s in source.speakers
                   if s.kind == "person" and s.organisation}
        for ref, claim in zip(claim_refs(source), source.claims):
            entry = members.get(claim.speaker)
            if entry is not None and entry.name != claim.speaker:
                entry.members.append(ref)
