"""MkDocs hook: converts `seeds/` into pages during `mkdocs build` and `mkdocs serve`.

Registered in mkdocs.yml under `hooks:`. Conversion runs in `on_pre_build`, before
MkDocs cleans `site/`, so a bad seed stops the build with the old site untouched.
Generated pages exist only in memory (`File.generated`); `docs/` keeps hand-written
pages. Messages go through MkDocs' logger, so `--strict` fails on any warning.
"""

from __future__ import annotations

import html
import os
import re
import sys
from pathlib import Path

_ROOT = Path(__file__).resolve().parents[2]
if str(_ROOT) not in sys.path:  # MkDocs loads hooks by path, not as a package
    sys.path.insert(0, str(_ROOT))

from mkdocs.exceptions import ConfigurationError, PluginError  # noqa: E402
from mkdocs.plugins import get_plugin_logger  # noqa: E402
from mkdocs.structure.files import File, Files  # noqa: E402

from build_scripts.render import head  # noqa: E402
from build_scripts.extract import corpus as convert  # noqa: E402
from build_scripts import pipeline  # noqa: E402
from build_scripts.extract.read import list_seeds  # noqa: E402
from build_scripts.render.pagefind import run_pagefind  # noqa: E402
from build_scripts.config.settings import SettingsError, load_settings, max_seed_bytes, seeds_folder  # noqa: E402
from build_scripts.render.markup import inert_front_matter  # noqa: E402
from build_scripts.model import one_line  # noqa: E402
from build_scripts.render.indexes import render_home_block, render_topic_table  # noqa: E402
from build_scripts.render.site import put_back_after_markdown  # noqa: E402

log = get_plugin_logger("claimline")

PAGEFIND_SCRIPT = "assets/claimline-pagefind.js"
SEARCH_STUB = "assets/claimline-search-stub.js"
MATERIAL_WORKER = re.compile(r'("search":\s*")([^"]*?)assets/javascripts/workers/search\.[0-9a-f]+\.min\.js"')
HOME_MARKER = "<!-- claimline:home -->"
TOPICS_MARKER = "<!-- claimline:topics -->"
_state: dict = {}


def seeds_dir(config) -> Path:
    """`CLAIMLINE_SEEDS` when set (the CLI's --seeds), else `seeds/` beside mkdocs.yml."""
    return seeds_folder(_state["settings"], config.config_file_path)


def on_config(config):
    """Validate every setting, then choose the search engine before anything is built:
    Material's single index for small corpora, Pagefind's chunked index from the threshold on."""
    try:
        _state["settings"] = settings = load_settings(config.extra, os.environ)
    except SettingsError as error:
        raise ConfigurationError(str(error)) from None
    folder = seeds_dir(config)
    count = len(list_seeds(folder).seeds) if folder.is_dir() else 0
    offline = "offline" in config.plugins or "material/offline" in config.plugins
    threshold = settings.pagefind_from
    _state["pagefind"] = count >= threshold and not offline
    if _state["pagefind"]:
        config.extra_javascript.append(PAGEFIND_SCRIPT)
        log.info(f"{count} seeds: search uses Pagefind (threshold {threshold})")
    return config


def on_pre_build(config) -> None:
    folder = seeds_dir(config)
    options = pipeline.Options(use_directory_urls=config.use_directory_urls,
                               max_seed_bytes=max_seed_bytes(_state["settings"]))
    result = pipeline.run(folder, options=options)
    corpus = result.corpus
    done, cached = convert.STATS["converted"], convert.STATS["cached"]
    log.info(f"converted {done} seed{'s' if done != 1 else ''}, {cached} unchanged (cached)")
    for name in corpus.ignored:
        log.info(one_line(f"ignored {name}"))
    for problem in corpus.warnings:
        log.warning(str(problem))
    if corpus.errors:
        for problem in corpus.errors:
            log.error(str(problem))
        raise PluginError(f"{len(corpus.errors)} problem(s) in {folder}: fix them, or run "
                          "`python -m build_scripts check` to list them")
    links, site = result.links, result.site
    _state.update(corpus=corpus, catalogue=site.catalogue, pages=site.pages, static=site.static,
                  after_markdown=site.after_markdown, links=links, by_path=site.catalogue.by_path,
                  warnings=len(corpus.warnings))


def on_files(files: Files, config) -> Files:
    for path, markdown in sorted(_state["pages"].items()):
        files.append(File.generated(config, path, content=markdown))
    for path, content in sorted(_state["static"].items()):
        files.append(File.generated(config, path, content=content))
    return files


def on_page_markdown(markdown: str, page, config, files) -> str:
    """Fill the hand-written pages' markers; make seed-derived titles inert."""
    links = _state["links"]
    if HOME_MARKER in markdown:
        markdown = markdown.replace(HOME_MARKER, render_home_block(_state["catalogue"], links, page.file.src_uri))
    if TOPICS_MARKER in markdown:
        markdown = markdown.replace(TOPICS_MARKER, render_topic_table(_state["corpus"].topics))
    if page.file.src_uri in _state["pages"]:
        # Generated pages' front matter comes from seeds: escaped once here, where it enters
        # MkDocs, it is text in the <title>, header, meta tags, nav and Material's search index.
        page.meta = inert_front_matter(page.meta)
        page.title = page.meta.get("title", "")
    if _state.get("pagefind"):
        page.meta["search"] = {"exclude": True}  # Pagefind answers; keep Material's index empty
    return markdown


ANCHOR_ID = re.compile(r'\sid="([^"]+)"')


def on_page_content(html_text: str, page, config, files) -> str:
    """Generated pages' finished HTML goes in after Markdown: having Python-Markdown and
    MkDocs' anchor scan parse it on every page was two fifths of the build. The ids it
    carries are handed to MkDocs, so links to them from hand-written pages are still checked."""
    blocks = _state["after_markdown"].get(page.file.src_uri)
    if not blocks:
        return html_text
    if page.present_anchor_ids is not None:
        page.present_anchor_ids.update(html.unescape(i) for block in blocks for i in ANCHOR_ID.findall(block))
    return put_back_after_markdown(html_text, blocks)


def on_post_page(output: str, page, config) -> str:
    source = _state["by_path"].get(page.file.src_uri)
    if _state.get("pagefind"):  # Pagefind answers: spare every page Material's search worker
        output = MATERIAL_WORKER.sub(lambda m: f'{m.group(1)}{m.group(2)}{SEARCH_STUB}"', output, count=1)
    return head.inject(output, page, config, source, _state.get("links"))


def on_serve(server, config, builder):
    server.watch(str(seeds_dir(config)))
    return server


def on_post_build(config) -> None:
    if _state.get("pagefind"):
        run_pagefind(Path(config.site_dir))
    corpus = _state["corpus"]
    claims = sum(len(s.claims) for s in corpus.sources)
    log.info(
        f"{len(corpus.sources)} sources, {claims} claims, {len(_state['catalogue'].speakers)} speakers, "
        f"{_state['warnings']} warnings"
    )
