"""Stage 4: validate curated metadata files and apply them over what was extracted.

A curated file (`seeds/NAME.yml` beside `seeds/NAME.txt`) carries editorial facts a
text does not: a date, an outlet. Its schema is declared once, in FIELDS, and every
violation is reported with the file and line. A curated value wins over an extracted
one, and a contradiction between the two is reported as a warning.

The files are tiny and hand-written, so YAML features the schema never needs (anchors,
tags, merge keys, deep nesting) are refused before they can expand, crash or hang a
check; a duplicate key is an error rather than the last one silently winning.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from typing import Any, Callable

import regex
import yaml

from build_scripts.extract.metadata import identity_text
from build_scripts.model import Problem

DATE_RE = regex.compile(r"([0-9]{4})(?:-([0-9]{2}))?(?:-([0-9]{2}))?")  # ASCII digits only
PRECISIONS = ("day", "month", "year")
KINDS = ("person", "organisation")
MAX_DEPTH = 20  # the schema needs 4 levels (claims, a claim, its topics)
MAX_SCALAR = 20_000  # characters in one value
MAX_NUMBER = 100  # characters in a number (Python refuses int() past 4,300 digits)
IDENTITY_FIELDS = {"title", "outlet", "via", "author", "name", "role", "organisation", "speaker"}


class Refused(Exception):
    """A curated file that is not read, with the 1-based line to blame when known."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line


class _StringDatesLoader(yaml.SafeLoader):
    """YAML without implicit timestamps, so an impossible date is our error, not a crash."""


_StringDatesLoader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class _CuratedLoader(_StringDatesLoader):
    """Refuses, while building the data, a duplicate key (YAML would keep the last one
    silently), a merge key and a key that is not a plain value."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        first_line: dict[Any, int] = {}
        for key_node, _ in node.value:
            line = key_node.start_mark.line + 1
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise Refused("merge keys (<<) are not allowed: write each field out", line)
            if not isinstance(key_node, yaml.ScalarNode):
                raise Refused("a key must be a plain name, not a list or mapping", line)
            key = self.construct_object(key_node)
            if key in first_line:
                raise Refused(f"duplicate key '{_shown(key)}' (first at line {first_line[key]})", line)
            first_line[key] = line
        return super().construct_mapping(node, deep)

    def construct_bounded_int(self, node: yaml.ScalarNode) -> int:
        if len(node.value) > MAX_NUMBER:
            raise Refused(f"a number longer than {MAX_NUMBER} characters", node.start_mark.line + 1)
        return self.construct_yaml_int(node)


_CuratedLoader.add_constructor("tag:yaml.org,2002:int", _CuratedLoader.construct_bounded_int)


def _refuse_features(text: str) -> None:
    """Refuse, from the event stream (read in one pass, no recursion, nothing expanded), what
    this schema never needs and a hostile file could use: anchors and aliases (expansion
    bombs), explicit tags (`!!int abc`, `!custom`), nesting past MAX_DEPTH (Python's
    recursion limit), values past MAX_SCALAR characters."""
    depth = 0
    for event in yaml.parse(text, Loader=_StringDatesLoader):
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise Refused("anchors and aliases (& and *) are not allowed: write each value out", line)
        tag = getattr(event, "tag", None)
        if tag is not None:
            raise Refused(f"explicit tag '{_shown(tag.replace('tag:yaml.org,2002:', '!!'))}' is not allowed: write a plain value", line)
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise Refused(f"nested more than {MAX_DEPTH} levels deep", line)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        elif isinstance(event, yaml.ScalarEvent) and len(event.value) > MAX_SCALAR:
            raise Refused(f"a value longer than {MAX_SCALAR} characters", line)


def read_yaml(text: str) -> tuple[yaml.Node | None, Any, dict[Any, int]]:
    """The document's node tree, its data and the line of each top-level key; any problem
    (malformed YAML or a refused feature) raises Refused, never another exception."""
    try:
        _refuse_features(text)
        loader = _CuratedLoader(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
            lines = {}
            if isinstance(node, yaml.MappingNode):
                lines = {loader.construct_object(k): k.start_mark.line + 1 for k, _ in node.value}
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        what = " ".join(part for part in (error.context, error.problem) if part)
        raise Refused(f"malformed YAML: {what}", mark.line + 1 if mark else None) from None
    except yaml.reader.ReaderError as error:
        line = text.count("\n", 0, error.position) + 1
        raise Refused(f"malformed YAML: character U+{error.character:04X} is not allowed", line) from None
    except yaml.YAMLError as error:
        raise Refused(f"malformed YAML: {error}") from None
    except (ValueError, OverflowError, RecursionError, MemoryError) as error:  # a last guard: one line, no traceback
        raise Refused(f"cannot be read: {type(error).__name__}") from None
    return node, data, lines


def _shown(value: Any, limit: int = 60) -> str:
    """A value quoted in a message, shortened (Problem shows any invisible character as its escape)."""
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _normalised(field: str, value: Any) -> Any:
    """Names and titles as one identity (identity_text); other text in NFC, the form
    article bodies are matched in."""
    if not isinstance(value, str):
        return value
    return identity_text(value) if field in IDENTITY_FIELDS else unicodedata.normalize("NFC", value)


@dataclass(frozen=True)
class Check:
    """One field of the schema: a type name for messages and a test returning an error or None."""

    kind: str
    test: Callable[[Any], str | None]


def _boolean() -> Check:
    return Check("boolean", lambda v: None if isinstance(v, bool) else "must be true or false")


def _text() -> Check:
    return Check("text", lambda v: None if isinstance(v, str) and v.strip() else "must be non-empty text")


def _choice(options: tuple[str, ...]) -> Check:
    return Check("choice", lambda v: None if v in options else f"must be one of {', '.join(options)}")


def _url() -> Check:
    return Check("url", lambda v: None if isinstance(v, str) and regex.fullmatch(r"https?://[^\s<>\"']+", v) else "must be an http(s) URL")


def _list_of_text() -> Check:
    return Check("list", lambda v: None if isinstance(v, list) and all(isinstance(x, str) and x.strip() for x in v) else "must be a list of text")


SPEAKER_FIELDS = {"name": _text(), "role": _text(), "organisation": _text(), "kind": _choice(KINDS)}
CLAIM_FIELDS = {"text": _text(), "speaker": _text(), "quote": _boolean(), "topics": _list_of_text()}
FIELDS: dict[str, Check] = {
    "title": _text(),
    "date": Check("date", lambda v: None),  # checked by check_date, which knows "today"
    "date_precision": _choice(PRECISIONS),
    "date_note": _text(),
    "outlet": _text(),
    "via": _text(),
    "author": _text(),
    "url": _url(),
    "speakers": Check("list", lambda v: None if isinstance(v, list) else "must be a list"),
    "claims": Check("list", lambda v: None if isinstance(v, list) else "must be a list"),
    "topics": _list_of_text(),
}
REQUIRED = {"speakers": ("name",), "claims": ("text", "speaker")}
NESTED = {"speakers": SPEAKER_FIELDS, "claims": CLAIM_FIELDS}


def parse_curated(name: str, text: str, today: dt.date, topic_slugs: set[str]) -> tuple[dict, list[Problem]]:
    """Validated curated values, and every problem in the file (not just the first)."""
    try:
        node, data, lines = read_yaml(text)
    except Refused as refused:
        return {}, [Problem(name, refused.message, refused.line)]
    if data is None:
        return {}, []
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        return {}, [Problem(name, "must be a mapping of field: value", 1)]
    items = {k.value: v for k, v in node.value if isinstance(k, yaml.ScalarNode)}
    problems: list[Problem] = []
    clean: dict[str, Any] = {}
    for key, value in data.items():
        line = lines.get(key)
        if key not in FIELDS:
            problems.append(Problem(name, f"unknown key '{_shown(key)}' (allowed: {', '.join(FIELDS)})", line))
            continue
        value = _normalised(key, value)
        error = FIELDS[key].test(value)
        if key == "date":
            error, value = check_date(value, today)
        if error:
            problems.append(Problem(name, f"'{key}' {error}", line))
            continue
        if key in NESTED:
            value = _nested(name, key, value, items[key], problems)
        if key == "topics":
            problems += [Problem(name, f"unknown topic '{_shown(t)}'", line) for t in value if t not in topic_slugs]
            value = [t for t in value if t in topic_slugs]
        clean[key] = value
    for claim in clean.get("claims", []):
        for t in claim.get("topics", []):
            if t not in topic_slugs:
                problems.append(Problem(name, f"unknown topic '{_shown(t)}' in claims", lines.get("claims")))
        claim["topics"] = [t for t in claim.get("topics", []) if t in topic_slugs]
    return clean, problems


def _nested(name: str, key: str, value: list, node: yaml.Node, problems: list[Problem]) -> list[dict]:
    schema = NESTED[key]
    out = []
    for index, item in enumerate(value):
        item_node = node.value[index] if isinstance(node, yaml.SequenceNode) else node
        line = item_node.start_mark.line + 1
        if not isinstance(item, dict):
            problems.append(Problem(name, f"'{key}' item {index + 1} must be a mapping", line))
            continue
        ok = True
        item = {field: _normalised(field, field_value) for field, field_value in item.items()}
        for field, field_value in item.items():
            if field not in schema:
                problems.append(Problem(name, f"unknown key '{key}.{_shown(field)}' (allowed: {', '.join(schema)})", line))
                ok = False
            elif (error := schema[field].test(field_value)) is not None:
                problems.append(Problem(name, f"'{key}.{field}' {error}", line))
                ok = False
        for field in REQUIRED[key]:
            if field not in item:
                problems.append(Problem(name, f"'{key}' item {index + 1} needs '{field}'", line))
                ok = False
        if ok:
            out.append(item)
    return out


def check_date(value: Any, today: dt.date) -> tuple[str | None, str | None]:
    """Accept YYYY, YYYY-MM or YYYY-MM-DD that exists and is not after today."""
    text = str(value)
    m = DATE_RE.fullmatch(text)
    if not m:
        return "must be a date as YYYY-MM-DD, YYYY-MM or YYYY", None
    year, month, day = int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1)
    try:
        date = dt.date(year, month, day)
    except ValueError:
        return f"'{text}' is not a real date", None
    if date > today:
        return f"'{text}' is in the future", None
    return None, text


def precision_of(date: str | None) -> str | None:
    if not date:
        return None
    return {1: "year", 2: "month", 3: "day"}[len(date.split("-"))]
