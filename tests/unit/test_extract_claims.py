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
        ("The Global Initiative, […] advocates data security.", "Jan Novak",
         "“The Global Initiative,” he said, “advocates data security.”"),
    ]


def test_quote_over_two_paragraphs_with_a_possessive_role(vocab):
    body = 'Acme\'s chairman Jan Novak said: "We protect privacy in every product.\n\n"And we always will."'
    speakers, claims = extract_claims(body, vocab)
    assert speakers == (Speaker("Jan Novak", "person", "chairman", "Acme"),)
    assert claims == (Claim("We protect privacy in every product. […] And we always will.", "Jan Novak", True, 32,
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
    assert [is_claim_quote(t, 4) for t in ("backdoor", "We never spy", "We never.", "one two three four",
                                           "A red line,")] == [False, False, False, True, False]


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


# ---------------------------------------------------------------- issue 13: verbatim, what a claim is, who said it

def quotes_of(body, vocab):
    return [(c.text, c.speaker) for c in extract_claims(body, vocab)[1] if c.quote]


def claims_of(body, vocab):
    return [(c.text, c.speaker, c.quote) for c in extract_claims(body, vocab)[1]]


def verbatim(text, body):
    """Every part of a quote claim, split on the gap mark, is a passage of the body."""
    return all(part in body for part in text.split(" […] "))


def test_an_interrupted_quote_is_one_claim_marked_where_it_was_cut(vocab):
    body = '"Our trains will reach 1,000 km," said Lena Ortiz, "however, nobody will ride them this year."'
    [(text, speaker)] = quotes_of(body, vocab)
    assert text == "Our trains will reach 1,000 km, […] however, nobody will ride them this year."
    assert speaker == "Lena Ortiz" and verbatim(text, body)


def test_a_quote_over_paragraphs_marks_the_paragraph_break(vocab):
    body = ('Lena Ortiz said: "We will open the depot in May.\n\n'
            '"After that, every line gets new trains."')
    [(text, speaker)] = quotes_of(body, vocab)
    assert text == "We will open the depot in May. […] After that, every line gets new trains."
    assert speaker == "Lena Ortiz" and verbatim(text, body)


def test_a_quote_ending_a_sentence_keeps_its_words_and_loses_only_the_comma(vocab):
    body = '"Fares will stay frozen until next spring," Lena Ortiz said.'
    assert quotes_of(body, vocab) == [("Fares will stay frozen until next spring", "Lena Ortiz")]


def test_a_lead_in_ending_in_a_colon_is_not_a_claim_but_names_the_next_quote(vocab):
    body = ("Transit director Lena Ortiz said the network would grow, saying:\n\n"
            '"Every suburb will have a station within a decade."\n\n'
            "The plan goes to the council next week.")
    assert claims_of(body, vocab) == [("Every suburb will have a station within a decade.", "Lena Ortiz", True)]


def test_a_heading_with_a_speech_verb_is_not_a_claim(vocab):
    body = ("Ortiz says the depot will close\n\n"
            "Lena Ortiz said the old depot would close in June.")
    assert claims_of(body, vocab) == [("Lena Ortiz said the old depot would close in June.", "Lena Ortiz", False)]


def test_a_fragment_under_four_words_is_not_a_claim_nor_its_sentence(vocab):
    body = 'Lena Ortiz called the plan "a red line" for the union.\n\n"A red line," Ortiz said.'
    assert [c for c in claims_of(body, vocab) if c[2]] == []
    assert all("red line" not in text or not quote for text, _, quote in claims_of(body, vocab))


def test_an_organisation_pledging_is_reported_speech(vocab):
    body = "Brenmoor Rail pledged on Monday to refund every delayed ticket."
    assert claims_of(body, vocab) == [(body, "Brenmoor Rail", False)]


def test_a_description_before_an_inverted_name(vocab):
    body = ('"We have never had a busier summer on the coast line," said network chair Dr Tomas Ekdahl.\n\n'
            '"The stations were full every weekend," said cafe owner Rosa Lind.')
    speakers, claims = extract_claims(body, vocab)
    assert [c.speaker for c in claims] == ["Tomas Ekdahl", "Rosa Lind"]
    assert [(s.role, s.organisation) for s in speakers] == [("network chair", None), ("cafe owner", None)]


def test_a_possessive_description_then_the_name_after_a_comma(vocab):
    body = '"Every carriage will have step-free access," said Brenmoor\'s operations director, Hana Sato.'
    speakers, claims = extract_claims(body, vocab)
    assert [c.speaker for c in claims] == ["Hana Sato"]
    assert (speakers[0].role, speakers[0].organisation) == ("operations director", "Brenmoor")


def test_a_name_then_where_it_speaks_from(vocab):
    body = '"The fares are simply too high for pensioners," said Ivo Marsh of the Fair Fares Campaign.'
    speakers, claims = extract_claims(body, vocab)
    assert [c.speaker for c in claims] == ["Ivo Marsh"] and speakers[0].organisation == "Fair Fares Campaign"


def test_honorifics_are_not_part_of_the_name_and_a_surname_is_the_full_name(vocab):
    body = ("Dr. Ana M. Ruiz, the port's medical officer, visited the ward.\n\n"
            '"We will test every crew member before they sail," Ruiz said.\n\n'
            '"Nobody boards without a clear result," said Dr Ruiz.')
    assert quotes_of(body, vocab) == [
        ("We will test every crew member before they sail", "Ana M. Ruiz"),
        ("Nobody boards without a clear result", "Ana M. Ruiz")]


def test_a_surname_alone_takes_the_earlier_full_name_not_the_sentence_opener(vocab):
    body = ('Striker Dami Okoro scored twice in the second half.\n\n'
            '"I have waited all season for a night like this one," Okoro said.')
    assert quotes_of(body, vocab) == [("I have waited all season for a night like this one", "Dami Okoro")]


def test_a_relative_clause_between_name_and_verb_and_he_said_after(vocab):
    body = ('"The ferry will be back by winter," said Ines Varga, the operator\'s chief executive.\n\n'
            "Local councillor Piet Dahl, who led the protest, said he would wait and see.\n\n"
            '"Promises are cheap in June, and we will judge them in January," he said.')
    assert [c[1] for c in claims_of(body, vocab)] == ["Ines Varga", "Piet Dahl", "Piet Dahl"]


def test_said_he_followed_by_a_clause_is_not_an_inverted_pronoun(vocab):
    body = ('"We will build it," said Ines Varga.\n\n'
            "Piet Dahl, who opposed the plan, said he would appeal the decision in court.")
    assert [c[1] for c in claims_of(body, vocab)] == ["Ines Varga", "Piet Dahl"]


def test_a_spokesperson_speaks_for_the_organisation_the_text_names_or_for_nobody(vocab):
    named = ("Brenmoor Rail said fares would rise in March.\n\n"
             '"The increase pays for new signalling on every line," a company spokesperson said.')
    assert quotes_of(named, vocab) == [("The increase pays for new signalling on every line", "Brenmoor Rail")]
    unnamed = '"The increase pays for new signalling on every line," a company spokesperson said.'
    assert quotes_of(unnamed, vocab) == []


def test_the_speaker_named_in_the_next_paragraph(vocab):
    body = ('"A city that cannot move cannot work, and ours has stopped moving."\n\n'
            "That was the view of Marta Lindqvist, who chairs the chamber of commerce.")
    assert quotes_of(body, vocab) == [
        ("A city that cannot move cannot work, and ours has stopped moving.", "Marta Lindqvist")]


def test_a_transcript_gives_each_answer_to_its_labelled_speaker_and_none_to_the_host(vocab):
    body = ("KAI MORROW, HOST: The harbour wants to dredge its channel. Ines Varga joins us.\n\n"
            "INES VARGA: Good morning, Kai.\n\n"
            "MORROW: Will the oyster beds suffer from the dredging?\n\n"
            "VARGA: We will not dredge during spawning season, and we will restore twenty acres of reef.")
    assert claims_of(body, vocab) == [
        ("We will not dredge during spawning season, and we will restore twenty acres of reef.", "Ines Varga", True)]


def test_a_question_and_answer_interview_gives_the_answers_to_the_interviewee(vocab):
    body = ("Theo Brandt, founder of Kelvin Labs, spoke to us about the launch.\n\n"
            "Q: When will the first units ship to customers?\n\n"
            "A: The first units will ship in March, and every one of them is already sold.\n\n"
            "Q: And the price?\n\n"
            "A: It will stay the same for the whole of next year.")
    assert [c[:2] for c in claims_of(body, vocab) if c[2]] == [
        ("The first units will ship in March, and every one of them is already sold.", "Theo Brandt"),
        ("It will stay the same for the whole of next year.", "Theo Brandt")]


def test_capitals_with_a_colon_in_an_article_are_not_a_transcript(vocab):
    body = ("UPDATE: the vote was moved to Friday.\n\n"
            '"We need more time to read the report," said Ines Varga.')
    assert claims_of(body, vocab) == [("We need more time to read the report", "Ines Varga", True)]


def test_a_stray_quotation_mark_adds_no_empty_part(vocab):
    body = '"The report is simply wrong," Ines Varga said. I am not sure why they wrote it."'
    assert quotes_of(body, vocab) == [("The report is simply wrong", "Ines Varga")]


def test_a_description_without_a_role_word_is_not_part_of_the_name(vocab):
    body = '"Turnout decides this state, nothing else," said Kelmarsh pollster Ada Brightwell.'
    speakers, claims = extract_claims(body, vocab)
    assert [c.speaker for c in claims] == ["Ada Brightwell"]
    assert (speakers[0].role, speakers[0].organisation) == ("pollster", "Kelmarsh")


def test_a_middle_initial_stays_in_the_name(vocab):
    body = '"The senator is lost on this question," said Lorna P. Whitcombe, a former colleague.'
    assert quotes_of(body, vocab) == [("The senator is lost on this question", "Lorna P. Whitcombe")]


def test_a_surname_takes_the_last_full_mention_before_it(vocab):
    body = ("Anna Lindgren opened the session. Erik Lindgren, her brother, followed.\n\n"
            '"We will sell the farm only to a family that works it," Lindgren said.')
    assert quotes_of(body, vocab) == [("We will sell the farm only to a family that works it", "Erik Lindgren")]


def test_a_quotation_whose_attribution_names_nobody_is_not_the_last_speakers(vocab):
    body = ('"We will publish every figure we collect," said Ines Varga.\n\n'
            '"The agency missed its own deadline twice last year," the audit report said.')
    assert quotes_of(body, vocab) == [("We will publish every figure we collect", "Ines Varga")]


def test_a_quoted_title_is_not_a_claim(vocab):
    body = 'Ines Varga said she had voted for the "Fair Harbour Fees for Island Families" motion.'
    assert claims_of(body, vocab) == [(body, "Ines Varga", False)]


def test_a_second_verb_shares_the_sentences_subject(vocab):
    body = ("The Harbour Authority of Selmouth kept its fees unchanged and said tolls would stay frozen all year.\n\n"
            "Ines Varga apologised and said the ferry had been late too often.")
    assert [c[1] for c in claims_of(body, vocab)] == ["Harbour Authority of Selmouth", "Ines Varga"]


def test_the_union_is_the_union_the_text_names(vocab):
    body = ("Members of the Coastal Pilots' Union voted on Monday.\n\n"
            "Pilots will stop work on Friday after talks broke down, the pilots' union said.")
    assert claims_of(body, vocab)[-1][1] == "Coastal Pilots' Union"


def test_an_acronym_in_brackets_before_the_verb(vocab):
    body = "Harbour fees will rise by 4% in May, the Port Fees Authority (PFA) announced on Monday."
    assert claims_of(body, vocab) == [(body, "Port Fees Authority", False)]


def test_a_role_word_opening_the_sentence_is_not_part_of_the_name(vocab):
    body = ('Campaigner Lily Armitage said the fine was far too small.\n\n'
            '"They will pay it out of petty cash and carry on as before," Armitage said.')
    assert [c[1] for c in claims_of(body, vocab)] == ["Lily Armitage", "Lily Armitage"]


def test_according_to_names_the_source(vocab):
    body = ('According to the branch secretary, Dr. Ines Varga, "nobody takes a strike lightly, and nobody here does."\n\n'
            "Fares will rise by a tenth, according to Piet Dahl of the Ferry Users Group.")
    assert [c[1:] for c in claims_of(body, vocab)] == [("Ines Varga", True), ("Piet Dahl", False)]


def test_the_group_is_the_organisation_the_text_named_before(vocab):
    body = ("Harrow Freight Group reported higher profits on Tuesday.\n\n"
            "The group also committed to replacing its diesel vans with electric ones by 2030.")
    assert claims_of(body, vocab)[-1][:2] == (
        "The group also committed to replacing its diesel vans with electric ones by 2030.", "Harrow Freight Group")


def test_an_organisation_between_a_role_and_a_name(vocab):
    body = "Chief Executive Officer Kelvin Norway Ola Berg told reporters that the plant would open in May."
    speakers, _ = extract_claims(body, vocab)
    assert [s.name for s in speakers] == ["Ola Berg"]


def test_the_next_paragraph_names_only_the_speaker_of_a_quote_standing_alone(vocab):
    body = ('Ines Varga said the port would grow. "A city that cannot move cannot work, and ours has stopped."\n\n'
            "That was the view of Marta Lindqvist, who chairs the chamber.")
    assert quotes_of(body, vocab) == [("A city that cannot move cannot work, and ours has stopped.", "Ines Varga")]


def test_an_apposition_then_a_relative_clause_before_the_verb(vocab):
    body = "Mara Quist, the councillor for Harbour Ward, who backs the plan, said it would save the ferry."
    assert claims_of(body, vocab) == [(body, "Mara Quist", False)]
