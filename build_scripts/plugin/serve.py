"""The edit loop: under `mkdocs serve`, a rebuild renders only the pages whose inputs changed.

MkDocs renders every page on every change (minutes at 10,000 sources). Here a rebuild
compares what the pipeline gives now with what the last build in this process gave
(`render.site` already reuses the pages of unchanged sources and speakers): a generated
page or file whose content is the same is a `KeptFile`, which MkDocs neither renders nor
rewrites: the last build's site is moved back (`Rebuild`) after MkDocs has cleaned the
folder. Only the changed pages go through MkDocs (Markdown, theme, plugins), hand-written
pages always do. What would hold the page up comes after it, in a child process
(`CatchUp`): the downloads (`render.site.DOWNLOADS`) and the search index are made again and
swapped in when ready; until then the last ones are served. The log says when they are.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import posixpath
import re
import shutil
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable
from urllib.parse import quote, urljoin

from jinja2 import BytecodeCache
from markupsafe import escape
from mkdocs.structure.files import File
from mkdocs.utils import get_build_date

from build_scripts.cores import aside_failure, fork_aside, stop_aside
from build_scripts.render.site import SiteFiles

SITEMAP = "sitemap.xml"
SEARCH_INDEX = "search/search_index.json"  # Material's
_ENTRY = re.compile(r"\s*<url>.*?</url>", re.S)
_LOC = re.compile(r"<loc>(.*?)</loc>", re.S)


class KeptFile(File):
    """A generated page or file this rebuild leaves as the last build made it: not a page to
    render (so MkDocs skips it) and nothing to copy (`Rebuild.restore` has put the last
    build's output back), but still in `files`, so links to it resolve."""

    def __init__(self, path: str, config) -> None:
        directory = config.use_directory_urls
        dest = path
        if path.endswith(".md"):  # a page's output, named as MkDocs names it (without a second File)
            folder, name = posixpath.split(path[:-3])
            if name in ("index", "README"):
                dest = posixpath.join(folder, "index.html")
            else:
                dest = posixpath.join(folder, name, "index.html") if directory else posixpath.join(folder, name + ".html")
        super().__init__(path, None, config.site_dir, directory, dest_uri=dest)
        if directory and posixpath.basename(dest) == "index.html":
            self.url = quote((posixpath.dirname(dest) or ".") + "/")

    def is_documentation_page(self) -> bool:
        return False

    def is_static_page(self) -> bool:
        return False

    def copy_file(self, dirty: bool = False) -> None:
        pass


class SeedsWatch:
    """What MkDocs' live-reload server watches with: the seeds folder through the system's
    own change notices (inotify), everything else through MkDocs' poller. The poller stats
    every watched file twice a second: with 10,000 seeds that is a fifth of a core, taken
    from the rebuild it competes with, and up to half a second before an edit is seen.
    Where notices are not to be had (no inotify, its limits reached), the seeds are polled
    as before. Only what the server calls on its `observer` is here."""

    def __init__(self, polling, folder: str) -> None:
        self.polling = polling
        self.folder = os.path.abspath(folder)
        self.native = None
        self.watch = None
        self.mine: list[tuple[object, str, bool]] = []  # (handler, path, recursive) given to notices

    def schedule(self, handler, path: str, recursive: bool = False):
        if os.path.abspath(path) == self.folder and self.native is None:
            from watchdog.observers import Observer  # inotify on Linux, else the platform's own or a poller
            self.native = Observer()
            self.mine.append((handler, path, recursive))
            self.watch = self.native.schedule(_Changes(handler), path, recursive=recursive)
            return self.watch
        return self.polling.schedule(handler, path, recursive=recursive)

    def unschedule(self, watch) -> None:
        if self.native is not None and watch is self.watch:
            self.native.unschedule(watch)
        else:
            self.polling.unschedule(watch)

    def start(self) -> None:
        if self.native is not None:
            try:
                self.native.start()
            except OSError:  # no notices here: the seeds are polled like the rest
                self.native = None
                for handler, path, recursive in self.mine:
                    self.polling.schedule(handler, path, recursive=recursive)
        self.polling.start()

    def stop(self) -> None:
        for observer in filter(None, (self.native, self.polling)):
            observer.stop()

    def join(self, timeout: float | None = None) -> None:
        for observer in filter(None, (self.native, self.polling)):
            if observer.is_alive():
                observer.join(timeout)


class _Changes:
    """The events a poller would see (a file created, deleted, changed or moved), not those
    of a file opened or closed unchanged: the rebuild reads every seed, and each read would
    call for another rebuild."""

    KINDS = frozenset({"created", "deleted", "modified", "moved"})

    def __init__(self, handler) -> None:
        self.handler = handler

    def dispatch(self, event) -> None:
        if event.event_type in self.KINDS:
            self.handler.dispatch(event)


class CompiledTemplates(BytecodeCache):
    """Jinja's compiled templates, kept in memory from one rebuild to the next. Jinja checks
    each against its template's source (a changed template is compiled again)."""

    def __init__(self) -> None:
        self.kept: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        code = self.kept.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket) -> None:
        self.kept[bucket.key] = bucket.bytecode_to_string()


def config_fingerprint(config) -> tuple:
    """What makes every page different when it changes: the configuration file, the theme's
    own templates (`custom_dir`: the installed theme does not change under a running server),
    the build date (the sitemap's `lastmod`)."""
    stamps = []
    for folder in filter(None, [config.theme.custom_dir]):
        for root, _, names in os.walk(folder):
            for name in sorted(names):
                stat = os.stat(os.path.join(root, name))
                stamps.append((root, name, stat.st_mtime_ns, stat.st_size))
    path = config.config_file_path
    text = Path(path).read_bytes() if path and os.path.isfile(path) else b""
    return (hashlib.sha256(text).hexdigest(), tuple(sorted(stamps)), get_build_date(), config.site_url)


@dataclass
class Rebuild:
    """One incremental rebuild: which generated paths are unchanged since the last build
    (`kept`), which downloads come later (`later`), and where the last build's site waits
    meanwhile (`aside`, named by the rebuild's generation, as its other scratch folders)."""

    site_dir: Path
    kept: set[str]
    rebuilt: list[str]
    later: list[str]
    generation: int
    sitemap: str | None = None  # the last build's
    search_index: str | None = None  # the last build's, when Material's index answers searches

    def scratch(self, what: str) -> Path:
        return self.site_dir.with_name(f"{self.site_dir.name}.claimline-{what}-{self.generation}")

    @property
    def aside(self) -> Path:
        return self.scratch("previous")

    def put_aside(self) -> None:
        """Move the last build's site out of the way (one rename), so MkDocs' cleaning of
        the site folder finds it empty."""
        shutil.rmtree(self.aside, ignore_errors=True)
        os.replace(self.site_dir, self.aside)
        self.site_dir.mkdir()
        sitemap, index = self.aside / SITEMAP, self.aside / SEARCH_INDEX
        self.sitemap = sitemap.read_text(encoding="utf-8") if sitemap.is_file() else None
        self.search_index = index.read_text(encoding="utf-8") if index.is_file() else None

    def restore(self, stale: set[str]) -> None:
        """Once MkDocs has cleaned the site folder: the last build's site back in it, a
        rename per top-level entry, without the files this build no longer has (STALE).
        MkDocs then writes over it what changed."""
        for entry in sorted(os.listdir(self.aside)):
            os.replace(self.aside / entry, self.site_dir / entry)
        for path in sorted(stale):
            target = self.site_dir / path
            target.unlink(missing_ok=True)
            while target.parent != self.site_dir and not any(target.parent.iterdir()):
                target.parent.rmdir()  # a removed page's folder, as a fresh build would not have it
                target = target.parent

    def finish(self, files, site_url: str, rendered: set[str]) -> None:
        """After MkDocs has written the changed pages (RENDERED: their URLs): the sitemap and
        Material's search index with every page again, as a full build writes them."""
        base = site_url if site_url.endswith("/") else site_url + "/"
        pages = [page_url(f) for f in files if f.src_uri.endswith(".md")]
        new = self.site_dir / SITEMAP
        if new.is_file() and self.sitemap is not None:
            write_sitemap(new, merge_sitemap(new.read_text(encoding="utf-8"), self.sitemap, [urljoin(base, u) for u in pages]))
        new = self.site_dir / SEARCH_INDEX
        if new.is_file() and self.search_index is not None:
            merged = merge_search_index(new.read_text(encoding="utf-8"), self.search_index, pages, rendered)
            new.write_text(merged, encoding="utf-8")

    def discard(self) -> None:
        for what in ("previous", "pages"):
            shutil.rmtree(self.scratch(what), ignore_errors=True)


def plan(previous: SiteFiles, site: SiteFiles, site_dir: Path, generation: int) -> Rebuild:
    """The generated pages and files whose content is what the last build gave, and the
    downloads `site` left for later (the last build's stay until then)."""
    kept = {path for path, page in site.pages.items()
            if previous.pages.get(path) == page and previous.after_markdown.get(path) == site.after_markdown.get(path)}
    kept |= {path for path, body in site.static.items() if previous.static.get(path) == body}
    rebuilt = sorted(path for path in site.pages if path not in kept)
    later = sorted(path for kind in site.deferred for path in site.parts.get(kind, ()))
    return Rebuild(site_dir, kept, rebuilt, later, generation)


def merge_sitemap(new: str, old: str, order: list[str]) -> str:
    """The sitemap a full build would write: MkDocs' entry for each page it rendered now,
    the last build's for each kept page, in the order of the site's pages (ORDER: their URLs)."""
    entries = {_LOC.search(e).group(1): e for e in _ENTRY.findall(old)}
    entries.update({_LOC.search(e).group(1): e for e in _ENTRY.findall(new)})
    found = list(_ENTRY.finditer(new))
    if found:
        head, tail = new[: found[0].start()], new[found[-1].end() :]
    else:
        cut = new.rindex("</urlset>")
        head, tail = new[:cut], new[cut:]
    return head + "".join(entries[loc] for loc in map(lambda u: str(escape(u)), order) if loc in entries) + tail


def page_url(file: File) -> str:
    """A page's URL as its `Page` gives it (the home page's is '', its file's './')."""
    return "" if file.url == "./" else file.url


def merge_search_index(new: str, old: str, pages: list[str], rendered: set[str]) -> str:
    """Material's search index as a full build writes it: the entries MkDocs' pages gave now
    for the pages rendered now (RENDERED), the last index's for the others, page by page in
    the site's order (PAGES: their URLs; an entry's page is its location before '#'), and
    serialised as Material serialises it."""
    fresh, last = json.loads(new), json.loads(old)

    def by_page(entries: list[dict]) -> dict[str, list[dict]]:
        found: dict[str, list[dict]] = {}
        for entry in entries:
            found.setdefault(entry["location"].split("#", 1)[0], []).append(entry)
        return found

    now, before = by_page(fresh["docs"]), by_page(last["docs"])
    fresh["docs"] = [e for url in pages for e in (now if url in rendered else before).get(url, [])]
    return json.dumps(fresh, separators=(",", ":"), default=str)


def write_sitemap(path: Path, text: str) -> None:
    """The sitemap and its gzip copy, the copy stamped with the time MkDocs stamped its own with."""
    gz = path.with_name(path.name + ".gz")
    stamp = int.from_bytes(gz.read_bytes()[4:8], "little") if gz.is_file() else 0
    path.write_text(text, encoding="utf-8")
    with open(gz, "wb") as out, gzip.GzipFile(fileobj=out, filename=str(gz), mode="wb", mtime=stamp) as packed:
        packed.write(text.encode("utf-8"))


class CatchUp:
    """The work a rebuild leaves for after its pages (downloads, search index), in a child
    process of its own (Python holds one core per process: a thread would slow the next
    rebuild), watched by a thread that swaps the results in. A new rebuild stops the work
    of the last one: it would be out of date."""

    def __init__(self, log) -> None:
        self.log = log
        self.lock = threading.Lock()
        self.generation = 0
        self.child = 0
        self.thread: threading.Thread | None = None

    def next_generation(self) -> int:
        with self.lock:
            self.generation += 1
            if self.child:
                stop_aside(self.child)
                self.child = 0
            return self.generation

    def start(self, site_dir: Path, make: Callable[[], dict[str, dict[str, bytes]]], index: Callable[[Path], None] | None,
              started: float, scratch: Path, parts: dict[str, tuple[str, ...]],
              then: Callable[[], None] = lambda: None) -> None:
        """MAKE the downloads (by part) and INDEX the search into SCRATCH in a child process;
        then, if no rebuild came meanwhile, swap them into SITE_DIR, delete the files of those
        parts that are no more, and record in PARTS (the site's) what each part wrote."""
        generation = self.generation
        shutil.rmtree(scratch, ignore_errors=True)
        (scratch / "files").mkdir(parents=True)
        def work() -> None:  # in the child: its results, written into SCRATCH
            made = make()
            listing = sorted(f"{kind}\t{path}" for kind, files in made.items() for path in files)
            (scratch / "list").write_text("\n".join(listing), encoding="utf-8")
            for files in made.values():
                for path, body in files.items():
                    (scratch / "files" / path).parent.mkdir(parents=True, exist_ok=True)
                    (scratch / "files" / path).write_bytes(body)
            if index is not None:
                index(scratch / "pagefind")

        pid = fork_aside(work, str(scratch / "error"))
        self.child = pid

        def watch() -> None:
            try:
                _, status = os.waitpid(pid, 0)
                with self.lock:
                    if generation != self.generation:
                        return
                    self.child = 0
                    reason = aside_failure(status, str(scratch / "error"))
                    if reason is not None:
                        self.log.warning(f"could not bring the downloads and search index up to date: {reason}")
                        return
                    listed = (scratch / "list").read_text(encoding="utf-8")
                    made: dict[str, list[str]] = {}
                    for line in listed.split("\n") if listed else []:
                        kind, path = line.split("\t", 1)
                        made.setdefault(kind, []).append(path)
                        (site_dir / path).parent.mkdir(parents=True, exist_ok=True)
                        os.replace(scratch / "files" / path, site_dir / path)
                    for kind, paths in made.items():
                        for gone in set(parts.get(kind, ())) - set(paths):
                            (site_dir / gone).unlink(missing_ok=True)
                        parts[kind] = tuple(sorted(paths))
                    if index is not None:
                        if (site_dir / "pagefind").exists():
                            os.replace(site_dir / "pagefind", scratch / "pagefind-old")
                        os.replace(scratch / "pagefind", site_dir / "pagefind")
                    what = "downloads and search index" if index is not None else "downloads"
                    self.log.info(f"{what} caught up, {time.perf_counter() - started:.1f} s after the rebuild began")
            except OSError as error:  # a thread's failure is a line in the log, never a traceback
                self.log.warning(f"could not bring the downloads and search index up to date: {error}")
            finally:
                shutil.rmtree(scratch, ignore_errors=True)
                then()

        self.thread = threading.Thread(target=watch, name="claimline-catch-up", daemon=True)
        self.thread.start()
