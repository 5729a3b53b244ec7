"""Stage 1: find seed files and decode their bytes into text.

Seeds are copied web pages in whatever encoding the maintainer's tools produced, so
decoding accepts the common ones and refuses, with a reason, anything that is not text.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

from .model import Problem, Seed

SEED_SUFFIXES = (".txt",)
CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")
CURATED_SUFFIXES = (".yml", ".yaml")

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


@dataclass(frozen=True)
class Listing:
    """What a seeds folder holds: seeds, curated files and what is ignored."""

    seeds: tuple[Path, ...]
    curated: tuple[Path, ...]
    ignored: tuple[str, ...]


def list_seeds(folder: Path) -> Listing:
    """Sort the folder's entries; hidden files, sub-folders and other types are ignored."""
    seeds, curated, ignored = [], [], []
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        name = path.name
        if name.startswith("."):
            ignored.append(f"{name} (hidden file)")
        elif path.is_dir():
            ignored.append(f"{name}/ (sub-folder)")
        elif path.suffix.lower() in SEED_SUFFIXES:
            seeds.append(path)
        elif path.suffix.lower() in CURATED_SUFFIXES:
            curated.append(path)
        else:
            ignored.append(f"{name} (not a .txt seed or .yml metadata file)")
    return Listing(tuple(seeds), tuple(curated), tuple(ignored))


def decode_seed(name: str, data: bytes) -> tuple[Seed | None, list[Problem]]:
    """Decode bytes to text with normalised line endings, or say why it cannot be done."""
    for magic, kind in MAGIC.items():
        if data.startswith(magic):
            return None, [Problem(name, f"binary file ({kind}), not a text document")]
    problems: list[Problem] = []
    text, encoding = None, None
    if data.startswith(codecs.BOM_UTF8):
        text, encoding = _try(data, "utf-8-sig")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text, encoding = _try(data, "utf-16")
    elif _looks_utf16(data):
        text, encoding = _try(data, "utf-16-le" if data[1::2].count(0) > data[::2].count(0) else "utf-16-be")
    else:
        nul = data.find(b"\x00")
        if nul >= 0:
            return None, [Problem(name, f"NUL byte at byte offset {nul}: not a text document")]
        text, encoding = _try(data, "utf-8")
        if text is None:
            bad = _first_bad_utf8(data)
            text, encoding = data.decode("cp1252", errors="replace"), "cp1252"
            problems.append(
                Problem(name, f"not valid UTF-8 (byte offset {bad}); read as Windows-1252/Latin-1", severity="warning")
            )
    if text is None:
        return None, [Problem(name, f"cannot be decoded as {encoding}")]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    controls = len(CONTROL.findall(text))
    if "\x00" in text or controls > max(2, len(text) // 100):
        return None, [Problem(name, "binary content (control characters), not a text document")]
    if not data.strip() or not text.strip():
        return None, [Problem(name, "empty file" if not data else "file holds only whitespace")]
    return Seed(name, data, text, encoding), problems


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
