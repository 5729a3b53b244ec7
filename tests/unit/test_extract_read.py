"""extract/read.py: which files of a seeds folder are read, how safely, and how bytes become text."""

from __future__ import annotations

import codecs
import os
import stat

import pytest

from build_scripts.extract.read import (MB, decode_seed, file_kind, list_seeds, megabytes, read_listing,
                                        read_regular_file, too_big)


@pytest.fixture
def folder(tmp_path):
    """A seeds folder with one of each kind of entry, and a secret outside it."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (tmp_path / "secret.txt").write_text("outside")
    (seeds / "a.txt").write_text("Article a")
    (seeds / "a.yml").write_text("title: A")
    (seeds / "b.yaml").write_text("title: B")
    (seeds / ".hidden.txt").write_text("x")
    (seeds / "notes.md").write_text("x")
    (seeds / "sub").mkdir()
    (seeds / "inside.txt").symlink_to(seeds / "a.txt")
    (seeds / "out.txt").symlink_to(tmp_path / "secret.txt")
    (seeds / "gone.yml").symlink_to(seeds / "nothing.yml")
    (seeds / "folder-link").symlink_to(tmp_path)
    (seeds / "loop.txt").symlink_to(seeds / "loop.txt")
    os.mkfifo(seeds / "pipe.txt")
    return seeds


def test_list_sorts_entries_without_opening_them(folder):
    listing = list_seeds(folder)
    assert [p.name for p in listing.seeds] == ["a.txt", "inside.txt"]
    assert [p.name for p in listing.curated] == ["a.yml", "b.yaml"]
    assert listing.ignored == (
        ".hidden.txt (hidden file)",
        "folder-link/ (link to a folder)",
        "notes.md (not a .txt seed or .yml metadata file)",
        "pipe.txt (a named pipe, not a regular file)",
        "sub/ (sub-folder)",
    )
    assert [str(p) for p in listing.refused] == [
        "gone.yml: a link to nothing (dangling link): refused",
        "loop.txt: a link that loops: refused",
        "out.txt: a link to a file outside the seeds folder: refused",
    ]


def test_a_folder_that_cannot_be_listed_is_one_problem(tmp_path):
    listing = list_seeds(tmp_path / "missing")
    assert (listing.seeds, listing.curated, listing.ignored) == ((), (), ())
    assert [str(p) for p in listing.refused] == [f"{tmp_path / 'missing'}: cannot list the folder: No such file or directory"]


def test_read_listing_gives_bytes_by_name_and_the_refusals(folder):
    seeds, curated, problems = read_listing(list_seeds(folder), folder)
    assert seeds == {"a.txt": b"Article a", "inside.txt": b"Article a"}
    assert curated == {"a.yml": b"title: A", "b.yaml": b"title: B"}
    assert [p.file for p in problems] == ["gone.yml", "loop.txt", "out.txt"]


def test_size_limit_counts_exact_bytes(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"x" * 10)
    assert read_regular_file(tmp_path / "a.txt", tmp_path, max_bytes=10) == (b"x" * 10, None)
    data, problem = read_regular_file(tmp_path / "a.txt", tmp_path, max_bytes=9)
    assert data is None
    assert str(problem) == "a.txt: 10 bytes is over the 9 bytes seed size limit (claimline max_seed_mb)"


def test_a_fifo_is_never_opened(tmp_path):
    os.mkfifo(tmp_path / "p.txt")
    data, problem = read_regular_file(tmp_path / "p.txt", tmp_path)
    assert data is None and str(problem) == "p.txt: a named pipe, not a regular file: not read"


def test_size_messages_in_megabytes_unless_they_would_hide_the_difference():
    assert str(too_big("a.txt", 33 * MB, 32 * MB)) == (
        "a.txt: 33 MB is over the 32 MB seed size limit (claimline max_seed_mb)")
    assert str(too_big("a.txt", 32 * MB + 1, 32 * MB)) == (
        "a.txt: 32,000,001 bytes is over the 32,000,000 bytes seed size limit (claimline max_seed_mb)")
    assert [megabytes(n) for n in (50_000, 100_000, 1_250_000)] == ["50,000 bytes", "0.1 MB", "1.2 MB"]


def test_file_kinds_in_words():
    assert [file_kind(m) for m in (stat.S_IFIFO, stat.S_IFSOCK, stat.S_IFCHR, stat.S_IFBLK, stat.S_IFDIR)] == [
        "a named pipe", "a socket", "a character device", "a block device", "a folder"]


@pytest.mark.parametrize("data, text, encoding", [
    ("Hello\r\nworld\rend".encode(), "Hello\nworld\nend", "utf-8"),
    (codecs.BOM_UTF8 + "héllo".encode(), "héllo", "utf-8-sig"),
    ("héllo wörld".encode("utf-16"), "héllo wörld", "utf-16"),
    ("hello world".encode("utf-16-le"), "hello world", "utf-16-le"),
    ("déjà vu".encode("utf-16-be"), "déjà vu", "utf-16-be"),
])
def test_text_decodes_with_line_endings_normalised(data, text, encoding):
    seed, problems = decode_seed("a.txt", data)
    assert (seed.text, seed.encoding, problems) == (text, encoding, [])


@pytest.mark.parametrize("data, message", [
    (b"\x89PNG\r\n\x1a\n", "a.txt: binary file (a PNG image), not a text document"),
    (b"%PDF-1.7", "a.txt: binary file (a PDF document), not a text document"),
    (b"ab\x00cd", "a.txt: NUL byte at byte offset 2: not a text document"),
    (b"", "a.txt: empty file"),
    (b"  \n\t ", "a.txt: file holds only whitespace"),
    (b"a\x01b\x02c\x03d\x04e", "a.txt: binary content (control characters), not a text document"),
    ("déjà vu, café crème, naïve".encode() + b"\xff", "a.txt: not valid UTF-8 at byte offset 31, though the rest is "
     "UTF-8: a damaged file or one that mixes encodings; save it again as UTF-8"),
])
def test_what_is_not_text_is_refused_with_the_reason(data, message):
    seed, problems = decode_seed("a.txt", data)
    assert seed is None
    assert [str(p) for p in problems] == [message]


def test_a_legacy_encoding_is_decoded_with_a_warning_naming_it():
    text = "Café crème, déjà vu: naïve façade. Über résumé."
    seed, [problem] = decode_seed("a.txt", text.encode("cp1252"))
    assert (seed.text, seed.encoding) == (text, "cp1252")
    assert problem.severity == "warning"
    assert problem.message.startswith("not valid UTF-8 (byte offset 3); decoded as cp1252 (detected by charset-normalizer")
