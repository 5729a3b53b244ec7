"""Text copies of web pages from any outlet: the article body, title, outlet and date right
without a curated file.

Each document imitates the *structure* a browser's select-all copy of a kind of page gives
(a wire story, a business news page, a corporate newsroom, a blog post, a government
release) in words written for this test; outlets are fictional unless the test is about a
known outlet's alias. Every document marks its article lines with a leading '|' so the test
can say exactly which lines must stay and which must go.
"""

from __future__ import annotations

import pytest

from build_scripts.config.vocabulary import load_vocabulary
from build_scripts.extract.corpus import extract_seed


@pytest.fixture(scope="module")
def vocab():
    return load_vocabulary()


def split(marked: str) -> tuple[str, list[str], list[str]]:
    """The copy as a seed's text, its article lines and its furniture lines."""
    text, article, furniture = [], [], []
    for line in marked.strip("\n").split("\n"):
        if line.startswith("|"):
            text.append(line[1:])
            article.append(line[1:].strip())
        else:
            text.append(line)
            if line.strip():
                furniture.append(line.strip())
    return "\n".join(text) + "\n", [a for a in article if a], furniture


def extract(marked: str, vocab, name: str = "copy.txt"):
    text, article, furniture = split(marked)
    extracted, problems = extract_seed(name, text.encode(), vocab)
    assert extracted is not None, problems
    return extracted, article, furniture


WIRE = """
Skip to main content
Independent coverage for people who follow energy markets
World
Business
Markets
Sustainability
More
Northwind Grid says it will publish every finding of its network audit
By Mara Ellison
3 minute read
June 28, 20209:15 AM UTCUpdated ago
A row of turbines stands along a fjord near Bergen, Norway, March 3, 2020. REUTERS/Tom Field/File Photo
|OSLO, June 28 (Reuters) - Northwind Grid said on Sunday it would publish every finding of an independent audit of its control network, after lawmakers asked how the operator protects the power supply from intrusions.
|"We have nothing to hide from the regulator or from our customers," chief executive Lars Eid told reporters in Oslo.
|The audit, carried out by an outside laboratory over six months, looked at the software that steers substations across the country.
|Opposition lawmakers welcomed the promise but said the results should be checked by the energy ministry.
Reporting by Mara Ellison; Editing by Paul Grant
"""


def test_a_wire_story_its_menu_tagline_caption_and_credits_go(vocab):
    extracted, article, furniture = extract(WIRE, vocab)
    assert extracted.title == "Northwind Grid says it will publish every finding of its network audit"
    assert (extracted.outlet, extracted.author) == ("Reuters", "Mara Ellison")
    assert (extracted.date, extracted.date_precision) == ("2020-06-28", "day")
    assert extracted.cleaned.body.split("\n\n") == article
    assert sorted(r.text for r in extracted.cleaned.removed) == sorted(furniture)


def test_a_dateline_without_a_year_takes_it_from_the_page_or_gives_no_date(vocab):
    without_year = WIRE.replace("June 28, 20209:15 AM UTCUpdated ago\n", "")
    extracted, _, _ = extract(without_year, vocab)
    assert (extracted.date, extracted.outlet) == (None, "Reuters")  # "June 28" of which year: never a guess


BUSINESS = """
Markets
Business
Investing
Tech
Politics
Watchlist
Sign In
TECH
Harbor Systems denies that its routers send customer data abroad
Published Tue, Jun 16 20209:56 AM EDT
Updated Tue, Jun 16 202011:02 AM EDT
Share
Share Article via Facebook
Share Article via Twitter
Share Article via Email
|Harbor Systems on Tuesday rejected a report that its home routers copy browsing records to servers outside the country.
|"Our devices send nothing to anyone unless the owner turns the feature on," the company said in a statement.
Harbor Systems chief executive Dana Whitfield speaks during a trade fair in Las Vegas, January 7, 2020. (Photo by Sam Ortiz/Bloomberg via Getty Images)
|The report, published by a university research group, said it had found the traffic during tests of four models.
ADVERTISEMENT
|The company said it would invite the researchers to repeat the tests in its own laboratory.
WATCH: Harbor Systems chief executive on the router report
VIDEO 02:13
Subscribe to Market Desk PRO
Sign up for free newsletters and get more Market Desk delivered to your inbox
Get this delivered to your inbox, and more info about our products and services.
© 2020 Market Desk Media LLC. All Rights Reserved. A Division of Example Broadcasting Group.
Data is a real-time snapshot *Data is delayed at least 15 minutes.
"""


def test_a_business_news_page_with_share_buttons_video_newsletter_and_copyright(vocab):
    extracted, article, furniture = extract(BUSINESS, vocab)
    assert extracted.title == "Harbor Systems denies that its routers send customer data abroad"
    assert (extracted.date, extracted.date_precision) == ("2020-06-16", "day")  # published, not updated
    assert extracted.outlet == "Market Desk Media"  # named by its copyright line, legal ending dropped
    body = extracted.cleaned.body.split("\n\n")
    assert body[:len(article)] == article
    # one line of market-data small print stays: keeping furniture is better than losing article text
    assert body[len(article):] == ["Data is a real-time snapshot *Data is delayed at least 15 minutes."]


NEWSROOM = """
Jump directly to the content
Acme Corp
Products
Solutions
Support
Newsroom
Press release
Acme opens a cybersecurity laboratory in Lisbon
12 January 2022
|LISBON, Portugal, January 12, 2022 -- Acme Corp today opened a laboratory in Lisbon where regulators and customers can examine the source code of its network equipment.
|"Trust has to be earned with evidence, not with promises," said Rui Matos, head of security at Acme.
|The laboratory will be open to any national authority in the European Union that asks for access.
Tags: security, Lisbon, transparency
Share this page
Related news
Acme reports third-quarter results
Acme names a new chief financial officer

© 2022 Acme Corp. All rights reserved.
Privacy policy | Terms of use | Cookie settings | Accessibility
"""


def test_a_corporate_newsroom_release(vocab):
    extracted, article, furniture = extract(NEWSROOM, vocab)
    assert extracted.title == "Acme opens a cybersecurity laboratory in Lisbon"
    assert (extracted.date, extracted.outlet) == ("2022-01-12", "Acme Corp")  # the site's name, named again
    assert extracted.cleaned.body.split("\n\n") == article
    assert sorted(r.text for r in extracted.cleaned.removed) == sorted(furniture)


BLOG = """
|I switched off the voice assistant in my kitchen last spring, and I have not missed it once.
|The company behind it says recordings are deleted after thirty days, but its own settings page told a different story.
|When I asked the press office, a spokesperson said the longer retention applied only to accounts in a test programme.
Posted 2 hours ago
12 comments
Leave a comment
"""


def test_a_copy_with_no_headline_outlet_or_date_gets_none_guessed(vocab):
    extracted, article, furniture = extract(BLOG, vocab, name="kitchen-assistant.txt")
    assert (extracted.title, extracted.outlet, extracted.date) == (None, None, None)  # "2 hours ago" is no date
    assert extracted.fallback_title.startswith("I switched off the voice assistant")
    assert extracted.cleaned.body.split("\n\n") == article
    assert sorted(r.text for r in extracted.cleaned.removed) == sorted(furniture)


@pytest.mark.parametrize("byline, author, outlet", [
    ("By Ann Lee, 3 Jun 2021", "Ann Lee", None),
    ("By Ann Lee, CNBC", "Ann Lee", "CNBC"),
    ("By Ann Lee | The Harbour Times", "Ann Lee", "The Harbour Times"),
    ("By Ann Lee, Bob Roe", "Ann Lee", None),  # a second author is not an outlet
])
def test_a_byline_names_the_author_and_sometimes_the_outlet(vocab, byline, author, outlet):
    extracted, _, _ = extract(f"Acme pledges open audits of its routers\n{byline}\n\n"
                              "|Acme said it would publish the results of the audit on Monday.\n", vocab)
    assert (extracted.author, extracted.outlet) == (author, outlet)


@pytest.mark.parametrize("line, date, precision", [
    ("Published Tue, Jun 16 2020", "2020-06-16", "day"),
    ("Updated 5 September 2023", "2023-09-05", "day"),
    ("PUBLISHED: SEPT. 5, 2023 AT 7:02 AM", "2023-09-05", "day"),
    ("Published 2023-09-05T07:02:00Z", "2023-09-05", "day"),
    ("Published 25/12/2021", "2021-12-25", "day"),
    ("Published 05/06/2021", None, None),  # May or June: never a guess
    ("Published June 2021", "2021-06", "month"),
    ("Updated 3 hours ago", None, None),
])
def test_publication_date_lines_in_common_formats(vocab, line, date, precision):
    extracted, _, _ = extract(f"Acme pledges open audits of its routers\n{line}\n\n"
                              "|Acme said it would publish the results of the audit on Monday.\n", vocab)
    assert (extracted.date, extracted.date_precision) == (date, precision)


def test_a_known_outlet_on_a_line_of_its_own_anywhere_names_the_outlet(vocab):
    extracted, article, _ = extract("Acme pledges open audits of its routers\n\n"
                                    "|Acme said it would publish the results of the audit on Monday.\n\nThe Guardian\n",
                                    vocab)
    assert extracted.outlet == "The Guardian" and extracted.cleaned.body == article[0]


def test_a_text_with_no_headline_gets_its_first_words_as_a_fallback_marked_as_such(tmp_path, vocab):
    from build_scripts import pipeline

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "kitchen.txt").write_text(split(BLOG)[0], encoding="utf-8")
    (seeds / "wire.txt").write_text(split(WIRE)[0], encoding="utf-8")
    sources = {s.file: s for s in pipeline.load(seeds, vocabulary=vocab).sources}
    kitchen, wire = sources["kitchen.txt"], sources["wire.txt"]
    assert kitchen.title.startswith("I switched off the voice assistant") and kitchen.provenance["title"] == "fallback"
    assert wire.provenance["title"] == "extracted"
    assert (wire.outlet, wire.date, wire.provenance["outlet"], wire.provenance["date"]) == (
        "Reuters", "2020-06-28", "extracted", "extracted")
