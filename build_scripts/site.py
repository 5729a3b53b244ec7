"""Everything the build adds to the site, as a mapping of site path to content.

One call gives the Markdown pages (rendered by MkDocs) and the static files (data
downloads, verbatim originals, the Atom feed) for a corpus.
"""

from __future__ import annotations

import os

from .catalogue import Catalogue, build_catalogue
from .feed import render_feed
from .markup import Links, source_path
from .model import Corpus
from .render_indexes import render_data, render_index_pages
from .render_pages import original_path, render_source_page

PARALLEL_FROM = 400  # source pages; below this a worker pool costs more than it saves
_SHARED: list = []


def _render_range(bounds: tuple[int, int]) -> list[str]:
    catalogue, links = _SHARED
    return [render_source_page(s, catalogue, links) for s in catalogue.sources[bounds[0]:bounds[1]]]


def render_source_pages(catalogue: Catalogue, links: Links) -> dict[str, str]:
    """Source pages are independent of each other, so large corpora use every core."""
    sources = catalogue.sources
    workers = os.cpu_count() or 1
    if len(sources) < PARALLEL_FROM or workers < 2:
        return {source_path(s.slug): render_source_page(s, catalogue, links) for s in sources}
    import multiprocessing

    step = -(-len(sources) // (workers * 4))
    ranges = [(i, min(i + step, len(sources))) for i in range(0, len(sources), step)]
    _SHARED[:] = [catalogue, links]
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        chunks = pool.map(_render_range, ranges)
    _SHARED.clear()
    return {source_path(s.slug): page for s, page in zip(sources, (p for chunk in chunks for p in chunk))}


def render_site(corpus: Corpus, links: Links) -> tuple[Catalogue, dict[str, str], dict[str, bytes]]:
    """(catalogue, Markdown pages by docs path, static files by site path)."""
    catalogue = build_catalogue(corpus)
    pages = render_source_pages(catalogue, links)
    pages.update(render_index_pages(catalogue, links))
    static: dict[str, bytes] = {path: body.encode("utf-8") for path, body in render_data(catalogue, links).items()}
    for source in corpus.sources:
        static[original_path(source)] = source.raw
    static["feed.xml"] = render_feed(catalogue, links).encode("utf-8")
    return catalogue, pages, static
