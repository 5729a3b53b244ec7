"""Stage 1: find seed files, read them safely and decode their bytes into text.

Seeds are copied web pages in whatever encoding the maintainer's tools produced, so
decoding accepts the common ones and refuses, with a reason, anything that is not text.
Only regular files that really live in the seeds folder are read: a link that leaves the
folder, dangles or loops is refused, and a FIFO, socket or device is never opened.
"""

from __future__ import annotations

import codecs
import errno
import os
import re
import stat
import time
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

from build_scripts.model import Problem, Seed

SEED_SUFFIXES = (".txt", ".html", ".htm")  # .html/.htm: a page saved from a browser (extract/html.py)
HTML_SUFFIXES = (".html", ".htm")
CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")
CURATED_SUFFIXES = (".yml", ".yaml")

MB = 1_000_000
"""A megabyte as the size limit counts it (so `max_seed_mb: 32` is 32 * MB bytes)."""
DEFAULT_MAX_SEED_BYTES = 32 * MB
"""Far above any article (the tests convert a 10 MB seed) yet small enough that a stray
disk image or log file is refused instead of filling memory."""

OPEN_FLAGS = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
"""Never wait on a FIFO that appears between listing and opening, never follow a link
swapped in at the last moment."""

MAGIC = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (or Office document)",
    b"\x1f\x8b": "a gzip archive",
    b"RIFF": "a RIFF media file",
    b"\x7fELF": "an executable",
}

WEB_LEGACY_ENCODINGS = (
    "cp1252", "cp1251", "cp932", "cp949", "gb18030", "euc_jp", "cp1250", "iso8859_2", "iso8859_15", "big5",
    "cp1256", "cp1254", "cp1253", "cp1255", "cp874", "koi8_r", "iso8859_7", "cp1257", "iso8859_5", "koi8_u",
)
"""The legacy encodings pages are still found in, most used on the web first (Windows-1252
is what browsers assume for unlabelled Western pages). The detector only weighs these, and
when it rates several equally, the earlier one wins."""
MAX_MESS = 0.1
"""The detector's mess ratio above which a reading is refused (its own default is 0.2)."""


@dataclass(frozen=True)
class Listing:
    """What a seeds folder holds: seeds, curated files, what is ignored and what is refused."""

    seeds: tuple[Path, ...]
    curated: tuple[Path, ...]
    ignored: tuple[str, ...]
    refused: tuple[Problem, ...] = ()


@dataclass(frozen=True)
class Entry:
    """Where a folder entry's content really is: `real` is the path to open, `mode` its
    file type; `trouble` says why a link cannot be followed (then both are None)."""

    real: Path | None
    mode: int | None
    trouble: str | None = None
    stamp: tuple | None = None  # a file (not a link): device, inode, size, modified and changed times


def list_seeds(folder: Path) -> Listing:
    """Sort the folder's entries without opening any of them. Hidden files, sub-folders,
    special files (FIFO, socket, device) and other names are ignored; a .txt or .yml link
    that leaves the folder, dangles or loops is refused."""
    seeds, curated, ignored, refused = [], [], [], []
    root = folder.resolve()
    try:
        names = sorted(entry.name for entry in os.scandir(folder))
    except OSError as error:
        return Listing((), (), (), (Problem(str(folder), f"cannot list the folder: {error.strerror}"),))
    for name in names:
        if name.startswith("."):
            ignored.append(f"{name} (hidden file)")
            continue
        path = folder / name
        suffix = path.suffix.lower()
        entry = inspect_entry(path, root)
        if entry.trouble and suffix in SEED_SUFFIXES + CURATED_SUFFIXES:
            refused.append(Problem(name, f"{entry.trouble}: refused"))
        elif entry.trouble:
            ignored.append(f"{name} ({entry.trouble})")
        elif stat.S_ISDIR(entry.mode):
            ignored.append(f"{name}/ ({'link to a folder' if entry.real != path else 'sub-folder'})")
        elif not stat.S_ISREG(entry.mode):
            ignored.append(f"{name} ({file_kind(entry.mode)}, not a regular file)")
        elif suffix in SEED_SUFFIXES:
            seeds.append(path)
        elif suffix in CURATED_SUFFIXES:
            curated.append(path)
        else:
            ignored.append(f"{name} (not a .txt seed or .yml metadata file)")
    return Listing(tuple(seeds), tuple(curated), tuple(ignored), tuple(refused))


def inspect_entry(path: Path, root: Path) -> Entry:
    """Look at an entry with lstat only. A link to a file is followed only when the file is
    inside `root`, the resolved seeds folder, since its content is what would be published;
    a link to a folder is reported as one (folders are never read)."""
    try:
        info = os.lstat(path)
    except OSError as error:
        return Entry(None, None, f"cannot be read: {error.strerror}")
    if not stat.S_ISLNK(info.st_mode):
        return Entry(path, info.st_mode, stamp=_stamp(info))
    try:
        target = path.resolve(strict=True)
    except FileNotFoundError:
        return Entry(None, None, "a link to nothing (dangling link)")
    except (RuntimeError, OSError) as error:
        if isinstance(error, RuntimeError) or error.errno == errno.ELOOP:
            return Entry(None, None, "a link that loops")
        return Entry(None, None, f"a link that cannot be followed: {error.strerror}")
    try:
        mode = os.lstat(target).st_mode
    except OSError as error:
        return Entry(None, None, f"a link that cannot be followed: {error.strerror}")
    if not stat.S_ISDIR(mode) and not target.is_relative_to(root):
        return Entry(None, None, "a link to a file outside the seeds folder")
    return Entry(target, mode)


def file_kind(mode: int) -> str:
    """A file type in words, for messages about files that are not documents."""
    kinds = ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"),
             (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
             (stat.S_ISDIR, "a folder"), (stat.S_ISLNK, "a link"))
    return next((words for test, words in kinds if test(mode)), "a special file")


def read_listing(listing: Listing, folder: Path, max_bytes: int = DEFAULT_MAX_SEED_BYTES,
                 ) -> tuple[dict[str, bytes], dict[str, bytes], list[Problem]]:
    """The bytes of every listed seed and curated file, and a problem for each that
    could not be read safely (the listing's refusals included)."""
    root = folder.resolve()
    problems = list(listing.refused)
    contents: list[dict[str, bytes]] = [{}, {}]
    for found, paths in zip(contents, (listing.seeds, listing.curated)):
        for path in paths:
            data, problem = read_regular_file(path, root, max_bytes)
            if problem:
                problems.append(problem)
            else:
                found[path.name] = data
    return contents[0], contents[1], problems


def read_regular_file(path: Path, root: Path, max_bytes: int = DEFAULT_MAX_SEED_BYTES,
                      ) -> tuple[bytes | None, Problem | None]:
    """Read at most `max_bytes` of a regular file inside `root`. The entry is checked
    again, opened without blocking or following a link, and the open file checked once
    more, so a file swapped for a FIFO, device or link after listing is not read."""
    name = path.name
    entry = inspect_entry(path, root)
    if entry.trouble:
        return None, Problem(name, f"{entry.trouble}: refused")
    if not stat.S_ISREG(entry.mode):
        return None, Problem(name, f"{file_kind(entry.mode)}, not a regular file: not read")
    kept = _READ.get(str(path))
    if kept is not None and kept[0] == entry.stamp and len(kept[1]) <= max_bytes:
        return kept[1], None
    try:
        fd = os.open(entry.real, OPEN_FLAGS)
    except OSError as error:
        if error.errno == errno.ELOOP:
            return None, Problem(name, "became a link while the folder was read: refused")
        return None, Problem(name, f"cannot be read: {error.strerror}")
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return None, Problem(name, f"became {file_kind(info.st_mode)} while the folder was read: not read")
        if info.st_size > max_bytes:
            return None, too_big(name, info.st_size, max_bytes)
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        return None, too_big(name, len(data), max_bytes)
    if entry.stamp == _stamp(info) and info.st_ctime_ns < time.time_ns() - SETTLED_NS:
        if len(_READ) >= READ_CACHE_LIMIT:
            _READ.clear()
        _READ[str(path)] = (entry.stamp, data)
    return data, None


SETTLED_NS = 2_000_000_000
"""A file last changed this long before it was read is remembered by its stamp: a change made
later gives it a later change time. One changed within a file system's time step of the read
could keep its stamp, so it is read again every time."""
READ_CACHE_LIMIT = 100_000
_READ: dict[str, tuple[tuple, bytes]] = {}  # `mkdocs serve` rebuilds read again only what changed


def _stamp(info: os.stat_result) -> tuple:
    return info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns


def too_big(name: str, size: int, max_bytes: int) -> Problem:
    """The size limit error; in bytes when megabytes would hide the difference."""
    size_words, limit_words = megabytes(size), megabytes(max_bytes)
    if size_words == limit_words:
        size_words, limit_words = f"{size:,} bytes", f"{max_bytes:,} bytes"
    return Problem(name, f"{size_words} is over the {limit_words} seed size limit (claimline max_seed_mb)")


def megabytes(size: int) -> str:
    return f"{round(size / MB, 1):g} MB" if size >= MB // 10 else f"{size:,} bytes"


def decode_seed(name: str, data: bytes, honour_meta: bool = True) -> tuple[Seed | None, list[Problem]]:
    """Decode bytes to text with normalised line endings, or say why it cannot be done. A
    BOM decides first, then (an HTML seed, `honour_meta`) the page's `<meta charset>`, then
    UTF-8, then the legacy detector."""
    for magic, kind in MAGIC.items():
        if data.startswith(magic):
            return None, [Problem(name, f"binary file ({kind}), not a text document")]
    problems: list[Problem] = []
    if data.startswith(codecs.BOM_UTF8):
        text, encoding = _try(data, "utf-8-sig")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text, encoding = _try(data, "utf-16")
    elif _looks_utf16(data):
        text, encoding = _try(data, "utf-16-le" if data[1::2].count(0) > data[::2].count(0) else "utf-16-be")
    elif honour_meta and (declared := declared_charset(name, data)) is not None:
        text, encoding = _try(data, declared)
        if text is None:
            return decode_seed_undeclared(name, data, declared)
    else:
        nul = data.find(b"\x00")
        if nul >= 0:
            return None, [Problem(name, f"NUL byte at byte offset {nul}: not a text document")]
        text, encoding = _try(data, "utf-8")
        if text is None:
            text, encoding, problem = decode_legacy(name, data)
            problems.append(problem)
            if text is None:
                return None, problems
    if text is None:
        return None, [Problem(name, f"cannot be decoded as {encoding}")]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    controls = len(CONTROL.findall(text))
    if "\x00" in text or controls > max(2, len(text) // 100):
        return None, [Problem(name, "binary content (control characters), not a text document")]
    if not data.strip() or not text.strip():
        return None, [Problem(name, "empty file" if not data else "file holds only whitespace")]
    return Seed(name, data, text, encoding), problems


META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I)
CHARSET_PRESCAN = 4096
"""Bytes searched for a `<meta charset>` (browsers look at the first 1,024; a saved page may
put a long comment or script first)."""


def is_html_seed(name: str) -> bool:
    """A page saved from a browser, by its name (`.html`, `.htm`), rather than a text copy."""
    return name.lower().endswith(HTML_SUFFIXES)


def declared_charset(name: str, data: bytes) -> str | None:
    """The encoding an HTML seed declares in a `<meta charset>` or `http-equiv` tag near its
    start, as Python names it; None for a text seed, no declaration, an unknown name or a
    UTF-8 one (UTF-8 is what decoding tries first anyway). As browsers do, ISO-8859-1 and
    ASCII are read as Windows-1252, their superset."""
    if not is_html_seed(name):
        return None
    m = META_CHARSET.search(data[:CHARSET_PRESCAN])
    if not m:
        return None
    label = m.group(1).decode("ascii").lower()
    try:
        encoding = codecs.lookup(label).name
    except LookupError:
        return None
    if encoding in ("latin-1", "iso8859-1", "ascii"):
        encoding = "cp1252"
    return None if encoding.startswith("utf") else encoding


def decode_seed_undeclared(name: str, data: bytes, declared: str) -> tuple[Seed | None, list[Problem]]:
    """A page whose bytes are not in the encoding it declares: read as if it declared none,
    with a warning saying so."""
    seed, problems = decode_seed(name, data, honour_meta=False)
    warning = Problem(name, f"declares charset {declared} but is not valid {declared}: decoded without it",
                      severity="warning")
    return seed, [warning, *problems]


def decode_legacy(name: str, data: bytes) -> tuple[str | None, str | None, Problem]:
    """Decode bytes that are not UTF-8 with charset-normalizer's reading, as a warning that
    names the encoding; an error when the bytes are damaged UTF-8 or nothing fits well."""
    bad = _first_bad_utf8(data)
    if _mostly_utf8(data):
        return None, None, Problem(name, f"not valid UTF-8 at byte offset {bad}, though the rest is UTF-8: "
                                         "a damaged file or one that mixes encodings; save it again as UTF-8")
    matches = list(from_bytes(data, cp_isolation=list(WEB_LEGACY_ENCODINGS), threshold=MAX_MESS))
    if not matches:
        return None, None, Problem(name, f"not UTF-8 (bad byte at offset {bad}), and charset-normalizer finds "
                                         "no encoding that reads it cleanly: not text, or several encodings "
                                         "mixed; save it as UTF-8")
    encoding, rivals = _pick_encoding(matches)
    text, _ = _try(data, encoding)
    if text is None:
        return None, None, Problem(name, f"not UTF-8 (bad byte at offset {bad}), and not {encoding} throughout "
                                         "either (charset-normalizer's best guess): several encodings mixed? "
                                         "save it as UTF-8")
    doubt = f"; {', '.join(rivals)} would read it differently and fit as well" if rivals else ""
    return text, encoding, Problem(name, f"not valid UTF-8 (byte offset {bad}); decoded as {encoding} "
                                         f"(detected by charset-normalizer{doubt}): check the page, "
                                         "or save the file as UTF-8", severity="warning")


def _pick_encoding(matches: list) -> tuple[str, list[str]]:
    """The most used encoding among the readings the detector rates as well as its best
    (its own tie margins), and the tied encodings that would give a different text."""
    best = matches[0]
    tied = [m for m in matches
            if abs(m.chaos - best.chaos) < 0.005 and abs(m.coherence - best.coherence) <= 0.02]
    rank = {encoding: i for i, encoding in enumerate(WEB_LEGACY_ENCODINGS)}

    def first(encodings) -> str:
        return min(encodings, key=lambda e: rank.get(e, len(rank)))

    chosen = min(tied, key=lambda m: rank.get(first(m.could_be_from_charset), len(rank)))
    rivals = [first(m.could_be_from_charset) for m in tied if _reading(m) != _reading(chosen)]
    return first(chosen.could_be_from_charset), rivals


def _reading(match) -> str | None:
    """The text a detector match gives, None when its encoding fails on the whole file."""
    try:
        return str(match)
    except UnicodeDecodeError:
        return None


def _mostly_utf8(data: bytes) -> bool:
    """UTF-8 with a few bad bytes (a damaged file, or a paste in another encoding) is not a
    legacy encoding: read as one it would turn every accented letter into mojibake."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = len(text) - len(text.encode("ascii", errors="ignore")) - bad
    return good > bad


def _try(data: bytes, encoding: str) -> tuple[str | None, str]:
    try:
        return data.decode(encoding), encoding
    except UnicodeDecodeError:
        return None, encoding


def _looks_utf16(data: bytes) -> bool:
    """UTF-16 text without a BOM has a NUL in nearly every other byte."""
    if len(data) < 4 or len(data) % 2:
        return False
    half = len(data) // 2
    return max(data[1::2].count(0), data[::2].count(0)) > 0.4 * half


def _first_bad_utf8(data: bytes) -> int:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        return error.start
    return -1
