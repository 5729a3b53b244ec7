"""Reading the seeds folder: only regular files that live in it, never blocking, a size
limit, an empty folder under --strict, and text in any common encoding decoded exactly or
refused (never published as mojibake)."""

from __future__ import annotations

import json
import os
import random
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from build_scripts.extract.corpus import load_corpus
from build_scripts.extract.read import decode_seed
from conftest import EPOCH, ROOT
from html_tools import parse

ARTICLE = ('Harbour authority promises open books\n\n"We will publish every contract we sign," said Mara Lind, '
           "director of the harbour authority.\n\nLind said the first contracts would appear in March.\n")


def cli(*args: str, timeout: int = 120) -> subprocess.CompletedProcess:
    """conftest.run_cli with a time limit, so a read that blocks fails the test instead of hanging CI."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    try:
        return subprocess.run([sys.executable, "-m", "build_scripts", *args], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        pytest.fail(f"`{' '.join(args[:1])}` did not finish in {timeout} s: something in the seeds folder blocked it")


def seeds_folder(tmp_path: Path, files: dict[str, bytes | str]) -> Path:
    folder = tmp_path / "seeds"
    folder.mkdir(exist_ok=True)
    for name, content in files.items():
        (folder / name).write_bytes(content.encode() if isinstance(content, str) else content)
    return folder


def lines(result: subprocess.CompletedProcess) -> list[str]:
    return result.stderr.strip().splitlines()


# Links ---------------------------------------------------------------------------------

def _outside_file(tmp_path: Path) -> Path:
    secret = tmp_path / "private" / "accounts.txt"
    secret.parent.mkdir()
    secret.write_text('Private ledger\n\n"The vault code is 4711," said Ola Berg, keeper of the ledger.\n')
    return secret


def _outside_yml(tmp_path: Path) -> Path:
    target = tmp_path / "elsewhere.yml"
    target.write_text("title: A title from outside the folder\n")
    return target


LINKS = {
    "absolute link to a file outside": (lambda secret: secret, "a link to a file outside the seeds folder"),
    "relative link climbing out": (lambda secret: Path("..") / "private" / secret.name,
                                   "a link to a file outside the seeds folder"),
    "dangling link": (lambda secret: Path("missing.txt"), "a link to nothing (dangling link)"),
    "link to itself": (lambda secret: Path("linked.txt"), "a link that loops"),
}


@pytest.mark.parametrize("case", list(LINKS))
def test_links_that_leave_dangle_or_loop_are_refused(tmp_path, case):
    target, message = LINKS[case]
    folder = seeds_folder(tmp_path, {"good.txt": ARTICLE})
    (folder / "linked.txt").symlink_to(target(_outside_file(tmp_path)))
    (folder / "alias.txt").symlink_to("good.txt")  # stays inside the folder: read like its target
    result = cli("check", "--seeds", str(folder))
    assert result.returncode == 1
    assert lines(result) == [f"linked.txt: {message}: refused"]
    assert "vault code" not in result.stdout + result.stderr


def test_linked_secret_is_never_published(tmp_path):
    folder = seeds_folder(tmp_path, {"good.txt": ARTICLE})
    (folder / "ledger.txt").symlink_to(_outside_file(tmp_path))
    (folder / "good.yml").symlink_to(_outside_yml(tmp_path))
    site = tmp_path / "site"
    result = cli("build", "--seeds", str(folder), "--site-dir", str(site))
    assert result.returncode == 1 and not site.exists()
    assert "ledger.txt: a link to a file outside the seeds folder: refused" in result.stderr
    assert "good.yml: a link to a file outside the seeds folder: refused" in result.stderr
    check = cli("check", "--seeds", str(folder))
    assert len(lines(check)) == 2  # the curated file's seed is fine; only the two links are reported


# Special files -------------------------------------------------------------------------

def test_fifo_is_ignored_and_blocks_neither_check_nor_build(tmp_path):
    folder = seeds_folder(tmp_path, {"good.txt": ARTICLE})
    os.mkfifo(folder / "waiting.txt")  # opening it to read would wait for a writer for ever
    check = cli("check", "--seeds", str(folder), "--strict", timeout=60)
    assert check.returncode == 0, check.stderr
    assert lines(check) == ["waiting.txt (a named pipe, not a regular file): notice: ignored"]
    assert check.stdout.startswith("ok: 1 sources")
    site = tmp_path / "site"
    build = cli("build", "--seeds", str(folder), "--site-dir", str(site), "--strict")
    assert build.returncode == 0, build.stderr
    assert [r["file"] for r in json.loads((site / "data/sources.json").read_text())] == ["good.txt"]


def test_socket_and_link_to_a_folder_are_ignored(tmp_path, monkeypatch):
    folder = seeds_folder(tmp_path, {"good.txt": ARTICLE})
    monkeypatch.chdir(folder)  # a short relative path: AF_UNIX paths are limited to about 100 bytes
    (tmp_path / "archive").mkdir()
    (folder / "archive.txt").symlink_to(tmp_path / "archive")
    with socket.socket(socket.AF_UNIX) as listener:
        listener.bind("talking.txt")
        check = cli("check", "--seeds", str(folder), "--strict", timeout=60)
    assert check.returncode == 0, check.stderr
    assert lines(check) == [
        "archive.txt/ (link to a folder): notice: ignored",
        "talking.txt (a socket, not a regular file): notice: ignored",
    ]
    assert check.stdout.startswith("ok: 1 sources")


def test_device_file_is_ignored(tmp_path):
    folder = seeds_folder(tmp_path, {"good.txt": ARTICLE})
    try:  # the same device as /dev/null; creating one needs root (CI runs as root)
        os.mknod(folder / "device.txt", stat.S_IFCHR | 0o600, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("creating a device file needs root")
    result = cli("check", "--seeds", str(folder), "--strict", timeout=60)
    assert result.returncode == 0, result.stderr
    assert lines(result) == ["device.txt (a character device, not a regular file): notice: ignored"]


def test_fifo_swapped_in_after_listing_is_not_read_and_does_not_block(tmp_path):
    """The check before opening is repeated on the open file: a FIFO that appears between the
    two (simulated by a listing that took it for a regular file) is neither waited on nor read."""
    folder = seeds_folder(tmp_path, {})
    os.mkfifo(folder / "late.txt")
    code = (
        "import stat, sys; from pathlib import Path; from build_scripts.extract import read\n"
        "read.inspect_entry = lambda path, root: read.Entry(path, stat.S_IFREG | 0o644)\n"
        f"data, problem = read.read_regular_file(Path({str(folder / 'late.txt')!r}), Path({str(folder)!r}))\n"
        "print(data, problem)\n"
    )
    try:
        out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    except subprocess.TimeoutExpired:
        pytest.fail("opening a FIFO blocked")
    assert out.returncode == 0, out.stderr
    assert out.stdout == "None late.txt: became a named pipe while the folder was read: not read\n"


# Size limit ----------------------------------------------------------------------------

def test_seed_over_the_default_size_limit_is_refused_unread(tmp_path):
    folder = seeds_folder(tmp_path, {"good.txt": ARTICLE})
    with open(folder / "huge.txt", "wb") as huge:
        huge.truncate(40_100_000)  # sparse: costs no disk, and it must not be read
    result = cli("check", "--seeds", str(folder))
    assert result.returncode == 1
    assert lines(result) == ["huge.txt: 40.1 MB is over the 32 MB seed size limit (claimline max_seed_mb)"]


def test_size_limit_is_a_parameter_and_counts_exact_bytes(tmp_path):
    data = ARTICLE.encode()
    folder = seeds_folder(tmp_path, {"fits.txt": data, "over.txt": data + b"x", "over.yml": "title: Over\n"})
    corpus = load_corpus(folder, max_seed_bytes=len(data))
    assert [s.file for s in corpus.sources] == ["fits.txt"]
    assert [str(p) for p in corpus.problems] == [
        f"over.txt: {len(data) + 1:,} bytes is over the {len(data):,} bytes seed size limit (claimline max_seed_mb)"
    ]  # and no second error for over.yml, whose seed could not be read


# Empty folder --------------------------------------------------------------------------

@pytest.mark.parametrize("files", [{}, {"notes.md": "Only notes here.\n"}], ids=["empty", "no-txt"])
def test_folder_without_seeds_fails_only_under_strict(tmp_path, files):
    folder = seeds_folder(tmp_path, files)
    strict = cli("check", "--seeds", str(folder), "--strict")
    assert strict.returncode == 1
    warning = [line for line in lines(strict) if "notice" not in line]
    assert warning == [f"{folder}: warning: no seeds: the folder holds no .txt file"]
    relaxed = cli("check", "--seeds", str(folder))
    assert relaxed.returncode == 0 and relaxed.stdout.startswith("ok: 0 sources")


def test_empty_folder_builds_an_empty_site_but_not_under_strict(tmp_path):
    folder = seeds_folder(tmp_path, {})
    site = tmp_path / "site"
    strict = cli("build", "--seeds", str(folder), "--site-dir", str(site), "--strict")
    assert strict.returncode == 1 and not site.exists()
    assert f"{folder}: warning: no seeds: the folder holds no .txt file" in strict.stderr
    relaxed = cli("build", "--seeds", str(folder), "--site-dir", str(site))
    assert relaxed.returncode == 0, relaxed.stderr
    assert json.loads((site / "data/sources.json").read_text()) == []
    assert (site / "index.html").is_file()


# Encodings -----------------------------------------------------------------------------

CHINESE = ("港务局发布声明\n\n港务局局长林明说：“我们将公开签署的每一份合同。”"
           "她表示，第一批合同将于三月公布。\n\n批评者认为这一承诺来得太晚。\n")
JAPANESE = ("港湾局が声明を発表\n\n港湾局の林局長は「署名した契約はすべて公開する」と述べた。"
            "最初の契約は三月に公開されるという。\n\n批判的な人々は、この約束は遅すぎると見ている。\n")
RUSSIAN = ("Портовое управление выпустило заявление\n\nГлава управления Мара Линд сказала, что все "
           "подписанные договоры будут опубликованы. Первые договоры появятся в марте.\n\n"
           "Критики считают, что это обещание запоздало.\n")
LATIN = "Déclaration du port\n\nLa directrice, Hélène Lind, a promis de publier chaque contrat dès mars.\n"

ENCODED = {
    "gbk": (CHINESE, ("gbk", "gb18030", "gb2312")),
    "shift_jis": (JAPANESE, ("shift_jis", "cp932")),
    "cp1251": (RUSSIAN, ("cp1251",)),
    "latin-1": (LATIN, ("cp1252", "latin_1", "iso8859_15")),
}


@pytest.mark.parametrize("encoding", list(ENCODED))
def test_legacy_encodings_decode_exactly_and_say_which(encoding):
    text, names = ENCODED[encoding]
    seed, problems = decode_seed("port.txt", text.encode(encoding))
    assert seed is not None, problems
    assert seed.text == text
    assert len(problems) == 1 and problems[0].severity == "warning"
    assert any(f"decoded as {name} " in problems[0].message for name in names), problems[0].message


def test_legacy_encodings_reach_the_page_intact(tmp_path):
    folder = seeds_folder(tmp_path, {"zh.txt": CHINESE.encode("gbk"), "ja.txt": JAPANESE.encode("shift_jis"),
                                     "ru.txt": RUSSIAN.encode("cp1251")})
    site = tmp_path / "site"
    result = cli("build", "--seeds", str(folder), "--site-dir", str(site))
    assert result.returncode == 0, result.stderr
    records = {r["file"]: r for r in json.loads((site / "data/sources.json").read_text())}
    for name, text in (("zh.txt", CHINESE), ("ja.txt", JAPANESE), ("ru.txt", RUSSIAN)):
        page = "".join(parse((site / records[name]["url"] / "index.html").read_text()).text)
        last_paragraph = text.strip().split("\n\n")[-1]
        assert last_paragraph in page, name
        assert (site / records[name]["url"] / "original.txt").read_bytes() == (folder / name).read_bytes()


def _random_text_bytes() -> bytes:
    rng = random.Random(20240610)
    return bytes(rng.randrange(1, 256) for _ in range(4000))


UNREADABLE = {
    "noise.txt": (_random_text_bytes(), "finds no encoding that reads it cleanly"),
    "mixed.txt": (CHINESE.encode("gbk") + RUSSIAN.encode("cp1251") + JAPANESE.encode("shift_jis"),
                  "finds no encoding that reads it cleanly"),
    "damaged.txt": (("Déclaration\n\n" + LATIN * 3).encode() + LATIN.encode("latin-1"),
                    "though the rest is UTF-8"),
}


def test_undecidable_bytes_are_refused_not_published_as_mojibake(tmp_path):
    folder = seeds_folder(tmp_path, {"good.txt": ARTICLE, **{n: data for n, (data, _) in UNREADABLE.items()}})
    result = cli("check", "--seeds", str(folder))
    assert result.returncode == 1
    reported = lines(result)
    assert len(reported) == len(UNREADABLE), reported
    for line, (name, (_, message)) in zip(reported, sorted(UNREADABLE.items())):
        assert line.startswith(f"{name}: ") and message in line and "warning" not in line, line
