"""Stage 4: validate curated metadata files and apply them over what was extracted.

A curated file (`seeds/NAME.yml` beside `seeds/NAME.txt`) carries editorial facts a
text does not: a date, an outlet. Its schema is declared once, in FIELDS, and every
violation is reported with the file and line. A curated value wins over an extracted
one, and a contradiction between the two is reported as a warning.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Callable

import regex
import yaml

from .model import Problem

DATE_RE = regex.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
PRECISIONS = ("day", "month", "year")
KINDS = ("person", "organisation")


class _StringDatesLoader(yaml.SafeLoader):
    """YAML without implicit timestamps, so an impossible date is our error, not a crash."""


_StringDatesLoader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


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
        node = yaml.compose(text, Loader=_StringDatesLoader)
        data = yaml.load(text, Loader=_StringDatesLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        return {}, [Problem(name, f"malformed YAML: {error.problem or error.context}", line)]
    except yaml.YAMLError as error:
        return {}, [Problem(name, f"malformed YAML: {error}")]
    if data is None:
        return {}, []
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        return {}, [Problem(name, "must be a mapping of field: value", 1)]
    lines = {k.value: k.start_mark.line + 1 for k, _ in node.value if isinstance(k, yaml.ScalarNode)}
    items = {k.value: v for k, v in node.value if isinstance(k, yaml.ScalarNode)}
    problems: list[Problem] = []
    clean: dict[str, Any] = {}
    for key, value in data.items():
        line = lines.get(str(key))
        if key not in FIELDS:
            problems.append(Problem(name, f"unknown key '{key}' (allowed: {', '.join(FIELDS)})", line))
            continue
        error = FIELDS[key].test(value)
        if key == "date":
            error, value = check_date(value, today)
        if error:
            problems.append(Problem(name, f"'{key}' {error}", line))
            continue
        if key in NESTED:
            value = _nested(name, key, value, items[key], problems)
        if key == "topics":
            problems += [Problem(name, f"unknown topic '{t}'", line) for t in value if t not in topic_slugs]
            value = [t for t in value if t in topic_slugs]
        clean[key] = value
    for claim in clean.get("claims", []):
        for t in claim.get("topics", []):
            if t not in topic_slugs:
                problems.append(Problem(name, f"unknown topic '{t}' in claims", lines.get("claims")))
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
        for field, field_value in item.items():
            if field not in schema:
                problems.append(Problem(name, f"unknown key '{key}.{field}' (allowed: {', '.join(schema)})", line))
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
