"""Stage 4: validate curated metadata files and apply them over what was extracted.

A curated file (`seeds/NAME.yml` beside `seeds/NAME.txt`) carries editorial facts a
text does not: a date, an outlet. Its schema is declared once, in FIELDS, and every
violation is reported with the file and line (`read_curated`, `parse_curated`). A curated
value wins over an extracted one, and a contradiction between the two is reported as a
warning (`apply_curated`).

The files are tiny and hand-written, so YAML features the schema never needs (anchors,
tags, merge keys, deep nesting) are refused before they can expand, crash or hang a
check; a duplicate key is an error rather than the last one silently winning.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable

import regex
import yaml

from build_scripts.catalogue.anchors import claim_words
from build_scripts.config.vocabulary import OUTLET_TYPES, Vocabulary
from build_scripts.extract.topics import tag_topics
from build_scripts.extract.metadata import identity_text
from build_scripts.model import STATUSES, Claim, Extracted, Problem, Speaker, StatusChange, precision_of

DATE_RE = regex.compile(r"([0-9]{4})(?:-([0-9]{2}))?(?:-([0-9]{2}))?")  # ASCII digits only
PRECISIONS = ("day", "month", "year")
SAID_PRECISIONS = ("day", "week", "month", "year")  # a claim's said-on may be a week (given by any of its days)
KINDS = ("person", "organisation")
MAX_DEPTH = 20  # the schema needs 4 levels (claims, a claim, its topics)
MAX_SCALAR = 20_000  # characters in one value
MAX_NUMBER = 100  # characters in a number (Python refuses int() past 4,300 digits)
MIN_STATUS_WORDS = 4  # a status names its claim by at least this many of its words, so it cannot fit another by chance
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
CLAIM_FIELDS = {"text": _text(), "speaker": _text(), "quote": _boolean(), "topics": _list_of_text(),
                "said_on": Check("date", lambda v: None),  # checked by _said_on, which knows "today"
                "said_precision": _choice(SAID_PRECISIONS)}
FIELDS: dict[str, Check] = {
    "title": _text(),
    "date": Check("date", lambda v: None),  # checked by check_date, which knows "today"
    "date_precision": _choice(PRECISIONS),
    "date_note": _text(),
    "outlet": _text(),
    "outlet_type": _choice(OUTLET_TYPES),  # what the outlet is, when the outlets data file does not say
    "via": _text(),
    "author": _text(),
    "url": _url(),
    "requested_url": _url(),  # `add`: the URL asked for, when the server redirected to `url`
    "retrieved": Check("date", lambda v: None),  # `add`: when the page was downloaded (checked by check_date)
    "speakers": Check("list", lambda v: None if isinstance(v, list) else "must be a list"),
    "claims": Check("list", lambda v: None if isinstance(v, list) else "must be a list"),
    "topics": _list_of_text(),
    "statuses": Check("list", lambda v: None if isinstance(v, list) else "must be a list"),  # checked by _statuses
}
STATUS_FIELDS = {"claim": _text(), "history": Check("list", lambda v: None if isinstance(v, list) and v else "must be a non-empty list")}
CHANGE_FIELDS = {"date": Check("date", lambda v: None),  # checked by check_date
                 "status": _choice(STATUSES), "note": _text(),
                 "evidence": Check("list", lambda v: None if isinstance(v, list) and v and all(
                     isinstance(x, str) and _url().test(x) is None for x in v) else "must be a list of http(s) URLs")}
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
        elif key == "retrieved":  # a day, never shown as the publication date (not in APPLIED)
            error, value = check_date(value, today)
            if not error and precision_of(value) != "day":
                error = "must be a day as YYYY-MM-DD"
        if error:
            problems.append(Problem(name, f"'{key}' {error}", line))
            continue
        if key in NESTED:
            value = _nested(name, key, value, items[key], problems, today)
        elif key == "statuses":
            value = _statuses(name, value, items[key], problems, today)
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


def _nested(name: str, key: str, value: list, node: yaml.Node, problems: list[Problem], today: dt.date) -> list[dict]:
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
        if ok and key == "claims" and ("said_on" in item or "said_precision" in item):
            field, error, item = _said_on(item, today)
            if error:
                problems.append(Problem(name, f"'claims.{field}' {error}", _line_of(item_node, field) or line))
                ok = False
        if ok:
            out.append(item)
    return out


def _statuses(name: str, value: list, node: yaml.Node, problems: list[Problem], today: dt.date) -> list[dict]:
    """A promise's status, followed over time: each item names its claim by the claim's own
    words (a passage of at least MIN_STATUS_WORDS words, compared as anchors compare them:
    lower case, punctuation ignored), so it stays valid when a better extraction moves the
    claim's edges or its anchor; its `history` lists dated changes, oldest first, each with a
    status, an optional note and evidence links. Returns the valid items, each with the file
    and line it starts on (to blame when its claim is not found)."""
    out = []
    for index, item in enumerate(value):
        item_node = node.value[index] if isinstance(node, yaml.SequenceNode) else node
        line = item_node.start_mark.line + 1
        if not isinstance(item, dict):
            problems.append(Problem(name, f"'statuses' item {index + 1} must be a mapping", line))
            continue
        ok = _fields_fit(name, "statuses", item, STATUS_FIELDS, ("claim", "history"), item_node, problems, index)
        if ok and len(claim_words(item["claim"])) < MIN_STATUS_WORDS:
            problems.append(Problem(name, f"'statuses.claim' must quote at least {MIN_STATUS_WORDS} words of the claim",
                                    _line_of(item_node, "claim") or line))
            ok = False
        history = _history(name, item.get("history") if ok else [], _value_of(item_node, "history"), problems, today)
        if ok and history is not None:
            out.append({"claim": unicodedata.normalize("NFC", item["claim"]), "history": history, "file": name, "line": line})
    return out


def _history(name: str, changes: list, node: yaml.Node | None, problems: list[Problem], today: dt.date) -> list[dict] | None:
    """The dated changes of one status, checked one by one and then for order (oldest first);
    None when any is wrong."""
    ok, out = True, []
    for index, change in enumerate(changes):
        change_node = node.value[index] if isinstance(node, yaml.SequenceNode) else node
        line = change_node.start_mark.line + 1 if change_node is not None else None
        if not isinstance(change, dict):
            problems.append(Problem(name, f"'statuses.history' item {index + 1} must be a mapping", line))
            ok = False
            continue
        if not _fields_fit(name, "statuses.history", change, CHANGE_FIELDS, ("date", "status"), change_node, problems, index):
            ok = False
            continue
        error, date = check_date(change["date"], today)
        if error:
            problems.append(Problem(name, f"'statuses.history.date' {error}", _line_of(change_node, "date") or line))
            ok = False
            continue
        if out and _date_start(date) < _date_start(out[-1]["date"]):
            problems.append(Problem(name, f"'statuses.history' item {index + 1} ({date}) is dated before item {index} "
                                          f"({out[-1]['date']}): list the changes oldest first", line))
            ok = False
            continue
        out.append({**{k: unicodedata.normalize("NFC", v) if isinstance(v, str) else v for k, v in change.items()},
                    "date": date})
    return out if ok else None


def _fields_fit(name: str, key: str, item: dict, schema: dict[str, Check], required: tuple[str, ...],
                node: yaml.Node | None, problems: list[Problem], index: int) -> bool:
    """Whether a mapping has only the schema's keys, each of the right kind, and the required
    ones; every misfit is reported on its own line."""
    ok = True
    line = node.start_mark.line + 1 if node is not None else None
    for field, field_value in item.items():
        at = _line_of(node, field) or line
        if field not in schema:
            problems.append(Problem(name, f"unknown key '{key}.{_shown(field)}' (allowed: {', '.join(schema)})", at))
            ok = False
        elif (error := schema[field].test(field_value)) is not None:
            problems.append(Problem(name, f"'{key}.{field}' {error}", at))
            ok = False
    for field in required:
        if field not in item:
            problems.append(Problem(name, f"'{key}' item {index + 1} needs '{field}'", line))
            ok = False
    return ok


def _value_of(node: yaml.Node, key: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        return next((v for k, v in node.value if getattr(k, "value", None) == key), None)
    return None


def _date_start(date: str) -> tuple[int, ...]:
    """Where a YYYY, YYYY-MM or YYYY-MM-DD date starts, to compare dates of any precision."""
    return tuple(int(p) for p in (date.split("-") + ["1", "1"])[:3])


def _said_on(item: dict, today: dt.date) -> tuple[str, str | None, dict]:
    """A curated claim's said-on: a real date not after today, YYYY-MM-DD, YYYY-MM or YYYY;
    `said_precision`, when given, is the precision it is written with, or `week` for a day
    (kept as that week's Monday). Returns the field at fault and its error, or the item
    with both fields set."""
    if "said_on" not in item:
        return "said_precision", "needs 'said_on'", item
    error, text = check_date(item["said_on"], today)
    if error:
        return "said_on", error, item
    written = precision_of(text)
    wanted = item.get("said_precision", written)
    if wanted != written and not (wanted == "week" and written == "day"):
        allowed = f"{written} or week" if written == "day" else written
        return "said_precision", f"must be {allowed}, as 'said_on' is written", item
    if wanted == "week":
        day = dt.date.fromisoformat(text)
        text = (day - dt.timedelta(days=day.weekday())).isoformat()
    return "said_on", None, {**item, "said_on": text, "said_precision": wanted}


def _line_of(node: yaml.Node, key: str) -> int | None:
    """The 1-based line of a key in a mapping node."""
    if isinstance(node, yaml.MappingNode):
        return next((k.start_mark.line + 1 for k, _ in node.value if getattr(k, "value", None) == key), None)
    return None


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


def read_curated(seed_names: list[str], files: dict[str, bytes], today: dt.date,
                 topic_slugs: set[str]) -> tuple[dict[str, dict], list[Problem]]:
    """Each seed's validated curated values, by seed name, and every problem in the files.
    A curated file must match exactly one seed, and a seed may have only one curated file
    (`a.yml` beside `a.yaml` is an error, not a silent choice)."""
    problems: list[Problem] = []
    seeds_by_stem: dict[str, list[str]] = {}
    for name in seed_names:
        seeds_by_stem.setdefault(Path(name).stem, []).append(name)
    files_by_stem: dict[str, list[str]] = {}
    for name in sorted(files):
        files_by_stem.setdefault(Path(name).stem, []).append(name)
    values_by_seed: dict[str, dict] = {}
    for stem, names in sorted(files_by_stem.items()):
        matches = seeds_by_stem.get(stem, [])
        if not matches:
            problems += [Problem(name, f"curated metadata with no matching seed ({stem}.txt)") for name in names]
        elif len(names) > 1:
            problems.append(Problem(names[0], f"curated metadata for {matches[0]} is in {' and '.join(names)}: keep one file"))
        elif len(matches) > 1:
            problems.append(Problem(names[0], f"matches more than one seed ({', '.join(matches)}): rename one"))
        else:
            try:
                text = files[names[0]].decode("utf-8-sig")
            except UnicodeDecodeError as error:
                problems.append(Problem(names[0], f"not valid UTF-8 (byte offset {error.start})"))
                continue
            values, found = parse_curated(names[0], text, today, topic_slugs)
            problems += found
            values_by_seed[matches[0]] = values
    return values_by_seed, problems


def speaks_for(curated: dict) -> str | None:
    """The organisation a text speaks for, when the editor names it first among the
    speakers: the text's "we" statements are then its claims (extraction needs it)."""
    speakers = curated.get("speakers")
    if speakers and speakers[0].get("kind") == "organisation":
        return speakers[0]["name"]
    return None


APPLIED = ("title", "outlet", "via", "author", "date", "url")  # curated wins over extracted, in this order


def apply_curated(extracted: Extracted, curated: dict, vocab: Vocabulary
                  ) -> tuple[dict[str, Any], dict[str, str], tuple[Speaker, ...], tuple[Claim, ...], list[Problem]]:
    """A seed's values (title, date, date_precision, date_note, outlet, via, author, url,
    topics), the provenance of each, its speakers and claims: what the text says with the
    editor's values over it. A curated value that contradicts the text, a curated claim
    the text does not contain and a source with no claim at all are warnings."""
    name = extracted.seed.name
    problems: list[Problem] = []
    values: dict[str, Any] = {}
    provenance: dict[str, str] = {}
    for key in APPLIED:
        found = getattr(extracted, key, None)  # a text never states its own URL
        wanted = curated.get(key)
        if key == "outlet" and wanted:
            wanted = vocab.outlet(wanted)
        if wanted is not None:
            # A url beside `retrieved` is where `add` downloaded the page, which may differ from
            # the address the page declares (tracking parameters, a mobile host): not a contradiction.
            fetched_from = key == "url" and "retrieved" in curated
            if found and found != wanted and not fetched_from:
                problems.append(Problem(name, f"curated {key} '{wanted}' contradicts the text's '{found}'", severity="warning"))
            values[key], provenance[key] = wanted, "curated"
        elif found is not None:
            values[key], provenance[key] = found, "extracted"
        else:
            values[key] = None
    if values["title"] is None:
        values["title"], provenance["title"] = extracted.fallback_title, "fallback"  # no headline: its first words, said so
    precision = extracted.date_precision
    if "date" in curated:
        precision = curated.get("date_precision") or precision_of(curated["date"])
    elif "date_precision" in curated and values["date"]:
        precision = curated["date_precision"]
    speakers = merge_speakers(extracted.speakers, curated.get("speakers", []))
    provenance["speakers"] = "curated" if curated.get("speakers") else "extracted"
    claims = list(extracted.claims)
    for item in curated.get("claims", []):
        claim = curated_claim(item, extracted.cleaned.body, vocab)
        if claim.start is None:
            problems.append(Problem(name, f"curated claim not found in the article text: '{identity_text(item['text'])[:60]}'", severity="warning"))
        claims.append(claim)
        if claim.speaker not in {s.name for s in speakers}:
            speakers = speakers + (Speaker(claim.speaker, provenance="curated"),)
    claims.sort(key=lambda c: (c.start is None, c.start or 0))
    claims, found = with_statuses(claims, curated.get("statuses", []))
    problems += found
    if not claims:
        problems.append(Problem(name, "no claim found: add one under 'claims' in the curated file", severity="warning"))
    topic_order = [t.slug for t in vocab.topics]
    topics = sorted({t for c in claims for t in c.topics} | set(curated.get("topics", [])), key=topic_order.index)
    provenance["claims"] = "curated" if any(c.provenance == "curated" for c in claims) else "extracted"
    provenance["topics"] = "curated" if curated.get("topics") else "extracted"
    if precision and "date_precision" in curated:
        provenance["date_precision"] = "curated"
    if curated.get("date_note"):
        provenance["date_note"] = "curated"
    values.update(date_precision=precision if values["date"] else None, date_note=curated.get("date_note"),
                  topics=tuple(topics), outlet_type=curated.get("outlet_type") or vocab.outlet_types.get(values["outlet"]))
    if curated.get("outlet_type"):
        provenance["outlet_type"] = "curated"
        if not values["outlet"]:
            problems.append(Problem(name, "curated outlet_type is for an outlet, and this source has none: add 'outlet'",
                                    severity="warning"))
    return values, provenance, speakers, tuple(claims), problems


def with_statuses(claims: list[Claim], statuses: list[dict]) -> tuple[list[Claim], list[Problem]]:
    """The claims with their curated status histories. A status's words must be found in
    exactly one claim of this source (or in claims with the very same words, a quotation the
    text repeats); words found in none or in several different claims, and two statuses for
    one claim, are errors naming the line, so no status is ever dropped or misplaced."""
    problems: list[Problem] = []
    words = [claim_words(c.text) for c in claims]
    given: dict[int, int] = {}  # claim index -> line of the status given to it
    for item in statuses:
        wanted = claim_words(item["claim"])
        found = [i for i, have in enumerate(words) if _contains(have, wanted)]
        shown = _shown(identity_text(item["claim"]))
        if not found:
            hint = " (write the claim's words, not its anchor)" if item["claim"].lstrip("#").startswith("claim-") else ""
            problems.append(Problem(item["file"], f"status for a claim this source does not have: '{shown}'{hint}", item["line"]))
            continue
        if len({words[i] for i in found}) > 1:
            problems.append(Problem(item["file"], f"status words '{shown}' fit {len(found)} different claims: quote more of the one meant",
                                    item["line"]))
            continue
        if twice := [i for i in found if i in given]:
            problems.append(Problem(item["file"], f"a second status for the claim '{shown}' (first at line {given[twice[0]]}): "
                                          "add its changes to that one's history", item["line"]))
            continue
        history = tuple(StatusChange(c["date"], c["status"], c.get("note"), tuple(c.get("evidence") or ()))
                        for c in item["history"])
        for i in found:
            given[i] = item["line"]
            claims[i] = replace(claims[i], status_history=history)
    return claims, problems


def _contains(words: tuple[str, ...], part: tuple[str, ...]) -> bool:
    """Whether `part` is a run of consecutive words of `words`."""
    return any(words[k:k + len(part)] == part for k in range(len(words) - len(part) + 1))


def curated_claim(item: dict, body: str, vocab: Vocabulary) -> Claim:
    """A claim from the curated file, pointing at its passage when the body contains it
    (`start` is None when it does not); topics as curated, else as the text's rules tag it."""
    start = body.find(item["text"])
    found = start >= 0
    said = {"said_on": item["said_on"], "said_precision": item["said_precision"], "said_note": "curated"} \
        if item.get("said_on") else {}
    return Claim(item["text"], item["speaker"], bool(item.get("quote", False)),
                 start if found else None, start + len(item["text"]) if found else None,
                 tuple(item.get("topics") or tag_topics(item["text"], vocab)), "curated", **said)


def merge_speakers(extracted: tuple[Speaker, ...], curated: list[dict]) -> tuple[Speaker, ...]:
    """The extracted speakers with curated facts over them, then the curated speakers the
    text does not name, in the curated file's order."""
    by_name = {s.name: s for s in extracted}
    for item in curated:
        base = by_name.get(item["name"], Speaker(item["name"]))
        by_name[item["name"]] = replace(
            base,
            kind=item.get("kind", base.kind),
            role=item.get("role", base.role),
            organisation=item.get("organisation", base.organisation),
            provenance="curated",
        )
    return tuple(by_name.values())
