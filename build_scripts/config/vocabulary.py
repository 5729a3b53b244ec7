"""The maintainer-edited word lists and taxonomies in `build_scripts/config/data/`.

Rules stay generic by keeping every name, alias and phrase in these files; the code
only knows how to use them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import regex
import yaml

from build_scripts.model import Topic

DATA_DIR = Path(__file__).parent / "data"


@dataclass(frozen=True)
class LineRule:
    name: str
    pattern: regex.Pattern
    search: bool = False

    def matches(self, line: str) -> bool:
        if self.search:
            return self.pattern.search(line) is not None
        return self.pattern.fullmatch(line) is not None


@dataclass(frozen=True)
class Vocabulary:
    topics: tuple[Topic, ...]
    topic_patterns: tuple[tuple[str, regex.Pattern], ...]
    outlet_aliases: dict[str, str]  # normalised alias -> canonical name
    speaker_aliases: dict[str, tuple[str, str]]  # lower alias -> (name, kind)
    speech_verbs: tuple[str, ...]
    event_verbs: frozenset[str]
    roles: tuple[str, ...]
    role_modifiers: frozenset[str]
    not_names: frozenset[str]
    person_pronouns: frozenset[str]
    organisation_pronouns: tuple[str, ...]
    abbreviations: frozenset[str]
    line_rules: tuple[LineRule, ...]
    block_starts: tuple[regex.Pattern, ...]
    bio_words: tuple[str, ...]
    organisation_words: frozenset[str]
    organisation_nouns: frozenset[str]
    auxiliaries: frozenset[str]
    commitment_words: frozenset[str]
    min_quote_words: int

    def outlet(self, name: str | None) -> str | None:
        """The canonical outlet name for a spelling, or the spelling itself tidied."""
        if not name:
            return None
        return self.outlet_aliases.get(normalise_outlet(name), name.strip())

    def is_known_outlet(self, name: str) -> bool:
        return normalise_outlet(name) in self.outlet_aliases


def normalise_outlet(name: str) -> str:
    name = name.strip().casefold().replace("’", "'").replace("`", "'")
    return name[3:].lstrip() if name.startswith("the") and name[3:4].isspace() else name


def _read_yaml(path: Path) -> dict:
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle) or {}


@lru_cache(maxsize=4)
def load_vocabulary(data_dir: Path = DATA_DIR) -> Vocabulary:
    topics_doc = _read_yaml(data_dir / "topics.yml")
    language = _read_yaml(data_dir / "language.yml")
    outlets_doc = _read_yaml(data_dir / "outlets.yml")
    speakers_doc = _read_yaml(data_dir / "speakers.yml")
    furniture = _read_yaml(data_dir / "boilerplate.yml")

    topics = tuple(
        Topic(t["slug"], t["title"], t.get("description", ""), tuple(t["patterns"]))
        for t in topics_doc["topics"]
    )
    topic_patterns = tuple(
        (t.slug, regex.compile("|".join(f"(?:{p})" for p in t.patterns), regex.I)) for t in topics
    )
    outlet_aliases: dict[str, str] = {}
    for outlet in outlets_doc.get("outlets") or []:
        for alias in [outlet["name"], *outlet.get("aliases", [])]:
            outlet_aliases[normalise_outlet(alias)] = outlet["name"]
    speaker_aliases: dict[str, tuple[str, str]] = {}
    for speaker in speakers_doc.get("speakers") or []:
        for alias in [speaker["name"], *speaker.get("aliases", [])]:
            speaker_aliases[alias.casefold()] = (speaker["name"], speaker.get("kind", "person"))
    pronouns = language.get("pronouns", {})
    return Vocabulary(
        topics=topics,
        topic_patterns=topic_patterns,
        outlet_aliases=outlet_aliases,
        speaker_aliases=speaker_aliases,
        speech_verbs=tuple(sorted(language["speech_verbs"], key=len, reverse=True)),
        event_verbs=frozenset(language.get("event_verbs", [])),
        roles=tuple(sorted(language["roles"], key=len, reverse=True)),
        role_modifiers=frozenset(language.get("role_modifiers", [])),
        not_names=frozenset(language.get("not_names", [])),
        person_pronouns=frozenset(pronouns.get("person", [])),
        organisation_pronouns=tuple(pronouns.get("organisation", [])),
        abbreviations=frozenset(language.get("abbreviations", [])),
        line_rules=tuple(
            LineRule(r["name"], regex.compile(r["pattern"], regex.I), bool(r.get("search")))
            for r in furniture["line_rules"]
        ),
        block_starts=tuple(regex.compile(p, regex.I) for p in furniture["block_starts"]),
        bio_words=tuple(furniture.get("bio_words", [])),
        organisation_words=frozenset(language.get("organisation_words", [])),
        organisation_nouns=frozenset(language.get("organisation_nouns", [])),
        auxiliaries=frozenset(language.get("auxiliaries", [])),
        commitment_words=frozenset(language.get("commitment_words", [])),
        min_quote_words=int(language.get("min_quote_words", 4)),
    )
