"""Everything the build adds to the site, as a mapping of site path to content.

One call gives the Markdown pages (rendered by MkDocs) and the static files (data
downloads, verbatim originals, the Atom feed) for a corpus. The work is cut into parts
(each index family, the data files, the feed, batches of source pages) that depend only
on the catalogue, so a large corpus renders them on every core.
"""

from __future__ import annotations

from .catalogue import Catalogue, build_catalogue
from .cores import PARALLEL_FROM, collector_paused, map_on_cores
from .feed import render_feed
from .markup import Links, source_path
from .model import Corpus
from .render_indexes import (render_data, render_outlets, render_sources_index, render_speakers, render_timeline,
                             render_topics)
from .render_pages import original_path, render_source_page

PAGES_PER_PART = 100
STATIC_PARTS = {"data", "feed"}
PARTS = {  # the longest first, so no core is left with one long part at the end
    "data": render_data,
    "timeline": render_timeline,
    "topics": render_topics,
    "speakers": render_speakers,
    "outlets": render_outlets,
    "sources-index": render_sources_index,
    "feed": lambda catalogue, links: {"feed.xml": render_feed(catalogue, links)},
}


def _render_part(shared: tuple[Catalogue, Links], part: tuple[str, int, int]) -> dict[str, str]:
    """Source pages are named by position, not sent as objects: the catalogue knows its
    sources by identity, and an object sent to a worker process arrives as a copy."""
    catalogue, links = shared
    kind, start, end = part
    if kind == "source-pages":
        return {source_path(s.slug): render_source_page(s, catalogue, links) for s in catalogue.sources[start:end]}
    return PARTS[kind](catalogue, links)


def render_site(corpus: Corpus, links: Links) -> tuple[Catalogue, dict[str, str], dict[str, bytes]]:
    """(catalogue, Markdown pages by docs path, static files by site path)."""
    with collector_paused():
        catalogue = build_catalogue(corpus)
        count = len(catalogue.sources)
        parts = [(kind, 0, 0) for kind in PARTS]
        parts += [("source-pages", i, min(i + PAGES_PER_PART, count)) for i in range(0, count, PAGES_PER_PART)]
        results = map_on_cores(_render_part, (catalogue, links), parts, parallel=count >= PARALLEL_FROM)
    pages: dict[str, str] = {}
    static: dict[str, bytes] = {}
    for (kind, _, _), result in zip(parts, results):
        if kind in STATIC_PARTS:
            static.update((path, body.encode("utf-8")) for path, body in result.items())
        else:
            pages.update(result)
    for source in corpus.sources:
        static[original_path(source)] = source.raw
    return catalogue, pages, static
