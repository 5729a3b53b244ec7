"""Pagefind: a chunked static search index, so one query downloads kilobytes, not the
whole corpus. Runs over the built site after MkDocs has written it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

# Source and speaker pages are what a reader searches for; index pages repeat them.
GLOB = "{sources,speakers}/**/*.html"
ROOT_SELECTOR = "article.md-content__inner"
EXCLUDE = "[data-search-exclude], .headerlink, .cl-pager, .md-source-file, .cl-related, .cl-related-h, .cl-neighbours, .cl-claims-table"


def run_pagefind(site_dir: Path) -> None:
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", "pagefind",
               "--glob", GLOB, "--root-selector", ROOT_SELECTOR, "--exclude-selectors", EXCLUDE, "--silent"]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0 or not (site_dir / "pagefind" / "pagefind.js").is_file():
        message = (result.stderr or result.stdout).strip().splitlines()
        raise PluginError(f"Pagefind could not index the site: {message[-1] if message else 'no output'}")
