"""extract/clean.py: the article body separated from page furniture, every removal kept with its rule."""

from __future__ import annotations

import pytest

from build_scripts.config.vocabulary import load_vocabulary
from build_scripts.extract.clean import clean


@pytest.fixture(scope="module")
def vocab():
    return load_vocabulary()


def removed(cleaned):
    return [(r.line, r.rule, r.text) for r in cleaned.removed]


def test_title_outlet_byline_date_and_calls_to_action_are_removed(vocab):
    text = ("This site uses cookies. By continuing you accept.\n"
            "Acme pledges open audits of its routers\n"
            "TechRadar\n"
            "By Jane Porter\n"
            "Published: 5 March 2019\n"
            "Share this article\n"
            "\n"
            '"We will never build a backdoor," said Jan Novak.\n'
            "\n"
            "Novak   said the   company\tinvited regulators.\n")
    cleaned = clean(text, vocab)
    assert removed(cleaned) == [
        (1, "cookie-banner", "This site uses cookies. By continuing you accept."),
        (2, "title", "Acme pledges open audits of its routers"),
        (3, "outlet-line", "TechRadar"),
        (4, "byline", "By Jane Porter"),
        (5, "byline-date", "Published: 5 March 2019"),
        (6, "call-to-action", "Share this article"),
    ]
    assert cleaned.title == "Acme pledges open audits of its routers"
    assert cleaned.body == ('"We will never build a backdoor," said Jan Novak.\n\n'
                            "Novak said the company invited regulators.")


def test_related_links_blocks_run_to_the_blank_line_and_over_the_next_block(vocab):
    text = ("The lab opened on Monday. It will host auditors.\n"
            "\n"
            "Latest in Security\n"
            "Acme reports record quarter\n"
            "\n"
            "More from Reuters\n"
            "Another headline\n"
            "\n"
            "Closing paragraph stays.\n")
    cleaned = clean(text, vocab)
    assert removed(cleaned) == [
        (3, "related-links", "Latest in Security"),
        (4, "related-links", "Acme reports record quarter"),
        (6, "related-links", "More from Reuters"),
        (7, "related-links", "Another headline"),
    ]
    assert cleaned.body == "The lab opened on Monday. It will host auditors.\n\nClosing paragraph stays."
    assert cleaned.title is None  # the first kept line ends with a full stop: not a headline


def test_an_author_bio_confirming_the_byline_and_a_via_credit_are_removed(vocab):
    bio = ("Tom Hart is a technology reporter at The Daily Ledger, where he covers telecoms and security policy "
           "in Europe and Asia.")
    text = ("By Tom Hart | 3 June 2021\n\n"
            "Acme said it would publish its source code to regulators in a statement on Monday.\n\n"
            f"{bio}\nVia: Reuters\n")
    cleaned = clean(text, vocab)
    assert removed(cleaned) == [(1, "byline", "By Tom Hart | 3 June 2021"), (5, "author-bio", bio),
                                (6, "via-credit", "Via: Reuters")]
    assert cleaned.body == "Acme said it would publish its source code to regulators in a statement on Monday."


def test_navigation_image_credits_and_video_markers(vocab):
    cleaned = clean("Home > Tech > Security\n(Image credit: Getty Images)\n04:31\nPlain line that stays.", vocab)
    assert removed(cleaned) == [(1, "site-navigation", "Home > Tech > Security"),
                                (2, "image-credit", "(Image credit: Getty Images)"),
                                (3, "video-marker", "04:31")]
    assert cleaned.body == "Plain line that stays."


def test_whole_line_rules_apply_up_to_200_characters_and_search_rules_to_any_line(vocab):
    credit = "Photo: Acme's laboratory in Brussels"
    long_credit = "Photo: " + "the laboratory where regulators test the equipment " * 4  # 211 characters
    cookies = "We use cookies to improve your experience " * 6
    cleaned = clean(f"Opening line of the article.\n{credit}\n{long_credit}\n{cookies}", vocab)
    assert removed(cleaned) == [(2, "image-credit", credit), (4, "cookie-banner", cookies.strip())]
    assert cleaned.body == "Opening line of the article.\n\n" + long_credit.strip()


def test_a_text_with_nothing_to_remove_is_kept_whole(vocab):
    cleaned = clean("The end.", vocab)
    assert (cleaned.body, cleaned.removed, cleaned.title) == ("The end.", (), None)


def test_a_menu_run_and_the_header_above_the_headline_go(vocab):
    text = ("Skip to main content\nThe Quay Ledger\nNews\nSport\nOpinion\nCulture\n"
            "Council approves the harbour wall repairs\nBy Jane Porter\n\n"
            "The council voted on Monday to repair the harbour wall, the Quay Ledger reported.\n")
    cleaned = clean(text, vocab)
    assert removed(cleaned) == [
        (1, "skip-link", "Skip to main content"), (2, "site-name", "The Quay Ledger"),
        (3, "menu", "News"), (4, "menu", "Sport"), (5, "menu", "Opinion"), (6, "menu", "Culture"),
        (7, "title", "Council approves the harbour wall repairs"), (8, "byline", "By Jane Porter")]
    assert cleaned.body == "The council voted on Monday to repair the harbour wall, the Quay Ledger reported."


def test_a_site_name_must_be_named_again_and_not_be_a_common_word(vocab):
    # "Donate" is written again only as a button; "The Quay Ledger" is named nowhere else
    for first in ("Donate", "The Quay Ledger"):
        text = (f"{first}\nCouncil approves the harbour wall repairs\n\n"
                "The council voted on Monday to donate land and repair the harbour wall.\n\nDonate today\n")
        cleaned = clean(text, vocab)
        assert [r.rule for r in cleaned.removed][:1] == ["page-header"] and cleaned.title.startswith("Council")
        assert "site-name" not in [r.rule for r in cleaned.removed]


def test_a_menu_of_other_headlines_above_the_headline_is_skipped(vocab):
    text = ("Crash closes the northbound lanes of Route 9\nRobotics team heads to the national final\n"
            "Farmers say late frost wiped out half the peach crop\n\n"
            "Growers in the valley said on Tuesday that a late frost had destroyed half of the crop.\n")
    cleaned = clean(text, vocab)
    assert cleaned.title == "Farmers say late frost wiped out half the peach crop"
    assert [r.rule for r in cleaned.removed] == ["page-header", "page-header", "title"]


def test_a_tagline_and_a_line_above_the_menu_are_not_headlines(vocab):
    text = ("Independent coverage for people who follow energy markets\nWorld\nBusiness\nMarkets\nLegal\n"
            "Grid operator promises to publish its audit\n\n"
            "The operator said on Sunday that it would publish every finding of the audit.\n")
    assert clean(text, vocab).title == "Grid operator promises to publish its audit"


@pytest.mark.parametrize("line, is_date", [
    ("Tue, Jun 16 2020 9:56 AM EDT", True),
    ("June 28, 20209:15 AM UTCUpdated ago", True),  # words a copy glued together
    ("2020-11-30T08:15:00Z", True),
    ("Press release · 21 April 2021", True),  # a short label beside the date
    ("From the May 2022 issue", True),
    ("16/06/2020", True),
    ("The council met on 3 June 2021 to vote", False),  # a sentence holding a date stays
])
def test_lines_that_only_give_a_date(vocab, line, is_date):
    cleaned = clean(f"{line}\n\nThe council said it would publish the results of the vote.\n", vocab)
    assert ([r.rule for r in cleaned.removed] == ["date-line"]) is is_date


def test_a_block_of_links_stops_before_the_articles_own_headline_and_at_a_paragraph(vocab):
    text = ("Top news\nWorld\nEurope\nFishing towns ask for help as quotas are cut again\nPublished 30 November 2020\n"
            "LISBON - Mayors of nine fishing towns asked the government on Monday for emergency aid.\n\n"
            "In this article\nTargets\nA new plant\nThe company committed on Tuesday to recycling every cell it sells.\n\n"
            "Closing line.\n")
    cleaned = clean(text, vocab)
    assert cleaned.title == "Fishing towns ask for help as quotas are cut again"
    assert cleaned.body.split("\n\n") == [
        "LISBON - Mayors of nine fishing towns asked the government on Monday for emergency aid.",
        "The company committed on Tuesday to recycling every cell it sells.", "Closing line."]


@pytest.mark.parametrize("line, rule", [
    ("Story continues below advertisement", "advertisement"),
    ("READ MORE: Island schools face closure as families move away", "read-more"),
    ("Share on Facebook", "share-prompt"),
    ("Sign up for our free morning newsletter", "newsletter-prompt"),
    ("You have 2 free articles left this month.", "newsletter-prompt"),
    ("Comments (48)", "comment-count"),
    ("Tags: ferries, islands, transport", "tag-list"),
    ("Listen to this article 4 min", "media-player"),
    ("© 2020 Harbour Courier. All rights reserved.", "copyright-notice"),
    ("3 hours ago", "relative-time"),
    ("The evening sailing has been cancelled on 31 days. Photograph: Tom Reyes/Harbour Courier", "caption-credit"),
    ("A turbine near Bergen, March 3, 2020. REUTERS/Tom Field/File Photo", "caption-credit"),
    ("Reporting by Mara Ellison; Editing by Paul Grant", "wire-credit"),
    ("Back to all updates", "back-link"),
    ("Media contact: press@example.org", "contact-details"),
])
def test_furniture_classes(vocab, line, rule):
    cleaned = clean(f"The council said it would publish the results of the vote on Monday.\n\n{line}\n", vocab)
    assert [(r.rule, r.text) for r in cleaned.removed] == [(rule, line)]


@pytest.mark.parametrize("line", [
    "The company said it would share its findings with regulators on Monday.",
    "Users can change their privacy settings at any time, the company said.",
    "Copyright law in the union changed last year, the regulator said.",
    "Registered users received an email from the company on Friday.",
    "He said the report, published by a university group, was wrong.",
])
def test_article_sentences_that_mention_furniture_words_stay(vocab, line):
    cleaned = clean(f"The council said it would publish the results of the vote on Monday.\n\n{line}\n", vocab)
    assert cleaned.removed == () and cleaned.body.endswith(line)
