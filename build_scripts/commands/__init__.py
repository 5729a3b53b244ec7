"""`python -m build_scripts`: the maintainer's commands.

Exit codes: 0 ok, 1 bad input (one line per problem, no traceback), 2 usage error.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import signal
import sys
from pathlib import Path

from build_scripts.commands import publish

from build_scripts.commands import stop_signals
from build_scripts import pipeline
from build_scripts.model import Corpus, one_line
from build_scripts.config.settings import SettingsError, max_seed_bytes, project_settings

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SEEDS = ROOT / "seeds"
CONFIG_FILE = ROOT / "mkdocs.yml"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m build_scripts", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("check", help="validate every seed and curated file; list every problem")
    p.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS)
    p.add_argument("--explain", metavar="FILE", help="also list the lines removed from FILE and the rule for each")
    p.add_argument("--strict", action="store_true", help="treat warnings as errors")

    p = sub.add_parser("convert", help="write the generated Markdown pages to a folder for inspection")
    p.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS)
    p.add_argument("--out", type=Path, required=True)

    p = sub.add_parser("build", help="convert and build the site with MkDocs")
    p.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS)
    p.add_argument("--site-dir", type=Path, default=ROOT / "site")
    p.add_argument("--offline", action="store_true", help="self-contained copy that works from file:// (search included)")
    p.add_argument("--strict", action="store_true", help="fail on any warning")

    p = sub.add_parser("clean", help="print the cleaned article body of FILE")
    p.add_argument("file", type=Path)

    p = sub.add_parser("evaluate", help="precision, recall and F1 of the extraction against a gold file")
    p.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS)
    p.add_argument("--gold", type=Path, required=True)

    p = sub.add_parser("bench", help="benchmark conversion and build on a synthetic corpus")
    p.add_argument("--sizes", default="100,1000")
    p.add_argument("--out", type=Path, default=ROOT / "bench-results")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--search-timing", action="store_true", help="also time a search in headless Chromium")
    p.add_argument("--repeat", type=int, default=1, help="build runs per engine; the fastest counts")

    args = parser.parse_args(argv)
    try:
        args.settings = project_settings(CONFIG_FILE)  # what the build would read: wrong values stop every command
    except SettingsError as error:
        print(error, file=sys.stderr)
        return 1
    try:
        with stop_signals.raising():
            return COMMANDS[args.command](args)
    except KeyboardInterrupt as stop:
        return 128 + getattr(stop, "signum", signal.SIGINT)


def _report(corpus: Corpus, strict: bool = False) -> int:
    for name in corpus.ignored:
        print(one_line(f"{name}: notice: ignored"), file=sys.stderr)
    for problem in corpus.problems:
        print(problem, file=sys.stderr)
    failing = corpus.errors + (corpus.warnings if strict else [])
    return 1 if failing else 0


def cmd_check(args) -> int:
    corpus = pipeline.load(args.seeds, options=pipeline.Options(max_seed_bytes=max_seed_bytes(args.settings)))
    status = _report(corpus, args.strict)
    if args.explain:
        path = Path(args.explain) if Path(args.explain).is_file() else args.seeds / args.explain
        cleaned = _clean_file(path, args.settings)
        if cleaned is None:
            return 1
        for removed in cleaned.removed:
            print(f"{path.name}:{removed.line}: {removed.rule}: {removed.text}")
    if status == 0:
        claims = sum(len(s.claims) for s in corpus.sources)
        print(f"ok: {len(corpus.sources)} sources, {claims} claims, {len(corpus.warnings)} warnings")
    return status


def cmd_convert(args) -> int:
    refused = publish.overlap_refusal(args.out, args.seeds, ROOT / "docs", ROOT, "convert")
    if refused:
        print(refused, file=sys.stderr)
        return 1
    result = pipeline.run(args.seeds, options=pipeline.Options(max_seed_bytes=max_seed_bytes(args.settings)))
    if _report(result.corpus):
        return 1
    site = result.site
    try:
        for path in site.pages:
            target = args.out / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(site.complete_markdown(path), encoding="utf-8")
        for path, content in site.static.items():
            target = args.out / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
    except OSError as error:
        print(one_line(f"{error.filename or args.out}: {error.strerror or error}"), file=sys.stderr)
        return 1
    print(f"wrote {len(site.pages)} pages and {len(site.static)} files to {args.out}")
    return 0


def cmd_build(args) -> int:
    """Build into a temporary folder beside the target, then swap it in whole: a failed,
    stopped or concurrent build leaves the previous site exactly as it was. A target that
    could hold anything but an earlier build is refused before anything is touched
    (`publish.refusal`); builds into one folder take turns (`publish.site_lock`)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    os.environ["CLAIMLINE_SEEDS"] = str(args.seeds.resolve())
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    site_dir = args.site_dir.resolve()
    config_file = ROOT / ("mkdocs-offline.yml" if args.offline else "mkdocs.yml")
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s")
    tmp = None
    swapped = False
    try:
        config = load_config(str(config_file), strict=args.strict)
        refused = _build_refusal(args.site_dir, args.seeds, config)
        if refused:
            print(refused, file=sys.stderr)
            return 1
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        with publish.site_lock(site_dir, on_wait=lambda: print(
                f"{site_dir}: waiting for another build into this folder to finish", file=sys.stderr)):
            refused = _build_refusal(args.site_dir, args.seeds, config)  # the folder may have changed meanwhile
            if refused:
                print(refused, file=sys.stderr)
                return 1
            tmp = publish.temp_beside(site_dir)
            config["site_dir"] = str(tmp)
            build(config)
            publish.finish(tmp)
            with stop_signals.held():
                publish.swap_in(tmp, site_dir)
                swapped = True
    except (MkDocsException, SystemExit) as error:
        message = str(error)
        if message:
            print(f"error: {message}", file=sys.stderr)
        return 1
    except OSError as error:
        print(publish.describe(error, tmp, site_dir), file=sys.stderr)
        return 1
    except KeyboardInterrupt as stop:
        name = signal.Signals(getattr(stop, "signum", signal.SIGINT)).name
        outcome = "the new site was already in place" if swapped else "the site folder is as it was"
        print(f"{site_dir}: build stopped by {name}; {outcome}", file=sys.stderr)
        raise
    finally:
        if tmp is not None and not swapped:
            with stop_signals.held():  # a second Ctrl-C waits until the half-built site is gone
                shutil.rmtree(tmp, ignore_errors=True)
    print(f"built {site_dir}")
    return 0


def _build_refusal(site_dir: Path, seeds: Path, config) -> str | None:
    """`publish.refusal` for this build: the docs folder is the one the config names."""
    return publish.refusal(site_dir, seeds, Path(config.docs_dir), Path(config.config_file_path).parent)


def _clean_file(path: Path, settings):
    """Decode and clean one file, printing any problem; None when it cannot be read.
    It is read as a seed is: a regular file, never a FIFO or device, within the size limit."""
    from build_scripts.extract.clean import clean
    from build_scripts.extract.read import decode_seed, read_regular_file
    from build_scripts.config.vocabulary import load_vocabulary

    if not path.exists() and not path.is_symlink():
        print(one_line(f"{path}: no such file"), file=sys.stderr)
        return None
    data, problem = read_regular_file(path, path.absolute().parent, max_seed_bytes(settings))
    if problem is not None:
        print(problem, file=sys.stderr)
        return None
    seed, problems = decode_seed(path.name, data)
    for problem in problems:
        print(problem, file=sys.stderr)
    return None if seed is None else clean(seed.text, load_vocabulary())


def cmd_clean(args) -> int:
    cleaned = _clean_file(args.file, args.settings)
    if cleaned is None:
        return 1
    sys.stdout.write(cleaned.body + "\n")
    return 0


def cmd_evaluate(args) -> int:
    from build_scripts.tools.evaluate import evaluate, format_report, load_gold

    try:
        gold = load_gold(args.gold)
    except (OSError, ValueError) as error:
        print(f"{args.gold}: {error}", file=sys.stderr)
        return 1
    print(format_report(evaluate(gold, args.seeds)))
    return 0


def cmd_bench(args) -> int:
    from build_scripts.tools.bench import run_bench

    try:
        sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        print(f"--sizes: expected numbers like 100,1000, got {args.sizes!r}", file=sys.stderr)
        return 2
    return run_bench(sizes, args.out, args.seed, args.search_timing, max(1, args.repeat))


COMMANDS = {
    "check": cmd_check,
    "convert": cmd_convert,
    "build": cmd_build,
    "clean": cmd_clean,
    "evaluate": cmd_evaluate,
    "bench": cmd_bench,
}
