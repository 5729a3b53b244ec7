"""render/pagefind.py: the indexer's command line, and its failure as one MkDocs error line."""

from __future__ import annotations

import subprocess
import sys

import pytest
from mkdocs.exceptions import PluginError

from build_scripts.render import pagefind


def fake_run(tmp_path, returncode=0, stdout="", stderr="", writes_index=True):
    calls = []

    def run(command, **kwargs):
        calls.append((command, kwargs))
        if writes_index:
            (tmp_path / "pagefind").mkdir()
            (tmp_path / "pagefind" / "pagefind.js").write_text("")
        return subprocess.CompletedProcess(command, returncode, stdout, stderr)

    return run, calls


def test_indexes_source_and_speaker_pages_only(tmp_path, monkeypatch):
    run, calls = fake_run(tmp_path)
    monkeypatch.setattr(pagefind.subprocess, "run", run)
    pagefind.run_pagefind(tmp_path)
    [(command, kwargs)] = calls
    assert command == [sys.executable, "-m", "pagefind", "--site", str(tmp_path), "--output-subdir", "pagefind",
                       "--glob", "{sources,speakers}/**/*.html", "--root-selector", "article.md-content__inner",
                       "--exclude-selectors", pagefind.EXCLUDE, "--silent"]
    assert kwargs == {"capture_output": True, "text": True}


def test_a_failure_is_one_line_with_the_last_line_pagefind_printed(tmp_path, monkeypatch):
    run, _ = fake_run(tmp_path, returncode=1, stderr="starting\nError: no pages found\n", writes_index=False)
    monkeypatch.setattr(pagefind.subprocess, "run", run)
    with pytest.raises(PluginError) as raised:
        pagefind.run_pagefind(tmp_path)
    assert str(raised.value) == "Pagefind could not index the site: Error: no pages found"


def test_success_without_an_index_is_a_failure_too(tmp_path, monkeypatch):
    run, _ = fake_run(tmp_path, writes_index=False)
    monkeypatch.setattr(pagefind.subprocess, "run", run)
    with pytest.raises(PluginError, match=r"^Pagefind could not index the site: no output$"):
        pagefind.run_pagefind(tmp_path)
