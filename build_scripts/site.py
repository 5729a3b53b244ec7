"""Everything the build adds to the site, as a mapping of site path to content.

One call gives the Markdown pages (rendered by MkDocs) and the static files (data
downloads, verbatim originals, the Atom feed) for a corpus.
"""

from __future__ import annotations

from .catalogue import Catalogue, build_catalogue
from .cores import collector_paused, map_on_cores
from .feed import render_feed
from .markup import Links, source_path
from .model import Corpus
from .render_indexes import render_data, render_index_pages
from .render_pages import original_path, render_source_page


def _render_one(shared: tuple[Catalogue, Links], index: int) -> str:
    """By position, not by object: the catalogue knows its own sources by identity, and
    an object sent to a worker process arrives as a copy."""
    catalogue, links = shared
    return render_source_page(catalogue.sources[index], catalogue, links)


def render_source_pages(catalogue: Catalogue, links: Links) -> dict[str, str]:
    """Source pages are independent of each other, so large corpora use every core."""
    pages = map_on_cores(_render_one, (catalogue, links), list(range(len(catalogue.sources))))
    return {source_path(s.slug): page for s, page in zip(catalogue.sources, pages)}


def render_site(corpus: Corpus, links: Links) -> tuple[Catalogue, dict[str, str], dict[str, bytes]]:
    """(catalogue, Markdown pages by docs path, static files by site path)."""
    with collector_paused():
        return _render_site(corpus, links)


def _render_site(corpus: Corpus, links: Links) -> tuple[Catalogue, dict[str, str], dict[str, bytes]]:
    catalogue = build_catalogue(corpus)
    pages = render_source_pages(catalogue, links)
    pages.update(render_index_pages(catalogue, links))
    static: dict[str, bytes] = {path: body.encode("utf-8") for path, body in render_data(catalogue, links).items()}
    for source in corpus.sources:
        static[original_path(source)] = source.raw
    static["feed.xml"] = render_feed(catalogue, links).encode("utf-8")
    return catalogue, pages, static
