"""`build` never deletes or corrupts anything: folders it refuses, files other users can
read, stop signals, two builds at once, and file-system errors."""

from __future__ import annotations

import errno
import os
import shutil
import signal
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import mkdocs.utils
import pytest

from build_scripts import commands as cli
from conftest import EPOCH, ROOT, build_site, run_cli

REPORT = ("Harbour council backs new ferry\n\n\"The ferry will run every hour from spring,\" said Mira Holm, "
          "mayor of Lindvik.\n\nHolm said the council voted for the plan on Tuesday.\n")
SECOND = ("Lindvik library to open on Sundays\n\n\"Readers asked for it and we listened,\" said Otto Berg, "
          "head librarian of Lindvik.\n\nBerg said the change starts in May.\n")
MARKER = ".claimline-build"


def seeds_with(folder: Path, *texts: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for number, text in enumerate(texts):
        (folder / f"report{number}.txt").write_text(text, encoding="utf-8")
    return folder


def tree(folder: Path) -> dict[str, bytes | None]:
    """Every entry under `folder`, hidden ones included: a file's bytes, None for a folder."""
    return {str(p.relative_to(folder)): None if p.is_dir() else p.read_bytes() for p in sorted(folder.rglob("*"))}


def leftovers(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if p.name.startswith("."))


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A copy of the project, so that a build the code failed to refuse destroys only the copy."""
    outer = tmp_path_factory.mktemp("outer")
    copy = outer / "project"
    copy.mkdir()
    for name in ("build_scripts", "docs", "overrides", "seeds"):
        shutil.copytree(ROOT / name, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("mkdocs.yml", "mkdocs-offline.yml"):
        shutil.copy2(ROOT / name, copy / name)
    (outer / "someone-else.txt").write_text("not ours\n")
    return copy


@pytest.mark.parametrize("target, reason", [
    ("seeds", "it is the seeds folder"),
    ("docs", "it is the docs folder"),
    (".", "it is the folder of the MkDocs config"),
    ("..", "it contains the seeds folder"),
    ("seeds/site", "it is inside the seeds folder"),
    ("docs/site", "it is inside the docs folder"),
    ("docs-link", "it is the docs folder"),
    ("build_scripts", "not an earlier build"),
    ("mkdocs.yml", "it is not a folder"),
])
def test_refuses_a_site_folder_that_holds_the_project(project, target, reason):
    link = project / "docs-link"
    if target == "docs-link" and not link.is_symlink():
        link.symlink_to(project / "docs")
    before = tree(project.parent)
    result = run_cli("build", "--site-dir", target, cwd=project, env={"PYTHONDONTWRITEBYTECODE": "1"})
    lines = result.stderr.splitlines()
    assert result.returncode == 1
    assert len(lines) == 1 and lines[0].startswith(f"{project / target}: refusing to build here: ")
    assert reason in lines[0]
    assert tree(project.parent) == before


def test_builds_replace_only_earlier_builds(project):
    """The default `site/` inside the project builds; a marked folder and one left by an
    older build (no marker, a claimline site's files) are replaced; a folder with anyone
    else's files is refused and kept."""
    site = project / "site"
    shutil.rmtree(site, ignore_errors=True)
    result = run_cli("build", cwd=project)
    assert result.returncode == 0, result.stderr
    assert (site / MARKER).is_file() and (site / "data/sources.json").is_file()
    (site / "stale.html").write_text("from an earlier build")
    assert run_cli("build", cwd=project).returncode == 0
    assert not (site / "stale.html").exists()
    (site / MARKER).unlink()  # as built before builds were marked
    result = run_cli("build", cwd=project)
    assert result.returncode == 0, result.stderr
    assert (site / MARKER).is_file()

    notes = project.parent / "notes"
    notes.mkdir()
    (notes / "todo.txt").write_text("keep me\n")
    result = run_cli("build", "--site-dir", str(notes), cwd=project)
    assert result.returncode == 1
    assert result.stderr.strip() == (f"{notes}: refusing to build here: the folder holds files and is not an "
                                     f"earlier build (no {MARKER}); choose a new or empty folder")
    assert tree(notes) == {"todo.txt": b"keep me\n"}
    empty = project.parent / "empty"
    empty.mkdir()
    assert run_cli("build", "--site-dir", str(empty), cwd=project).returncode == 0
    assert leftovers(project.parent) == leftovers(project) == []


def test_built_site_is_readable_by_everyone_whatever_the_umask(tmp_path):
    seeds = seeds_with(tmp_path / "seeds", REPORT)
    site = tmp_path / "site"
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "build_scripts", "build", "--seeds", str(seeds), "--site-dir",
                             str(site)], cwd=ROOT, env=env, capture_output=True, text=True,
                            preexec_fn=lambda: os.umask(0o077))
    assert result.returncode == 0, result.stderr
    modes = {str(p.relative_to(tmp_path)): stat.S_IMODE(p.stat().st_mode) for p in [site, *site.rglob("*")]}
    assert {path for path, mode in modes.items() if mode != (0o755 if (tmp_path / path).is_dir() else 0o644)} == set()
    assert len(modes) > 20


# Runs `python -m build_scripts` with one pause injected, so that a test can act at a
# known moment of a build instead of guessing it with a timer.
PAUSED = textwrap.dedent(r"""
    import os, sys, time
    import mkdocs.commands.build as mkdocs_build
    from build_scripts import commands as cli
    from build_scripts.extract import corpus as convert

    where = sys.argv.pop(1)
    if where == "after-writing":  # MkDocs has written the whole new site into the temporary folder
        real_build = mkdocs_build.build
        def build(config, **options):
            real_build(config, **options)
            os.write(1, b"paused\n")  # one write: atomic on a pipe, whoever else writes
            sys.stdin.readline()
        mkdocs_build.build = build
    else:  # conversion, in the worker processes when there are cores for them
        def convert_one(context, item):
            os.write(1, b"paused\n")
            time.sleep(600)
        convert._convert_one = convert_one
    sys.exit(cli.main(sys.argv[1:]))
""")


@pytest.fixture
def started():
    """Processes a test starts; any still running at the end is stopped with its workers."""
    processes: list[subprocess.Popen] = []
    yield processes
    for process in processes:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()


def paused_build(started: list, tmp_path: Path, where: str, seeds: Path, site: Path) -> subprocess.Popen:
    script = tmp_path / "paused_build.py"
    script.write_text(PAUSED)
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen([sys.executable, str(script), where, "build", "--option", "parallel_from=2", "--seeds",
                                str(seeds), "--site-dir", str(site)], cwd=ROOT, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, start_new_session=True)
    started.append(process)
    assert process.stdout.readline() == "paused\n"
    return process


@pytest.mark.parametrize("where, signum, group", [
    ("after-writing", signal.SIGTERM, False),  # `kill`, a service manager stopping the job
    ("converting", signal.SIGINT, True),        # Ctrl-C: the terminal signals every process of the job
])
def test_stopped_build_leaves_the_previous_site_whole(tmp_path, started, where, signum, group):
    seeds = seeds_with(tmp_path / "seeds", REPORT)
    site = tmp_path / "site"
    assert build_site(seeds, site).returncode == 0
    before = tree(site)
    seeds_with(seeds, REPORT, SECOND, REPORT.replace("ferry", "bridge"))
    process = paused_build(started, tmp_path, where, seeds, site)
    assert [p for p in tmp_path.iterdir() if p.name.startswith(".site.") and p.is_dir()]  # the new site is under way
    os.killpg(process.pid, signum) if group else process.send_signal(signum)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 128 + signum
    assert "Traceback" not in stderr
    assert stderr.splitlines()[-1] == f"{site}: build stopped by {signum.name}; the site folder is as it was"
    assert tree(site) == before
    assert leftovers(tmp_path) == []


def test_two_builds_into_one_folder_take_turns(tmp_path, started):
    seeds = seeds_with(tmp_path / "seeds", REPORT, SECOND)
    site, reference = tmp_path / "site", tmp_path / "reference"
    assert build_site(seeds_with(tmp_path / "old", REPORT), site).returncode == 0
    before = tree(site)
    first = paused_build(started, tmp_path, "after-writing", seeds, site)
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    second = subprocess.Popen([sys.executable, "-m", "build_scripts", "build", "--seeds", str(seeds), "--site-dir",
                               str(site)], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              start_new_session=True)
    started.append(second)
    waiting = f"{site}: waiting for another build into this folder to finish\n"
    for line in iter(second.stderr.readline, ""):
        if line == waiting:
            break
    else:
        pytest.fail("the second build did not wait for the first")
    assert tree(site) == before
    first.communicate("\n", timeout=120)
    second.communicate(timeout=120)
    assert (first.returncode, second.returncode) == (0, 0)
    assert build_site(seeds, reference).returncode == 0
    assert tree(site) == tree(reference)
    assert leftovers(tmp_path) == []


def test_a_worker_forked_during_a_build_ends_on_sigterm_and_ignores_ctrl_c():
    """The pool ends its workers with SIGTERM and waits for them: a worker that kept the
    build's handler could miss it and hang the build."""
    from build_scripts.commands import stop_signals

    read_end, write_end = os.pipe()
    with stop_signals.raising():
        pid = os.fork()
        if pid == 0:  # the worker: wait for ever, leave only by a signal
            try:
                os.read(read_end, 1)
            finally:
                os._exit(1)
    os.kill(pid, signal.SIGINT)
    os.kill(pid, signal.SIGTERM)
    _, status = os.waitpid(pid, 0)
    os.close(read_end)
    os.close(write_end)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGTERM


@pytest.fixture
def in_process(monkeypatch, tmp_path):
    """Run `build` in this process (so that a file-system error can be injected) on a site
    built beforehand; the environment it sets is put back afterwards."""
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    seeds = seeds_with(tmp_path / "seeds", REPORT)
    site = tmp_path / "site"
    assert cli.main(["build", "--seeds", str(seeds), "--site-dir", str(site)]) == 0
    seeds_with(seeds, REPORT, SECOND)
    return seeds, site


def build_in_process(seeds: Path, site: Path, capsys) -> tuple[int, str]:
    capsys.readouterr()
    status = cli.main(["build", "--seeds", str(seeds), "--site-dir", str(site)])
    return status, capsys.readouterr().err


def test_disk_full_while_writing_is_one_line_and_keeps_the_site(in_process, monkeypatch, capsys):
    seeds, site = in_process
    before = tree(site)

    def write_until_full(content: bytes, output_path: str) -> None:
        Path(output_path).parent.mkdir(parents=True, exist_ok=True)
        Path(output_path).write_bytes(content[:10])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))  # as write() says it: no file name

    monkeypatch.setattr(mkdocs.utils, "write_file", write_until_full)
    status, stderr = build_in_process(seeds, site, capsys)
    assert status == 1
    assert stderr.splitlines() == [f"{site}: No space left on device"]
    assert tree(site) == before
    assert leftovers(site.parent) == []


def test_read_only_folder_is_one_line_naming_it(in_process, monkeypatch, capsys):
    seeds, site = in_process
    before = tree(site)
    real_open, real_mkdir = os.open, os.mkdir

    def refuse_inside(real):
        def call(path, *args, **kwargs):
            if Path(path).parent == site.parent and Path(path) != site.parent:
                raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
            return real(path, *args, **kwargs)
        return call

    monkeypatch.setattr(os, "open", refuse_inside(real_open))
    monkeypatch.setattr(os, "mkdir", refuse_inside(real_mkdir))
    status, stderr = build_in_process(seeds, site, capsys)
    assert status == 1
    assert stderr.splitlines() == [f"{site.parent}: Read-only file system"]
    assert tree(site) == before


def test_refused_swap_puts_the_previous_site_back(in_process, monkeypatch, capsys):
    seeds, site = in_process
    before = tree(site)
    real_rename = os.rename

    def rename(source, target, *args, **kwargs):
        if Path(target) == site and Path(source).parent == site.parent:  # the new site, moving in
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(source), str(target))
        return real_rename(source, target, *args, **kwargs)

    monkeypatch.setattr(os, "rename", rename)
    status, stderr = build_in_process(seeds, site, capsys)
    assert status == 1
    assert stderr.splitlines() == [f"{site}: Permission denied"]
    assert tree(site) == before
    assert leftovers(site.parent) == []
