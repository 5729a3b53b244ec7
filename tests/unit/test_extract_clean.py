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
