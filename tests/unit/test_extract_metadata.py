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


@pytest.mark.parametrize("byline, author", [
    ("By Ann Lee, 3 Jun 2021", "Ann Lee"),  # was "Ann Lee, 3 Jun 2021": only a bar was split off
    ("By Ann Lee | 3 June 2021", "Ann Lee"),
    ("By Ann Lee, CNBC", "Ann Lee"),
])
def test_the_author_is_the_name_before_a_comma_or_bar(vocab, byline, author):
    assert read(f"{byline}{BODY}", vocab)["author"] == author


@pytest.mark.parametrize("footer, outlet", [
    ("© 2020 Harbour Courier. All rights reserved.", "Harbour Courier"),
    ("Copyright © 2022 Eastgate Business Journal. All rights reserved.", "Eastgate Business Journal"),
    ("© Meridian Observer 2022", "Meridian Observer"),  # the name before the year
    ("© 2020 Market Desk Media LLC. All Rights Reserved.", "Market Desk Media"),  # legal ending dropped
    ("Copyright 2021 KVRN 7 News. All rights reserved.", "KVRN 7 News"),
    ("© 2019 All rights reserved", None),  # no name: none guessed
])
def test_outlet_from_a_copyright_line(vocab, footer, outlet):
    assert read(f"Acme said it would publish the results of the audit on Monday.\n\n{footer}\n", vocab)["outlet"] == outlet


@pytest.mark.parametrize("opening, outlet", [
    ("OSLO, June 28 (Reuters) - Northwind said", "Reuters"),
    ("WASHINGTON (AP) — Northwind said", "Associated Press"),  # through the outlet's aliases
    ("LISBON (Kestrel) — Northwind said", "Kestrel"),
    ("Northwind (the operator) said", None),
])
def test_outlet_from_a_wire_credit_opening_the_story(vocab, opening, outlet):
    text = f"{opening} on Sunday it would publish every finding of the audit of its network.\n"
    assert read(text, vocab)["outlet"] == outlet


def test_a_byline_names_an_outlet_the_text_names_again_and_never_a_second_author(vocab):
    tail = "\n\nFollow Orbis Tech Review on social media for more news.\n"
    assert read(f"By Lena Fischer, Orbis Tech Review{BODY}{tail}", vocab)["outlet"] == "Orbis Tech Review"
    assert read(f"By Lena Fischer, Orbis Tech Review{BODY}", vocab)["outlet"] is None  # named once: maybe a person
    assert read(f"By Lena Fischer, Bob Roe{BODY}", vocab)["outlet"] is None


def test_the_site_name_is_the_outlet_spelt_as_the_text_spells_it(vocab):
    text = ("VALLEY SENTINEL\nSports\nHigh School\nCollege\nOutdoors\nRivermen owners say the stadium will stay downtown\n"
            f"{BODY}\nThe owner spoke to a Valley Sentinel reporter after the meeting.\n")
    assert read(text, vocab)["outlet"] == "Valley Sentinel"


@pytest.mark.parametrize("lines, date", [
    ("Published 2 June 2020\nUpdated 16 June 2020", ("2020-06-02", "day")),  # publication before update
    ("Updated 16 June 2020\nPublished 2 June 2020", ("2020-06-02", "day")),
    ("Published 05.09.2023 – 14:32", ("2023-09-05", "day")),  # dots: day first
    ("Published 06/14/2021 5:32 PM EDT", ("2021-06-14", "day")),
    ("Posted 2 hours ago", (None, None)),
])
def test_publication_before_update_and_numeric_dates(vocab, lines, date):
    text = f"Acme pledges open audits\n{lines}{BODY}"
    assert extract_date(text, clean(text, vocab), vocab) == date


def test_a_comment_time_below_the_article_is_not_its_date(vocab):
    text = (f"Acme pledges open audits\nLast updated on 12th January 2022{BODY}\nRita K.\n"
            "January 14, 2022 at 9:03 am\nLovely news!\n")
    assert extract_date(text, clean(text, vocab), vocab) == ("2022-01-12", "day")


def test_a_dateline_without_a_year_takes_the_year_of_the_page_date_or_none(vocab):
    para = "OSLO, June 28 (Reuters) - Northwind said on Sunday it would publish every finding of the audit."
    dated = f"Grid operator promises to publish its audit\nJune 28, 2020 9:15 AM UTC\n{para}\n"
    assert extract_date(dated, clean(dated, vocab), vocab) == ("2020-06-28", "day")
    undated = f"Grid operator promises to publish its audit\n{para}\nA photo taken on March 3, 2019 shows the site.\n"
    assert extract_date(undated, clean(undated, vocab), vocab) == (None, None)
