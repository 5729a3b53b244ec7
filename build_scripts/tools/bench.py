"""`python -m build_scripts bench`: measure, on synthetic corpora, conversion, the full build
against its floor (bare Material building the plain article pages of the same sources), page
sizes per page kind, the bytes one search query downloads, and the edit loop under a real
`mkdocs serve`. Prints each figure beside its target and writes JSON; it asserts nothing
(speed is not a test).
"""

from __future__ import annotations

import gzip
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from urllib.parse import urljoin
from pathlib import Path
from typing import Callable

from build_scripts.tools.synthetic import corpus

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}
GIVE_UP_S = 600.0  # an edit not served after this long is reported as None
POLL_S = 0.1

_MEASURE = """
import json, resource, sys, time
start = time.perf_counter()
{body}
elapsed = time.perf_counter() - start
peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print("BENCH", json.dumps({{"seconds": elapsed, "peak_mib": peak / 1024, **extra}}))
"""

CONVERT = """
from pathlib import Path
from build_scripts import cores, pipeline
from build_scripts.config.settings import configured_vocabulary, load_project_config, plugin_settings
config = load_project_config({config!r}, {{"seeds_dir": {seeds!r}}})
settings = plugin_settings(config)
vocabulary = configured_vocabulary(settings)
options = pipeline.options_for(config, settings)  # what the build runs the pipeline with
start = time.perf_counter()  # imports and configuration are not conversion
with cores.parallel_threshold(settings.parallel_from):
    c = pipeline.load(Path({seeds!r}), vocabulary, options)
    extracted = time.perf_counter() - start
    pipeline.render(c, options)
extra = {{"sources": len(c.sources), "errors": len(c.errors), "extract_s": extracted}}
"""

BUILD = """
from mkdocs.commands.build import build
from build_scripts.config.settings import load_project_config
build(load_project_config({config!r}, {{"seeds_dir": {seeds!r}}}, site_dir={site!r}))
extra = {{}}
"""

FLOOR_BUILD = """
from mkdocs.commands.build import build
from mkdocs.config import load_config
build(load_config({config!r}, site_dir={site!r}))  # Material alone: no claimline plugin
extra = {{}}
"""

FLOOR_PAGES = """
import json
from pathlib import Path
from build_scripts import cores, pipeline
from build_scripts.config.settings import configured_vocabulary, load_project_config, plugin_settings
from build_scripts.tools.bench import floor_pages
config = load_project_config({config!r}, {{"seeds_dir": {seeds!r}}})
settings = plugin_settings(config)
with cores.parallel_threshold(settings.parallel_from):
    c = pipeline.load(Path({seeds!r}), configured_vocabulary(settings), pipeline.options_for(config, settings))
for name, text in floor_pages(c.sources).items():
    page = Path({docs!r}) / name
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(text, encoding="utf-8")
extra = {{"pages": len(c.sources)}}
"""

# Files of one kind of page: their sizes show whether a page grows with the corpus. A list
# runs over pages of 100 rows (`sources/page-2/`…): those are `list` (or `continued`, an
# entity's own pages after its first), never a source, speaker, outlet or topic page.
PAGE_KINDS = {
    "source": ("sources/*/index.html",),
    "speaker": ("speakers/*/index.html",),
    "outlet": ("outlets/*/index.html",),
    "topic": ("topics/*/index.html",),
    "timeline": ("timeline/index.html", "timeline/page-*/index.html"),
    "timeline_data": ("data/timeline/**/*.json",),
    "list": ("*/index.html", "*/page-*/index.html"),  # each section's list, methodology, the timeline
    "continued": ("*/*/page-*/index.html",),
}
_LIST_PAGE = re.compile(r"page-[0-9]+")


def _pages_of(site: Path, kind: str) -> list[Path]:
    pages = {p for pattern in PAGE_KINDS[kind] for p in site.glob(pattern) if p.is_file()}
    if kind in ("source", "speaker", "outlet", "topic"):
        pages = {p for p in pages if not _LIST_PAGE.fullmatch(p.parent.name)}
    return sorted(pages)


SEARCH_PATHS = ("/search/", "/pagefind/", "/workers/search", "/claimline-search-stub.js", "/claimline-query.js", "/claimline-pagefind.js")


def _measure(body: str, **fmt) -> dict:
    code = _MEASURE.format(body=body.format(**fmt))
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=ENV, capture_output=True, text=True)
    line = next((x for x in result.stdout.splitlines() if x.startswith("BENCH ")), None)
    if result.returncode or line is None:
        raise RuntimeError(result.stderr[-2000:])
    return json.loads(line[6:])


def project_config() -> dict:
    """The project's mkdocs.yml as data, read as MkDocs reads it."""
    from mkdocs.utils.yaml import yaml_load

    with open(ROOT / "mkdocs.yml", "rb") as handle:
        return yaml_load(handle)


def floor_pages(sources) -> dict[str, str]:
    """The floor's Markdown: each source's plain article page (its title as the heading and
    its cleaned body paragraphs), and a home page. Nothing claimline adds: no claims, no
    indexes, no timeline."""
    pages = {"index.md": "# Floor\n\nPlain article pages of the benchmark's sources.\n"}
    for source in sources:
        pages[f"sources/{source.slug}.md"] = f"# {source.title}\n\n{source.body.strip()}\n"
    return pages


def floor_config(project: dict) -> str:
    """The floor's mkdocs.yml: the project's theme (Material, palette, features, system
    fonts) without its `custom_dir` overrides, MkDocs' search and no claimline plugin. The
    nav names the home page only, as the project's names its sections only: a nav listing
    every page would make each page's sidebar grow with the corpus, which ours does not."""
    theme = {key: value for key, value in project["theme"].items() if key != "custom_dir"}
    return json.dumps({
        "site_name": "floor", "theme": theme, "plugins": ["search"], "nav": [{"Home": "index.md"}],
        "validation": {"nav": {"omitted_files": "ignore"}},
    }, indent=1, ensure_ascii=False)  # JSON is YAML


def serve_config(project: dict, seeds: Path) -> str:
    """A mkdocs.yml for `mkdocs serve` on the benchmark's seeds: the project's configuration
    (INHERIT), its folders by absolute path, and its plugins with `seeds_dir` set over
    claimline's options, so every other option is the project's."""
    from build_scripts.config.settings import with_plugin_options

    return json.dumps({
        "INHERIT": str(ROOT / "mkdocs.yml"), "docs_dir": str(ROOT / "docs"),
        "theme": {"custom_dir": str(ROOT / "overrides")},
        "plugins": with_plugin_options(project["plugins"], {"seeds_dir": str(seeds)}),
    }, indent=1, ensure_ascii=False)


def page_sizes(site: Path) -> dict:
    """Median and largest bytes of each kind of page, and how many there are."""
    row: dict = {}
    for kind in PAGE_KINDS:
        sizes = sorted(p.stat().st_size for p in _pages_of(site, kind))
        row[f"{kind}_pages"] = len(sizes)
        row[f"{kind}_page_median_bytes"] = statistics.median(sizes) if sizes else 0
        row[f"{kind}_page_max_bytes"] = sizes[-1] if sizes else 0
    index = site / "search" / "search_index.json"
    row["site_bytes"] = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    row["search_payload_bytes"] = index.stat().st_size if index.exists() else 0
    row["search_payload_gzip_bytes"] = len(gzip.compress(index.read_bytes(), 6)) if index.exists() else 0
    return row


def search_probe(site: Path, query: str = "backdoors") -> dict:
    """Type a query in headless Chromium: milliseconds to the first result, and the bytes
    of every search file the browser fetched (Material's index and worker, or the
    Pagefind script, wasm and the index chunks that query needed)."""
    import functools
    import http.server
    import threading
    from urllib.parse import urlparse

    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    fetched: dict[str, int] = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"])
            page = browser.new_page()
            page.on("response", lambda r: fetched.__setitem__(r.url, len(r.body())) if r.ok and any(
                x in r.url for x in SEARCH_PATHS) else None)
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/")
            page.click("input.md-search__input")
            start = time.perf_counter()
            page.keyboard.type(query)
            page.wait_for_selector(".md-search-result__item", timeout=300_000)
            elapsed = (time.perf_counter() - start) * 1000
            page.wait_for_load_state("networkidle")
            browser.close()
    finally:
        server.shutdown()
    return {"search_first_result_ms": elapsed, "search_query_bytes": sum(fetched.values()),
            "search_files_fetched": len(fetched),
            "search_files": {urlparse(url).path: size for url, size in sorted(fetched.items())}}


# --- the edit loop under `mkdocs serve` -------------------------------------------------

def pages_built(log: str) -> int:
    """Pages MkDocs rendered in the first build a log excerpt shows (`-v` logs one
    `Building page` line each), up to that build's `Documentation built` line."""
    return log.split("Documentation built in", 1)[0].count("DEBUG   -  Building page ")


def build_seconds(log: str) -> float | None:
    """MkDocs' own duration of the first build a log excerpt shows."""
    after = log.split("Documentation built in ", 1)
    return float(after[1].split(" ", 1)[0]) if len(after) == 2 else None


class ServeLog:
    """The server's log file, read as it grows (never re-read whole: with `-v` it holds a
    line per page per build). Only whole lines are taken, so no character is cut in two."""

    def __init__(self, path: Path):
        self.path, self.offset, self.text = path, 0, ""

    def read(self) -> str:
        with self.path.open("rb") as handle:
            handle.seek(self.offset)
            new = handle.read()
        whole = new[:new.rfind(b"\n") + 1]
        self.offset += len(whole)
        self.text += whole.decode("utf-8", "replace")
        return self.text


def _until(done: Callable[[], bool], server: subprocess.Popen, log: ServeLog) -> float | None:
    """Seconds until `done()` holds (polled every POLL_S), None after GIVE_UP_S; a server that
    died is an error with its log's end."""
    start = time.perf_counter()
    while time.perf_counter() - start < GIVE_UP_S:
        if done():
            return time.perf_counter() - start
        if server.poll() is not None:
            raise RuntimeError(f"mkdocs serve stopped:\n{log.read()[-2000:]}")
        time.sleep(POLL_S)
    return None


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as answer:
            return answer.read().decode("utf-8", "replace")
    except OSError:  # mid-rebuild or not yet served
        return ""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _edit(server: subprocess.Popen, log: ServeLog, url: str, marker: str, write: Callable[[], None], name: str) -> dict:
    """Make one edit, then time until `url` serves `marker`; then wait for that rebuild to
    end and count the pages it rendered."""
    offset = len(log.read())
    write()
    seconds = _until(lambda: marker in _fetch(url), server, log)
    _until(lambda: log.read().find("Documentation built in", offset) >= 0, server, log)
    excerpt = log.read()[offset:]
    return {f"{name}_s": seconds, f"{name}_pages_rebuilt": pages_built(excerpt), f"{name}_mkdocs_s": build_seconds(excerpt)}


def serve_edit_loop(seeds: Path, work: Path) -> dict:
    """Start `mkdocs serve -v` on the seeds; time its first build (to "Serving on"), an
    appended sentence in one seed (until its page serves it) and a curated outlet written
    beside another seed (until its page shows it)."""
    config, log_path, port = work / "serve.yml", work / "serve.log", _free_port()
    config.write_text(serve_config(project_config(), seeds), encoding="utf-8")
    base = f"http://127.0.0.1:{port}/"
    start = time.perf_counter()
    # Any -W option keeps MkDocs from filtering repeated log messages, which would hide the
    # `Building page` line of a page built again.
    env = {**ENV, "PYTHONWARNINGS": "ignore::DeprecationWarning"}
    with log_path.open("w") as out:
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-v", "-f", str(config), "-a", f"127.0.0.1:{port}"],
                                  cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    log = ServeLog(log_path)
    try:
        if _until(lambda: log.read().find("Serving on") >= 0, server, log) is None:
            return {"serve_first_build_s": None}
        row = {"serve_first_build_s": time.perf_counter() - start, "serve_first_build_mkdocs_s": build_seconds(log.read())}
        urls = {entry["file"]: urljoin(base, entry["url"]) for entry in json.loads(_fetch(base + "data/sources.json") or "[]")}
        texts = sorted(seeds.glob("*.txt"))
        edited, curated = texts[len(texts) // 2], texts[len(texts) // 2 + 1]
        sentence, outlet = (f"benchmark{uuid.uuid4().hex[:12]}" for _ in range(2))  # words no page has yet
        row.update(_edit(server, log, urls[edited.name], sentence, lambda: edited.write_text(
            edited.read_text(encoding="utf-8") + f"\nThe company said the {sentence} audit would follow.\n",
            encoding="utf-8"), "edit_seed"))
        row.update(_edit(server, log, urls[curated.name], outlet, lambda: curated.with_suffix(".yml").write_text(
            f"outlet: Bench Curated Outlet {outlet}\n", encoding="utf-8"), "edit_curated"))
        row["edit_pages_rebuilt"] = row["edit_seed_pages_rebuilt"]
        return row
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


# --- one corpus size --------------------------------------------------------------------

def bench_size(size: int, work: Path, seed: int, search_timing: bool, repeat: int = 1) -> dict:
    seeds = work / "seeds"
    seeds.mkdir(parents=True)
    for name, data in corpus(size, seed).items():
        (seeds / name).write_bytes(data)
    config = str(ROOT / "mkdocs.yml")
    row: dict = {"sources": size}
    conv = min((_measure(CONVERT, seeds=str(seeds), config=config) for _ in range(repeat)), key=lambda r: r["seconds"])
    row["conversion_s"] = conv["extract_s"]
    row["conversion_sources_per_s"] = size / conv["extract_s"]
    row["conversion_and_pages_s"] = conv["seconds"]
    row["conversion_and_pages_sources_per_s"] = size / conv["seconds"]
    row["conversion_peak_mib"] = conv["peak_mib"]
    floor = work / "floor"
    _measure(FLOOR_PAGES, seeds=str(seeds), config=config, docs=str(floor / "docs"))
    (floor / "mkdocs.yml").write_text(floor_config(project_config()), encoding="utf-8")
    site = work / "site"
    ours, bare = [], []
    for _ in range(repeat):  # alternate, and keep the fastest run of each: this machine's speed drifts
        ours.append(_measure(BUILD, seeds=str(seeds), config=config, site=str(site)))
        bare.append(_measure(FLOOR_BUILD, config=str(floor / "mkdocs.yml"), site=str(work / "floor-site")))
    row["build_s"] = min(r["seconds"] for r in ours)
    row["build_peak_mib"] = max(r["peak_mib"] for r in ours)
    row["floor_s"] = min(r["seconds"] for r in bare)
    row["floor_peak_mib"] = max(r["peak_mib"] for r in bare)
    row["build_vs_floor"] = row["build_s"] / row["floor_s"]
    row["runs"] = repeat
    row.update(page_sizes(site))
    row["search_engine"] = "pagefind" if (site / "pagefind").is_dir() else "material"
    if search_timing:
        row.update(search_probe(site))
    row.update(serve_edit_loop(seeds, work))
    return row


# --- what is printed ----------------------------------------------------------------------

COLUMNS = [
    ("sources", "{:>7}"), ("conversion_sources_per_s", "{:>7.0f}"), ("conversion_and_pages_sources_per_s", "{:>7.0f}"),
    ("conversion_peak_mib", "{:>6.0f}"), ("build_s", "{:>7.1f}"), ("floor_s", "{:>7.1f}"), ("build_vs_floor", "{:>5.2f}"),
    ("build_peak_mib", "{:>6.0f}"), ("serve_first_build_s", "{:>7.1f}"), ("edit_seed_s", "{:>6.1f}"),
    ("edit_curated_s", "{:>6.1f}"), ("edit_pages_rebuilt", "{:>6}"), ("search_engine", "{:>8}"),
    ("search_query_bytes", "{:>8}"), ("search_first_result_ms", "{:>6.0f}"),
]


def _cell(row: dict, name: str, fmt: str) -> str:
    value = row.get(name)
    return fmt.format(value) if value is not None else "None".rjust(len(fmt.format(0)))


def targets(size: int) -> list[tuple[str, float, str]]:
    """The issue's targets for a corpus of this size: (figure, limit, as written). The edit
    targets are stated at 2,000 and 10,000 sources; a smaller corpus is held to the tighter."""
    edit, where = (3.0, "2,000") if size <= 2000 else (5.0, "10,000")
    return [
        ("edit_seed_s", edit, f"<= {edit:g} s (at {where})"),
        ("edit_curated_s", edit, f"<= {edit:g} s (at {where})"),
        ("build_vs_floor", 1.5, "<= 1.5 (at 10,000)"),
        ("build_peak_mib", 2048, "<= 2048 MiB (at 10,000)"),
        ("search_query_bytes", 300_000, "<= 300 KB"),
    ]


def summary(rows: list[dict]) -> list[dict]:
    """Each figure beside its target: met when measured and not above the limit (a figure
    that was not measured, or gave up, is not met)."""
    return [{"sources": row["sources"], "figure": name, "value": row.get(name), "target": text,
             "met": row.get(name) is not None and row[name] <= limit}
            for row in rows for name, limit, text in targets(row["sources"])]


def _number(value) -> str:
    return "None" if value is None else f"{value:.2f}" if isinstance(value, float) else str(value)


def _burn(n: int) -> float:
    start = time.perf_counter()
    total = 0
    for i in range(n):
        total += i * i
    return time.perf_counter() - start


def core_speedup(n: int = 5_000_000) -> float:
    """How much faster two processes of pure Python finish two loops than one process
    finishes one, times two: 2.0 on two free cores; a shared virtual machine gives less,
    and that caps every parallel figure in the table."""
    import multiprocessing

    one = min(_burn(n) for _ in range(3))
    with multiprocessing.get_context("fork").Pool(2) as pool:
        start = time.perf_counter()
        pool.map(_burn, [n, n], chunksize=1)
        two = time.perf_counter() - start
    return round(2 * one / two, 2)


def run_bench(sizes: list[int], out: Path, seed: int, search_timing: bool, repeat: int = 1) -> int:
    out.mkdir(parents=True, exist_ok=True)
    machine = {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform(),
               "two_process_speedup": core_speedup()}
    print(f"machine: {machine}")
    print("  ".join(name for name, _ in COLUMNS))
    rows = []
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix=f"claimline-bench-{size}-") as tmp:
            row = bench_size(size, Path(tmp), seed, search_timing, repeat)
            shutil.copy(Path(tmp) / "serve.log", out / f"serve-{size}.log")  # what the edit figures were read from
        rows.append(row)
        print("  ".join(_cell(row, name, fmt) for name, fmt in COLUMNS), flush=True)
        (out / f"bench-{size}.json").write_text(json.dumps({"machine": machine, **row}, indent=1, sort_keys=True))
    print("\npage sizes (bytes): kind  sources  pages  median  max")
    for row in rows:
        for kind in PAGE_KINDS:
            print(f"  {kind:<14} {row['sources']:>7} {row[f'{kind}_pages']:>6} "
                  f"{row[f'{kind}_page_median_bytes']:>9.0f} {row[f'{kind}_page_max_bytes']:>9}")
    table = summary(rows)
    print("\nsummary: sources  figure  value  target  met")
    for line in table:
        print(f"  {line['sources']:>7}  {line['figure']:<20} {_number(line['value']):>10}  {line['target']:<24} "
              f"{'yes' if line['met'] else 'no'}")
    (out / "bench.json").write_text(json.dumps({"machine": machine, "rows": rows, "summary": table}, indent=1, sort_keys=True))
    print(f"wrote {out / 'bench.json'}")
    return 0
