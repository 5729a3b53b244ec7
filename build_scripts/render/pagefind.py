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


def run_pagefind(site_dir: Path, records: list[dict]) -> None:
    """Index SITE_DIR's pages and RECORDS (keyword arguments of `add_custom_record`) into
    SITE_DIR/pagefind. Any failure is one MkDocs error line."""
    try:
        asyncio.run(_index(site_dir, records))
    except Exception as error:  # the indexer is another program: whatever it raises, one line
        raise PluginError(f"Pagefind could not index the site: {one_line(str(error)) or type(error).__name__}") from None
    if not (site_dir / OUTPUT / "pagefind.js").is_file():
        raise PluginError("Pagefind could not index the site: no output")


async def _index(site_dir: Path, records: list[dict]) -> None:
    from pagefind.index import IndexConfig, PagefindIndex  # imported here: only large sites need it

    config = IndexConfig(root_selector=ROOT_SELECTOR, exclude_selectors=list(EXCLUDE), force_language="en",
                         output_path=str(site_dir / OUTPUT))
    async with PagefindIndex(config=config) as index:  # leaving the block writes the files
        await index.add_directory(str(site_dir), glob=GLOB)
        for record in records:
            await index.add_custom_record(**record)
