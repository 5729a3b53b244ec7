"""Every value read from mkdocs.yml or the environment is validated: one line naming it."""

from __future__ import annotations

import subprocess
import sys

import pytest
import yaml

from conftest import ROOT, run_cli

ARTICLE = '"We will publish every audit report in full," said Ada Lind, chief executive of Corvo.\n'


def project_config(tmp_path, extra: dict) -> str:
    """A copy of the project's mkdocs.yml with absolute paths, plus `extra` values."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text())
    config["docs_dir"] = str(ROOT / "docs")
    config["theme"]["custom_dir"] = str(ROOT / "overrides")
    config["hooks"] = [str(ROOT / "build_scripts" / "plugin" / "__init__.py")]
    config["extra"].update(extra)
    path = tmp_path / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config))
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text("Corvo audits\n\n" + ARTICLE)
    return str(path)


def mkdocs_build(config: str, tmp_path, env: dict | None = None) -> subprocess.CompletedProcess:
    import os

    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    full_env.pop("CLAIMLINE_SEEDS", None)
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", config, "-d", str(tmp_path / "out")],
                          capture_output=True, text=True, env=full_env, cwd=tmp_path)


def error_lines(result: subprocess.CompletedProcess) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip() and "MkDocs 2.0" not in line]


@pytest.mark.parametrize("extra,message", [
    ({"claimline_pagefind_from": "lots"}, "'extra.claimline_pagefind_from': expected a whole number from 1 to 1000000000000, got 'lots'"),
    ({"claimline_pagefind_from": True}, "'extra.claimline_pagefind_from': expected a whole number"),
    ({"claimline_pagefind_from": 0}, "'extra.claimline_pagefind_from': expected a whole number from 1 to 1000000000000, got 0"),
    ({"claimline_max_seed_mb": -3}, "'extra.claimline_max_seed_mb': expected a number above 0"),
    ({"claimline_pagefnd_from": 10}, "unknown setting 'extra.claimline_pagefnd_from'"),
])
def test_wrong_mkdocs_settings_stop_mkdocs_build_in_one_line(tmp_path, extra, message):
    result = mkdocs_build(project_config(tmp_path, extra), tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert any(message in line for line in error_lines(result)), result.stderr
    assert not (tmp_path / "out").exists()


def test_valid_mkdocs_settings_are_used(tmp_path):
    """A threshold of 1 from mkdocs.yml switches search to Pagefind: the value is read, not ignored."""
    result = mkdocs_build(project_config(tmp_path, {"claimline_pagefind_from": 1}), tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "pagefind" / "pagefind.js").is_file()


@pytest.mark.parametrize("variable,value,message", [
    ("CLAIMLINE_PAGEFIND_FROM", "lots", "environment variable CLAIMLINE_PAGEFIND_FROM: expected a whole number from 1 to 1000000000000, got 'lots'"),
    ("CLAIMLINE_PARALLEL_FROM", "1.5", "environment variable CLAIMLINE_PARALLEL_FROM: expected a whole number from 2 to 1000000000000, got 1.5"),
    ("CLAIMLINE_MAX_SEED_MB", "nan", "environment variable CLAIMLINE_MAX_SEED_MB: expected a number above 0"),
    ("SOURCE_DATE_EPOCH", "yesterday", "environment variable SOURCE_DATE_EPOCH: expected a whole number from 0 to 253402300799, got 'yesterday'"),
    ("SOURCE_DATE_EPOCH", "99999999999999", "environment variable SOURCE_DATE_EPOCH: expected a whole number from 0 to 253402300799"),
])
@pytest.mark.parametrize("command", ["build", "check", "convert"])
def test_wrong_environment_is_one_line_for_every_command(tmp_path, variable, value, message, command):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text("Corvo audits\n\n" + ARTICLE)
    args = ["--seeds", str(seeds)] + {"build": ["--site-dir", str(tmp_path / "site")],
                                       "convert": ["--out", str(tmp_path / "site")]}.get(command, [])
    result = run_cli(command, *args, env={variable: value})
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert any(message in line for line in error_lines(result)), result.stderr
    assert not (tmp_path / "site").exists()


def test_seed_size_limit_comes_from_mkdocs_yml(tmp_path):
    config = project_config(tmp_path, {"claimline_max_seed_mb": 0.001})
    (tmp_path / "seeds" / "long.txt").write_text("Corvo audits at length\n\n" + ARTICLE * 40)
    result = mkdocs_build(config, tmp_path)
    assert result.returncode == 1
    assert "long.txt: 3,504 bytes is over the 1,000 bytes seed size limit" in result.stderr
    assert "Traceback" not in result.stderr


def test_seed_size_limit_from_the_environment(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "long.txt").write_text("Corvo audits at length\n\n" + ARTICLE * 40)
    result = run_cli("build", "--seeds", str(seeds), "--site-dir", str(tmp_path / "site"), env={"CLAIMLINE_MAX_SEED_MB": "0.001"})
    assert result.returncode == 1
    assert "long.txt: 3,504 bytes is over the 1,000 bytes seed size limit" in result.stderr
    result = run_cli("build", "--seeds", str(seeds), "--site-dir", str(tmp_path / "site"), env={"CLAIMLINE_MAX_SEED_MB": "1"})
    assert result.returncode == 0, result.stderr
