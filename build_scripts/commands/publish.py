"""Putting a built site in place without ever losing anything.

`build` writes the site into a temporary folder beside the target and swaps it in, and
the swap deletes whatever the target held. So the target is checked before anything is
touched (`refusal`), builds into one folder take turns (`site_lock`), the new tree is
marked as a build and made readable by everyone (`finish`), and the swap (`swap_in`)
runs with stop signals held, so it is never cut in half.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

MARKER = ".claimline-build"
MARKER_TEXT = "Made by `python -m build_scripts build`: the next build replaces this whole folder.\n"
# What every claimline site holds; `mkdocs build` writes no marker, and sites built before
# the marker existed have none, so a folder holding all three is taken as an earlier build.
SIGNATURE = ("index.html", "sitemap.xml", "data/sources.json")
DIR_MODE, FILE_MODE = 0o755, 0o644


def is_earlier_build(folder: Path) -> bool:
    """Whether `folder` holds a site this project built: the marker, or the signature."""
    return (folder / MARKER).is_file() or all((folder / name).is_file() for name in SIGNATURE)


def refusal(site: Path, seeds: Path, docs: Path, config_dir: Path) -> str | None:
    """Why building into `site` could destroy something (one line naming it), or None.

    All paths are resolved first, so a symbolic link is judged by what it points to.
    Refused: a site folder that is or contains the seeds folder, the docs folder or the
    folder of the MkDocs config; one inside the seeds or docs folder (it would feed the
    next build); anything that exists and is not a folder; and a folder that holds files
    but is not an earlier build (`is_earlier_build`). Anywhere else, the project folder
    included (the default `site/` is there), an absent or empty folder is fine.
    """
    shown = Path(site).absolute()
    overlap = overlap_refusal(site, seeds, docs, config_dir, "build")
    if overlap:
        return overlap
    site = Path(site).resolve()
    if site.is_dir() and any(site.iterdir()) and not is_earlier_build(site):
        return (f"{shown}: refusing to build here: the folder holds files and is not an earlier build "
                f"(no {MARKER}); choose a new or empty folder")
    return None


def overlap_refusal(target: Path, seeds: Path, docs: Path, config_dir: Path, verb: str) -> str | None:
    """Why writing output into `target` would overwrite or feed the project's inputs:
    it is or contains the seeds, docs or config folder, sits inside seeds or docs, or is
    not a folder. Shared by `build` and `convert`."""
    shown = Path(target).absolute()  # as given: a link is named, and what it leads to is judged
    site, seeds, docs, config_dir = (Path(p).resolve() for p in (target, seeds, docs, config_dir))
    protected = (("the seeds folder", seeds), ("the docs folder", docs), ("the folder of the MkDocs config", config_dir))
    for name, folder in protected:
        if site == folder:
            leads_to = "" if shown == folder else f" ({folder})"
            return f"{shown}: refusing to {verb} here: it is {name}{leads_to}"
    for name, folder in protected:
        if folder.is_relative_to(site):
            return f"{shown}: refusing to {verb} here: it contains {name} ({folder})"
    for name, folder in protected[:2]:
        if site.is_relative_to(folder):
            return f"{shown}: refusing to {verb} here: it is inside {name} ({folder})"
    if site.exists() and not site.is_dir():
        return f"{shown}: refusing to {verb} here: it is not a folder"
    return None


@contextmanager
def site_lock(site: Path, on_wait: Callable[[], None]) -> Iterator[None]:
    """Hold the lock on building into `site`: a second build into the same folder calls
    `on_wait` and waits for the first to finish. The lock file (`.NAME.lock` beside the
    folder) is removed on release; a build that finds the file it locked already removed
    locks a fresh one, so two builds never both hold the lock."""
    path = site.with_name(f".{site.name}.lock")
    waited = False
    while True:
        try:
            handle = os.open(path, os.O_RDWR | os.O_CREAT, FILE_MODE)
        except OSError as error:  # the folder cannot be written in: name it
            raise OSError(error.errno, error.strerror, str(site.parent)) from error
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if not waited:
                on_wait()
                waited = True
            try:
                fcntl.flock(handle, fcntl.LOCK_EX)
            except BaseException:
                os.close(handle)
                raise
        if _same_file(handle, path):
            break
        os.close(handle)
    try:
        yield
    finally:
        path.unlink(missing_ok=True)
        os.close(handle)


def _same_file(handle: int, path: Path) -> bool:
    """Whether the open file `handle` is still the file at `path`."""
    try:
        named = path.stat()
    except FileNotFoundError:
        return False
    held = os.fstat(handle)
    return (held.st_dev, held.st_ino) == (named.st_dev, named.st_ino)


def temp_beside(site: Path) -> Path:
    """A new empty folder beside `site` (same file system, so the swap is a rename)."""
    try:
        return Path(tempfile.mkdtemp(prefix=f".{site.name}.", dir=site.parent))
    except OSError as error:  # name the folder that refused, not the random name tried in it
        raise OSError(error.errno, error.strerror, str(site.parent)) from error


def finish(tree: Path) -> None:
    """Mark `tree` as a build and make it readable by everyone: folders 0755, files 0644,
    whatever the umask (the site is published; a web server runs as another user)."""
    (tree / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
    for folder, _, files in os.walk(tree):
        os.chmod(folder, DIR_MODE)
        for name in files:
            path = os.path.join(folder, name)
            if not os.path.islink(path):
                os.chmod(path, FILE_MODE)


def swap_in(new: Path, site: Path) -> None:
    """Put the folder `new` at `site`, removing the folder that was there; if the second
    rename fails, the old site goes back. Run it with stop signals held
    (`stop_signals.held`): cut in half, it would leave no site at all."""
    if not site.exists():
        new.rename(site)
        return
    aside = Path(tempfile.mkdtemp(prefix=f".{site.name}.old.", dir=site.parent))
    try:
        site.rename(aside / "site")
    except BaseException:
        aside.rmdir()
        raise
    try:
        new.rename(site)
    except BaseException:
        (aside / "site").rename(site)  # should this fail too, the old site stays in `aside`
        aside.rmdir()
        raise
    shutil.rmtree(aside, ignore_errors=True)


def describe(error: OSError, temp: Path | None, site: Path) -> str:
    """One line for a file-system error, `PATH: reason`, naming the path inside the site
    rather than inside the temporary folder it was being built in."""
    path = error.filename if isinstance(error.filename, (str, os.PathLike)) else site
    if temp is not None and Path(path).is_relative_to(temp):
        path = site / Path(path).relative_to(temp)
    reason = error.strerror or (os.strerror(error.errno) if error.errno else str(error))
    return f"{path}: {reason or type(error).__name__}"

