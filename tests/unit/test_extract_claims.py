"""extract/claims.py: quotations, sentences, and who claimed what, on short texts written here."""

from __future__ import annotations

import pytest

from build_scripts.config.vocabulary import load_vocabulary
from build_scripts.extract.claims import (extract_claims, find_quotes, is_claim_quote, self_speaker_of,
                                          split_sentences)
from build_scripts.model import Claim, Speaker

THREE_LINES = ('"We will never build a backdoor into our products," said Jan Novak, chief executive of Acme.\n\n'
               "Novak said the company had invited regulators to test its equipment.\n\n"
               '"Trust has to be earned," he added.')


@pytest.fixture(scope="module")
def vocab():
    return load_vocabulary()


def spans(body, pairs):
    return [body[start:end] for start, end in pairs]


def test_quotes_straight_curly_continued_over_a_paragraph_and_left_open():
    body = 'He said "open\n\n"and again" then “curly” and "unclosed'
    assert spans(body, [(q.start, q.end) for q in find_quotes(body)]) == [
        '"open\n\n"and again"', "“curly”", '"unclosed']


def test_a_quote_mark_glued_to_a_word_does_not_open_a_quote():
    assert find_quotes('the 12" screen and 3" pipe') == []


def test_sentences_never_cut_through_a_quotation_nor_after_an_abbreviation(vocab):
    body = 'Mr. Smith arrived. He said "it works. It really does." Then he left.\n\nNew paragraph'
    assert spans(body, split_sentences(body, find_quotes(body), vocab.abbreviations)) == [
        "Mr. Smith arrived.", 'He said "it works. It really does."', "Then he left.", "New paragraph"]


def test_three_lines_quote_report_and_pronoun(vocab):
    speakers, claims = extract_claims(THREE_LINES, vocab)
    assert speakers == (Speaker("Jan Novak", "person", "chief executive", "Acme"),)
    assert claims == (
        Claim("We will never build a backdoor into our products", "Jan Novak", True, 0, 51, ("no-backdoors",)),
        Claim("Novak said the company had invited regulators to test its equipment.", "Jan Novak", False, 94, 162,
              ("transparency-and-verification",)),
        Claim("Trust has to be earned", "Jan Novak", True, 164, 189),  # trust alone is no topic
    )
    assert THREE_LINES[0:51] == '"We will never build a backdoor into our products,"'


def test_a_quote_split_around_said_is_one_claim(vocab):
    body = '"We keep every promise we make," said Jan Novak.\n\n“The Global Initiative,” he said, “advocates data security.”'
    _, claims = extract_claims(body, vocab)
    assert [(c.text, c.speaker, body[c.start:c.end]) for c in claims] == [
        ("We keep every promise we make", "Jan Novak", '"We keep every promise we make,"'),
        ("The Global Initiative advocates data security.", "Jan Novak",
         "“The Global Initiative,” he said, “advocates data security.”"),
    ]


def test_quote_over_two_paragraphs_with_a_possessive_role(vocab):
    body = 'Acme\'s chairman Jan Novak said: "We protect privacy in every product.\n\n"And we always will."'
    speakers, claims = extract_claims(body, vocab)
    assert speakers == (Speaker("Jan Novak", "person", "chairman", "Acme"),)
    assert claims == (Claim("We protect privacy in every product. And we always will.", "Jan Novak", True, 32,
                            len(body), ("privacy",)),)


def test_role_before_a_name_in_commas_and_reported_speech(vocab):
    body = "Brightwave's head of compliance, Priya Raman, told reporters that the firm keeps data in Europe."
    speakers, claims = extract_claims(body, vocab)
    assert speakers == (Speaker("Priya Raman", "person", "head of compliance", "Brightwave"),)
    assert claims == (Claim(body, "Priya Raman", False, 0, len(body)),)


def test_a_quoted_term_is_context_not_a_claim(vocab):
    body = 'Acme has denied that its equipment poses a risk. The term "backdoor" is vague.'
    speakers, claims = extract_claims(body, vocab)
    assert speakers == (Speaker("Acme", "organisation"),)
    assert claims == (Claim("Acme has denied that its equipment poses a risk.", "Acme", False, 0, 48),)


def test_a_pronoun_with_nobody_to_refer_to_gives_no_claim(vocab):
    assert extract_claims('Smith arrived late. He said "we are all ready for this now."', vocab) == ((), ())


def test_is_claim_quote_wants_a_statement_not_a_term():
    assert [is_claim_quote(t, 4) for t in ("backdoor", "We never spy", "We never.", "one two three four")] == [
        False, False, True, True]



def test_an_organisations_own_page_speaks_for_it(vocab):
    body = "Acme protects its customers. We ensure privacy for every user. We never sell data."
    assert self_speaker_of(body, False, vocab) == "Acme"
    assert self_speaker_of(body, True, vocab) is None  # quotations: someone else speaks
    assert self_speaker_of("We ensure privacy. Acme is here.", False, vocab) is None  # one "We" is not a page's voice
    speakers, claims = extract_claims(body, vocab, "Acme")
    assert speakers == (Speaker("Acme", "organisation"),)
    assert [(c.text, c.speaker, c.quote) for c in claims] == [
        ("Acme protects its customers.", "Acme", False),
        ("We ensure privacy for every user.", "Acme", False),
        ("We never sell data.", "Acme", False),
    ]
