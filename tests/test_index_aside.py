"""A full build whose Pagefind index is made from the catalogue (above CLAIM_RECORDS_UP_TO
claims) makes it in a child process while MkDocs renders the pages (`plugin.IndexAside`):
the bundle ends up in the site, the same as an index made after the pages, and a failure
fails the build with one line and leaves nothing behind."""

from __future__ import annotations

import logging

import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError

from build_scripts import plugin as claimline
from build_scripts.render.pagefind import run_pagefind
from build_scripts.render.search import page_records
from conftest import EPOCH, ROOT


@pytest.fixture
def records_mode(monkeypatch):
    """Every corpus counts as one with too many claims to read its pages."""
    monkeypatch.setattr(claimline, "CLAIM_RECORDS_UP_TO", 0)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


def _build(tmp_path, name: str):
    config = tmp_path / "mkdocs.yml"
    config.write_text(yaml.safe_dump({
        "INHERIT": str(ROOT / "mkdocs.yml"), "docs_dir": str(ROOT / "docs"), "theme": {"custom_dir": str(ROOT / "overrides")},
        "plugins": ["search", {"claimline": {"seeds_dir": str(ROOT / "seeds"), "pagefind_from": 1}}]}), encoding="utf-8")
    site = tmp_path / name
    loaded = load_config(str(config), site_dir=str(site))
    build(loaded)
    return site, loaded.plugins["claimline"]


def _files(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_index_made_beside_the_pages_is_the_one_made_after_them(tmp_path, records_mode, monkeypatch):
    made = []
    real = claimline.IndexAside
    monkeypatch.setattr(claimline, "IndexAside", lambda *args: made.append(real(*args)) or made[-1])
    site, plugin = _build(tmp_path, "site")
    assert len(made) == 1 and plugin.indexing is None
    assert (site / "pagefind" / "pagefind.js").is_file() and (site / "sources").is_dir()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mkdocs.yml", "site"]  # no scratch folder left
    after = tmp_path / "after"
    run_pagefind(site, page_records(plugin.result.site.catalogue), pages=False, output=after)
    assert _files(site / "pagefind") == _files(after)


def test_a_failed_index_fails_the_build_in_one_line_and_leaves_nothing(tmp_path, records_mode, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise PluginError("Pagefind could not index the site: the indexer stopped")

    monkeypatch.setattr(claimline, "run_pagefind", broken)
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        _build(tmp_path, "site")
    assert "Pagefind could not index the site: the indexer stopped" in caplog.text
    assert not (tmp_path / "site" / "pagefind").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mkdocs.yml", "site"]
