"""Cross-references between sources: who said what where, by speaker, outlet and topic.

Built once from a Corpus and shared by the page renderers, so every page agrees on
slugs, counts and order.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from slugify import slugify

from .model import Claim, Corpus, Source, Speaker, Topic


@dataclass(frozen=True)
class ClaimRef:
    source: Source
    index: int  # 0-based; the anchor is claim-(index+1)

    @property
    def claim(self) -> Claim:
        return self.source.claims[self.index]

    @property
    def anchor(self) -> str:
        return f"claim-{self.index + 1}"


@dataclass
class SpeakerEntry:
    name: str
    slug: str
    kind: str
    roles: list[tuple[str, Source]] = field(default_factory=list)
    claims: list[ClaimRef] = field(default_factory=list)

    @property
    def sources(self) -> list[Source]:
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

    @property
    def sources(self) -> list[Source]:
        return list(dict.fromkeys(ref.source for ref in self.claims))


@dataclass
class Catalogue:
    corpus: Corpus
    speakers: dict[str, SpeakerEntry]
    outlets: dict[str, OutletEntry]
    topics: dict[str, TopicEntry]

    @property
    def sources(self) -> tuple[Source, ...]:
        return self.corpus.sources

    @property
    def by_path(self) -> dict[str, Source]:
        return {f"sources/{s.slug}.md": s for s in self.sources}

    def neighbours(self, source: Source) -> tuple[Source | None, Source | None]:
        """Previous and next dated source in time (undated sources have none)."""
        dated = [s for s in self.sources if s.date]
        if source not in dated:
            return None, None
        i = dated.index(source)
        return (dated[i - 1] if i else None), (dated[i + 1] if i + 1 < len(dated) else None)

    def related(self, source: Source) -> dict[str, list[Source]]:
        """Other sources sharing a speaker, a topic or the outlet."""
        names = {s.name for s in source.speakers}
        by_speaker = [s for s in self.sources if s is not source and names & {x.name for x in s.speakers if self.speakers.get(x.name)}]
        by_topic = [s for s in self.sources if s is not source and set(s.topics) & set(source.topics)]
        by_outlet = [s for s in self.sources if s is not source and source.outlet and s.outlet == source.outlet]
        return {"speaker": by_speaker, "topic": by_topic, "outlet": by_outlet}


def unique_slug(text: str, taken: set[str], fallback: str) -> str:
    base = slugify(text, max_length=60, word_boundary=True) or fallback
    slug = base
    if slug in taken:
        slug = f"{base}-{hashlib.sha1(text.encode('utf-8')).hexdigest()[:8]}"
    taken.add(slug)
    return slug


def build_catalogue(corpus: Corpus) -> Catalogue:
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
        for index, claim in enumerate(source.claims):
            ref = ClaimRef(source, index)
            if claim.speaker in speakers:
                speakers[claim.speaker].claims.append(ref)
            for topic in claim.topics:
                topics[topic].claims.append(ref)
        if source.outlet:
            outlets[source.outlet].sources.append(source)
    speakers = {k: v for k, v in speakers.items() if v.claims}
    return Catalogue(corpus, speakers, outlets, topics)
