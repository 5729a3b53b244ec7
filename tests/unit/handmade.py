"""Small model values built by hand for the unit tests: every field is stated, nothing is
read from disk, so a renderer's test shows exactly what went in.

Not a test module and not a conftest: the unit modules import it by name (pytest puts
tests/unit/ on sys.path), so they need nothing from tests/conftest.py.
"""

from __future__ import annotations

import hashlib

from build_scripts.model import Claim, Corpus, RemovedLine, Source, Speaker, Topic

TOPICS = (
    Topic("no-backdoors", "No backdoors", "Products hold no hidden access.", ("backdoors?",)),
    Topic("privacy", "Privacy", "What happens to user data.", ("privacy",)),
)

BODY = '"We build no backdoor," said Jan Novak.\n\nNovak said the firm protects privacy.'
QUOTE = Claim("We build no backdoor", "Jan Novak", True, 0, 23, ("no-backdoors",))
REPORTED = Claim("Novak said the firm protects privacy.", "Jan Novak", False, 41, 78, ("privacy",))
ORIGINAL = "Acme pledges\nBy Ann Lee\n\n" + BODY + "\n"


def source(file: str = "a.txt", **fields) -> Source:
    """A converted source with one quote and one reported claim by Jan Novak of Acme;
    any field can be given instead."""
    raw = fields.pop("raw", ORIGINAL.encode("utf-8"))
    values = dict(
        file=file,
        slug=file.rsplit(".", 1)[0],
        title=f"Title of {file}",
        date="2019-03-05",
        date_precision="day",
        date_note=None,
        outlet="Daily Ledger",
        via=None,
        author="Ann Lee",
        url=None,
        speakers=(Speaker("Jan Novak", "person", "chief executive", "Acme"),),
        claims=(QUOTE, REPORTED),
        headline=0,
        topics=("no-backdoors", "privacy"),
        body=BODY,
        original=ORIGINAL,
        raw=raw,
        sha256=hashlib.sha256(raw).hexdigest(),
        size=len(raw),
        encoding="utf-8",
        removed=(RemovedLine(1, "Acme pledges", "title"), RemovedLine(2, "By Ann Lee", "byline")),
        provenance={"title": "extracted", "date": "extracted", "outlet": "curated"},
    )
    values.update(fields)
    return Source(**values)


def corpus(*sources: Source) -> Corpus:
    """A corpus of these sources in a real corpus's order: by date, undated last, then file."""
    ordered = sorted(sources, key=lambda s: (s.date is None, s.date or "", s.file))
    return Corpus(tuple(ordered), (), TOPICS)
