"""The pipeline: seed bytes and curated text in, a validated Corpus out.

`load_corpus` is the only function here that touches the disk; `convert_corpus` is a
pure function of file names and contents, so the same seeds always give the same corpus.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import unicodedata
from dataclasses import replace
from pathlib import Path


from build_scripts.extract import claims as claims_stage
from build_scripts.extract import metadata
from build_scripts.catalogue import slug_base, unique_slug
from build_scripts.extract.clean import clean
from build_scripts.cores import collector_paused, map_on_cores
from build_scripts.extract.curate import parse_curated, precision_of
from build_scripts.extract.patterns import rx
from build_scripts.extract.metadata import identity_or_none, identity_text
from build_scripts.model import Claim, Corpus, Problem, Source, Speaker
from build_scripts.extract.read import DEFAULT_MAX_SEED_BYTES, decode_seed, list_seeds, read_listing
from build_scripts.config.settings import SettingsError, load_settings
from build_scripts.config.vocabulary import Vocabulary, load_vocabulary


def today() -> dt.date:
    """The build's notion of today: SOURCE_DATE_EPOCH when set, for reproducible checks."""
    try:
        epoch = load_settings({}, os.environ).source_date_epoch
    except SettingsError:  # reported where settings are loaded (the hook, the CLI)
        epoch = None
    if epoch is not None:
        return dt.datetime.fromtimestamp(epoch, tz=dt.timezone.utc).date()
    return dt.date.today()


def load_corpus(folder: Path, vocab: Vocabulary | None = None,
                max_seed_bytes: int = DEFAULT_MAX_SEED_BYTES) -> Corpus:
    """Read a seeds folder from disk and convert it. Only regular files inside the folder
    are read, none over `max_seed_bytes`; a folder with no seed at all is a warning, so a
    strict build of an empty or mistyped folder fails."""
    vocab = vocab or load_vocabulary()
    if not folder.is_dir():
        problem = Problem(str(folder), "seeds folder does not exist")
        return Corpus((), (problem,), vocab.topics)
    listing = list_seeds(folder)
    seeds, curated, unread = read_listing(listing, folder, max_seed_bytes)
    unread_stems = {Path(p.file).stem for p in unread}
    curated = {name: data for name, data in curated.items() if Path(name).stem not in unread_stems}
    if not listing.seeds and not unread:
        unread.append(Problem(str(folder), "no seeds: the folder holds no .txt file", severity="warning"))
    with collector_paused():
        corpus = convert_corpus(seeds, curated, vocab, today())
    return replace(corpus, problems=tuple(unread) + corpus.problems, ignored=listing.ignored)


def convert_corpus(seeds: dict[str, bytes], curated: dict[str, bytes], vocab: Vocabulary, now: dt.date) -> Corpus:
    problems: list[Problem] = []
    curated_by_seed = _read_curated(sorted(seeds), curated, {t.slug for t in vocab.topics}, now, problems)
    sources: list[Source] = []
    for source, found in convert_seeds(seeds, curated_by_seed, vocab):
        problems += found
        if source is not None:
            sources.append(_without_future_date(source, now, problems))
    sources = assign_slugs(sources)
    sources.sort(key=lambda s: (s.date is None, s.date or "", s.file))
    return Corpus(tuple(sources), tuple(problems), vocab.topics)


def _read_curated(seed_names: list[str], curated: dict[str, bytes], topic_slugs: set[str], now: dt.date,
                  problems: list[Problem]) -> dict[str, dict]:
    """Each seed's validated curated values. A curated file must match exactly one seed,
    and a seed may have only one curated file (`a.yml` beside `a.yaml` is an error, not a
    silent choice)."""
    seeds_by_stem: dict[str, list[str]] = {}
    for name in seed_names:
        seeds_by_stem.setdefault(Path(name).stem, []).append(name)
    files_by_stem: dict[str, list[str]] = {}
    for name in sorted(curated):
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
                text = curated[names[0]].decode("utf-8-sig")
            except UnicodeDecodeError as error:
                problems.append(Problem(names[0], f"not valid UTF-8 (byte offset {error.start})"))
                continue
            values, found = parse_curated(names[0], text, now, topic_slugs)
            problems += found
            values_by_seed[matches[0]] = values
    return values_by_seed


def _without_future_date(source: Source, now: dt.date, problems: list[Problem]) -> Source:
    """A date read from the text that is after today is a misreading or a typo, not a
    publication date: it is left out (the source is undated) with a warning."""
    if source.provenance.get("date") != "extracted" or not source.date or dt.date.fromisoformat(source.date) <= now:
        return source
    problems.append(Problem(source.file, f"date '{source.date}' read from the text is after today: left out "
                                         "(a curated 'date' can set the right one)", severity="warning"))
    provenance = {k: v for k, v in source.provenance.items() if k not in ("date", "date_precision")}
    return replace(source, date=None, date_precision=None, provenance=provenance)


_CACHE: dict[tuple, tuple[Source | None, list[Problem]]] = {}
_CACHE_LIMIT = 50_000
STATS = {"converted": 0, "cached": 0}


def _cache_key(name: str, data: bytes, curated: dict, vocab: Vocabulary) -> tuple:
    return (name, hashlib.sha256(data).digest(), json.dumps(curated, sort_keys=True, default=str), id(vocab))


def _convert_one(vocab: Vocabulary, item: tuple[str, bytes, dict]) -> tuple[Source | None, list[Problem]]:
    """One seed; the raw bytes are dropped here and re-attached by the caller, which has
    them, so a worker process does not send them back."""
    source, problems = convert_seed(*item, vocab)
    return (replace(source, raw=b"") if source else None), problems


def convert_seeds(seeds: dict[str, bytes], curated: dict[str, dict], vocab: Vocabulary):
    """Convert every seed, in file-name order. A seed whose bytes and curated values are
    unchanged since an earlier build in this process comes from the cache (so `mkdocs
    serve` reconverts only what was edited); large batches use every core."""
    names = sorted(seeds)
    keys = {n: _cache_key(n, seeds[n], curated.get(n, {}), vocab) for n in names}
    todo = [n for n in names if keys[n] not in _CACHE]
    STATS.update(converted=len(todo), cached=len(names) - len(todo))
    results = map_on_cores(_convert_one, vocab, [(n, seeds[n], curated.get(n, {})) for n in todo])
    if len(_CACHE) + len(todo) > _CACHE_LIMIT:
        _CACHE.clear()
    for name, (source, problems) in zip(todo, results):
        _CACHE[keys[name]] = (replace(source, raw=seeds[name]) if source else None), problems
    return [(_CACHE[keys[n]][0], list(_CACHE[keys[n]][1])) for n in names]


def convert_seed(name: str, data: bytes, curated: dict, vocab: Vocabulary) -> tuple[Source | None, list[Problem]]:
    seed, problems = decode_seed(name, data)
    if seed is None:
        return None, problems
    cleaned = clean(unicodedata.normalize("NFC", seed.text), vocab)  # one spelling of "José", so one speaker
    if not cleaned.body.strip():
        return None, problems + [Problem(name, "nothing is left after removing page furniture (no article text)")]
    quotes = claims_stage.find_quotes(cleaned.body)
    self_speaker = None
    if curated.get("speakers") and curated["speakers"][0].get("kind") == "organisation":
        self_speaker = curated["speakers"][0]["name"]
    self_speaker = self_speaker or claims_stage.self_speaker_of(
        cleaned.body, claims_stage.quotes_with_words(quotes, cleaned.body, vocab.min_quote_words), vocab
    )
    speakers, found_claims = claims_stage.extract_claims(cleaned.body, vocab, self_speaker)
    found_claims = tuple(replace(c, speaker=identity_text(c.speaker)) for c in found_claims)
    extracted = {
        "title": metadata.extract_title(cleaned),
        "outlet": metadata.extract_outlet(cleaned, vocab),
        "via": metadata.extract_via(cleaned, vocab),
        "author": metadata.extract_author(cleaned),
    }
    extracted["date"], precision = metadata.extract_date(seed.text, cleaned)
    values, provenance = {}, {}
    for key in ("title", "outlet", "via", "author", "date", "url"):
        found = extracted.get(key)
        wanted = curated.get(key)
        if key == "outlet" and wanted:
            wanted = vocab.outlet(wanted)
        if wanted is not None:
            if found and found != wanted:
                problems.append(Problem(name, f"curated {key} '{wanted}' contradicts the text's '{found}'", severity="warning"))
            values[key], provenance[key] = wanted, "curated"
        elif found is not None:
            values[key], provenance[key] = found, "extracted"
        else:
            values[key] = None
    if values["title"] is None:
        values["title"] = _title_from_text(cleaned.body) or identity_text(Path(name).stem) or name
        provenance["title"] = "extracted"
    if "date" in curated:
        precision = curated.get("date_precision") or precision_of(curated["date"])
    elif "date_precision" in curated and values["date"]:
        precision = curated["date_precision"]
    speakers = _merge_speakers(speakers, curated.get("speakers", []))
    if curated.get("speakers"):
        provenance["speakers"] = "curated"
    else:
        provenance["speakers"] = "extracted"
    all_claims = list(found_claims)
    for item in curated.get("claims", []):
        start = cleaned.body.find(item["text"])
        if start < 0:
            problems.append(Problem(name, f"curated claim not found in the article text: '{identity_text(item['text'])[:60]}'", severity="warning"))
        topics = tuple(item.get("topics") or claims_stage.tag_topics(item["text"], vocab))
        all_claims.append(Claim(item["text"], item["speaker"], bool(item.get("quote", False)),
                                start if start >= 0 else None, start + len(item["text"]) if start >= 0 else None,
                                topics, "curated"))
        if item["speaker"] not in {s.name for s in speakers}:
            speakers = speakers + (Speaker(item["speaker"], provenance="curated"),)
    all_claims.sort(key=lambda c: (c.start is None, c.start or 0))
    if not all_claims:
        problems.append(Problem(name, "no claim found: add one under 'claims' in the curated file", severity="warning"))
    topic_order = [t.slug for t in vocab.topics]
    topics = sorted({t for c in all_claims for t in c.topics} | set(curated.get("topics", [])), key=topic_order.index)
    provenance["claims"] = "curated" if any(c.provenance == "curated" for c in all_claims) else "extracted"
    provenance["topics"] = "curated" if curated.get("topics") else "extracted"
    if precision and "date_precision" in curated:
        provenance["date_precision"] = "curated"
    if curated.get("date_note"):
        provenance["date_note"] = "curated"
    return Source(
        file=name,
        slug=slug_base(values["title"], "source"),  # made unique across the corpus by assign_slugs
        title=values["title"],
        date=values["date"],
        date_precision=precision if values["date"] else None,
        date_note=curated.get("date_note"),
        outlet=values["outlet"],
        via=values["via"],
        author=values["author"],
        url=values["url"],
        speakers=speakers,
        claims=tuple(all_claims),
        headline=choose_headline(all_claims, topic_order),
        topics=tuple(topics),
        body=cleaned.body,
        original=seed.text,
        raw=data,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        encoding=seed.encoding,
        removed=cleaned.removed,
        provenance=provenance,
    ), problems


def _merge_speakers(found: tuple[Speaker, ...], curated: list[dict]) -> tuple[Speaker, ...]:
    """Extracted speakers under their identity names (two spellings that look the same are
    one speaker: the first met), with curated facts over them."""
    by_name: dict[str, Speaker] = {}
    for s in found:
        name = identity_text(s.name)
        by_name.setdefault(name, replace(s, name=name, role=identity_or_none(s.role),
                                         organisation=identity_or_none(s.organisation)))
    extracted = list(by_name)
    for item in curated:
        base = by_name.get(item["name"], Speaker(item["name"]))
        by_name[item["name"]] = replace(
            base,
            kind=item.get("kind", base.kind),
            role=item.get("role", base.role),
            organisation=item.get("organisation", base.organisation),
            provenance="curated",
        )
    order = extracted + [i["name"] for i in curated if i["name"] not in extracted]
    return tuple(by_name[n] for n in dict.fromkeys(order))


def choose_headline(claims: list[Claim], topic_order: list[str]) -> int | None:
    """The headline claim: among the primary speaker's claims (most claims, then first
    to speak), the one that carries a topic, then a direct quote, then the topic highest
    in the taxonomy, then the earliest in the text."""
    if not claims:
        return None
    counts: dict[str, int] = {}
    for c in claims:
        counts[c.speaker] = counts.get(c.speaker, 0) + 1
    first_seen = {s: i for i, s in reversed(list(enumerate(c.speaker for c in claims)))}
    primary = min(counts, key=lambda s: (-counts[s], first_seen[s]))

    def rank(index: int) -> tuple:
        c = claims[index]
        priority = min((topic_order.index(t) for t in c.topics), default=len(topic_order))
        return (c.speaker != primary, not c.topics, not c.quote, priority, index)

    return min(range(len(claims)), key=rank)


def _title_from_text(body: str) -> str:
    """No headline line: the first visible sentence, shortened, still taken from the text."""
    paragraph = next((p for p in body.split("\n\n") if identity_text(p)), "")
    first = rx(r"(?<=[.!?])\s").split(paragraph, maxsplit=1)[0]
    words = identity_text(first).split()
    return " ".join(words[:14]) + ("…" if len(words) > 14 else "")


def assign_slugs(sources: list[Source]) -> list[Source]:
    """Slugs from titles, in file-name order; clashes get a suffix from the file name.
    (Each source arrives with its readable base slug, computed with its conversion.)"""
    taken: set[str] = set()
    return [replace(s, slug=unique_slug(s.title, taken, "source", key=s.file, base=s.slug or None))
            for s in sorted(sources, key=lambda s: s.file)]
