"""Seeds in, a validated Corpus out: each seed is extracted (what its text says), its
curated values are applied (`curate.apply_curated`), and its Source is built.

`load_corpus` is the only function here that touches the disk; `convert_corpus` is a
pure function of file names and contents, so the same seeds always give the same corpus.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterator, Sequence

from build_scripts.config.settings import SettingsError, source_date_epoch
from build_scripts.config.vocabulary import Vocabulary, load_vocabulary
from build_scripts.cores import collector_paused, map_on_cores
from build_scripts.extract import claims as claims_stage
from build_scripts.extract import curate, metadata
from build_scripts.extract.html import read_page
from build_scripts.extract.read import is_html_seed
from build_scripts.extract.said_on import CURATED, date_claims
from build_scripts.extract.clean import clean
from build_scripts.extract.metadata import identity_or_none, identity_text
from build_scripts.extract.patterns import rx
from build_scripts.extract.read import DEFAULT_MAX_SEED_BYTES, decode_seed, list_seeds, read_listing
from build_scripts.model import Claim, Cleaned, Corpus, Extracted, Problem, RemovedLine, Seed, Source, Speaker
from build_scripts.model.slugs import assign_slugs, slug_base


def today() -> dt.date:
    """The build's notion of today: SOURCE_DATE_EPOCH when set, for reproducible checks."""
    try:
        epoch = source_date_epoch()
    except SettingsError:  # reported where settings are loaded (the hook, the CLI)
        epoch = None
    if epoch is not None:
        return dt.datetime.fromtimestamp(epoch, tz=dt.timezone.utc).date()
    return dt.date.today()


def load_corpus(folder: Path, vocab: Vocabulary | None = None, max_seed_bytes: int = DEFAULT_MAX_SEED_BYTES,
                now: dt.date | None = None, with_curated: bool = True) -> Corpus:
    """Read a seeds folder from disk and convert it. Only regular files inside the folder
    are read, none over `max_seed_bytes`; a folder with no seed at all is a warning, so a
    strict build of an empty or mistyped folder fails. `now` is the build's today (default
    `today()`); without `with_curated`, curated files are set aside: the text alone."""
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
        corpus = convert_corpus(seeds, curated if with_curated else {}, vocab, now or today())
    return replace(corpus, problems=tuple(unread) + corpus.problems, ignored=listing.ignored)


def convert_corpus(seeds: dict[str, bytes], curated: dict[str, bytes], vocab: Vocabulary, now: dt.date) -> Corpus:
    """Every seed converted (curated files matched to their seeds and validated first),
    slugs made unique, sources in date order: a pure function of names and contents."""
    curated_by_seed, problems = curate.read_curated(sorted(seeds), curated, now, {t.slug for t in vocab.topics})
    sources: list[Source] = []
    for source, found in convert_seeds(seeds, curated_by_seed, vocab):
        problems += found
        if source is not None:
            sources.append(_without_future_said_on(_without_future_date(source, now, problems, vocab), now))
    sources = assign_slugs(sources, _slugged)
    sources.sort(key=lambda s: (s.date is None, s.date or "", s.file))
    return Corpus(tuple(sources), tuple(problems), vocab.topics)


def _without_future_date(source: Source, now: dt.date, problems: list[Problem], vocab: Vocabulary) -> Source:
    """A date read from the text that is after today is a misreading or a typo, not a
    publication date: it is left out (the source is undated) with a warning, and what its
    claims' said-on dates were counted back from it goes with it."""
    found = source.provenance.get("date")
    if found not in ("extracted", "page") or not source.date or curate.DATE_RE.fullmatch(source.date) is None \
            or _iso_start(source.date) <= now:
        return source
    where = "the text" if found == "extracted" else "the page's metadata"
    problems.append(Problem(source.file, f"date '{source.date}' read from {where} is after today: left out "
                                         "(a curated 'date' can set the right one)", severity="warning"))
    provenance = {k: v for k, v in source.provenance.items() if k not in ("date", "date_precision")}
    claims = date_claims(source.body, source.claims, None, None, vocab)
    return replace(source, date=None, date_precision=None, provenance=provenance, claims=claims)


def _without_future_said_on(source: Source, now: dt.date) -> Source:
    """A said-on date read from the text that is after today (an undated source's "on 8 June
    2031") is a misreading, like a future publication date: left out."""
    def future(claim: Claim) -> bool:
        return bool(claim.said_on) and claim.said_note != CURATED and _iso_start(claim.said_on) > now

    if not any(future(c) for c in source.claims):
        return source
    return replace(source, claims=tuple(replace(c, said_on=None, said_precision=None, said_note=None) if future(c) else c
                                        for c in source.claims))


def _iso_start(date: str) -> dt.date:
    """The first day a YYYY, YYYY-MM or YYYY-MM-DD date covers."""
    parts = [int(p) for p in date.split("-")] + [1, 1]
    return dt.date(parts[0], parts[1], parts[2])


def _slugged(source: Source, slug: str) -> Source:
    """SOURCE with SLUG, as the very object an earlier build in this process made from the
    same source and slug. A source is compared by identity (`Source` has no field equality),
    so an unchanged seed is `is`-identical from one `mkdocs serve` rebuild to the next, which
    is what incremental rendering (`render.site`) compares. (A source whose slug is its base
    is its converted object itself: the conversion cache keeps that.)"""
    if len(_SLUGGED) > _CACHE_LIMIT:
        _SLUGGED.clear()
    found = _SLUGGED.get((source, slug))
    if found is None:
        found = _SLUGGED[source, slug] = replace(source, slug=slug)
    return found


_SLUGGED: dict[tuple[Source, str], Source] = {}
_CACHE: dict[tuple, tuple[Source | None, list[Problem]]] = {}
_CACHE_LIMIT = 50_000
STATS = {"converted": 0, "cached": 0}


def _cache_key(name: str, data: bytes, curated: dict, vocab: Vocabulary) -> tuple:
    """The vocabulary itself (it hashes by identity), not its id(): an id can be reused by
    another vocabulary (another data folder or language) once the first is freed."""
    return (name, _digest(data), json.dumps(curated, sort_keys=True, default=str) if curated else "{}", vocab)


def _digest(data: bytes) -> bytes:
    """The bytes' SHA-256, once per bytes object: a seed the read cache (`read._READ`) gives
    again is not hashed again."""
    kept = _DIGESTS.get(id(data))
    if kept is not None and kept[0] is data:
        return kept[1]
    if len(_DIGESTS) > _CACHE_LIMIT:
        _DIGESTS.clear()
    digest = hashlib.sha256(data).digest()
    _DIGESTS[id(data)] = (data, digest)
    return digest


_DIGESTS: dict[int, tuple[bytes, bytes]] = {}


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
    """One seed in three steps: what the text says, the editor's values over it, the Source."""
    extracted, problems = extract_seed(name, data, vocab, curate.speaks_for(curated))
    if extracted is None:
        return None, problems
    values, provenance, speakers, claims, found = curate.apply_curated(extracted, curated, vocab)
    claims = date_claims(extracted.cleaned.body, claims, values["date"], values["date_precision"], vocab)
    for key in getattr(extracted, "from_page", ()):  # a saved page's own metadata, not its text
        if provenance.get(key) == "extracted":
            provenance[key] = "page"
    source = build_source(extracted, values, provenance, speakers, claims, vocab)
    return replace(source, retrieved=curated.get("retrieved")) if curated.get("retrieved") else source, problems + found


def extract_seed(name: str, data: bytes, vocab: Vocabulary, speaks_for: str | None = None
                 ) -> tuple[Extracted | None, list[Problem]]:
    """Decode, clean and read a seed: its metadata, speakers and claims as the text gives
    them. None when no article text is left. `speaks_for` is the organisation an editor
    says the text speaks for (`curate.speaks_for`); else the text's own "we" decides."""
    seed, problems = decode_seed(name, data)
    if seed is None:
        return None, problems
    if is_html_seed(name):
        return extract_page(seed, vocab, speaks_for, problems)
    cleaned = clean(unicodedata.normalize("NFC", seed.text), vocab)  # one spelling of "José", so one speaker
    body = cleaned.body
    if not body.strip():
        return None, problems + [Problem(name, "nothing is left after removing page furniture (no article text)")]
    speakers, claims = _speakers_and_claims(body, vocab, speaks_for)
    date, precision = metadata.extract_date(seed.text, cleaned, vocab)
    return Extracted(
        seed=seed,
        cleaned=cleaned,
        speakers=speakers,
        claims=claims,
        title=metadata.extract_title(cleaned),
        outlet=metadata.extract_outlet(cleaned, vocab),
        via=metadata.extract_via(cleaned, vocab),
        author=metadata.extract_author(cleaned, vocab),
        date=date,
        date_precision=precision,
        fallback_title=_title_from_text(body) or identity_text(Path(name).stem) or name,
    ), problems


@dataclass(frozen=True, eq=False)
class PageExtracted(Extracted):
    """What a saved web page says: an Extracted record, plus the URL the page gives for
    itself and the fields (`from_page`) whose values come from its own metadata (JSON-LD,
    Open Graph, meta tags, <title>, canonical link) rather than from its text: their
    provenance is "page". `language` is the page's declared language, when it has one."""

    url: str | None = None
    language: str | None = None
    from_page: frozenset[str] = frozenset()


def extract_page(seed: Seed, vocab: Vocabulary, speaks_for: str | None, problems: list[Problem]
                 ) -> tuple[Extracted | None, list[Problem]]:
    """A saved page (`extract/html.py`): trafilatura's main text is the body, the page's
    metadata gives title, outlet, author, date and URL; a field the metadata lacks is read
    by the text rules from the page's visible text, as a select-all copy would give it (a
    by-line's date, a copyright line's outlet: provenance "extracted"). A first paragraph
    that repeats the title is the headline, removed as a text seed's is (rule "title");
    the text furniture rules then remove what trafilatura kept (on the realistic corpus's
    saved pages, body F1 0.970 -> 0.982, recall unchanged), and a page left with nothing
    but furniture is an error, as a text seed of menus is."""
    page, found = read_page(seed.name, seed.text)
    problems = problems + found
    if page is None:
        return None, problems
    body = unicodedata.normalize("NFC", page.body)
    title = identity_or_none(page.title)
    paragraphs = body.split("\n\n")
    removed: tuple[RemovedLine, ...] = ()
    if len(paragraphs) > 1 and title and identity_text(paragraphs[0]) == title:
        removed, body = (RemovedLine(1, paragraphs[0], "title"),), "\n\n".join(paragraphs[1:])
    # The text rules over trafilatura's text, headed by the title as a copy's headline is:
    # they take out the furniture it keeps (a contact line, a copyright line). Their
    # verdict stands only when they agree the headline is the title (else they may have
    # taken an article line for one).
    furniture = clean((title + "\n\n" if title else "") + body, vocab)
    if title is None or identity_or_none(furniture.title) == title:
        removed += tuple(r for r in furniture.removed if r.rule != "title" or title is None)
        body, title = furniture.body, title or identity_or_none(furniture.title)
    if not body.strip():
        shown = " ".join(page.body.split())
        return None, problems + [Problem(seed.name, "no article text found in the page: what trafilatura extracted "
                                                    f"is page furniture ('{shown[:60]}{'…' if len(shown) > 60 else ''}')")]
    cleaned = Cleaned(body, removed, title)
    speakers, claims = _speakers_and_claims(body, vocab, speaks_for)
    from_page = {key for key in ("title", "outlet", "author", "date", "url") if getattr(page, key)}
    outlet = identity_or_none(vocab.outlet(identity_text(page.outlet))) if page.outlet else None
    author = identity_or_none(page.author)
    date, precision = page.date, page.date_precision
    copy = clean(unicodedata.normalize("NFC", page.text), vocab)  # the page as a select-all copy reads
    if outlet is None:
        outlet = metadata.extract_outlet(copy, vocab)
    if author is None:
        author = metadata.extract_author(copy, vocab)
    if date is None:
        date, precision = metadata.extract_date(unicodedata.normalize("NFC", page.text), copy, vocab)
    return PageExtracted(
        seed=seed,
        cleaned=cleaned,
        speakers=speakers,
        claims=claims,
        title=title,
        outlet=outlet,
        via=metadata.extract_via(copy, vocab),
        author=author,
        date=date,
        date_precision=precision,
        fallback_title=_title_from_text(body) or identity_text(Path(seed.name).stem) or seed.name,
        url=page.url,
        language=page.language,
        from_page=frozenset(k for k in from_page if k != "outlet" or page.outlet and outlet),
    ), problems


def clean_seed(seed: Seed, vocab: Vocabulary) -> tuple[Cleaned | None, list[Problem]]:
    """A decoded seed's article body and removed lines as its conversion makes them: the
    text furniture rules for a text seed, the main text of a saved page (for `clean` and
    `check --explain`)."""
    if not is_html_seed(seed.name):
        return clean(unicodedata.normalize("NFC", seed.text), vocab), []
    extracted, problems = extract_page(seed, vocab, None, [])
    return (extracted.cleaned if extracted else None), problems


def _speakers_and_claims(body: str, vocab: Vocabulary, speaks_for: str | None
                         ) -> tuple[tuple[Speaker, ...], tuple[Claim, ...]]:
    """The speakers (under their identity names) and claims of a cleaned body."""
    quotes = claims_stage.find_quotes(body, vocab)
    self_speaker = speaks_for or claims_stage.self_speaker_of(
        body, claims_stage.quotes_with_words(quotes, body, vocab.min_quote_words, vocab), vocab)
    speakers, claims = claims_stage.extract_claims(body, vocab, self_speaker)
    return _identity_speakers(speakers), tuple(replace(c, speaker=identity_text(c.speaker)) for c in claims)


def _identity_speakers(found: tuple[Speaker, ...]) -> tuple[Speaker, ...]:
    """Speakers under their identity names: two spellings that look the same are one
    speaker, the first met."""
    by_name: dict[str, Speaker] = {}
    for s in found:
        name = identity_text(s.name)
        by_name.setdefault(name, replace(s, name=name, role=identity_or_none(s.role),
                                         organisation=identity_or_none(s.organisation)))
    return tuple(by_name.values())


def build_source(extracted: Extracted, values: dict, provenance: dict, speakers: tuple[Speaker, ...],
                 claims: tuple[Claim, ...], vocab: Vocabulary) -> Source:
    """The Source a seed's pages are made from, with its headline claim chosen and its
    readable base slug (made unique across the corpus by `assign_slugs`)."""
    seed = extracted.seed
    return Source(
        file=seed.name,
        slug=slug_base(values["title"], "source"),
        title=values["title"],
        date=values["date"],
        date_precision=values["date_precision"],
        date_note=values["date_note"],
        outlet=values["outlet"],
        via=values["via"],
        author=values["author"],
        url=values["url"],
        speakers=speakers,
        claims=claims,
        headline=choose_headline(claims, [t.slug for t in vocab.topics]),
        topics=values["topics"],
        body=extracted.cleaned.body,
        original=seed.text,
        raw=seed.data,
        sha256=hashlib.sha256(seed.data).hexdigest(),
        size=len(seed.data),
        encoding=seed.encoding,
        removed=extracted.cleaned.removed,
        provenance=provenance,
        outlet_type=values.get("outlet_type"),
    )


def choose_headline(claims: Sequence[Claim], topic_order: list[str]) -> int | None:
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
    paragraph = next((p for p in _paragraphs(body) if identity_text(p)), "")
    first = rx(r"(?<=[.!?])\s").split(paragraph, maxsplit=1)[0]
    words = identity_text(first).split()
    return " ".join(words[:14]) + ("…" if len(words) > 14 else "")


def _paragraphs(body: str) -> Iterator[str]:
    """`body.split("\n\n")`, one paragraph at a time: a title is nearly always in the
    first, and a body may be megabytes long."""
    start = 0
    while (end := body.find("\n\n", start)) >= 0:
        yield body[start:end]
        start = end + 2
    yield body[start:]
