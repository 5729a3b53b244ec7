"""Measure the extraction against a hand-annotated gold file (format: tests/gold/README.md).

Scores use what the text yields before curated metadata is applied (the pipeline with
`curated=False`), so they measure the rules, not the editors. Three kinds of annotation:
speakers and quotes (the older keys) scored as precision, recall and F1; every claim of a
document (`claims:`: quote attribution, claim detection, verbatim quotes, said-on dates),
claims matched one to one as a maximum bipartite matching; and a document's fields
(title, outlet, date, article body, furniture lines) scored per field, separately for text
copies and saved HTML pages, the body as F1 on 4-word shingles.
"""

from __future__ import annotations

import datetime
import html
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from build_scripts.extract.read import is_html_seed
from build_scripts import pipeline
from build_scripts.config.vocabulary import Vocabulary, load_vocabulary
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
    claims_documents: int = 0  # documents annotated with speakers or quotes
    fields: dict[str, "FieldScores"] = field(default_factory=dict)  # by kind: "text", "html"
    claims: "ClaimScores | None" = None  # when some document is annotated with `claims:`


@dataclass
class ClaimScores:
    """The scores of the `claims:` annotations (definitions: tests/gold/README.md)."""

    documents: int = 0
    attribution: Score = field(default_factory=Score)  # direct quotes: text and speaker right
    detection: Score = field(default_factory=Score)  # every claim: text only
    attributed: Score = field(default_factory=Score)  # every claim: text and speaker
    verbatim_right: int = 0  # predicted quotes whose every part is in the cleaned body
    verbatim_total: int = 0
    said_right: int = 0  # matched gold claims with a said-on date: the same date and precision
    said_total: int = 0
    said_invented: int = 0  # a said-on date where the matched gold claim has none
    said_none: int = 0  # matched gold claims without a said-on date


@dataclass
class FieldScores:
    """Per-field scores of one kind of document (text copies or saved HTML pages)."""

    documents: int = 0  # in the gold file
    not_read: list[str] = field(default_factory=list)  # no source came out of them
    title_right: int = 0
    title_total: int = 0
    outlet_right: int = 0
    outlet_total: int = 0  # every read document whose gold states an outlet or null
    outlet_invented: int = 0  # an outlet given where the gold says the text names none
    outlet_none: int = 0  # documents whose gold says none
    date_right: int = 0
    date_total: int = 0  # documents whose gold has a date
    date_invented: int = 0  # a date given where the gold says the document shows none
    date_none: int = 0
    body_f1: list[float] = field(default_factory=list)  # one per document with a gold body
    body_precision: list[float] = field(default_factory=list)
    body_recall: list[float] = field(default_factory=list)
    whole_f1: list[float] = field(default_factory=list)  # the whole copy kept as the body
    furniture_leaked: int = 0
    furniture_total: int = 0

    @property
    def read(self) -> int:
        return self.documents - len(self.not_read)


class GoldError(ValueError):
    """A gold file that cannot be scored against, with the 1-based line to blame when known."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.message, self.line = message, line


GOLD_LISTS = {"speakers": ("name",), "quotes": ("text", "speaker")}  # items are mappings with these keys
GOLD_TEXTS = ("title", "outlet")  # text, or null
GOLD_LINES = ("boilerplate", "body", "furniture")  # lists of text (body: also line ranges "12-30")
GOLD_KEYS = (*GOLD_TEXTS, *GOLD_LISTS, "date", "date_precision", *GOLD_LINES, "claims")
DATE_FORMS = {"day": r"\d{4}-\d{2}-\d{2}", "month": r"\d{4}-\d{2}", "year": r"\d{4}"}
CLAIM_KEYS = ("text", "speaker", "quote", "said_on", "said_precision")
SAID_PRECISIONS = ("day", "week", "month", "year")  # week: the date is the Monday of the week
JOIN = " […] "  # between the parts of a quote interrupted by its attribution
RANGE = re.compile(r"(\d+)(?:-(\d+))?")


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
    nodes = {k.value: (k, v) for k, v in documents.value} if isinstance(documents, yaml.MappingNode) else {}
    for name, notes in data["documents"].items():
        problem = gold_problem(notes) if isinstance(name, str) else "a document is named by its seed's file name"
        if problem:
            raise GoldError(f"'{name}': {problem}", _problem_line(nodes.get(str(name)), problem))
    return data["documents"]


def _problem_line(nodes: tuple | None, problem: str) -> int | None:
    """The line of the document, or of the claim a problem names ("claim 3: …")."""
    if nodes is None:
        return None
    key, value = nodes
    number = re.match(r"claim (\d+):", problem)
    claims = next((v for k, v in value.value if getattr(k, "value", None) == "claims"), None) if isinstance(
        value, yaml.MappingNode) else None
    if number and isinstance(claims, yaml.SequenceNode) and int(number[1]) <= len(claims.value):
        return claims.value[int(number[1]) - 1].start_mark.line + 1
    return key.start_mark.line + 1


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
        if key in GOLD_LINES and not (isinstance(value, list) and all(isinstance(v, (str, int)) for v in value)):
            return f"'{key}' must be a list of text"
        if key == "date" and value is not None and _precision(value) is None:
            return "'date' must be YYYY-MM-DD, YYYY-MM, YYYY or null"
        if key == "date_precision" and _precision(notes.get("date")) != value:
            return f"'date_precision' must be the precision the date is written with ({_precision(notes.get('date'))})"
        if key == "claims":
            problem = _claims_problem(value)
            if problem:
                return problem
        if key in GOLD_LISTS:
            needed = GOLD_LISTS[key]
            if not (isinstance(value, list) and all(isinstance(v, dict) and all(isinstance(v.get(n), str) for n in needed)
                                                    for v in value)):
                return f"'{key}' must be a list of mappings, each with {' and '.join(needed)}"
    return None


def _claims_problem(claims: object) -> str | None:
    """What is wrong with a `claims:` list, naming the claim by its position (1-based)."""
    if not isinstance(claims, list):
        return "'claims' must be a list of mappings, each with text, speaker and quote"
    for number, claim in enumerate(claims, 1):
        where = f"claim {number}"
        if not isinstance(claim, dict):
            return f"{where}: must be a mapping with text, speaker and quote"
        unknown = [k for k in claim if k not in CLAIM_KEYS]
        if unknown:
            return f"{where}: unknown key '{unknown[0]}' (allowed: {', '.join(CLAIM_KEYS)})"
        if not (isinstance(claim.get("text"), str) and claim["text"].strip()):
            return f"{where}: 'text' must be text"
        if not (isinstance(claim.get("speaker"), str) and claim["speaker"].strip()):
            return f"{where}: 'speaker' must be a name"
        if not isinstance(claim.get("quote"), bool):
            return f"{where}: 'quote' must be true or false"
        said, precision = _date_text(claim.get("said_on")), claim.get("said_precision")
        if ("said_on" in claim) != ("said_precision" in claim):
            return f"{where}: 'said_on' and 'said_precision' go together"
        if "said_on" in claim:
            if precision not in SAID_PRECISIONS:
                return f"{where}: 'said_precision' must be one of {', '.join(SAID_PRECISIONS)}"
            form = DATE_FORMS["day" if precision == "week" else precision]
            if not (said and re.fullmatch(form, said)):
                return f"{where}: 'said_on' must be written to its precision ({precision})"
            if precision == "week" and datetime.date.fromisoformat(said).weekday() != 0:
                return f"{where}: a week's 'said_on' is the Monday of that week"
    return None


def _date_text(value: object) -> str | None:
    """A gold date as text: YAML reads an unquoted 2020-06-16 as a date."""
    if isinstance(value, datetime.date):
        return value.isoformat()[:10]
    return str(value) if isinstance(value, (str, int)) else None


def _precision(value: object) -> str | None:
    text = _date_text(value)
    return next((p for p, form in DATE_FORMS.items() if text and re.fullmatch(form, text)), None)


def _norm(text: str | None) -> str:
    return " ".join((text or "").casefold().replace("’", "'").strip("\"“”' ").split())


def _matches(a: str, b: str) -> bool:
    a, b = _norm(a), _norm(b)
    return bool(a) and bool(b) and (a in b or b in a)


def score_source(source: Source, headline: str | None, gold: dict, report: Report,
                 honorifics: tuple[str, ...] = ()) -> None:
    """`headline` is the title line the cleaner found, or None when the text has none;
    `honorifics` are left out when speakers' names are compared."""
    name = source.file
    report.documents += 1
    if "speakers" in gold or "quotes" in gold:
        report.claims_documents += 1
        _score_claims(source, gold, report)
    if "claims" in gold:
        report.claims = report.claims or ClaimScores()
        score_claims(source, gold["claims"], report.claims, report.details, honorifics)
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


def _score_claims(source: Source, gold: dict, report: Report) -> None:
    name = source.file
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


# --- claims: `claims:` annotations ---------------------------------------------------------------

def claim_form(text: str) -> str:
    """A claim's text as claims are matched: lower case, no quotation marks, no join mark,
    white space collapsed."""
    text = text.replace(JOIN.strip(), " ")
    text = re.sub(r"[\"“”„‟«»‹›]|(?<!\w)['‘’]|['‘’](?!\w)", " ", text.casefold())
    return " ".join(text.replace("’", "'").split())


def same_claim(predicted: str, gold: str) -> bool:
    """Either text contains the other, in their compared forms; for a gold quote interrupted
    by its attribution (parts joined by ` […] `), either text and one of its parts (an
    interrupted quote may be shown joined or as one claim per part)."""
    a = claim_form(predicted)
    return bool(a) and any(b and (a in b or b in a) for b in map(claim_form, [gold, *_parts(gold)]))


def _parts(text: str) -> list[str]:
    parts = text.split(JOIN.strip())
    return parts if len(parts) > 1 else []


def _spare_parts(gold: list[dict], predicted: list, match: dict[int, int], fits) -> set[int]:
    """Predicted claims left unmatched that are further parts of a matched, interrupted gold
    quote: the quote shown as one claim per part, not extra claims."""
    taken = set(match.values())
    return {j for j, p in enumerate(predicted) if j not in taken
            and any(_parts(gold[g]["text"]) and fits(gold[g], p) for g in match)}


def speaker_form(name: str, honorifics: tuple[str, ...] = ()) -> str:
    """A speaker's name as names are compared: lower case, honorifics (and articles, when
    passed among them: "The Rivermen" is "Rivermen") before it left out."""
    titles = {h.casefold().rstrip(".") for h in honorifics}
    words = name.casefold().replace("’", "'").split()
    while len(words) > 1 and words[0].rstrip(".") in titles:
        words = words[1:]
    return " ".join(words)


def verbatim(text: str, body: str) -> bool:
    """Every part of a quote (split on the join mark) is in the body as written, white space
    aside; a part may run over paragraphs whose reopening quotation mark it leaves out."""
    flat = " ".join(body.split())
    reopened = " ".join(re.sub(r"\n\s*\n\s*[\"“‘'«]", " ", body).split())
    parts = [" ".join(part.split()) for part in text.split(JOIN.strip())]
    return all(part and (part in flat or part in reopened) for part in parts)


def matching(gold: list, predicted: list, fits, start: dict[int, int] | None = None) -> dict[int, int]:
    """A maximum one-to-one matching of gold to predicted items where `fits(g, p)`, as
    {gold index: predicted index}; grown from `start` (kept vertices stay matched), so a
    matching on a stricter test can be completed on a looser one."""
    match = dict(start or {})
    owner = {p: g for g, p in match.items()}
    edges = [[j for j, p in enumerate(predicted) if fits(g, p)] for g in gold]

    def augment(g: int, seen: set[int]) -> bool:
        for j in edges[g]:
            if j not in seen:
                seen.add(j)
                if j not in owner or augment(owner[j], seen):
                    match[g], owner[j] = j, g
                    return True
        return False

    for g in range(len(gold)):
        if g not in match:
            augment(g, set())
    return match


def score_claims(source: Source, gold: list[dict], scores: ClaimScores, details: list[str],
                 honorifics: tuple[str, ...] = ()) -> None:
    """One document's claims against its `claims:` list (definitions: tests/gold/README.md)."""
    name = source.file
    scores.documents += 1
    claims = list(source.claims)

    def spoken(g: dict, p) -> bool:
        return same_claim(p.text, g["text"]) and speaker_form(p.speaker, honorifics) == speaker_form(g["speaker"], honorifics)

    def worded(g: dict, p) -> bool:
        return same_claim(p.text, g["text"])

    quotes, gold_quotes = [c for c in claims if c.quote], [g for g in gold if g["quote"]]
    attributed = matching(gold_quotes, quotes, spoken)
    scores.attribution.tp += len(attributed)
    scores.attribution.fp += len(quotes) - len(attributed) - len(_spare_parts(gold_quotes, quotes, attributed, spoken))
    scores.attribution.fn += len(gold_quotes) - len(attributed)

    by_speaker = matching(gold, claims, spoken)
    by_text = matching(gold, claims, worded, by_speaker)
    spare = _spare_parts(gold, claims, by_text, worded)
    scores.attributed.tp += len(by_speaker)
    scores.attributed.fp += len(claims) - len(by_speaker) - len(_spare_parts(gold, claims, by_speaker, spoken))
    scores.attributed.fn += len(gold) - len(by_speaker)
    scores.detection.tp += len(by_text)
    scores.detection.fp += len(claims) - len(by_text) - len(spare)
    scores.detection.fn += len(gold) - len(by_text)

    for g, notes in enumerate(gold):
        kind = "quote" if notes["quote"] else "reported"
        if g not in by_text:
            details.append(f"{name}: missed {kind} {notes['text'][:60]!r} ({notes['speaker']})")
            continue
        claim = claims[by_text[g]]
        if speaker_form(claim.speaker, honorifics) != speaker_form(notes["speaker"], honorifics):
            details.append(f"{name}: {kind} {notes['text'][:40]!r} given to {claim.speaker!r}, gold {notes['speaker']!r}")
        if claim.quote != notes["quote"]:
            details.append(f"{name}: {kind} {notes['text'][:40]!r} predicted as "
                           f"{'a quote' if claim.quote else 'reported speech'}")
        want = (_date_text(notes.get("said_on")), notes.get("said_precision"))
        got = (claim.said_on, claim.said_precision)
        if want[0] is None:
            scores.said_none += 1
            if got[0] is not None:
                scores.said_invented += 1
                details.append(f"{name}: said on {got[0]} ({got[1]}) for {notes['text'][:40]!r}, gold none (invented)")
        else:
            scores.said_total += 1
            if got == want:
                scores.said_right += 1
            else:
                details.append(f"{name}: said on {got[0]} ({got[1]}) for {notes['text'][:40]!r}, gold {want[0]} ({want[1]})")
    matched = set(by_text.values()) | spare
    for j, claim in enumerate(claims):
        if j not in matched:
            details.append(f"{name}: extra {'quote' if claim.quote else 'reported'} {claim.text[:60]!r} ({claim.speaker})")
    for claim in quotes:
        scores.verbatim_total += 1
        if verbatim(claim.text, source.body):
            scores.verbatim_right += 1
        else:
            details.append(f"{name}: quote not verbatim {claim.text[:60]!r}")


def _leaks(body: str, line: str) -> bool:
    target = _norm(line)
    return any(_norm(paragraph).startswith(target) or _norm(paragraph) == target for paragraph in body.split("\n\n"))


def words(text: str) -> list[str]:
    """Word tokens, lower-cased: what body shingles are made of."""
    return re.findall(r"\w+", text.casefold())


def shingles(text: str, size: int = 4) -> Counter:
    """The multiset of `size`-word shingles of a text (a shorter text is one shingle)."""
    tokens = words(text)
    if 0 < len(tokens) < size:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i:i + size]) for i in range(len(tokens) - size + 1))


def shingle_scores(predicted: str, gold: str, size: int = 4) -> tuple[float, float, float]:
    """Precision, recall and F1 of a predicted body against the gold body on shingles;
    two empty texts agree fully."""
    p, g = shingles(predicted, size), shingles(gold, size)
    if not p and not g:
        return 1.0, 1.0, 1.0
    overlap = sum((p & g).values())
    precision = overlap / sum(p.values()) if p else 0.0
    recall = overlap / sum(g.values()) if g else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def visible_text(line: str) -> str:
    """One line of a saved page as a reader sees it: tags removed, entities decoded."""
    return " ".join(html.unescape(re.sub(r"<[^>]*>", " ", line)).split())


def gold_lines(items: list, document: Path | None, is_html: bool) -> tuple[list[str], list[str]]:
    """The gold lines an annotation names: text as written, and "A-B" (or "A") as the
    document's 1-based lines A to B (for a saved page, their visible text). Returns the lines
    and a note for each range outside the document."""
    file_lines: list[str] | None = None
    lines, notes = [], []
    for item in items:
        match = RANGE.fullmatch(str(item).strip())
        if not match:
            lines.append(str(item))
            continue
        if file_lines is None:
            file_lines = document.read_text(encoding="utf-8", errors="replace").splitlines() if document else []
        first, last = int(match[1]), int(match[2] or match[1])
        if not 1 <= first <= last <= len(file_lines):
            notes.append(f"gold line range {item} is outside the document ({len(file_lines)} lines)")
            continue
        for line in file_lines[first - 1:last]:
            text = visible_text(line) if is_html else line.strip()
            if text:
                lines.append(text)
    return lines, notes


def predicted_title(source: Source, headline: str | None) -> str | None:
    """The title a source page shows, or None when it is a stand-in: a title whose provenance
    names a fallback, or one the text gave without a headline line (the first words of the
    body). A saved page's title from its metadata has the provenance 'page'."""
    provenance = str(source.provenance.get("title", ""))
    if "fallback" in provenance or (provenance in ("", "extracted") and headline is None):
        return None
    return source.title


def _same_outlet(a: str | None, b: str | None) -> bool:
    def form(text: str | None) -> str:
        return re.sub(r"^the\s+", "", _norm(text))
    return form(a) == form(b)


def score_fields(source: Source, headline: str | None, gold: dict, scores: FieldScores, details: list[str],
                 document: Path | None = None) -> None:
    """Title, outlet, date, body and furniture of one read document against its gold notes."""
    name = source.file
    is_html = is_html_seed(name)
    if "title" in gold:
        scores.title_total += 1
        title = predicted_title(source, headline)
        if _norm(title) == _norm(gold["title"]):
            scores.title_right += 1
        else:
            details.append(f"{name}: title {title!r}, gold {gold['title']!r}")
    if "outlet" in gold:
        scores.outlet_total += 1
        if gold["outlet"] is None:
            scores.outlet_none += 1
        if _same_outlet(source.outlet, gold["outlet"]):
            scores.outlet_right += 1
        else:
            scores.outlet_invented += gold["outlet"] is None
            details.append(f"{name}: outlet {source.outlet!r}, gold {gold['outlet']!r}"
                           + (" (invented)" if gold["outlet"] is None else ""))
    if "date" in gold:
        want = _date_text(gold["date"])
        if want is None:
            scores.date_none += 1
            if source.date:
                scores.date_invented += 1
                details.append(f"{name}: date {source.date!r}, gold none (invented)")
        else:
            scores.date_total += 1
            if source.date == want:
                scores.date_right += 1
            else:
                details.append(f"{name}: date {source.date!r}, gold {want!r}")
    if "body" in gold:
        body, notes = gold_lines(gold["body"], document, is_html)
        details += [f"{name}: {n}" for n in notes]
        precision, recall, f1 = shingle_scores(source.body, "\n".join(body))
        scores.body_precision.append(precision)
        scores.body_recall.append(recall)
        scores.body_f1.append(f1)
        whole = visible_text(source.original) if is_html else source.original
        scores.whole_f1.append(shingle_scores(whole, "\n".join(body))[2])
        if f1 < 0.9:
            details.append(f"{name}: body F1 {f1:.3f} (precision {precision:.3f}, recall {recall:.3f})")
    if "furniture" in gold:
        furniture, notes = gold_lines(gold["furniture"], document, is_html)
        details += [f"{name}: {n}" for n in notes]
        wanted = gold_lines(gold.get("body", []), document, is_html)[0]
        for line in furniture:
            scores.furniture_total += 1
            if _occurrences(source.body.splitlines(), line) > _occurrences(wanted, line):
                scores.furniture_leaked += 1
                details.append(f"{name}: furniture left in body: {line[:60]!r}")


def _occurrences(lines: list[str], line: str) -> int:
    """How often a furniture line is in a text: as a whole line, or, from four words on, anywhere
    (a page's table of contents repeats the article's subheadings: the body may hold them as
    often as the gold body does)."""
    target = _norm(line)
    if not target:
        return 0
    whole = sum(_norm(x) == target for x in lines)
    return max(whole, _norm(" ".join(lines)).count(target)) if len(target.split()) >= 4 else whole


FIELD_KEYS = ("date", "body", "furniture")


def kind_of(name: str) -> str:
    return "html" if is_html_seed(name) else "text"


def evaluate(gold: dict, seeds: Path, vocabulary: Vocabulary | None = None,
             options: pipeline.Options = pipeline.Options()) -> Report:
    corpus = pipeline.load(seeds, vocabulary, replace(options, curated=False))
    words = vocabulary or load_vocabulary()
    honorifics = (*words.honorifics, *words.articles)
    by_file = {source.file: source for source in corpus.sources}
    report = Report()
    fielded = any(isinstance(n, dict) and any(k in n for k in FIELD_KEYS) for n in gold.values()) or any(
        kind_of(name) == "html" for name in gold)
    for name, notes in sorted(gold.items()):
        notes = notes or {}
        scores = report.fields.setdefault(kind_of(name), FieldScores()) if fielded else None
        if scores is not None:
            scores.documents += 1
        source = by_file.get(name)
        if source is None:
            if not (seeds / name).is_file():
                where = f"in the gold file but not in {seeds}"
            elif any(i.split(" (")[0] == name for i in corpus.ignored):
                where = "not read (the pipeline does not read this kind of file)"
            else:
                where = "could not be converted"
            report.details.append(f"{name}: {where}")
            if scores is not None:
                scores.not_read.append(name)
            continue
        headline = next((r.text for r in source.removed if r.rule == "title"), None)
        score_source(source, headline, notes, report, honorifics)
        if scores is not None:
            score_fields(source, headline, notes, scores, report.details, seeds / name)
    return report


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _cell(right: int, total: int, read: int) -> str:
    if not read:
        return "not read"
    if not total:
        return "-"
    return f"{right}/{total} {right / total:.3f}"


def _fraction(value: float | None, read: int) -> str:
    return "not read" if not read else "-" if value is None else f"{value:.3f}"


def format_fields(fields: dict[str, FieldScores]) -> list[str]:
    """The per-field table: one column per kind of document, then all of them."""
    kinds = [k for k in ("text", "html") if k in fields]
    every = FieldScores()
    for k in kinds:
        f = fields[k]
        for name, value in vars(f).items():
            setattr(every, name, getattr(every, name) + value)
    columns = [(k, fields[k]) for k in kinds] + ([("all", every)] if len(kinds) > 1 else [])
    labels = {"text": "text copies", "html": "saved HTML", "all": "all"}
    lines = ["", f"{'field':<28}" + "".join(f"{labels[k]:>18}" for k, _ in columns)]

    def row(label: str, cell) -> None:
        lines.append(f"{label:<28}" + "".join(f"{cell(f):>18}" for _, f in columns))

    row("documents (read)", lambda f: f"{f.documents} ({f.read})")
    row("title", lambda f: _cell(f.title_right, f.title_total, f.read))
    row("outlet", lambda f: _cell(f.outlet_right, f.outlet_total, f.read))
    row("  invented (gold: none)", lambda f: _cell(f.outlet_invented, f.outlet_none, f.read))
    row("date (gold has one)", lambda f: _cell(f.date_right, f.date_total, f.read))
    row("  invented (gold: none)", lambda f: _cell(f.date_invented, f.date_none, f.read))
    row("body F1, 4-word shingles", lambda f: _fraction(_mean(f.body_f1), f.read))
    row("  body precision", lambda f: _fraction(_mean(f.body_precision), f.read))
    row("  body recall", lambda f: _fraction(_mean(f.body_recall), f.read))
    row("  F1 keeping the whole copy", lambda f: _fraction(_mean(f.whole_f1), f.read))
    row("furniture lines left", lambda f: _cell(f.furniture_leaked, f.furniture_total, f.read))
    for k, f in columns:
        if k != "all" and f.not_read:
            lines.append(f"{labels[k]}: {len(f.not_read)} of {f.documents} not read "
                         "(the pipeline gave no source for them; see the lines below)")
    return lines


def format_claims(scores: ClaimScores) -> list[str]:
    """The `claims:` scores: quote attribution, claims, verbatim quotes and said-on dates."""
    lines = [f"{f'claims ({scores.documents} documents)':<28}{'precision':>10}{'recall':>10}{'F1':>10}"]
    for label, score in (("quote attribution", scores.attribution), ("claims (text)", scores.detection),
                         ("claims (text, speaker)", scores.attributed)):
        lines.append(f"{label:<28}{score.precision:>10.3f}{score.recall:>10.3f}{score.f1:>10.3f}")
    lines.append(f"{'verbatim quotes':<28}{_cell(scores.verbatim_right, scores.verbatim_total, 1):>20}")
    lines.append(f"{'said-on right':<28}{_cell(scores.said_right, scores.said_total, 1):>20}")
    lines.append(f"{'said-on invented':<28}{_cell(scores.said_invented, scores.said_none, 1):>20}")
    return lines


def format_report(report: Report) -> str:
    lines = [f"documents: {report.documents}"]
    if report.claims_documents or not report.fields:
        lines.append(f"{'measure':<22}{'precision':>10}{'recall':>10}{'F1':>10}")
        for label, score in (("speakers", report.speakers), ("quote detection", report.quotes),
                             ("quote attribution", report.attribution)):
            lines.append(f"{label:<22}{score.precision:>10.3f}{score.recall:>10.3f}{score.f1:>10.3f}")
        lines.append(f"{'roles/organisations':<22}{'':>10}{report.roles.recall:>10.3f}")
    if report.claims:
        lines += format_claims(report.claims)
    if not report.fields:
        lines.append(f"outlet accuracy: {report.outlet_right}/{report.outlet_total}")
        lines.append(f"title accuracy: {report.title_right}/{report.title_total}")
        lines.append(f"boilerplate lines leaked into bodies: {report.leaked} of {report.boilerplate_total}")
    else:
        lines += format_fields(report.fields)
        if report.boilerplate_total:
            lines.append(f"boilerplate lines leaked into bodies: {report.leaked} of {report.boilerplate_total}")
        lines.append("")
    lines += [f"  {d}" for d in report.details]
    return "\n".join(lines)
