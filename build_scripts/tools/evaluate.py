"""Measure the extraction against a hand-annotated gold file (format: tests/gold/README.md).

Scores use what the text yields before curated metadata is applied (the pipeline with
`curated=False`), so they measure the rules, not the editors.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from build_scripts import pipeline
from build_scripts.config.vocabulary import Vocabulary
from build_scripts.model import Source


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    documents: int = 0
    speakers: Score = field(default_factory=Score)
    roles: Score = field(default_factory=Score)
    quotes: Score = field(default_factory=Score)
    attribution: Score = field(default_factory=Score)
    outlet_right: int = 0
    outlet_total: int = 0
    title_right: int = 0
    title_total: int = 0
    leaked: int = 0
    boilerplate_total: int = 0
    details: list[str] = field(default_factory=list)


class GoldError(ValueError):
    """A gold file that cannot be scored against, with the 1-based line to blame when known."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.message, self.line = message, line


GOLD_LISTS = {"speakers": ("name",), "quotes": ("text", "speaker")}  # items are mappings with these keys
GOLD_TEXTS = ("title", "outlet")  # text, or null
GOLD_KEYS = (*GOLD_TEXTS, *GOLD_LISTS, "boilerplate")


def load_gold(path: Path) -> dict:
    """The annotations by seed file name (format: tests/gold/README.md); GoldError for a
    file the scoring could not read, so a typo is one line, not a traceback."""
    try:
        text = path.read_text(encoding="utf-8")
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise GoldError(f"malformed YAML: {error.problem or error.context}", mark.line + 1 if mark else None) from None
    except yaml.YAMLError as error:
        raise GoldError(f"malformed YAML: {error}") from None
    if not isinstance(data, dict) or not isinstance(data.get("documents"), dict):
        raise GoldError("a gold file needs a 'documents:' mapping of file name to annotations")
    documents = next((v for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == "documents"), None)
    lines = {k.value: k.start_mark.line + 1 for k, _ in documents.value} if isinstance(documents, yaml.MappingNode) else {}
    for name, notes in data["documents"].items():
        problem = gold_problem(notes) if isinstance(name, str) else "a document is named by its seed's file name"
        if problem:
            raise GoldError(f"'{name}': {problem}", lines.get(str(name)))
    return data["documents"]


def gold_problem(notes: object) -> str | None:
    """What is wrong with one document's annotations, or None."""
    if notes is None:
        return None
    if not isinstance(notes, dict):
        return "must be a mapping of annotations"
    for key, value in notes.items():
        if key not in GOLD_KEYS:
            return f"unknown key '{key}' (allowed: {', '.join(GOLD_KEYS)})"
        if key in GOLD_TEXTS and value is not None and not isinstance(value, str):
            return f"'{key}' must be text or null"
        if key == "boilerplate" and not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            return "'boilerplate' must be a list of text"
        if key in GOLD_LISTS:
            needed = GOLD_LISTS[key]
            if not (isinstance(value, list) and all(isinstance(v, dict) and all(isinstance(v.get(n), str) for n in needed)
                                                    for v in value)):
                return f"'{key}' must be a list of mappings, each with {' and '.join(needed)}"
    return None


def _norm(text: str | None) -> str:
    return " ".join((text or "").casefold().replace("’", "'").strip("\"“”' ").split())


def _matches(a: str, b: str) -> bool:
    a, b = _norm(a), _norm(b)
    return bool(a) and bool(b) and (a in b or b in a)


def score_source(source: Source, headline: str | None, gold: dict, report: Report) -> None:
    """`headline` is the title line the cleaner found, or None when the text has none."""
    name = source.file
    report.documents += 1
    predicted = {s.name: s for s in source.speakers}
    wanted = {g["name"]: g for g in gold.get("speakers", [])}
    for n in predicted:
        if n in wanted:
            report.speakers.tp += 1
        else:
            report.speakers.fp += 1
            report.details.append(f"{name}: extra speaker {n!r}")
    for n, g in wanted.items():
        if n not in predicted:
            report.speakers.fn += 1
            report.details.append(f"{name}: missed speaker {n!r}")
            continue
        for key in ("role", "organisation"):
            if g.get(key):
                if _norm(getattr(predicted[n], key)) == _norm(g[key]) or _matches(getattr(predicted[n], key) or "", g[key]):
                    report.roles.tp += 1
                else:
                    report.roles.fn += 1
                    report.details.append(f"{name}: {n} {key} {getattr(predicted[n], key)!r}, gold {g[key]!r}")
    quotes = [c for c in source.claims if c.quote]
    gold_quotes = gold.get("quotes", [])
    used: set[int] = set()
    for q in gold_quotes:
        hit = next((i for i, c in enumerate(quotes) if i not in used and _matches(c.text, q["text"])), None)
        if hit is None:
            report.quotes.fn += 1
            report.attribution.fn += 1
            report.details.append(f"{name}: missed quote {q['text'][:50]!r}")
            continue
        used.add(hit)
        report.quotes.tp += 1
        if quotes[hit].speaker == q["speaker"]:
            report.attribution.tp += 1
        else:
            report.attribution.fp += 1
            report.attribution.fn += 1
            report.details.append(f"{name}: quote {q['text'][:40]!r} given to {quotes[hit].speaker!r}, gold {q['speaker']!r}")
    for i, c in enumerate(quotes):
        if i not in used:
            report.quotes.fp += 1
            report.attribution.fp += 1
            report.details.append(f"{name}: extra quote {c.text[:50]!r}")
    if "outlet" in gold:
        report.outlet_total += 1
        report.outlet_right += source.outlet == gold["outlet"]
    if "title" in gold:
        report.title_total += 1
        report.title_right += _norm(headline) == _norm(gold["title"])
    for line in gold.get("boilerplate", []):
        report.boilerplate_total += 1
        if _leaks(source.body, line):
            report.leaked += 1
            report.details.append(f"{name}: boilerplate left in body: {line[:50]!r}")


def _leaks(body: str, line: str) -> bool:
    target = _norm(line)
    return any(_norm(paragraph).startswith(target) or _norm(paragraph) == target for paragraph in body.split("\n\n"))


def evaluate(gold: dict, seeds: Path, vocabulary: Vocabulary | None = None,
             options: pipeline.Options = pipeline.Options()) -> Report:
    corpus = pipeline.load(seeds, vocabulary, replace(options, curated=False))
    by_file = {source.file: source for source in corpus.sources}
    report = Report()
    for name, notes in sorted(gold.items()):
        source = by_file.get(name)
        if source is None:
            where = "could not be converted" if (seeds / name).is_file() else f"in the gold file but not in {seeds}"
            report.details.append(f"{name}: {where}")
            continue
        headline = next((r.text for r in source.removed if r.rule == "title"), None)
        score_source(source, headline, notes or {}, report)
    return report


def format_report(report: Report) -> str:
    lines = [f"documents: {report.documents}", f"{'measure':<22}{'precision':>10}{'recall':>10}{'F1':>10}"]
    for label, score in (("speakers", report.speakers), ("quote detection", report.quotes),
                         ("quote attribution", report.attribution)):
        lines.append(f"{label:<22}{score.precision:>10.3f}{score.recall:>10.3f}{score.f1:>10.3f}")
    lines.append(f"{'roles/organisations':<22}{'':>10}{report.roles.recall:>10.3f}")
    lines.append(f"outlet accuracy: {report.outlet_right}/{report.outlet_total}")
    lines.append(f"title accuracy: {report.title_right}/{report.title_total}")
    lines.append(f"boilerplate lines leaked into bodies: {report.leaked} of {report.boilerplate_total}")
    lines += [f"  {d}" for d in report.details]
    return "\n".join(lines)
