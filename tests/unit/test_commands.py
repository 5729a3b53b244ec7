"""commands/: the maintainer's CLI, run in this process on a seeds folder written here."""

from __future__ import annotations

import argparse
import logging

import pytest

from build_scripts.commands import main, plugin_option

SEED = ("Acme pledges open audits\nBy Jane Porter\nPublished: 5 March 2019\n\n"
        '"We will never build a backdoor into our products," said Jan Novak, chief executive of Acme.\n')


@pytest.fixture
def seeds(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    folder = tmp_path / "seeds"
    folder.mkdir()
    (folder / "a.txt").write_text(SEED)
    return folder


def run(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_options_are_read_as_yaml_reads_them_in_mkdocs_yml():
    assert [plugin_option(t) for t in ("pagefind_from=1", " language = en ", "max_seed_mb=0.5", "data_dir=",
                                       "x=[unclosed")] == [
        ("pagefind_from", 1), ("language", "en"), ("max_seed_mb", 0.5), ("data_dir", None), ("x", "[unclosed")]
    for text in ("pagefind_from", "=1"):
        with pytest.raises(argparse.ArgumentTypeError, match="expected NAME=VALUE"):
            plugin_option(text)


def test_check_counts_sources_and_claims(seeds, capsys):
    assert run(capsys, "check", "--seeds", str(seeds)) == (0, "ok: 1 sources, 1 claims, 0 warnings\n", "")


def test_check_lists_every_problem_one_line_each(seeds, capsys):
    (seeds / "b.txt").write_bytes(b"\x89PNG\r\n")
    (seeds / "b.yml").write_text("title: B\n")
    (seeds / "c.yml").write_text("title: C\n")
    (seeds / "notes.md").write_text("x")
    assert run(capsys, "check", "--seeds", str(seeds)) == (1, "", (
        "notes.md (not a .txt seed or .yml metadata file): notice: ignored\n"
        "c.yml: curated metadata with no matching seed (c.txt)\n"
        "b.txt: binary file (a PNG image), not a text document\n"))


def test_check_explain_lists_the_removed_lines_and_their_rules(seeds, capsys):
    status, out, _ = run(capsys, "check", "--seeds", str(seeds), "--explain", "a.txt")
    assert status == 0
    assert out.split("\n")[:3] == ["a.txt:1: title: Acme pledges open audits", "a.txt:2: byline: By Jane Porter",
                                   "a.txt:3: byline-date: Published: 5 March 2019"]


def test_a_missing_seeds_folder_is_one_line(seeds, capsys):
    assert run(capsys, "check", "--seeds", str(seeds / "nope")) == (1, "", f"{seeds / 'nope'}: seeds folder does not exist\n")


def test_a_wrong_option_is_mkdocs_own_configuration_error(seeds, capsys, caplog):
    caplog.set_level(logging.ERROR)
    status, out, err = run(capsys, "check", "--seeds", str(seeds), "-o", "pagefind_from=lots")
    assert (status, out) == (1, "")
    assert err.endswith("mkdocs.yml: Aborted with a configuration error!\n") and err.count("\n") == 1
    assert "expected a whole number from 1 to 1000000000000, got 'lots'" in caplog.text


def test_clean_prints_the_article_body(seeds, capsys):
    assert run(capsys, "clean", str(seeds / "a.txt")) == (
        0, '"We will never build a backdoor into our products," said Jan Novak, chief executive of Acme.\n', "")


def test_convert_writes_the_pages_build_renders(seeds, tmp_path, capsys):
    out = tmp_path / "out"
    status, printed, err = run(capsys, "convert", "--seeds", str(seeds), "--out", str(out))
    assert (status, err) == (0, "")
    assert printed == f"wrote 14 pages and 17 files to {out}\n"
    page = (out / "sources" / "acme-pledges-open-audits.md").read_text()
    assert page.startswith("---\nauthor: Jane Porter\n") and "claimline:after-markdown" not in page
    assert (out / "sources" / "acme-pledges-open-audits" / "original.txt").read_text() == SEED


def test_convert_refuses_to_write_into_the_seeds(seeds, capsys):
    assert run(capsys, "convert", "--seeds", str(seeds), "--out", str(seeds)) == (
        1, "", f"{seeds}: refusing to convert here: it is the seeds folder\n")


def test_a_usage_error_exits_2(capsys):
    with pytest.raises(SystemExit) as raised:
        main(["convert"])
    assert raised.value.code == 2
    assert "the following arguments are required: --out" in capsys.readouterr().err
