"""extract/metadata.py: title, outlet, author, via-credit and date, only as the text states them."""

from __future__ import annotations

import pytest

from build_scripts.config.vocabulary import load_vocabulary
from build_scripts.extract.clean import clean
from build_scripts.extract.metadata import (extract_author, extract_date, extract_outlet, extract_title, extract_via,
                                            identity_or_none, identity_text)

BODY = "\n\nAcme said it would publish the results of the audit on Monday.\n"


@pytest.fixture(scope="module")
def vocab():
    return load_vocabulary()


def read(text, vocab):
    """Every field metadata extraction gives for one seed text."""
    cleaned = clean(text, vocab)
    return {"title": extract_title(cleaned), "outlet": extract_outlet(cleaned, vocab),
            "author": extract_author(cleaned, vocab), "via": extract_via(cleaned, vocab),
            "date": extract_date(text, cleaned, vocab)}


@pytest.mark.parametrize("spelling, identity", [
    ("Jose\u0301  Novak", "José Novak"),  # NFC, one space
    ("Jan\u200b Novak\u00ad", "Jan Novak"),  # zero-width space and soft hyphen go
    ("Ann\u2060Lee\x07", "AnnLee"),  # word joiner and control character go
    ("👩\u200d💻 coder", "👩\u200d💻 coder"),  # the joiner inside an emoji sequence stays
    ("क्\u200dष", "क्\u200dष"),  # and after a virama
])
def test_identity_text_is_what_a_reader_sees(spelling, identity):
    assert identity_text(spelling) == identity


def test_identity_or_none_counts_an_invisible_only_text_as_missing():
    assert (identity_or_none("\u200b\u200d "), identity_or_none(None), identity_or_none(" A ")) == (None, None, "A")


def test_headline_outlet_line_and_byline(vocab):
    text = "Acme pledges open audits\nTechRadar\nBy Jane Porter\nPublished: 5 March 2019" + BODY
    assert read(text, vocab) == {"title": "Acme pledges open audits", "outlet": "TechRadar Pro",
                                 "author": "Jane Porter", "via": None, "date": ("2019-03-05", "day")}


def test_outlet_from_the_author_bio_and_via_from_the_credit(vocab):
    bio = ("Tom Hart is a technology reporter at The Daily Ledger, where he covers telecoms and security policy "
           "in Europe and Asia.")
    text = f"By Tom Hart | 3 June 2021{BODY}\n{bio}\nVia: the BBC\n"
    assert read(text, vocab) == {"title": None, "outlet": "The Daily Ledger", "author": "Tom Hart",
                                 "via": "BBC", "date": ("2021-06-03", "day")}


def test_nothing_stated_nothing_guessed(vocab):
    assert read("Acme said it would publish its results.\n", vocab) == {
        "title": None, "outlet": None, "author": None, "via": None, "date": (None, None)}


@pytest.mark.parametrize("line, date", [
    ("Published: 5 March 2019", "2019-03-05"),
    ("Updated on March 5th, 2019", "2019-03-05"),
    ("Posted 2019-03-05", "2019-03-05"),
    ("By Ann Lee, 3 Jun 2021", "2021-06-03"),
    ("Published: 31 February 2019", None),  # not a real day
    ("Published: ٥ March ٢٠١٩", None),  # ASCII digits only
])
def test_dates_stated_as_publication_dates(vocab, line, date):
    text = f"{line}{BODY}"
    assert extract_date(text, clean(text, vocab), vocab) == ((date, "day") if date else (None, None))


def test_a_dateline_opens_the_first_paragraph(vocab):
    text = "BRUSSELS, 3 June 2021 — Acme said today that it would open a transparency centre for regulators in Brussels."
    assert extract_date(text, clean(text, vocab), vocab) == ("2021-06-03", "day")
