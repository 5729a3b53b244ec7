"""The site builds the same with ProperDocs as with MkDocs.

MkDocs 1.6.1 is the last 1.x release; ProperDocs (pinned in requirements-dev.txt) is its
maintained fork with the same plugin API. Run as `properdocs`, it makes every `mkdocs.*`
import resolve to its own modules, so Material and claimline (found through its `mkdocs.plugins`
entry point) run on it unchanged, their classes built on ProperDocs' own. Both engines
build the project's own configurations here, in separate processes, and must write the same
files with the same bytes: the only difference allowed is the `<meta name="generator">` tag,
where Material prints the engine's version.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest
import yaml

from conftest import EPOCH, ROOT

ENGINES = ("mkdocs", "properdocs")
GENERATOR = re.compile(rb'<meta name="generator" content="([^"]*)">')
ARTICLE = '"We will publish every audit report in full," said Ada Lind, chief executive of Corvo.\n'

# (configuration, claimline options over its own, a file only that variant writes)
VARIANTS = {
    "material-search": ("mkdocs.yml", {}, "search/search_index.json"),
    "pagefind": ("mkdocs.yml", {"pagefind_from": 1}, "pagefind/pagefind.js"),
    "offline": ("mkdocs-offline.yml", {}, "search/search_index.js"),
}


def engine_build(engine: str, config: Path, site_dir: Path, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """`ENGINE build --strict` in its own process, as a maintainer would run it."""
    if importlib.util.find_spec(engine) is None:
        pytest.fail(f"{engine} is not installed: run python3 build_scripts/tools/bootstrap.py test")
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", engine, "build", "--strict", "-f", str(config), "-d", str(site_dir)],
                          cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


def with_plugin_options(config: Path, options: dict, folder: Path) -> Path:
    """A configuration in FOLDER that inherits CONFIG and sets claimline OPTIONS (its plugins
    are `search` and `claimline`: not for mkdocs-offline.yml)."""
    path = folder / "mkdocs.yml"
    path.write_text(yaml.safe_dump({
        "INHERIT": str(config), "docs_dir": str(ROOT / "docs"), "theme": {"custom_dir": str(ROOT / "overrides")},
        "plugins": ["search", {"claimline": {"seeds_dir": str(ROOT / "seeds"), **options}}]}), encoding="utf-8")
    return path


def error_lines(result: subprocess.CompletedProcess) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith(("ERROR", "WARNING", "Error", "Aborted"))]


def tree(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def without_generator(content: bytes) -> bytes:
    return GENERATOR.sub(b'<meta name="generator" content="">', content)


@pytest.fixture(scope="module", params=sorted(VARIANTS))
def builds(request, tmp_path_factory) -> tuple[str, dict[str, subprocess.CompletedProcess], dict[str, dict[str, bytes]]]:
    """The shipped seeds built by each engine from the same configuration."""
    config, options, _ = VARIANTS[request.param]
    out = tmp_path_factory.mktemp(f"engines-{request.param}")
    path = with_plugin_options(ROOT / config, options, out) if options else ROOT / config
    results = {engine: engine_build(engine, path, out / engine) for engine in ENGINES}
    for engine, result in results.items():
        assert result.returncode == 0, f"{engine} build --strict failed:\n{result.stderr}"
    return request.param, results, {engine: tree(out / engine) for engine in ENGINES}


def test_both_engines_build_without_a_warning_and_run_claimline(builds):
    _, results, _ = builds
    for engine, result in results.items():
        assert "WARNING" not in result.stderr, f"{engine}:\n{result.stderr}"
        assert "Traceback" not in result.stderr, f"{engine}:\n{result.stderr}"
        assert "claimline: 5 sources, 43 claims" in result.stderr, f"{engine}:\n{result.stderr}"


def test_both_engines_write_the_same_files(builds):
    variant, _, trees = builds
    mkdocs_files, properdocs_files = (set(trees[engine]) for engine in ENGINES)
    assert mkdocs_files == properdocs_files, (
        f"only from mkdocs: {sorted(mkdocs_files - properdocs_files)}; "
        f"only from properdocs: {sorted(properdocs_files - mkdocs_files)}")
    sources = {name for name in mkdocs_files if name.startswith("sources/") and name.endswith("/original.txt")}
    assert len(sources) == 5  # one page and one original per shipped seed
    for name in ("data/claims.json", "data/claims.csv", "data/sources.json", "feed.xml", "sitemap.xml",
                 VARIANTS[variant][2]):
        assert name in mkdocs_files, name
    assert len(json.loads(trees["properdocs"]["data/claims.json"])) == 43


def test_both_engines_write_the_same_bytes_but_the_generator_tag(builds):
    _, _, trees = builds
    differing = [name for name, content in trees["mkdocs"].items()
                 if without_generator(content) != without_generator(trees["properdocs"].get(name, b""))]
    assert differing == []


def test_each_page_names_the_engine_that_built_it(builds):
    """Material prints the engine's version in the generator tag: proof the second site is
    ProperDocs' own work, not MkDocs' run under another name."""
    _, _, trees = builds
    material = version("mkdocs-material")
    expected = {"mkdocs": f"mkdocs-{version('mkdocs')}, mkdocs-material-{material}",
                "properdocs": f"mkdocs-ProperDocs {version('properdocs')}, mkdocs-material-{material}"}
    for engine, files in trees.items():
        pages = [content for name, content in files.items() if name.endswith(".html")]
        assert pages
        generators = {match.decode() for page in pages for match in GENERATOR.findall(page)}
        assert generators == {expected[engine]}, engine


def test_search_is_materials_under_both_engines(builds):
    """`plugins: [search]` with the Material theme is Material's own search plugin under both
    engines (its index declares a `tags` field; the engines' built-in search has no fields)."""
    variant, _, trees = builds
    if variant == "pagefind":
        pytest.skip("Pagefind answers; Material's index is left empty on purpose")
    for engine, files in trees.items():
        index = json.loads(files["search/search_index.json"])
        assert "tags" in index["config"]["fields"], engine
        assert len(index["docs"]) > 5, engine


def both_refuse(config: Path, folder: Path) -> dict[str, list[str]]:
    """Each engine's error lines for a build that must stop before writing anything."""
    errors = {}
    for engine in ENGINES:
        result = engine_build(engine, config, folder / engine, cwd=folder)
        assert result.returncode == 1, f"{engine}:\n{result.stderr}"
        assert "Traceback" not in result.stderr, f"{engine}:\n{result.stderr}"
        assert not (folder / engine).exists()
        errors[engine] = error_lines(result)
    return errors


def test_bad_curated_file_is_the_same_one_line_error_under_both_engines(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text("Corvo audits\n\n" + ARTICLE, encoding="utf-8")
    (seeds / "a.yml").write_text("title: Corvo audits\ncolour: blue\n", encoding="utf-8")
    errors = both_refuse(with_plugin_options(ROOT / "mkdocs.yml", {"seeds_dir": str(seeds)}, tmp_path), tmp_path)
    assert errors["mkdocs"] == errors["properdocs"]
    assert any("a.yml:2: unknown key 'colour'" in line for line in errors["properdocs"]), errors


@pytest.mark.parametrize("options,message", [
    ({"pagefind_from": "lots"}, "Plugin 'claimline' option 'pagefind_from': expected a whole number from 1 to "
                                "1000000000000, got 'lots'"),
    ({"pagefnd_from": 10}, "Plugin 'claimline' option 'pagefnd_from': Unrecognised configuration name: pagefnd_from"),
])
def test_plugin_options_are_checked_the_same_by_both_engines(tmp_path, options, message):
    """ProperDocs finds claimline through its `mkdocs.plugins` entry point and validates its
    options with the same schema: a wrong value is an error, an unknown one stops --strict."""
    errors = both_refuse(with_plugin_options(ROOT / "mkdocs.yml", options, tmp_path), tmp_path)
    assert errors["mkdocs"] == errors["properdocs"]
    assert any(message in line for line in errors["properdocs"]), errors
