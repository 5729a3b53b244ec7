"""Pagefind: a chunked static search index, so one query downloads kilobytes, not the
whole corpus. Runs over the built site after MkDocs has written it, through Pagefind's
Python API: the source and speaker pages as HTML, and every claim as a custom record
with its facts as metadata and filters (`render/search.py`)."""

from __future__ import annotations

import asyncio
from pathlib import Path

from mkdocs.exceptions import PluginError

from build_scripts.model import one_line

# Source and speaker pages are what a reader searches for; index pages repeat them.
GLOB = "{sources,speakers}/**/*.html"
ROOT_SELECTOR = "article.md-content__inner"
# Lists that repeat other pages, provenance badges and table headings (labels run into the
# text), and a source page's claim cards (each claim is its own record).
EXCLUDE = ("[data-search-exclude]", ".headerlink", ".cl-pager", ".md-source-file", ".cl-related", ".cl-related-h",
           ".cl-neighbours", ".cl-claims-table", ".cl-claims", ".cl-prov", "thead")
OUTPUT = "pagefind"
ROOT_TAG = '<article class="md-content__inner md-typeset">'
CLAIM_RECORDS_UP_TO = 8_000
"""A record per claim costs every query about 8 bytes of Pagefind's page list (loaded
whole) and each filter file a few more: measured at 1,000 sources (6,400 claims), one
query moved 238-283 KB against 200-246 KB with pages alone. Above this many claims the
claims stay on their pages: one record per page, its claims' speakers, outlets, topics
and years as the page's filters, so one query stays under 300 KB at 10,000 sources."""


def run_pagefind(site_dir: Path, records: list[dict], page_filters: dict[str, str] | None = None) -> None:
    """Index SITE_DIR's pages and RECORDS (keyword arguments of `add_custom_record`) into
    SITE_DIR/pagefind. With PAGE_FILTERS (site path of a page's HTML -> its filter markup),
    the pages are read here and indexed with their filters added to what Pagefind reads
    (the files on disk are left as they are). Any failure is one MkDocs error line."""
    try:
        asyncio.run(_index(site_dir, records, page_filters))
    except Exception as error:  # the indexer is another program: whatever it raises, one line
        raise PluginError(f"Pagefind could not index the site: {one_line(str(error)) or type(error).__name__}") from None
    if not (site_dir / OUTPUT / "pagefind.js").is_file():
        raise PluginError("Pagefind could not index the site: no output")


def _pages(site_dir: Path) -> list[Path]:
    return sorted(p for top in ("sources", "speakers") for p in (site_dir / top).glob("**/*.html"))


def _url(site_dir: Path, page: Path) -> str:
    path = "/" + page.relative_to(site_dir).as_posix()
    return path.removesuffix("index.html") if path.endswith("/index.html") else path


async def _index(site_dir: Path, records: list[dict], page_filters: dict[str, str] | None) -> None:
    from pagefind.index import IndexConfig, PagefindIndex  # imported here: only large sites need it

    config = IndexConfig(root_selector=ROOT_SELECTOR, exclude_selectors=list(EXCLUDE), force_language="en",
                         output_path=str(site_dir / OUTPUT))
    async with PagefindIndex(config=config) as index:  # leaving the block writes the files
        if page_filters is None:
            await index.add_directory(str(site_dir), glob=GLOB)
        else:
            for page in _pages(site_dir):
                content = page.read_text(encoding="utf-8")
                extra = page_filters.get(page.relative_to(site_dir).as_posix(), "")
                await index.add_html_file(content=content.replace(ROOT_TAG, ROOT_TAG + extra, 1), url=_url(site_dir, page))
        for record in records:
            await index.add_custom_record(**record)
