"""`mkdocs serve` rebuilds when a seed changes, and reconverts only that seed."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from conftest import ROOT, SEEDS


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(predicate, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.25)
    return False


def test_serve_rebuilds_on_seed_change(tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    port = _free_port()
    log = tmp_path / "serve.log"
    config = tmp_path / "mkdocs.yml"  # the project's, with its folders, and the seeds beside it
    config.write_text(f"INHERIT: {ROOT / 'mkdocs.yml'}\ndocs_dir: {ROOT / 'docs'}\n"
                      f"theme: {{custom_dir: {ROOT / 'overrides'}}}\nplugins: [search, {{claimline: {{seeds_dir: seeds}}}}]\n")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with log.open("w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "-a", f"127.0.0.1:{port}"],
                                cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        assert _wait(lambda: "Serving on" in log.read_text(), 60), log.read_text()
        assert "converted 5 seeds, 0 unchanged" in log.read_text()
        (seeds / "004_fff547c20d525937.txt").write_text(
            (seeds / "004_fff547c20d525937.txt").read_text() + "\nA freshly added closing line for the test.\n")
        assert _wait(lambda: "converted 1 seed, 4 unchanged (cached)" in log.read_text(), 60), log.read_text()

        def page_has_edit() -> bool:
            try:
                url = f"http://127.0.0.1:{port}/sources/huawei-would-sign-no-spy-contract/"
                return "A freshly added closing line for the test." in urllib.request.urlopen(url, timeout=5).read().decode()
            except OSError:
                return False

        assert _wait(page_has_edit, 30)
    finally:
        proc.terminate()
        proc.wait(timeout=20)


# The edit loop: under `mkdocs serve`, a rebuild renders the pages an edit changed and no
# other, and once the downloads and the search index have caught up (in the background) the
# served folder is, file for file and byte for byte, what a fresh build of the edited seeds
# gives.

EDITS = [
    # A new quote by a speaker of another seed: that source's page, the speaker's, the timeline…
    ("004_fff547c20d525937.txt", "append",
     '\n"We will publish every security audit of our equipment in full," Liang Hua said.\n'),
    # A curated outlet: the source's page, the outlets' pages, every list naming the outlet.
    ("001_a46b77040a673505.yml", "append", "outlet: Claimline Test Wire\n"),
    # A seed removed: its page and those only it made (its speakers', its outlet's) are deleted.
    ("aggregator-four-day-week.txt", "delete", ""),
]


def _corpus(folder):
    """The shipped seeds and the realistic corpus together: 59 sources, Pagefind from 1."""
    shutil.copytree(SEEDS, folder)
    for path in (ROOT / "tests" / "realistic").iterdir():
        shutil.copy(path, folder / path.name)


def _config(tmp_path, seeds, port, pagefind_from):
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"INHERIT: {ROOT / 'mkdocs.yml'}\ndocs_dir: {ROOT / 'docs'}\nsite_url: http://127.0.0.1:{port}/\n"
                      f"theme: {{custom_dir: {ROOT / 'overrides'}}}\n"
                      f"plugins: [search, {{claimline: {{seeds_dir: {seeds}, pagefind_from: {pagefind_from}}}}}]\n")
    return config


def _tree(folder) -> dict[str, bytes]:
    """Every file and folder (None) under FOLDER."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() if p.is_file() else None for p in sorted(folder.rglob("*"))}


def _fresh(config, site, env) -> dict[str, bytes]:
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)],
                   cwd=ROOT, env=env, check=True)
    return _tree(site)


def _settled(log: str) -> bool:
    """Whether every rebuild the log shows has caught up (the downloads and search index
    made after the pages), none under way."""
    builds = log.count("Building documentation...")
    return builds > 0 and log.count("caught up") == builds


def _output_of(page: str) -> str:
    """The HTML file MkDocs writes a Markdown page to."""
    from mkdocs.structure.files import File
    return File(page, None, "", True).dest_uri


@pytest.mark.parametrize("engine, pagefind_from", [("pagefind", 1), ("material", 500)])
def test_an_edit_rebuilds_exactly_the_pages_it_changes_and_the_served_site_equals_a_fresh_build(tmp_path, engine, pagefind_from):
    """With Pagefind (re-indexed after the pages) and with Material's one index (merged with
    the last one's entries for the pages not rendered again)."""
    seeds = tmp_path / "seeds"
    _corpus(seeds)
    port = _free_port()
    config = _config(tmp_path, seeds, port, pagefind_from)
    temp = tmp_path / "temp"  # the served folder is the only mkdocs_* folder MkDocs makes here
    temp.mkdir()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}
    # MkDocs drops a log message it has already printed unless Python's warnings are configured:
    # a page built again must say so again.
    serve_env = {**env, "TMPDIR": str(temp), "PYTHONWARNINGS": "default"}
    before = _fresh(config, tmp_path / "before", env)
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-v", "-f", str(config), "-a", f"127.0.0.1:{port}"],
                                cwd=ROOT, env=serve_env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        assert _wait(lambda: "Serving on" in log.read_text(), 180), log.read_text()[-3000:]
        served = next(temp.glob("mkdocs_*"))
        assert _tree(served) == before  # the first build is a full one
        for round_, (name, how, text) in enumerate(EDITS, 1):
            start = len(log.read_text())
            if how == "delete":
                (seeds / name).unlink()
            else:
                with (seeds / name).open("a", encoding="utf-8") as f:
                    f.write(text)
            assert _wait(lambda: _settled(log.read_text()[start:]), 180), log.read_text()[-3000:]
            after = _fresh(config, tmp_path / f"after-{round_}", env)
            rebuild = log.read_text()[start:]  # every rebuild the edit set off (the watcher may see it twice)
            built = {_output_of(line.split("Building page ", 1)[1].strip())
                     for line in rebuild.splitlines() if "Building page " in line}
            changed = {p for p in after  # (a page the edit removed is checked below: it is gone)
                       if p.endswith(".html") and before.get(p) != after[p] and not p.startswith(("404", "pagefind/"))}
            hand_written = {_output_of(p.relative_to(ROOT / "docs").as_posix()) for p in (ROOT / "docs").rglob("*.md")}
            assert changed - hand_written or how == "delete", f"round {round_}: the edit changed no generated page"
            if how == "delete":
                assert set(before) - set(after), "the removed seed's pages are gone from a fresh build"
            assert built - hand_written == changed - hand_written, f"round {round_}"
            assert len(built - hand_written) < len([p for p in after if p.endswith(".html")]) / 4
            assert ("pagefind/pagefind.js" in after) == (engine == "pagefind")
            now = _tree(served)
            assert sorted(now) == sorted(after), f"round {round_}"
            assert [p for p in after if now[p] != after[p]] == [], f"round {round_}"
            before = after
    finally:
        os.killpg(proc.pid, 15)
        proc.wait(timeout=20)
