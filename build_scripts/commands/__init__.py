"""`python -m build_scripts`: the maintainer's commands.

Every command reads the claimline plugin's options from mkdocs.yml through MkDocs' own
configuration (validated as `mkdocs build` validates them); `--seeds` and `--option
NAME=VALUE` set options over the file's.

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

import yaml

from build_scripts import cores, pipeline
from build_scripts.commands import publish, stop_signals
from build_scripts.config.settings import (SettingsError, configured_vocabulary, load_project_config, max_seed_bytes,
                                           plugin_settings, source_date_epoch)
from build_scripts.config.vocabulary import VocabularyError
from build_scripts.model import Corpus, Problem, one_line

ROOT = Path(__file__).resolve().parents[2]
CONFIG_FILE = ROOT / "mkdocs.yml"
OFFLINE_CONFIG_FILE = ROOT / "mkdocs-offline.yml"


def plugin_option(text: str) -> tuple[str, object]:
    """`NAME=VALUE` from the command line, the value read as YAML reads it in mkdocs.yml."""
    name, equals, value = text.partition("=")
    if not equals or not name.strip():
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, got {text!r}")
    try:
        return name.strip(), yaml.safe_load(value) if value.strip() else None
    except yaml.YAMLError:
        return name.strip(), value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m build_scripts", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    options = argparse.ArgumentParser(add_help=False)
    options.add_argument("-o", "--option", dest="options", metavar="NAME=VALUE", type=plugin_option, action="append",
                         default=[], help="a claimline plugin option over mkdocs.yml's, written as there "
                                          "(paths relative to mkdocs.yml), e.g. -o pagefind_from=1; repeatable")
    seeds = argparse.ArgumentParser(add_help=False, parents=[options])
    seeds.add_argument("--seeds", type=Path, help="the seeds folder (default: the plugin's `seeds_dir` option)")

    p = sub.add_parser("check", parents=[seeds], help="validate every seed and curated file; list every problem")
    p.add_argument("--explain", metavar="FILE", help="also list the lines removed from FILE and the rule for each")
    p.add_argument("--strict", action="store_true", help="treat warnings as errors")

    p = sub.add_parser("convert", parents=[seeds], help="write the generated Markdown pages to a folder for inspection")
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--offline", action="store_true", help="the pages of the offline copy (`build --offline`)")

    p = sub.add_parser("build", parents=[seeds], help="convert and build the site with MkDocs")
    p.add_argument("--site-dir", type=Path, default=ROOT / "site")
    p.add_argument("--offline", action="store_true", help="self-contained copy that works from file:// (search included)")
    p.add_argument("--strict", action="store_true", help="fail on any warning")

    p = sub.add_parser("clean", parents=[options], help="print the cleaned article body of FILE")
    p.add_argument("file", type=Path)

    p = sub.add_parser("evaluate", parents=[seeds], help="precision, recall and F1 of the extraction against a gold file")
    p.add_argument("--gold", type=Path, required=True)

    p = sub.add_parser("add", parents=[seeds], help="download web pages into the seeds folder as NAME.html + NAME.yml")
    p.add_argument("urls", nargs="+", metavar="URL", help="an http(s) address of an HTML page")
    p.add_argument("--timeout", type=_seconds, default=None, metavar="SECONDS",
                   help="give up on a URL after this long, redirects included (default 30)")

    p = sub.add_parser("bench", parents=[options], help="benchmark conversion, the build against its floor, page sizes, search and the `mkdocs serve` edit loop on a synthetic corpus")
    p.add_argument("--sizes", default="100,1000")
    p.add_argument("--out", type=Path, default=ROOT / "bench-results")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--search-timing", action=argparse.BooleanOptionalAction, default=True,
                   help="time a search in headless Chromium (/usr/bin/chromium) and count the bytes it downloads (default: on)")
    p.add_argument("--repeat", type=int, default=1, help="conversion runs, and build runs alternating with the floor's; the fastest of each counts")

    args = parser.parse_args(argv)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    logging.basicConfig(level=logging.INFO if args.command == "build" else logging.WARNING,
                        format="%(levelname)-7s -  %(message)s")
    if not load_configuration(args):  # what the build would read: wrong values stop every command
        return 1
    try:
        with stop_signals.raising(), cores.parallel_threshold(args.settings.parallel_from):
            return COMMANDS[args.command](args)
    except KeyboardInterrupt as stop:
        return 128 + getattr(stop, "signum", signal.SIGINT)


def load_configuration(args) -> bool:
    """Load mkdocs.yml (mkdocs-offline.yml with --offline) with MkDocs' `load_config`, the
    command line's plugin options over the file's, and the data files they name. Sets
    `args.config` (MkDocs' configuration), `args.settings` (the plugin's options),
    `args.vocabulary` and `args.seeds`; False after printing why it cannot."""
    from mkdocs.exceptions import MkDocsException

    config_file = OFFLINE_CONFIG_FILE if getattr(args, "offline", False) else CONFIG_FILE
    options = dict(args.options)
    if getattr(args, "seeds", None) is not None:
        options["seeds_dir"] = str(args.seeds.resolve())  # the command line's path is from here, not mkdocs.yml
    try:
        source_date_epoch()
        args.config = load_project_config(config_file, options, strict=True if getattr(args, "strict", False) else None)
        args.settings = plugin_settings(args.config)
        args.vocabulary = configured_vocabulary(args.settings)
    except (SettingsError, VocabularyError) as error:
        print(one_line(str(error)), file=sys.stderr)
        return False
    except MkDocsException as error:  # MkDocs has logged each wrong value on its line
        print(one_line(f"{config_file}: {error}"), file=sys.stderr)
        return False
    except OSError as error:
        print(one_line(f"{config_file}: cannot be read: {error.strerror or error}"), file=sys.stderr)
        return False
    if getattr(args, "seeds", None) is None:
        args.seeds = Path(args.settings.seeds_dir)
    return True


def _report(corpus: Corpus, strict: bool = False) -> int:
    for name in corpus.ignored:
        print(one_line(f"{name}: notice: ignored"), file=sys.stderr)
    for problem in corpus.problems:
        print(problem, file=sys.stderr)
    failing = corpus.errors + (corpus.warnings if strict else [])
    return 1 if failing else 0


def cmd_check(args) -> int:
    corpus = pipeline.load(args.seeds, args.vocabulary, pipeline.options_for(args.config, args.settings))
    status = _report(corpus, args.strict)
    if args.explain:
        path = Path(args.explain) if Path(args.explain).is_file() else args.seeds / args.explain
        cleaned = _clean_file(path, args)
        if cleaned is None:
            return 1
        for removed in cleaned.removed:
            print(f"{path.name}:{removed.line}: {removed.rule}: {removed.text}")
    if status == 0:
        claims = sum(len(s.claims) for s in corpus.sources)
        print(f"ok: {len(corpus.sources)} sources, {claims} claims, {len(corpus.warnings)} warnings")
    return status


def cmd_convert(args) -> int:
    config = args.config
    refused = publish.overlap_refusal(args.out, args.seeds, Path(config.docs_dir), Path(config.config_file_path).parent,
                                      "convert")
    if refused:
        print(refused, file=sys.stderr)
        return 1
    # The options the build takes from the same configuration (mkdocs-offline.yml with
    # --offline): the pages written here are the ones it renders.
    result = pipeline.run(args.seeds, args.vocabulary, pipeline.options_for(args.config, args.settings))
    if _report(result.corpus):
        return 1
    site = result.site
    files = {**{path: site.complete_markdown(path).encode("utf-8") for path in site.pages}, **site.static}
    try:
        for path, content in files.items():
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
    from mkdocs.exceptions import MkDocsException

    site_dir = args.site_dir.resolve()
    config = args.config  # loaded and validated by main, with --seeds and --option in the plugin's options
    tmp = None
    swapped = False
    try:
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


def _clean_file(path: Path, args):
    """Decode and clean one file as its conversion does, printing any problem; None when it
    cannot be read. It is read as a seed is: a regular file, never a FIFO or device, within
    the size limit."""
    from build_scripts.extract.corpus import clean_seed
    from build_scripts.extract.read import decode_seed, read_regular_file

    if not path.exists() and not path.is_symlink():
        print(one_line(f"{path}: no such file"), file=sys.stderr)
        return None
    data, problem = read_regular_file(path, path.absolute().parent, max_seed_bytes(args.settings))
    if problem is not None:
        print(problem, file=sys.stderr)
        return None
    seed, problems = decode_seed(path.name, data)
    if seed is not None:
        cleaned, more = clean_seed(seed, args.vocabulary)
        problems += more
    for problem in problems:
        print(problem, file=sys.stderr)
    return None if seed is None else cleaned


def cmd_clean(args) -> int:
    cleaned = _clean_file(args.file, args)
    if cleaned is None:
        return 1
    sys.stdout.write(cleaned.body + "\n")
    return 0


def cmd_evaluate(args) -> int:
    from build_scripts.tools.evaluate import GoldError, evaluate, format_report, load_gold

    try:
        gold = load_gold(args.gold)
    except GoldError as error:
        print(Problem(str(args.gold), error.message, error.line), file=sys.stderr)
        return 1
    except (OSError, ValueError) as error:  # unreadable, or not UTF-8
        print(one_line(f"{args.gold}: {getattr(error, 'strerror', None) or error}"), file=sys.stderr)
        return 1
    print(format_report(evaluate(gold, args.seeds, args.vocabulary, pipeline.options_for(args.config, args.settings))))
    return 0


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not 0 < value <= 3600:
        raise argparse.ArgumentTypeError(f"expected seconds above 0 and at most 3600, got {text!r}")
    return value


def cmd_add(args) -> int:
    from build_scripts.commands.add import DEFAULT_TIMEOUT, add

    return add(args.urls, args.seeds, timeout=args.timeout or DEFAULT_TIMEOUT, max_bytes=max_seed_bytes(args.settings),
               out=print, err=lambda line: print(line, file=sys.stderr))


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
    "add": cmd_add,
}
