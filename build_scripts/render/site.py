"""Everything the build adds to the site, as a mapping of site path to content.

One call gives the Markdown pages (rendered by MkDocs) and the static files (data
downloads, verbatim originals, the Atom feed) for a corpus. The work is cut into parts
(each index family, the data files, the feed, batches of source pages) that depend only
on the catalogue, so a large corpus renders them on every core.
"""

from __future__ import annotations

from dataclasses import dataclass

from build_scripts.catalogue import Catalogue, build_catalogue
from build_scripts.catalogue.anchors import EMPTY_LEDGER, Ledger
from build_scripts.cores import collector_paused, map_on_cores, parallel_from
from build_scripts.render.database import DATABASE_PATH, render_database
from build_scripts.render.feed import render_feed
from build_scripts.render.markup import AFTER_MARKDOWN_END, AFTER_MARKDOWN_START, Links, after_markdown_marker, source_path
from build_scripts.model import Corpus
from build_scripts.render.indexes import (render_data, render_outlets, render_sources_index, render_speakers,
                             render_topics)
from build_scripts.render.timeline import render_timeline, render_timeline_data
from build_scripts.render.pages import original_path, render_source_page
from build_scripts.render.search import left_out_of_material_search, with_word_breaks

PAGES_PER_PART = 100
STATIC_PARTS = {"data", "database", "feed", "timeline-data"}
PARTS = {  # the longest first, so no core is left with one long part at the end
    "data": render_data,
    "database": lambda catalogue, links: {DATABASE_PATH: render_database(catalogue, links)},
    "timeline": render_timeline,
    "timeline-data": render_timeline_data,
    "topics": render_topics,
    "speakers": render_speakers,
    "outlets": render_outlets,
    "sources-index": render_sources_index,
    "feed": lambda catalogue, links: {"feed.xml": render_feed(catalogue, links, links.site_url)},
}


@dataclass
class SiteFiles:
    """What a build adds: Markdown pages, static files, and for each page the HTML blocks
    that go in after Markdown has run, at its numbered markers (`markup.after_markdown`)."""

    catalogue: Catalogue
    pages: dict[str, str]
    static: dict[str, bytes]
    after_markdown: dict[str, list[str]]

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


def _render_part(shared: tuple[Catalogue, Links], part: tuple[str, int, int]) -> tuple[dict[str, str], dict[str, list[str]]]:
    """(files, after-Markdown HTML by page). Source pages are named by position, not sent
    as objects: the catalogue knows its sources by identity, and an object sent to a
    worker process arrives as a copy."""
    catalogue, links = shared
    kind, start, end = part
    if kind == "source-pages":
        files = {source_path(s.slug): render_source_page(s, catalogue, links) for s in catalogue.sources[start:end]}
    else:
        files = PARTS[kind](catalogue, links)
    return (files, {}) if kind in STATIC_PARTS else split_after_markdown(files)


def render_site(corpus: Corpus, links: Links, ledger: Ledger = EMPTY_LEDGER) -> SiteFiles:
    with collector_paused():
        catalogue = build_catalogue(corpus, ledger)
        count = len(catalogue.sources)
        parts = [(kind, 0, 0) for kind in PARTS]
        parts += [("source-pages", i, min(i + PAGES_PER_PART, count)) for i in range(0, count, PAGES_PER_PART)]
        results = map_on_cores(_render_part, (catalogue, links), parts, parallel=count >= parallel_from())
    site = SiteFiles(catalogue, {}, {}, {})
    for (kind, _, _), (files, after) in zip(parts, results):
        if kind in STATIC_PARTS:
            site.static.update((path, body if isinstance(body, bytes) else body.encode("utf-8")) for path, body in files.items())
        else:
            site.pages.update(files)
        site.after_markdown.update(after)
    for source in corpus.sources:
        site.static[original_path(source)] = source.raw
    return site
