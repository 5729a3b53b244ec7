"""The claimline plugin's options: found through the project's entry point, declared with
MkDocs' config options and validated by MkDocs (one line naming the option), given by the
CLI through MkDocs' configuration. The environment configures nothing but SOURCE_DATE_EPOCH."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from importlib.metadata import entry_points

import pytest
import yaml

from build_scripts import cores
from build_scripts.config.vocabulary import DATA_DIR
from conftest import EPOCH, ROOT, run_cli

ARTICLE = '"We will publish every audit report in full," said Ada Lind, chief executive of Corvo.\n'
LONG = "Corvo audits at length\n\n" + ARTICLE * 40  # 3,504 bytes


def project_config(folder, plugin: str | dict = "claimline", seeds: str = "seeds") -> str:
    """The project's mkdocs.yml in `folder` (its own folders given as absolute paths) with
    `plugin` as the claimline entry, and a one-seed folder `seeds` beside it."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text())
    config["docs_dir"] = str(ROOT / "docs")
    config["theme"]["custom_dir"] = str(ROOT / "overrides")
    config["plugins"] = ["search", plugin]
    path = folder / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config))
    (folder / seeds).mkdir(exist_ok=True)
    (folder / seeds / "a.txt").write_text("Corvo audits\n\n" + ARTICLE)
    return str(path)


def mkdocs_build(config: str, tmp_path, *extra: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """Plain `mkdocs build`, as a maintainer runs it: no CLI, no hooks, no environment."""
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": EPOCH, **(env or {})}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", config, "-d", str(tmp_path / "out"),
                           *extra], capture_output=True, text=True, env=full_env, cwd=tmp_path)


def lines_naming(result: subprocess.CompletedProcess, text: str) -> list[str]:
    return [line for line in result.stderr.splitlines() if text in line]


def test_the_plugin_is_found_through_its_entry_point(tmp_path):
    """`plugins: [search, claimline]` and nothing else: the installed project's entry point
    names the plugin class; no hook, no path."""
    (plugin,) = [e for e in entry_points(group="mkdocs.plugins") if e.name == "claimline"]
    assert plugin.value == "build_scripts.plugin:ClaimlinePlugin"
    config = project_config(tmp_path)
    assert "hooks" not in yaml.safe_load(open(config)) and "claimline" in yaml.safe_load(open(config))["plugins"]
    result = mkdocs_build(config, tmp_path, "--strict")
    assert result.returncode == 0, result.stderr
    assert "Corvo audits" in (tmp_path / "out" / "sources" / "corvo-audits" / "index.html").read_text()


INVALID = [
    ({"pagefind_from": "lots"}, "option 'pagefind_from': expected a whole number from 1 to 1000000000000, got 'lots'"),
    ({"pagefind_from": True}, "option 'pagefind_from': expected a whole number from 1 to 1000000000000, got True"),
    ({"pagefind_from": 0}, "option 'pagefind_from': expected a whole number from 1 to 1000000000000, got 0"),
    ({"max_seed_mb": -3}, "option 'max_seed_mb': expected a number above 0 (megabytes), got -3"),
    ({"max_seed_mb": "nan"}, "option 'max_seed_mb': expected a number above 0 (megabytes), got 'nan'"),
    ({"parallel_from": 1.5}, "option 'parallel_from': expected a whole number from 2 to 1000000000000, got 1.5"),
    ({"seeds_dir": 5}, "option 'seeds_dir': Expected type: <class 'str'> but received: <class 'int'>"),
    ({"data_dir": "no-such-folder"}, "option 'data_dir': The path '{folder}/no-such-folder' isn't an existing directory."),
    ({"language": ["en"]}, "option 'language': Expected type: <class 'str'> but received: <class 'list'>"),
]


@pytest.mark.parametrize("options,message", INVALID)
def test_an_invalid_option_stops_mkdocs_build_with_mkdocs_own_line(tmp_path, options, message):
    result = mkdocs_build(project_config(tmp_path, {"claimline": options}), tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert lines_naming(result, "Plugin 'claimline'") == [
        f"ERROR   -  Config value 'plugins': Plugin 'claimline' {message.format(folder=tmp_path)}"], result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("command", ["build", "check", "convert"])
@pytest.mark.parametrize("options,message", [INVALID[0], INVALID[3], INVALID[5]])
def test_an_invalid_option_from_the_command_line_is_the_same_line(tmp_path, command, options, message):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text("Corvo audits\n\n" + ARTICLE)
    given = [f"{name}={value}" for name, value in options.items()]
    result = run_cli(command, "--seeds", str(tmp_path / "seeds"), "--option", *given,
                     *{"build": ["--site-dir", str(tmp_path / "site")], "convert": ["--out", str(tmp_path / "site")]}.get(command, []))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [f"ERROR   -  Config value 'plugins': Plugin 'claimline' {message}",
                                          f"{ROOT / 'mkdocs.yml'}: Aborted with a configuration error!"]
    assert not (tmp_path / "site").exists()


def test_an_unknown_option_is_a_warning_and_an_error_under_strict(tmp_path):
    config = project_config(tmp_path, {"claimline": {"pagefnd_from": 10}})
    warning = "Config value 'plugins': Plugin 'claimline' option 'pagefnd_from': Unrecognised configuration name: pagefnd_from"
    result = mkdocs_build(config, tmp_path)
    assert result.returncode == 0, result.stderr
    assert lines_naming(result, "Plugin 'claimline'") == [f"WARNING -  {warning}"]
    shutil.rmtree(tmp_path / "out")
    result = mkdocs_build(config, tmp_path, "--strict")
    assert result.returncode == 1
    assert lines_naming(result, "Plugin 'claimline'") == [f"WARNING -  {warning}"]
    assert "Aborted with 1 configuration warnings in 'strict' mode!" in result.stdout  # MkDocs' Abort echoes it
    assert not (tmp_path / "out").exists()
    cli = run_cli("check", "--seeds", str(tmp_path / "seeds"), "--option", "pagefnd_from=10", "--strict")
    assert cli.returncode == 1 and f"WARNING -  {warning}" in cli.stderr.splitlines()


def test_options_are_read_and_paths_are_relative_to_mkdocs_yml(tmp_path):
    """A threshold of 1 switches search to Pagefind (the value is used, not ignored), and the
    seeds folder is found beside mkdocs.yml, whatever the working folder."""
    project = tmp_path / "project"
    project.mkdir()
    config = project_config(project, {"claimline": {"seeds_dir": "corpus", "pagefind_from": 1}}, seeds="corpus")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", config, "-d", str(tmp_path / "out")],
                            capture_output=True, text=True, cwd=ROOT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "pagefind" / "pagefind.js").is_file()
    assert (tmp_path / "out" / "sources" / "corvo-audits" / "index.html").is_file()


def test_the_environment_is_no_longer_configuration(tmp_path):
    """The variables that once configured a build in secret change nothing now."""
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text(LONG)
    hidden = {"CLAIMLINE_SEEDS": str(tmp_path / "elsewhere"), "CLAIMLINE_PAGEFIND_FROM": "1",
              "CLAIMLINE_MAX_SEED_MB": "0.001", "CLAIMLINE_PARALLEL_FROM": "lots"}
    result = run_cli("build", "--seeds", str(tmp_path / "seeds"), "--site-dir", str(tmp_path / "site"), env=hidden)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / "sources" / "corvo-audits-at-length" / "index.html").is_file()
    assert not (tmp_path / "site" / "pagefind").exists()


@pytest.mark.parametrize("value,message", [
    ("yesterday", "environment variable SOURCE_DATE_EPOCH: expected a whole number from 0 to 253402300799, got 'yesterday'"),
    ("99999999999999", "environment variable SOURCE_DATE_EPOCH: expected a whole number from 0 to 253402300799, got 99999999999999"),
    ("１７００", "environment variable SOURCE_DATE_EPOCH: expected a whole number from 0 to 253402300799, got '１７００'"),
])
@pytest.mark.parametrize("command", ["build", "check", "convert"])
def test_a_wrong_source_date_epoch_is_one_line_for_every_command(tmp_path, value, message, command):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text("Corvo audits\n\n" + ARTICLE)
    args = ["--seeds", str(seeds)] + {"build": ["--site-dir", str(tmp_path / "site")],
                                       "convert": ["--out", str(tmp_path / "site")]}.get(command, [])
    result = run_cli(command, *args, env={"SOURCE_DATE_EPOCH": value})
    assert result.returncode == 1, result.stderr
    assert result.stderr.splitlines() == [message]
    assert not (tmp_path / "site").exists()


def test_a_wrong_source_date_epoch_stops_mkdocs_build(tmp_path):
    result = mkdocs_build(project_config(tmp_path), tmp_path, env={"SOURCE_DATE_EPOCH": "yesterday"})
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert lines_naming(result, "SOURCE_DATE_EPOCH") == [
        "Error: environment variable SOURCE_DATE_EPOCH: expected a whole number from 0 to 253402300799, got 'yesterday'"]


def test_seed_size_limit_comes_from_mkdocs_yml(tmp_path):
    config = project_config(tmp_path, {"claimline": {"max_seed_mb": 0.001}})
    (tmp_path / "seeds" / "long.txt").write_text(LONG)
    result = mkdocs_build(config, tmp_path)
    assert result.returncode == 1
    assert "long.txt: 3,504 bytes is over the 1,000 bytes seed size limit" in result.stderr
    assert "Traceback" not in result.stderr


def test_seed_size_limit_from_the_command_line(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "long.txt").write_text(LONG)
    site = ["--site-dir", str(tmp_path / "site")]
    result = run_cli("build", "--seeds", str(seeds), *site, "--option", "max_seed_mb=0.001")
    assert result.returncode == 1
    assert "long.txt: 3,504 bytes is over the 1,000 bytes seed size limit" in result.stderr
    result = run_cli("build", "--seeds", str(seeds), *site, "-o", "max_seed_mb=1")
    assert result.returncode == 0, result.stderr


def test_a_maintainers_data_folder_is_used(tmp_path):
    """`data_dir` replaces the shipped word lists and rules: a topic renamed there is the
    name on the site, from `mkdocs build` and from `convert` alike."""
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    topics = data / "topics.yml"
    assert "title: No backdoors\n" in topics.read_text()
    topics.write_text(topics.read_text().replace("title: No backdoors\n", "title: Secret doors\n"))
    result = mkdocs_build(project_config(tmp_path, {"claimline": {"data_dir": "data"}}), tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Secret doors" in (tmp_path / "out" / "topics" / "index.html").read_text()
    result = run_cli("convert", "--seeds", str(tmp_path / "seeds"), "--out", str(tmp_path / "md"),
                     "--option", f"data_dir={data}")
    assert result.returncode == 0, result.stderr
    assert "Secret doors" in (tmp_path / "md" / "topics" / "index.md").read_text()
    result = run_cli("convert", "--seeds", str(tmp_path / "seeds"), "--out", str(tmp_path / "md2"))
    assert "Secret doors" not in (tmp_path / "md2" / "topics" / "index.md").read_text()


def test_an_unknown_language_is_one_line(tmp_path):
    message = "language 'xx': no file languages/xx.yml (available: en)"
    result = mkdocs_build(project_config(tmp_path, {"claimline": {"language": "xx"}}), tmp_path)
    assert result.returncode == 1
    assert lines_naming(result, "language 'xx'") == [f"Error: {message}"], result.stderr
    result = run_cli("check", "--seeds", str(tmp_path / "seeds"), "--option", "language=xx")
    assert (result.returncode, result.stderr.splitlines()) == (1, [message])


def test_a_bad_data_file_in_the_data_folder_is_one_line(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    topics = data / "topics.yml"
    lines = topics.read_text().splitlines(keepends=True)
    number = next(n for n, line in enumerate(lines, 1) if "'back ?doors?'" in line)
    lines[number - 1] = lines[number - 1].replace("'back ?doors?'", "'back (doors?'")
    topics.write_text("".join(lines))
    result = run_cli("check", "--seeds", str(tmp_path / "seeds"), "--option", f"data_dir={data}")
    assert result.returncode == 1
    assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith(f"{topics}:{number}: "), result.stderr
    result = mkdocs_build(project_config(tmp_path, {"claimline": {"data_dir": "data"}}), tmp_path)
    assert result.returncode == 1
    (line,) = lines_naming(result, str(topics))
    assert line.startswith(f"Error: {topics}:{number}: "), result.stderr


def test_the_parallel_threshold_is_the_runs_option():
    assert cores.parallel_from() == cores.PARALLEL_FROM
    with cores.parallel_threshold(7):
        assert cores.parallel_from() == 7
        with cores.parallel_threshold(2):
            assert cores.parallel_from() == 2
        assert cores.parallel_from() == 7
    assert cores.parallel_from() == cores.PARALLEL_FROM
