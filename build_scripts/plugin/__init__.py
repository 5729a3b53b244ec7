"""The MkDocs face of claimline: a plugin that converts the seeds folder into pages during
`mkdocs build` and `mkdocs serve`.

Listed in mkdocs.yml as `plugins: [search, claimline]` (found through the `mkdocs.plugins`
entry point of the installed project), with the options declared in
`build_scripts.config.settings.ClaimlineConfig`. Conversion runs in `on_pre_build`, before
MkDocs cleans `site/`, so a bad seed stops the build with the old site untouched.
Generated pages exist only in memory (`File.generated`); `docs/` keeps hand-written
pages. Messages go through MkDocs' logger, so `--strict` fails on any warning.
"""

from __future__ import annotations

import atexit
import gc
import html
import os
import re
import shutil
import time
from pathlib import Path

from mkdocs.exceptions import ConfigurationError, PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files

from build_scripts import cores, pipeline
from build_scripts.config.settings import (ClaimlineConfig, SettingsError, configured_vocabulary,
                                           source_date_epoch)
from build_scripts.catalogue.anchors import former_claim_notices
from build_scripts.config.vocabulary import VocabularyError
from build_scripts.extract import corpus as convert
from build_scripts.extract.read import list_seeds
from build_scripts.model import one_line
from build_scripts.render import head
from build_scripts.render.indexes import render_home_block, render_topic_table
from build_scripts.render.markup import inert_front_matter
from build_scripts.plugin import serve
from build_scripts.render.pagefind import CLAIM_RECORDS_UP_TO, run_pagefind
from build_scripts.render.search import claim_entries, material_document, page_records, pagefind_record
from build_scripts.render.site import DOWNLOADS, SiteFiles, put_back_after_markdown, render_downloads

log = get_plugin_logger("claimline")

PAGEFIND_SCRIPT = "assets/claimline-pagefind.js"
QUERY_SCRIPT = "assets/claimline-query.js"  # how a query is read: the Pagefind script's and the search worker's
SEARCH_STUB = "assets/claimline-search-stub.js"
SEARCH_WORKER = "assets/claimline-search-worker.js"
MATERIAL_WORKER = re.compile(r'("search":\s*")([^"]*?)assets/javascripts/workers/(search\.[0-9a-f]+\.min\.js)"')
HOME_MARKER = "<!-- claimline:home -->"
TOPICS_MARKER = "<!-- claimline:topics -->"
MATERIAL_TAGS_BOOST = 1e6  # Material's default weight of a document's tags
CLAIM_FACTS_BOOST = 1e3  # here tags hold a claim's speaker, date and outlet: weighed as a title is
ANCHOR_ID = re.compile(r'\sid="([^"]+)"')


class ClaimlinePlugin(BasePlugin[ClaimlineConfig]):
    """One build's conversion: what `on_pre_build` produced, used by the later events.
    Under `mkdocs serve` the same instance makes every rebuild (it has `on_startup`), and
    keeps the last build's site to rebuild only what changed (`plugin/serve.py`)."""

    def __init__(self) -> None:
        self.pagefind = False
        self.offline = False
        self.vocabulary = None
        self.result: pipeline.Result | None = None
        self.serving = False
        self.last: tuple[SiteFiles, tuple] | None = None  # the last good build's site and configuration
        self.rebuild: serve.Rebuild | None = None
        self.catch_up = serve.CatchUp(log)
        self.dests: set[str] = set()  # the last build's output files (those MkDocs knows of)
        self.kept_files: dict[str, serve.KeptFile] = {}
        self.templates = serve.CompiledTemplates()
        self.indexing: IndexAside | None = None
        self.started = 0.0
        self.frozen = False

    def on_startup(self, *, command, dirty) -> None:
        """Only `mkdocs serve` rebuilds: there, each rebuild after the first is incremental."""
        self.serving = command == "serve"

    def on_config(self, config):
        """Check what the schema cannot (the environment's SOURCE_DATE_EPOCH, the data
        files), then choose the search engine before anything is built: Material's single
        index for small corpora, Pagefind's chunked index from `pagefind_from` sources on."""
        try:
            source_date_epoch()
            self.vocabulary = configured_vocabulary(self.config)
        except (SettingsError, VocabularyError) as error:
            raise ConfigurationError(str(error)) from None
        folder = Path(self.config.seeds_dir)
        count = len(list_seeds(folder).seeds) if folder.is_dir() else 0
        self.offline = "offline" in config.plugins or "material/offline" in config.plugins
        threshold = self.config.pagefind_from
        self.pagefind = count >= threshold and not self.offline
        _weigh_claim_facts_as_titles(config)
        if self.pagefind:
            config.extra_javascript += [QUERY_SCRIPT, PAGEFIND_SCRIPT]
            log.info(f"{count} seeds: search uses Pagefind (threshold {threshold})")
        return config

    def on_pre_build(self, config) -> None:
        self.started = time.perf_counter()
        if self.last is not None and not self.frozen:
            # What the first build left alive (the corpus, the last site) is not scanned again by
            # every collection of each rebuild: at 10,000 sources one took about a second. Once
            # only: frozen objects are never collected, and each rebuild leaves some garbage.
            gc.freeze()
            self.frozen = True
        folder = Path(self.config.seeds_dir)
        fingerprint = serve.config_fingerprint(config) if self.serving else ()
        previous = self.last[0] if self.last and self.last[1] == fingerprint else None
        self.rebuild = None
        self.catch_up.next_generation()  # whatever the last rebuild left in the background is dropped
        with cores.parallel_threshold(self.config.parallel_from):
            result = pipeline.run(folder, self.vocabulary, pipeline.options_for(config, self.config),
                                  previous, DOWNLOADS if previous else (), keep_units=self.serving)
        corpus = result.corpus
        done, cached = convert.STATS["converted"], convert.STATS["cached"]
        log.info(f"converted {done} seed{'s' if done != 1 else ''}, {cached} unchanged (cached)")
        for name in corpus.ignored:
            log.info(one_line(f"ignored {name}"))
        for notice in former_claim_notices(result.site.catalogue.landings if result.site else {}):
            log.info(one_line(notice))
        for problem in corpus.warnings:
            log.warning(str(problem))
        if corpus.errors:
            for problem in corpus.errors:
                log.error(str(problem))
            raise PluginError(f"{len(corpus.errors)} problem(s) in {folder}: fix them, or run "
                              "`python -m build_scripts check` to list them")
        self.result = result
        self.fingerprint = fingerprint
        self.last = None  # until this build succeeds, the next one is a full one
        if previous is not None:
            self.rebuild = serve.plan(previous, result.site, Path(config.site_dir), self.catch_up.generation)
            self.rebuild.put_aside()
            log.info(f"rebuilding {len(self.rebuild.rebuilt)} of {len(result.site.pages)} generated pages "
                     f"({result.site.rendered} sources and speakers rendered again)")
            for path in self.rebuild.rebuilt:
                log.debug(f"rebuilding {path}")

    def on_files(self, files: Files, config) -> Files:
        site, rebuild = self.result.site, self.rebuild
        kept = rebuild.kept if rebuild else set()
        later = rebuild.later if rebuild else []  # the last build's downloads, until this one's are made
        # A kept path's File is the last rebuild's (one per path, its output named from the
        # configuration the fingerprint holds fixed): 20,000 made anew cost a third of a second.
        made, self.kept_files = self.kept_files, {}
        for path, content in [*sorted(site.pages.items()), *((p, site.static.get(p)) for p in sorted([*site.static, *later]))]:
            if path in kept or path in later:
                file = self.kept_files[path] = made.get(path) or serve.KeptFile(path, config)
            else:
                file = File.generated(config, path, content=content)
            files.append(file)
        dests = {f.dest_uri for f in files}
        if rebuild is not None:
            rebuild.restore(self.dests - dests)
        elif self.pagefind and not reads_pages(site):
            # The index is made from the catalogue alone: in a child process, on the core MkDocs'
            # page rendering leaves idle, instead of after it (13 s at 10,000 sources).
            self.indexing = IndexAside(site, Path(config.site_dir))
        self.files, self.dests = files, dests
        return files

    def on_env(self, env, config, files):
        """Under serve, the theme's templates are compiled once, not on every rebuild (MkDocs
        makes a new Jinja environment each time: a third of a second of compiling)."""
        if self.serving:
            env.bytecode_cache = self.templates
        return env

    def on_page_markdown(self, markdown: str, page, config, files) -> str:
        """Fill the hand-written pages' markers; make seed-derived titles inert."""
        site, links = self.result.site, self.result.links
        if HOME_MARKER in markdown:
            markdown = markdown.replace(HOME_MARKER, render_home_block(site.catalogue, links, page.file.src_uri))
        if TOPICS_MARKER in markdown:
            markdown = markdown.replace(TOPICS_MARKER, render_topic_table(self.result.corpus.topics))
        if page.file.src_uri in site.pages:
            # Generated pages' front matter comes from seeds: escaped once here, where it enters
            # MkDocs, it is text in the <title>, header, meta tags, nav and Material's search index.
            page.meta = inert_front_matter(page.meta)
            page.title = page.meta.get("title", "")
        if self.pagefind:
            page.meta["search"] = {"exclude": True}  # Pagefind answers; keep Material's index empty
        return markdown

    def on_page_content(self, html_text: str, page, config, files) -> str:
        """Generated pages' finished HTML goes in after Markdown: having Python-Markdown and
        MkDocs' anchor scan parse it on every page was two fifths of the build. The ids it
        carries are handed to MkDocs, so links to them from hand-written pages are still checked."""
        blocks = self.result.site.after_markdown.get(page.file.src_uri)
        if blocks and page.present_anchor_ids is not None:
            page.present_anchor_ids.update(html.unescape(i) for block in blocks for i in ANCHOR_ID.findall(block))
        if self.pagefind:  # MkDocs keeps every page's content until the build ends: the blocks go in
            return html_text  # with the finished page (`on_post_page`), where no index reads them
        return put_back_after_markdown(html_text, blocks or [])

    def on_page_context(self, context, page, config, nav):
        """Below `pagefind_from`, each claim of a source page joins Material's search index as
        its own document, linked to its passage (Material's search plugin, listed first, has
        just indexed the page's sections)."""
        source = self.result.site.catalogue.by_path.get(page.file.src_uri)
        index = getattr(_material_search(config), "search_index", None)
        if source is not None and not self.pagefind and index is not None and not page.meta.get("search", {}).get("exclude"):
            index.entries.extend(material_document(e, page.url) for e in claim_entries(source, self.result.site.catalogue))
        return context

    def on_post_page(self, output: str, page, config) -> str:
        site = self.result.site
        source = site.catalogue.by_path.get(page.file.src_uri)
        if self.pagefind:
            # The page's HTML blocks (`on_page_content`): kept under serve for the next rebuild
            # to compare with, else let go once written.
            take = site.after_markdown.get if self.serving else site.after_markdown.pop
            output = put_back_after_markdown(output, take(page.file.src_uri, []))
            # Pagefind answers: spare every page Material's search worker
            output = MATERIAL_WORKER.sub(lambda m: f'{m.group(1)}{m.group(2)}{SEARCH_STUB}"', output, count=1)
        elif not self.offline:  # Material's worker behind claimline's: claims as results, filters, phrases
            output = MATERIAL_WORKER.sub(lambda m: f'{m.group(1)}{m.group(2)}{SEARCH_WORKER}#{m.group(3)}"', output, count=1)
        return head.inject(output, page, config, source, self.result.site.catalogue)

    def on_build_error(self, error) -> None:
        """A rebuild that fails half-way leaves a half-built site: the next one is a full one."""
        self.last = None
        if self.indexing is not None:
            self.indexing.stop()
            self.indexing = None
        if self.rebuild is not None:
            self.rebuild.discard()

    def on_serve(self, server, config, builder):
        if not self.config.poll_seeds:
            server.observer = serve.SeedsWatch(server.observer, self.config.seeds_dir)  # notices: `SeedsWatch`
        server.watch(self.config.seeds_dir)
        return server

    def on_post_build(self, config) -> None:
        site, rebuild = self.result.site, self.rebuild
        if rebuild is None:
            if self.indexing is not None:
                indexing, self.indexing = self.indexing, None
                indexing.finish()
            elif self.pagefind:
                index_for_pagefind(site, Path(config.site_dir))
        else:
            rendered = {serve.page_url(f) for f in self.files if f.src_uri.endswith(".md") and not isinstance(f, serve.KeptFile)}
            rebuild.finish(self.files, config.site_url or "", rendered)
            pages = _snapshot(rebuild.site_dir, rebuild.scratch("pages")) if self.pagefind and reads_pages(site) else None
            index = (lambda output: index_for_pagefind(site, pages or rebuild.site_dir, output)) if self.pagefind else None
            self.catch_up.start(rebuild.site_dir, lambda: render_downloads(site), index, self.started,
                                rebuild.scratch("next"), site.parts, then=rebuild.discard)
            later = "the downloads and the search index follow" if self.pagefind else "the downloads follow"
            log.info(f"pages rebuilt in {time.perf_counter() - self.started:.1f} s; {later} in the background "
                     "(the last ones are served until then)")
        self.last = (site, self.fingerprint) if self.serving else None
        corpus = self.result.corpus
        claims = sum(len(s.claims) for s in corpus.sources)
        log.info(
            f"{len(corpus.sources)} sources, {claims} claims, {len(self.result.site.catalogue.speakers)} speakers, "
            f"{len(corpus.warnings)} warnings"
        )


def index_for_pagefind(site: SiteFiles, site_dir: Path, output: Path | None = None) -> None:
    """While the claims are few enough (`CLAIM_RECORDS_UP_TO`): the source and speaker pages
    read from SITE_DIR, and a record per claim. Above: a record per page made from the
    catalogue (title and text, its claims' facts as filters), nothing read from disk: reading
    a built page costs Pagefind ten times a record."""
    catalogue = site.catalogue
    if reads_pages(site):
        records = [pagefind_record(e) for s in catalogue.sources for e in claim_entries(s, catalogue)]
        run_pagefind(site_dir, records, output=output)
    else:
        run_pagefind(site_dir, page_records(catalogue), pages=False, output=output)


class IndexAside:
    """A full build's Pagefind index made from the catalogue (`search.page_records`) in a
    child process while MkDocs renders the pages, into a folder beside the site; `finish`
    waits for it and moves it in, or raises its failure as the build's one error line."""

    def __init__(self, site: SiteFiles, site_dir: Path) -> None:
        self.site_dir = site_dir
        self.scratch = site_dir.with_name(f"{site_dir.name}.claimline-index")
        shutil.rmtree(self.scratch, ignore_errors=True)
        self.scratch.mkdir(parents=True)
        self.pid = cores.fork_aside(
            lambda: run_pagefind(site_dir, page_records(site.catalogue), pages=False, output=self.scratch / "pagefind"),
            str(self.scratch / "error"))
        atexit.register(self.stop)  # a build stopped by Ctrl-C leaves no indexer behind

    def finish(self) -> None:
        atexit.unregister(self.stop)
        try:
            reason = cores.aside_failure(os.waitpid(self.pid, 0)[1], str(self.scratch / "error"))
            if reason is not None:
                raise PluginError(reason if reason.startswith("Pagefind") else f"Pagefind could not index the site: {reason}")
            shutil.rmtree(self.site_dir / "pagefind", ignore_errors=True)
            os.replace(self.scratch / "pagefind", self.site_dir / "pagefind")
        finally:
            shutil.rmtree(self.scratch, ignore_errors=True)

    def stop(self) -> None:
        atexit.unregister(self.stop)
        cores.stop_aside(self.pid, wait=True)
        shutil.rmtree(self.scratch, ignore_errors=True)


def reads_pages(site: SiteFiles) -> bool:
    """Whether Pagefind reads the built source and speaker pages (`index_for_pagefind`)."""
    return sum(len(s.claims) for s in site.catalogue.sources) <= CLAIM_RECORDS_UP_TO


def _snapshot(site_dir: Path, folder: Path) -> Path:
    """The source and speaker pages Pagefind reads, hard-linked into FOLDER: the next rebuild
    may move the site while the index is being made."""
    shutil.rmtree(folder, ignore_errors=True)
    for top in ("sources", "speakers"):
        for path in sorted((site_dir / top).glob("**/*.html")):
            target = folder / path.relative_to(site_dir)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.link(path, target)
    return folder


def _material_search(config):
    """Material's search plugin, under the name the configuration gave it (None without one)."""
    plugins = config.plugins if isinstance(config.plugins, dict) else {}
    return plugins.get("material/search") or plugins.get("search")


def _weigh_claim_facts_as_titles(config) -> None:
    """Material weighs tags a thousand times a title; here only claims have tags (their
    speaker, date, outlet), and at that weight 'Ada Lind' would list every claim of
    Lindqvist Group (lind*) above Ada Lind's own page. A weight the site sets itself is kept."""
    fields = getattr(getattr(_material_search(config), "config", None), "fields", None)
    if isinstance(fields, dict) and fields.get("tags", {}).get("boost", MATERIAL_TAGS_BOOST) == MATERIAL_TAGS_BOOST:
        fields["tags"] = {"boost": CLAIM_FACTS_BOOST}
