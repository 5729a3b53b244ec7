"""The one pipeline: seeds folder + vocabulary + options -> corpus -> site files.

    read -> clean -> extract metadata and claims -> apply curated values   (extract/)
         -> catalogue                                                     (catalogue/)
         -> render pages, indexes and data                                (render/)

The MkDocs plugin, every CLI command, `bench`, `evaluate` and the tests call `run` (or
`load` for the corpus alone, `render` for a corpus already loaded), with the options
`options_for` reads from the MkDocs configuration, so what `convert` writes is what
`build` renders.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path

from build_scripts.catalogue.anchors import EMPTY_LEDGER, LEDGER_NAME, Ledger, read_ledger, resolve_ledger
from build_scripts.config.settings import ClaimlineConfig, max_seed_bytes
from build_scripts.config.vocabulary import Vocabulary, load_vocabulary
from build_scripts.extract.corpus import load_corpus
from build_scripts.extract.read import DEFAULT_MAX_SEED_BYTES
from build_scripts.model import Corpus
from build_scripts.render.markup import Links
from build_scripts.render.site import SiteFiles, render_site


@dataclass(frozen=True)
class Options:
    """What a caller may choose about one run (the plugin fills it from its configuration)."""

    use_directory_urls: bool = True
    max_seed_bytes: int = DEFAULT_MAX_SEED_BYTES
    today: dt.date | None = None  # None: SOURCE_DATE_EPOCH's day, else the clock's
    curated: bool = True  # False: curated files are set aside, so `evaluate` scores the rules alone
    site_url: str = ""  # MkDocs' `site_url`: citations give absolute claim URLs when it is set


def options_for(config, settings: ClaimlineConfig) -> Options:
    """The options a build with this MkDocs configuration and these plugin options runs
    with. The plugin and `convert` both take them from here, so `convert` writes the pages
    the build renders (file URLs in the offline copy, `use_directory_urls: false`)."""
    return Options(use_directory_urls=config.use_directory_urls, max_seed_bytes=max_seed_bytes(settings),
                   site_url=config.site_url or "")


@dataclass(frozen=True)
class Result:
    """A run's corpus (with every problem found) and, when it has no error, its site files."""

    corpus: Corpus
    site: SiteFiles | None
    links: Links


def load(seeds: Path, vocabulary: Vocabulary | None = None, options: Options = Options()) -> Corpus:
    """Read, clean, extract and curate: the corpus alone (what `check` reports on)."""
    return _load(seeds, vocabulary, options)[0]


def _load(seeds: Path, vocabulary: Vocabulary | None, options: Options) -> tuple[Corpus, Ledger]:
    """The corpus, and the seeds folder's ledger of old claim anchors (`catalogue.anchors`):
    a bad ledger is an error, an old anchor that no longer lands on its words a warning."""
    corpus = load_corpus(seeds, vocabulary or load_vocabulary(), max_seed_bytes=options.max_seed_bytes,
                         now=options.today, with_curated=options.curated)
    ledger, problems = read_ledger(seeds) if seeds.is_dir() else (EMPTY_LEDGER, ())
    if not problems and not corpus.errors:
        problems = resolve_ledger(corpus, ledger)[1]
    ignored = tuple(name for name in corpus.ignored if not name.startswith(LEDGER_NAME + " "))
    return replace(corpus, problems=corpus.problems + problems, ignored=ignored), ledger


def render(corpus: Corpus, options: Options = Options(), ledger: Ledger = EMPTY_LEDGER,
           previous: SiteFiles | None = None, defer: tuple[str, ...] = (), keep_units: bool = True) -> Result:
    """Catalogue and render a loaded corpus. A corpus with errors renders nothing: no page
    is published from a folder that still has a problem to fix. PREVIOUS (the last site
    rendered in this process) lets unchanged pages be reused; DEFER leaves the downloads
    for later (`render.site.render_downloads`); KEEP_UNITS off spares what only a later
    render reuses: all three for `mkdocs serve`'s rebuilds."""
    links = Links(use_directory_urls=options.use_directory_urls, site_url=options.site_url)
    site = None if corpus.errors else render_site(corpus, links, ledger, previous, defer, keep_units)
    return Result(corpus, site, links)


def run(seeds: Path, vocabulary: Vocabulary | None = None, options: Options = Options(),
        previous: SiteFiles | None = None, defer: tuple[str, ...] = (), keep_units: bool = True) -> Result:
    """The whole pipeline: `load`, then `render`."""
    corpus, ledger = _load(seeds, vocabulary, options)
    return render(corpus, options, ledger, previous, defer, keep_units)
