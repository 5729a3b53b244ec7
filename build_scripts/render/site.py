"""Everything the build adds to the site, as a mapping of site path to content.

One call gives the Markdown pages (rendered by MkDocs) and the static files (data
downloads, verbatim originals, the Atom feed) for a corpus. The work is cut into parts
(each index family, the data files, the feed, batches of source pages) that depend only
on the catalogue, so a large corpus renders them on every core.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from build_scripts.catalogue import Catalogue, build_catalogue
from build_scripts.catalogue.anchors import EMPTY_LEDGER, Ledger
from build_scripts.cores import collector_paused, map_on_cores, parallel_from
from build_scripts.render.database import DATABASE_PATH, render_database
from build_scripts.render.feed import render_feed
from build_scripts.render.markup import AFTER_MARKDOWN_END, AFTER_MARKDOWN_START, Links, after_markdown_marker, source_path
from build_scripts.model import Corpus
from build_scripts.render.indexes import (render_data, render_outlets, render_sources_index, render_speaker_index,
                                         render_speaker_pages, render_topics, reusing_rows)
from build_scripts.render.timeline import render_timeline, render_timeline_data
from build_scripts.render.pages import original_path, render_source_page
from build_scripts.render.search import left_out_of_material_search, with_word_breaks

PAGES_PER_PART = 100
STATIC_PARTS = {"data", "database", "feed", "timeline-data"}
DOWNLOADS = ("data", "database", "timeline-data")  # what `mkdocs serve` may write after the pages (`render_downloads`)
PARTS = {  # the longest first, so no core is left with one long part at the end
    "data": render_data,
    "database": lambda catalogue, links: {DATABASE_PATH: render_database(catalogue, links)},
    "timeline": render_timeline,
    "timeline-data": render_timeline_data,
    "topics": render_topics,
    "speaker-index": render_speaker_index,
    "outlets": render_outlets,
    "sources-index": render_sources_index,
    "feed": lambda catalogue, links: {"feed.xml": render_feed(catalogue, links, links.site_url)},
}
UNITS = ("source-pages", "speaker-pages")  # one source's page, one speaker's pages: each reusable alone


@dataclass(frozen=True)
class Unit:
    """The pages rendered from one source or one speaker, with the facts they were rendered
    from (the source and `Catalogue.source_page_facts`, or `speaker_page_facts`)."""

    facts: tuple
    pages: dict[str, str]
    after_markdown: dict[str, list[str]]


@dataclass
class SiteFiles:
    """What a build adds: Markdown pages, static files, and for each page the HTML blocks
    that go in after Markdown has run, at its numbered markers (`markup.after_markdown`).
    `units` lets the next render in this process reuse what has not changed; `deferred`
    names the parts left out (`render_downloads` adds them)."""

    catalogue: Catalogue
    pages: dict[str, str]
    static: dict[str, bytes]
    after_markdown: dict[str, list[str]]
    units: dict[str, Unit] = field(default_factory=dict)
    context: tuple = ()
    deferred: tuple[str, ...] = ()
    parts: dict[str, tuple[str, ...]] = field(default_factory=dict)  # the static files of each part
    rendered: int = 0  # units rendered this time (the others were reused)
    rows: dict = field(default_factory=dict)  # the index pages' rows, for the next render (`indexes.reusing_rows`)

    def complete_markdown(self, path: str) -> str:
        """A page as one Markdown file with its HTML in place (what `convert` writes)."""
        return put_back_after_markdown(self.pages[path], self.after_markdown.get(path, []))


def put_back_after_markdown(page: str, blocks: list[str]) -> str:
    """Each marker left by `split_after_markdown` replaced by its block: in the Markdown
    for `convert`, in the rendered HTML for the build (the hook's `on_page_content`)."""
    for index, block in enumerate(blocks):
        page = page.replace(after_markdown_marker(index), block, 1)
    return page


def split_after_markdown(pages: dict[str, str]) -> tuple[dict[str, str], dict[str, list[str]]]:
    """Take each page's marked HTML blocks out, leaving numbered markers."""
    markdown, after = {}, {}
    for path, page in pages.items():
        blocks, kept, position = [], [], 0
        while (start := page.find(AFTER_MARKDOWN_START, position)) >= 0:
            end = page.index(AFTER_MARKDOWN_END, start)
            kept += [page[position:start], after_markdown_marker(len(blocks))]
            # As the search indexes (Material's in the build, Pagefind's after it) must read it.
            blocks.append(left_out_of_material_search(with_word_breaks(page[start + len(AFTER_MARKDOWN_START) : end])))
            position = end + len(AFTER_MARKDOWN_END)
        markdown[path] = "".join(kept) + page[position:]
        if blocks:
            after[path] = blocks
    return markdown, after


def _render_part(shared: tuple[Catalogue, Links], part: tuple[str, tuple[int, ...]]):
    """A part's (files, after-Markdown HTML by page), or for a batch of units one such pair
    per unit. Units are named by position, not sent as objects: the catalogue knows its
    sources by identity, and an object sent to a worker process arrives as a copy."""
    catalogue, links = shared
    kind, positions = part
    if kind == "source-pages":
        return [split_after_markdown({source_path(s.slug): render_source_page(s, catalogue, links)})
                for s in (catalogue.sources[i] for i in positions)]
    if kind == "speaker-pages":
        entries = list(catalogue.speakers.values())
        return [split_after_markdown(render_speaker_pages(entries[i], catalogue, links)) for i in positions]
    files = PARTS[kind](catalogue, links)
    return (files, {}) if kind in STATIC_PARTS else split_after_markdown(files)


def _units(catalogue: Catalogue, with_facts: bool) -> list[tuple[str, str, int, tuple]]:
    """(kind, key, position, facts) of every unit: a source's page is keyed by its seed's
    file name, a speaker's pages by the name. The facts (`()` WITH_FACTS off) cost a second
    at 10,000 sources: only a render whose units are reused needs them."""
    found = [("source-pages", "source " + s.file, i, (s, catalogue.source_page_facts(s)) if with_facts else ())
             for i, s in enumerate(catalogue.sources)]
    found += [("speaker-pages", "speaker " + e.name, i, catalogue.speaker_page_facts(e) if with_facts else ())
              for i, e in enumerate(catalogue.speakers.values())]
    return found


def render_site(corpus: Corpus, links: Links, ledger: Ledger = EMPTY_LEDGER, previous: SiteFiles | None = None,
                defer: tuple[str, ...] = (), keep_units: bool = True) -> SiteFiles:
    """Every page and file of the site. With PREVIOUS (the last render in this process), a
    source's or speaker's pages whose facts are unchanged are taken from it, not rendered
    again; parts named in DEFER (from DOWNLOADS) are left for `render_downloads`. Without
    KEEP_UNITS the result keeps no units (nothing will render after it: a one-off build)."""
    context = (links, corpus.topics)
    with collector_paused():
        catalogue = build_catalogue(corpus, ledger)
        old = previous.units if previous is not None and previous.context == context else {}
        units = _units(catalogue, keep_units or bool(old))
        todo = [(kind, key, i, facts) for kind, key, i, facts in units
                if key not in old or old[key].facts != facts]
        parts = [(kind, ()) for kind in PARTS if kind not in defer]
        for kind in UNITS:
            positions = [i for k, _, i, _ in todo if k == kind]
            parts += [(kind, tuple(positions[i : i + PAGES_PER_PART])) for i in range(0, len(positions), PAGES_PER_PART)]
        # Under serve (KEEP_UNITS) the index pages are rendered here, reusing the last render's
        # rows (`indexes.reusing_rows`): a worker's rows would not come back to be reused. In a
        # rebuild the few units to render are rendered here too, sparing the forks.
        here = [part for part in parts if keep_units and part[0] not in STATIC_PARTS and (old or part[0] not in UNITS)]
        there = [part for part in parts if part not in here]
        done = dict(zip(there, map_on_cores(_render_part, (catalogue, links), there,
                                            parallel=len(catalogue.sources) >= parallel_from())))
        with reusing_rows(previous.rows if old else {}) as rows:
            done.update((part, _render_part((catalogue, links), part)) for part in here)
        results = [done[part] for part in parts]
    site = SiteFiles(catalogue, {}, {}, {}, context=context, deferred=tuple(k for k in PARTS if k in defer),
                     rendered=len(todo), rows=rows if keep_units else {})
    if previous is not None:  # a deferred part will write what it wrote last time
        site.parts.update((kind, paths) for kind, paths in previous.parts.items() if kind in defer)
    fresh = {}
    for (kind, positions), result in zip(parts, results):
        if kind in UNITS:
            fresh.update(zip(((kind, i) for i in positions), result))
        else:
            _add(site, kind, *result)
    for kind, key, i, facts in units:
        unit = Unit(facts, *fresh[kind, i]) if (kind, i) in fresh else old[key]
        if keep_units:
            site.units[key] = unit
        site.pages.update(unit.pages)
        site.after_markdown.update(unit.after_markdown)
    for source in corpus.sources:
        site.static[original_path(source)] = source.raw
    return site


def render_downloads(site: SiteFiles) -> dict[str, dict[str, bytes]]:
    """The static files of each part a render deferred, from its catalogue."""
    links = site.context[0]
    found = {}
    for kind in site.deferred:
        part = SiteFiles(site.catalogue, {}, {}, {})
        _add(part, kind, *_render_part((site.catalogue, links), (kind, ())))
        found[kind] = part.static
    return found


def _add(site: SiteFiles, kind: str, files: dict, after: dict) -> None:
    if kind in STATIC_PARTS:
        site.parts[kind] = tuple(sorted(files))
        site.static.update((path, body if isinstance(body, bytes) else body.encode("utf-8")) for path, body in files.items())
    else:
        site.pages.update(files)
    site.after_markdown.update(after)
