"""Everything the build adds to the site, as a mapping of site path to content.

One call gives the Markdown pages (rendered by MkDocs) and the static files (data
downloads, verbatim originals, the Atom feed) for a corpus.
"""

from __future__ import annotations

from .catalogue import Catalogue, build_catalogue
from .feed import render_feed
from .markup import Links, source_path
from .model import Corpus
from .render_indexes import render_data, render_index_pages
from .render_pages import original_path, render_source_page


def render_site(corpus: Corpus, links: Links) -> tuple[Catalogue, dict[str, str], dict[str, bytes]]:
    """(catalogue, Markdown pages by docs path, static files by site path)."""
    catalogue = build_catalogue(corpus)
    pages = {source_path(s.slug): render_source_page(s, catalogue, links) for s in corpus.sources}
    pages.update(render_index_pages(catalogue, links))
    static: dict[str, bytes] = {path: body.encode("utf-8") for path, body in render_data(catalogue, links).items()}
    for source in corpus.sources:
        static[original_path(source)] = source.raw
    static["feed.xml"] = render_feed(catalogue, links).encode("utf-8")
    return catalogue, pages, static
