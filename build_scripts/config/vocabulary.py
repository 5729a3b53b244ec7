"""The maintainer-edited knowledge in `config/data/` and the language file chosen by the
plugin's `language` option (`config/data/languages/en.yml` is shipped).

Rules stay generic by keeping every name, alias, word and mark in these files; the code
only knows how to use them, and the roles a furniture rule may declare (it never
depends on a rule's name). Every file is checked against the schema declared here when
it is loaded: an unknown or misspelt key, a wrong type, a missing key or a regular
expression that does not compile is one line, `FILE:LINE: message`, never a traceback
and never a silent change of output.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import regex
import yaml

from build_scripts.model import Topic, one_line

DATA_DIR = Path(__file__).parent / "data"
LANGUAGES = "languages"  # the folder of language files inside a data folder

# The roles a furniture rule may declare, and what the extractor reads from a removed
# line that plays each. Code selects lines by role, so a maintainer may rename a rule.
RULE_ROLES = {
    "byline": "the author ('By Jane Roe'), and the date when the line states one",
    "byline-date": "the publication date ('Published 3 May 2021')",
    "via-credit": "the outlet a story came through ('Via Reuters')",
    "outlet-line": "the outlet (a known outlet's name on its own line under the title)",
    "byline-role": "the outlet (after the last comma of a role line under the by-line)",
    "author-bio": "the outlet the author works for (named in the author's biography)",
    "copyright": "the outlet that publishes the page ('© 2021 The Daily Ledger. All rights reserved.')",
    "site-name": "the outlet, last of all (a site's name heading the page and named again in the text)",
    "navigation": "nothing read: a site's menu or skip link; the line above it is the site's header, not a headline",
    "date-line": "the publication date (a line that gives a date and nothing else: 'Tue, Jun 16 2020 9:56 AM EDT')",
}
# Names the cleaner gives to lines it recognises by their place rather than by a rule.
FOUND_LINE_NAMES = ("title", "related-links", "byline", "byline-role", "author-bio", "outlet-line", "menu", "page-header", "date-line", "site-name")


class VocabularyError(ValueError):
    """A data file that does not fit its schema, as one line: `FILE:LINE: message`."""


# ---------------------------------------------------------------- the schema language


@dataclass(frozen=True)
class Text:
    """A non-empty string: of exactly `length` characters, one of `choices`, or shaped
    as the regular expression `shape` (described to the maintainer as `shape_name`)."""

    length: int | None = None
    choices: tuple[str, ...] = ()
    shape: str | None = None
    shape_name: str = ""


@dataclass(frozen=True)
class Number:
    """A whole number of at least `minimum`."""

    minimum: int = 0


@dataclass(frozen=True)
class Flag:
    """true or false."""


@dataclass(frozen=True)
class Pattern:
    """A regular expression, compiled at load as the code uses it: inside `(?:…)`, with
    `flags`. A `slot` (such as `{outlet}`) must occur once: it stands for a pattern
    the code supplies."""

    flags: int = regex.I
    slot: str | None = None


@dataclass(frozen=True)
class Items:
    """A list of `item`: at least `minimum` long, exactly `length` long when given; `key`
    names a field of each record that must be unique in the list."""

    item: object
    minimum: int = 0
    length: int | None = None
    key: str | None = None


@dataclass(frozen=True)
class Either:
    """Text read as `text`, or a mapping read as `record`: a plain entry, or one with
    conditions attached."""

    text: object
    record: object


@dataclass(frozen=True)
class Field:
    schema: object
    required: bool = False  # an optional field may be left out or left empty (null)


@dataclass(frozen=True)
class Record:
    """A mapping with exactly these keys (no others); `rule` checks the fields together
    and returns a message when they do not fit."""

    fields: dict[str, Field]
    rule: Callable[[dict[str, str]], str | None] | None = None


@dataclass(frozen=True)
class Table:
    """A mapping with keys and values of the given kinds."""

    key: Text
    value: Text | Number


# ---------------------------------------------------------------- the declared files

SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"
# What an outlet is, as its page and every mention of it say (`outlets.yml`, `type`).
OUTLET_TYPES = ("newspaper", "magazine", "online news", "wire service", "broadcaster", "state media",
                "company newsroom", "government", "non-profit", "blog")
SAID_ON_UNITS = ("day", "week", "month", "year")  # what a relative time phrase counts back in (said_on.relative)
WORDS = Items(Text())
LOWER_CASE_WORDS = Items(Text(shape=r"\P{Lu}+", shape_name="in lower case (the text is compared in lower case)"))
MARKS = Items(Text(length=1), minimum=1)


def _named_as_its_role(rule: dict[str, str]) -> str | None:
    """A rule named like a role, or like a line the cleaner names itself, plays that role:
    a name means one thing on every page and in `check --explain`."""
    name = rule.get("name")
    if name in RULE_ROLES or name in FOUND_LINE_NAMES:
        if rule.get("role") != name:
            return f"a rule named '{name}' must declare 'role: {name}'" if name in RULE_ROLES else (
                f"'{name}' is the name the cleaner gives lines it finds itself; name this rule otherwise")
    return None


# A topic's conditions (on the topic, for all its patterns, or on one pattern): `requires`,
# patterns that must each also be found (alternatives go inside one: 'never|not'),
# `excludes`, patterns none of which may be found, and `window`, how many words either side
# of the match the conditions beside it are looked for in (the match's sentence when not
# given; a pattern without one takes its topic's).
TOPIC_CONDITIONS = {
    "requires": Field(Items(Pattern(), minimum=1)),
    "excludes": Field(Items(Pattern(), minimum=1)),
    "window": Field(Number(minimum=1)),
}

KNOWLEDGE = {
    "topics.yml": Record({
        "excludes": Field(Items(Pattern(), minimum=1)),
        "topics": Field(Items(Record({
            "slug": Field(Text(shape=SLUG, shape_name="a slug (lower-case letters, digits and single hyphens)"), True),
            "title": Field(Text(), True),
            "description": Field(Text()),
            "patterns": Field(Items(Either(Pattern(), Record({"match": Field(Pattern(), True), **TOPIC_CONDITIONS})),
                                    minimum=1), True),
            **TOPIC_CONDITIONS,
        }), minimum=1, key="slug"), True),
    }),
    "outlets.yml": Record({
        "outlets": Field(Items(Record({
            "name": Field(Text(), True),
            "type": Field(Text(choices=OUTLET_TYPES)),
            "aliases": Field(WORDS),
        }), key="name")),
    }),
    "speakers.yml": Record({
        "speakers": Field(Items(Record({
            "name": Field(Text(), True),
            "kind": Field(Text(choices=("person", "organisation"))),
            "aliases": Field(WORDS),
        }), key="name")),
    }),
    "boilerplate.yml": Record({
        "line_rules": Field(Items(Record({
            "name": Field(Text(shape=SLUG, shape_name="a rule name (lower-case letters, digits and single hyphens)"), True),
            "pattern": Field(Pattern(), True),
            "search": Field(Flag()),
            "role": Field(Text(choices=tuple(RULE_ROLES))),
        }, rule=_named_as_its_role), key="name"), True),
        "block_starts": Field(Items(Pattern()), True),
        "bio_words": Field(WORDS),
    }),
}

LANGUAGE = Record({
    "quote_marks": Field(Record({
        "open": Field(MARKS, True),
        "close": Field(MARKS, True),
        "after_stop": Field(Items(Text(length=1)), True),
    }), True),
    "apostrophes": Field(Items(Text(length=1)), True),
    "possessive_endings": Field(WORDS, True),
    "same_characters": Field(Table(Text(length=1), Text(length=1)), True),
    "articles": Field(WORDS, True),
    "months": Field(Record({
        "names": Field(Items(Text(), length=12), True),
        "abbreviations": Field(Items(Text(), length=12), True),
    }), True),
    "ordinal_suffixes": Field(WORDS, True),
    "date_cues": Field(Record({
        "published": Field(LOWER_CASE_WORDS, True),
        "updated": Field(LOWER_CASE_WORDS, True),
    }), True),
    "date_words": Field(LOWER_CASE_WORDS, True),
    "said_on": Field(Record({
        "weekdays": Field(Items(Text(), length=7), True),
        "day_prepositions": Field(LOWER_CASE_WORDS, True),
        "period_prepositions": Field(LOWER_CASE_WORDS, True),
        "modifiers": Field(LOWER_CASE_WORDS, True),
        "day_parts": Field(LOWER_CASE_WORDS, True),
        "not_before_weekday": Field(LOWER_CASE_WORDS, True),
        "not_said_after": Field(LOWER_CASE_WORDS, True),
        "relative_words": Field(LOWER_CASE_WORDS, True),
        "participles": Field(LOWER_CASE_WORDS, True),
        "determiners": Field(LOWER_CASE_WORDS, True),
        "relative": Field(Record({
            unit: Field(Table(LOWER_CASE_WORDS.item, Number()), True) for unit in SAID_ON_UNITS
        }), True),
        "ago": Field(Record({
            "words": Field(LOWER_CASE_WORDS, True),
            "numbers": Field(Table(LOWER_CASE_WORDS.item, Number(minimum=1)), True),
            "units": Field(Record({unit: Field(LOWER_CASE_WORDS, True) for unit in SAID_ON_UNITS}), True),
        }), True),
        "setting_prepositions": Field(LOWER_CASE_WORDS, True),
        "object_verbs": Field(WORDS, True),
        "setting_words": Field(LOWER_CASE_WORDS, True),
    }), True),
    "company_suffixes": Field(WORDS, True),
    "byline_cues": Field(WORDS, True),
    "via_cues": Field(WORDS, True),
    "speech_verbs": Field(Items(Text(), minimum=1), True),
    "event_verbs": Field(WORDS, True),
    "roles": Field(Items(LOWER_CASE_WORDS.item, minimum=1), True),
    "role_modifiers": Field(LOWER_CASE_WORDS, True),
    "conjunctions": Field(WORDS, True),
    "role_prepositions": Field(Record({
        "field": Field(WORDS, True),
        "organisation": Field(WORDS, True),
        "apposition": Field(WORDS, True),
    }), True),
    "apposition_ends": Field(WORDS, True),
    "nationality_suffixes": Field(WORDS, True),
    "not_names": Field(WORDS, True),
    "pronouns": Field(Record({
        "person": Field(LOWER_CASE_WORDS, True),
        "organisation": Field(LOWER_CASE_WORDS, True),
        "after_verb": Field(WORDS, True),
        "we": Field(LOWER_CASE_WORDS, True),
    }), True),
    "abbreviations": Field(WORDS, True),
    "honorifics": Field(WORDS, True),
    "organisation_words": Field(WORDS, True),
    "organisation_nouns": Field(LOWER_CASE_WORDS, True),
    "organisation_statement_verb": Field(Pattern(flags=0), True),
    "outlet_name_joiners": Field(WORDS, True),
    "bio_outlet_patterns": Field(Items(Pattern(flags=0, slot="{outlet}")), True),
    "auxiliaries": Field(LOWER_CASE_WORDS, True),
    "commitment_words": Field(LOWER_CASE_WORDS, True),
    "min_quote_words": Field(Number(minimum=1), True),
    "attribution": Field(Record({
        "titles": Field(WORDS, True),
        "relative_pronouns": Field(LOWER_CASE_WORDS, True),
        "clause_words": Field(LOWER_CASE_WORDS, True),
        "spokesperson_roles": Field(LOWER_CASE_WORDS, True),
        "transcript": Field(Record({
            "host_words": Field(LOWER_CASE_WORDS, True),
            "question_labels": Field(WORDS, True),
            "answer_labels": Field(WORDS, True),
            "min_turn_words": Field(Number(minimum=1), True),
        }), True),
        "next_paragraph_cue": Field(Pattern(), True),
        "name_particles": Field(WORDS, True),
        "participle_followers": Field(LOWER_CASE_WORDS, True),
        "participles": Field(WORDS, True),
        "name_suffixes": Field(WORDS, True),
        "naming_verbs": Field(WORDS, True),
        "source_cues": Field(LOWER_CASE_WORDS, True),
    }), True),
})


# ---------------------------------------------------------------- checking a file


class _Defect(Exception):
    """Where a node does not fit its schema, and why."""

    def __init__(self, node: yaml.Node, message: str):
        super().__init__(message)
        self.line = node.start_mark.line + 1
        self.message = message


_TAG = "tag:yaml.org,2002:"
_FOUND = {"str": "text", "int": "a number", "float": "a number", "bool": "true or false",
          "null": "nothing", "timestamp": "a date", "seq": "a list", "map": "a mapping"}
_EXPECTED = {Text: "text", Pattern: "a regular expression (text)", Number: "a whole number",
             Flag: "true or false", Items: "a list", Record: "a mapping", Table: "a mapping",
             Either: "a regular expression (text) or a mapping"}


def _is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == _TAG + "null"


def _at(where: str, message: str) -> str:
    return f"{where}: {message}" if where else message


def _kind_error(node: yaml.Node, schema: object, where: str) -> _Defect:
    found = _FOUND.get(node.tag.removeprefix(_TAG), node.tag)
    hint = ""
    if isinstance(schema, (Text, Pattern, Either)) and isinstance(node, yaml.ScalarNode) and node.style is None:
        hint = f' (YAML reads {node.value} as {found}: write it in quotes, "{node.value}")'
    return _Defect(node, _at(where, f"expected {_EXPECTED[type(schema)]}, found {found}{hint}"))


def check_against(node: yaml.Node, schema: object, where: str = "") -> None:
    """Raise _Defect at the first place where `node` does not fit `schema`."""
    kind = type(schema)
    if kind is Either:
        if isinstance(node, yaml.MappingNode):
            return check_against(node, schema.record, where)
        if isinstance(node, yaml.ScalarNode) and node.tag == _TAG + "str":
            return check_against(node, schema.text, where)
        raise _kind_error(node, schema, where)
    if kind in (Text, Pattern, Number, Flag):
        wanted = {Text: "str", Pattern: "str", Number: "int", Flag: "bool"}[kind]
        if not isinstance(node, yaml.ScalarNode) or node.tag != _TAG + wanted:
            raise _kind_error(node, schema, where)
        _check_scalar(node, schema, where)
    elif kind is Items:
        if not isinstance(node, yaml.SequenceNode):
            raise _kind_error(node, schema, where)
        _check_items(node, schema, where)
    elif kind in (Record, Table):
        if not isinstance(node, yaml.MappingNode):
            raise _kind_error(node, schema, where)
        _check_record(node, schema, where) if kind is Record else _check_table(node, schema, where)
    else:  # pragma: no cover - a schema declared above with a kind this function lacks
        raise TypeError(f"no check for {kind.__name__}")


def _check_scalar(node: yaml.ScalarNode, schema: object, where: str) -> None:
    value = node.value
    if isinstance(schema, Number):
        number = yaml.constructor.SafeConstructor().construct_yaml_int(node)
        if number < schema.minimum:
            raise _Defect(node, _at(where, f"must be at least {schema.minimum}, not {number}"))
        return
    if isinstance(schema, Flag):
        return
    if not value.strip():
        raise _Defect(node, _at(where, "is empty"))
    if isinstance(schema, Text):
        if schema.length is not None and len(value) != schema.length:
            raise _Defect(node, _at(where, f"'{value}' must be exactly {schema.length} character(s) long"))
        if schema.choices and value not in schema.choices:
            raise _Defect(node, _at(where, f"'{value}' is not one of: {', '.join(schema.choices)}"))
        if schema.shape and not regex.fullmatch(schema.shape, value):
            raise _Defect(node, _at(where, f"'{value}' is not {schema.shape_name}"))
    elif isinstance(schema, Pattern):
        if schema.slot is not None:
            if value.count(schema.slot) != 1:
                raise _Defect(node, _at(where, f"must contain {schema.slot} exactly once"))
            value = value.replace(schema.slot, "(?:)")
        try:
            regex.compile(f"(?:{value})", schema.flags)
        except (regex.error, ValueError, OverflowError, RecursionError) as error:
            reason = getattr(error, "msg", None) or str(error)
            raise _Defect(node, _at(where, f"invalid regular expression: {reason}")) from None


def _check_items(node: yaml.SequenceNode, schema: Items, where: str) -> None:
    count = len(node.value)
    if schema.length is not None and count != schema.length:
        raise _Defect(node, _at(where, f"must list exactly {schema.length} items, not {count}"))
    if count < schema.minimum:
        raise _Defect(node, _at(where, f"must list at least {schema.minimum} item(s)"))
    first_line: dict[str, int] = {}
    for i, item in enumerate(node.value):
        check_against(item, schema.item, f"{where}[{i}]")
        if schema.key:
            key_node = next(v for k, v in item.value if k.value == schema.key)
            if key_node.value in first_line:
                raise _Defect(key_node, _at(f"{where}[{i}].{schema.key}",
                                            f"'{key_node.value}' again (first on line {first_line[key_node.value]})"))
            first_line[key_node.value] = key_node.start_mark.line + 1


def _check_keys(node: yaml.MappingNode, where: str, allowed: dict | None) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    """The mapping's entries by key; a key that is not text, is repeated or (when `allowed`
    is given) is not one of them is a defect."""
    entries: dict[str, tuple[yaml.Node, yaml.Node]] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _TAG + "str":
            raise _Defect(key_node, _at(where, "a key must be text"))
        key = key_node.value
        if allowed is not None and key not in allowed:
            raise _Defect(key_node, _at(where, f"unknown key '{key}' (expected one of: {', '.join(allowed)})"))
        if key in entries:
            raise _Defect(key_node, _at(where, f"key '{key}' again (first on line {entries[key][0].start_mark.line + 1})"))
        entries[key] = (key_node, value_node)
    return entries


def _check_record(node: yaml.MappingNode, schema: Record, where: str) -> None:
    entries = _check_keys(node, where, schema.fields)
    for key, spec in schema.fields.items():
        value_node = entries.get(key, (None, None))[1]
        if value_node is None or _is_null(value_node):
            if spec.required:
                raise (_Defect(node, _at(where, f"missing required key '{key}'")) if value_node is None
                       else _Defect(value_node, _at(where, f"'{key}' is empty")))
            continue
        check_against(value_node, spec.schema, f"{where}.{key}" if where else key)
    if schema.rule:
        message = schema.rule({k: v.value for k, (_, v) in entries.items() if isinstance(v, yaml.ScalarNode)})
        if message:
            raise _Defect(node, _at(where, message))


def _check_table(node: yaml.MappingNode, schema: Table, where: str) -> None:
    for key, (key_node, value_node) in _check_keys(node, where, None).items():
        check_against(key_node, schema.key, where)
        check_against(value_node, schema.value, f"{where}.{key}" if where else key)


def read_data(path: Path, schema: Record) -> dict:
    """A data file's content, after checking it against its schema."""
    try:
        data = path.read_bytes()
        text = data.decode("utf-8")
    except FileNotFoundError:
        raise VocabularyError(one_line(f"{path}: no such data file")) from None
    except OSError as error:
        raise VocabularyError(one_line(f"{path}: {error.strerror or error}")) from None
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        raise VocabularyError(one_line(f"{path}:{line}: not UTF-8 text")) from None
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:  # only comments: an empty mapping on line 1
            node = yaml.MappingNode(_TAG + "map", [], start_mark=yaml.Mark(str(path), 0, 0, 0, None, None))
        check_against(node, schema)
        return loader.construct_document(node) or {}
    except _Defect as defect:
        raise VocabularyError(one_line(f"{path}:{defect.line}: {defect.message}")) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = f":{mark.line + 1}" if mark else ""
        raise VocabularyError(one_line(f"{path}{line}: not valid YAML: {error.problem or error.context}")) from None
    except yaml.YAMLError as error:
        raise VocabularyError(one_line(f"{path}: not valid YAML: {error}")) from None
    finally:
        loader.dispose()


# ---------------------------------------------------------------- the loaded vocabulary


@dataclass(frozen=True)
class LineRule:
    name: str
    pattern: regex.Pattern
    search: bool = False
    role: str | None = None  # one of RULE_ROLES: what the extractor reads from the line

    def matches(self, line: str) -> bool:
        if self.search:
            return self.pattern.search(line) is not None
        return self.pattern.fullmatch(line) is not None


@dataclass(frozen=True)
class Context:
    """What must and must not be found near a topic pattern's match."""

    requires: tuple[regex.Pattern, ...]  # each must be found
    excludes: regex.Pattern | None  # must not be found
    window: int | None  # words either side of the match; None: the match's sentence


@dataclass(frozen=True)
class TopicRule:
    """One pattern of a topic with the contexts it must meet: its topic's and its own."""

    slug: str
    match: regex.Pattern
    contexts: tuple[Context, ...]


@dataclass(frozen=True)
class QuoteMarks:
    open: str  # each character opens a quotation
    close: str  # each character closes one; a character in both opens only when not glued to a word
    after_stop: str  # closing marks that may follow a sentence's final stop


@dataclass(frozen=True)
class AttributionWords:
    """The words that name, hide or label a speaker (the language file's `attribution`)."""

    titles: frozenset[str]  # "Dr", "Minister" (the language's honorifics and these titles): never part of a name
    relative_pronouns: frozenset[str]  # "who" in "Jan Novak, who founded Acme, said"
    clause_words: frozenset[str]  # words a description before an inverted name never holds
    spokesperson_roles: frozenset[str]  # roles that speak for an organisation
    host_words: frozenset[str]  # a transcript label's words that mark the interviewer
    question_labels: frozenset[str]
    answer_labels: frozenset[str]
    min_turn_words: int
    next_paragraph_cue: regex.Pattern  # opens a paragraph that names the last quotation's speaker
    name_particles: tuple[str, ...]  # "van" in "Lucas van Arden"
    participle_followers: frozenset[str]  # "in" after "the fund announced"
    participles: frozenset[str]  # "saying": the speaker is the sentence's first person
    name_suffixes: frozenset[str]  # "III" after a surname
    naming_verbs: frozenset[str]  # "called it …": a claim only through its quotation
    source_cues: tuple[str, ...]  # "according to"


@dataclass(frozen=True, eq=False)  # compared by identity, so a stage may cache its patterns per vocabulary
class Vocabulary:
    language: str
    topics: tuple[Topic, ...]
    topic_rules: tuple[TopicRule, ...]  # in taxonomy order
    topic_vetoes: regex.Pattern | None  # a sentence this matches has no topic (a question)
    outlet_aliases: dict[str, str]  # compared spelling (see compare_form) -> canonical name
    outlet_types: dict[str, str]  # canonical outlet name -> one of OUTLET_TYPES, where the data says
    speaker_aliases: dict[str, tuple[str, str]]  # lower alias -> (name, kind)
    line_rules: tuple[LineRule, ...]
    block_starts: tuple[regex.Pattern, ...]
    bio_words: tuple[str, ...]
    # From the language file:
    quote_marks: QuoteMarks
    apostrophes: str
    possessive_endings: tuple[str, ...]
    same_characters: dict[str, str]
    articles: tuple[str, ...]
    month_names: tuple[str, ...]
    month_abbreviations: tuple[str, ...]
    ordinal_suffixes: tuple[str, ...]
    published_cues: tuple[str, ...]
    updated_cues: tuple[str, ...]
    date_words: frozenset[str]
    said_on: SaidOnWords
    company_suffixes: tuple[str, ...]
    byline_cues: tuple[str, ...]
    via_cues: tuple[str, ...]
    speech_verbs: tuple[str, ...]
    event_verbs: frozenset[str]
    roles: tuple[str, ...]
    role_modifiers: frozenset[str]
    conjunctions: tuple[str, ...]
    field_prepositions: tuple[str, ...]
    organisation_prepositions: tuple[str, ...]
    apposition_prepositions: tuple[str, ...]
    apposition_ends: tuple[str, ...]
    nationality_suffixes: tuple[str, ...]
    not_names: frozenset[str]
    person_pronouns: frozenset[str]
    organisation_pronouns: tuple[str, ...]
    after_verb_pronouns: tuple[str, ...]
    we_pronouns: tuple[str, ...]
    abbreviations: frozenset[str]
    honorifics: tuple[str, ...]  # before a name, not part of it
    organisation_words: frozenset[str]
    organisation_nouns: frozenset[str]
    organisation_statement_verb: str
    outlet_name_joiners: tuple[str, ...]
    bio_outlet_patterns: tuple[str, ...]
    auxiliaries: frozenset[str]
    commitment_words: frozenset[str]
    min_quote_words: int
    attribution: AttributionWords

    def outlet(self, name: str | None) -> str | None:
        """The canonical outlet name for a spelling, or the spelling itself tidied."""
        if not name:
            return None
        return self.outlet_aliases.get(self.compare_form(name), name.strip())

    def is_known_outlet(self, name: str) -> bool:
        return self.compare_form(name) in self.outlet_aliases

    def compare_form(self, name: str) -> str:
        return compare_form(name, self.articles, self.same_characters)

    def role_of(self, rule: str) -> str | None:
        """The role a removed line plays, from the name of the rule that removed it."""
        return _roles_by_name(self).get(rule)


@lru_cache(maxsize=8)
def _translation(same_characters: tuple[tuple[str, str], ...]) -> dict[int, str]:
    """Built once per language: names are compared on most short lines of every seed."""
    return str.maketrans(dict(same_characters))


def compare_form(name: str, articles: tuple[str, ...], same_characters: dict[str, str]) -> str:
    """An outlet name as names are compared: case and the language's interchangeable
    characters ignored, and a leading article ("The BBC" is "BBC")."""
    name = name.strip().casefold().translate(_translation(tuple(same_characters.items())))
    for article in articles:
        article = article.casefold()
        if name.startswith(article) and name[len(article):len(article) + 1].isspace():
            return name[len(article):].lstrip()
    return name


@lru_cache(maxsize=8)
def _roles_by_name(vocab: Vocabulary) -> dict[str, str]:
    found = {name: name for name in FOUND_LINE_NAMES if name in RULE_ROLES}
    return found | {rule.name: rule.role for rule in vocab.line_rules if rule.role}


@lru_cache(maxsize=4)
def load_vocabulary(data_dir: Path | None = None, language: str = "en") -> Vocabulary:
    """The checked data of `data_dir` (the shipped folder by default) with the language
    file `languages/LANGUAGE.yml`; VocabularyError names the file and line of a defect."""
    data_dir = DATA_DIR if data_dir is None else Path(data_dir)
    if not data_dir.is_dir():
        raise VocabularyError(one_line(f"{data_dir}: no such data folder"))
    knowledge = {name: read_data(data_dir / name, schema) for name, schema in KNOWLEDGE.items()}
    words = read_data(language_file(data_dir, language), LANGUAGE)
    return _vocabulary(language, knowledge, words)


def language_file(data_dir: Path, language: str) -> Path:
    """The file of a language the data folder has; only a listed file can be chosen."""
    folder = data_dir / LANGUAGES
    available = sorted(path.stem for path in folder.glob("*.yml")) if folder.is_dir() else []
    if language not in available:
        raise VocabularyError(one_line(
            f"language '{language}': no file {LANGUAGES}/{language}.yml (available: {', '.join(available) or 'none'})"))
    return folder / f"{language}.yml"


@dataclass(frozen=True)
class SaidOnWords:
    """The time phrases that say when a claim was said (`extract/said_on.py`)."""

    weekdays: tuple[str, ...]  # Monday first, as capitalised
    day_prepositions: tuple[str, ...]
    period_prepositions: tuple[str, ...]
    modifiers: tuple[str, ...]
    day_parts: tuple[str, ...]
    not_before_weekday: tuple[str, ...]
    not_said_after: tuple[str, ...]
    relative_words: tuple[str, ...]
    participles: tuple[str, ...]
    determiners: tuple[str, ...]
    relative: tuple[tuple[str, str, int], ...]  # (phrase, unit, units back), longest phrase first
    ago_words: tuple[str, ...]  # "ago" in "two weeks ago"
    ago_numbers: dict[str, int]  # "two" -> 2
    ago_units: dict[str, str]  # "weeks" -> "week"
    setting_prepositions: frozenset[str]
    object_verbs: frozenset[str]
    setting_words: frozenset[str]


def _said_on_words(said_on: dict) -> SaidOnWords:
    relative = [(phrase, unit, back) for unit in SAID_ON_UNITS for phrase, back in (said_on["relative"][unit] or {}).items()]
    return SaidOnWords(
        weekdays=tuple(said_on["weekdays"]),
        day_prepositions=tuple(said_on["day_prepositions"] or ()),
        period_prepositions=tuple(said_on["period_prepositions"] or ()),
        modifiers=tuple(said_on["modifiers"] or ()),
        day_parts=tuple(said_on["day_parts"] or ()),
        not_before_weekday=tuple(said_on["not_before_weekday"] or ()),
        not_said_after=tuple(said_on["not_said_after"] or ()),
        relative_words=tuple(said_on["relative_words"] or ()),
        participles=tuple(said_on["participles"] or ()),
        determiners=tuple(said_on["determiners"] or ()),
        relative=tuple(sorted(relative, key=lambda r: (-len(r[0]), r[0]))),
        ago_words=tuple(said_on["ago"]["words"] or ()),
        ago_numbers=dict(said_on["ago"]["numbers"] or {}),
        ago_units={word: unit for unit in SAID_ON_UNITS for word in said_on["ago"]["units"][unit] or ()},
        setting_prepositions=frozenset(said_on["setting_prepositions"] or ()),
        object_verbs=frozenset(said_on["object_verbs"] or ()),
        setting_words=frozenset(said_on["setting_words"] or ()),
    )


def _vocabulary(language: str, knowledge: dict[str, dict], words: dict) -> Vocabulary:
    taxonomy = knowledge["topics.yml"]
    topics = tuple(
        Topic(t["slug"], t["title"], t.get("description") or "", tuple(_pattern_text(p) for p in t["patterns"]))
        for t in taxonomy["topics"]
    )
    furniture = knowledge["boilerplate.yml"]
    marks, months, pronouns, prepositions = (
        words["quote_marks"], words["months"], words["pronouns"], words["role_prepositions"])
    articles, same_characters = tuple(words["articles"]), dict(words["same_characters"])
    outlet_aliases = {
        compare_form(alias, articles, same_characters): outlet["name"]
        for outlet in knowledge["outlets.yml"].get("outlets") or ()
        for alias in [outlet["name"], *(outlet.get("aliases") or ())]
    }
    outlet_types = {outlet["name"]: outlet["type"] for outlet in knowledge["outlets.yml"].get("outlets") or ()
                    if outlet.get("type")}
    speaker_aliases = {
        alias.casefold(): (speaker["name"], speaker.get("kind") or "person")
        for speaker in knowledge["speakers.yml"].get("speakers") or ()
        for alias in [speaker["name"], *(speaker.get("aliases") or ())]
    }
    return Vocabulary(
        language=language,
        topics=topics,
        topic_rules=tuple(_topic_rule(t["slug"], p, t) for t in taxonomy["topics"] for p in t["patterns"]),
        topic_vetoes=_any_of(taxonomy.get("excludes")),
        outlet_aliases=outlet_aliases,
        outlet_types=outlet_types,
        speaker_aliases=speaker_aliases,
        line_rules=tuple(
            LineRule(r["name"], regex.compile(r["pattern"], regex.I), bool(r.get("search")), r.get("role"))
            for r in furniture["line_rules"]
        ),
        block_starts=tuple(regex.compile(p, regex.I) for p in furniture["block_starts"]),
        bio_words=tuple(furniture.get("bio_words") or ()),
        quote_marks=QuoteMarks("".join(marks["open"]), "".join(marks["close"]), "".join(marks["after_stop"])),
        apostrophes="".join(words["apostrophes"]),
        possessive_endings=tuple(words["possessive_endings"]),
        same_characters=same_characters,
        articles=articles,
        month_names=tuple(months["names"]),
        month_abbreviations=tuple(months["abbreviations"]),
        ordinal_suffixes=tuple(words["ordinal_suffixes"]),
        published_cues=tuple(sorted(words["date_cues"]["published"], key=len, reverse=True)),
        updated_cues=tuple(sorted(words["date_cues"]["updated"], key=len, reverse=True)),
        date_words=frozenset(words["date_words"]),
        said_on=_said_on_words(words["said_on"]),
        company_suffixes=tuple(words["company_suffixes"]),
        byline_cues=tuple(words["byline_cues"]),
        via_cues=tuple(words["via_cues"]),
        speech_verbs=tuple(sorted(words["speech_verbs"], key=len, reverse=True)),
        event_verbs=frozenset(words["event_verbs"]),
        roles=tuple(sorted(words["roles"], key=len, reverse=True)),
        role_modifiers=frozenset(words["role_modifiers"]),
        conjunctions=tuple(words["conjunctions"]),
        field_prepositions=tuple(prepositions["field"]),
        organisation_prepositions=tuple(prepositions["organisation"]),
        apposition_prepositions=tuple(prepositions["apposition"]),
        apposition_ends=tuple(words["apposition_ends"]),
        nationality_suffixes=tuple(words["nationality_suffixes"]),
        not_names=frozenset(words["not_names"]),
        person_pronouns=frozenset(pronouns["person"]),
        organisation_pronouns=tuple(pronouns["organisation"]),
        after_verb_pronouns=tuple(pronouns["after_verb"]),
        we_pronouns=tuple(pronouns["we"]),
        abbreviations=frozenset(words["abbreviations"]),
        honorifics=tuple(words["honorifics"]),
        organisation_words=frozenset(words["organisation_words"]),
        organisation_nouns=frozenset(words["organisation_nouns"]),
        organisation_statement_verb=words["organisation_statement_verb"],
        outlet_name_joiners=tuple(words["outlet_name_joiners"]),
        bio_outlet_patterns=tuple(words["bio_outlet_patterns"]),
        auxiliaries=frozenset(words["auxiliaries"]),
        commitment_words=frozenset(words["commitment_words"]),
        min_quote_words=words["min_quote_words"],
        attribution=_attribution_words(words["attribution"], words["honorifics"]),
    )


def _attribution_words(words: dict, honorifics: list[str]) -> AttributionWords:
    transcript = words["transcript"]
    return AttributionWords(
        titles=frozenset(words["titles"]) | frozenset(honorifics),
        relative_pronouns=frozenset(words["relative_pronouns"]),
        clause_words=frozenset(words["clause_words"]),
        spokesperson_roles=frozenset(words["spokesperson_roles"]),
        host_words=frozenset(transcript["host_words"]),
        question_labels=frozenset(transcript["question_labels"]),
        answer_labels=frozenset(transcript["answer_labels"]),
        min_turn_words=transcript["min_turn_words"],
        next_paragraph_cue=regex.compile(rf"(?:{words['next_paragraph_cue']})\s+", regex.I),
        name_particles=tuple(words["name_particles"]),
        participle_followers=frozenset(words["participle_followers"]),
        participles=frozenset(words["participles"]),
        name_suffixes=frozenset(words["name_suffixes"]),
        naming_verbs=frozenset(words["naming_verbs"]),
        source_cues=tuple(words["source_cues"]),
    )


def _pattern_text(pattern: str | dict) -> str:
    return pattern if isinstance(pattern, str) else pattern["match"]


def _any_of(patterns: list[str] | None) -> regex.Pattern | None:
    return regex.compile("|".join(f"(?:{p})" for p in patterns), regex.I) if patterns else None


def _topic_rule(slug: str, pattern: str | dict, topic: dict) -> TopicRule:
    """A pattern with its topic's conditions and its own, each looked for within the window
    declared beside it (a pattern without a window of its own takes its topic's)."""
    own = {"match": pattern} if isinstance(pattern, str) else pattern
    window = topic.get("window")
    contexts = tuple(
        Context(tuple(regex.compile(f"(?:{p})", regex.I) for p in where.get("requires") or ()),
                _any_of(where.get("excludes")), where.get("window") or window)
        for where in (topic, own) if where.get("requires") or where.get("excludes")
    )
    return TopicRule(slug, regex.compile(f"(?:{own['match']})", regex.I), contexts)
