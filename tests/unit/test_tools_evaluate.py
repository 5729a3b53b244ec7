"""tools/evaluate.py: precision, recall and F1 of the extraction against a gold annotation."""

from __future__ import annotations

import pytest

from build_scripts.model import Claim, Source, Speaker
from build_scripts.tools.evaluate import (ClaimScores, GoldError, Report, Score, format_claims, format_report, load_gold,
                                          matching, same_claim, score_claims, score_source, speaker_form, verbatim)
from handmade import source


def test_score_arithmetic_and_the_empty_case():
    score = Score(tp=3, fp=1, fn=2)
    assert (score.precision, score.recall, round(score.f1, 4)) == (0.75, 0.6, 0.6667)
    assert (Score().precision, Score().recall, Score().f1) == (1.0, 1.0, 1.0)
    assert Score(fp=1, fn=1).f1 == 0.0


def test_a_source_scored_against_its_gold_notes():
    report = Report()
    gold = {
        "title": "acme PLEDGES",
        "outlet": "Daily Ledger",
        "speakers": [{"name": "Jan Novak", "role": "Chief Executive", "organisation": "Huawei"},
                     {"name": "Ann Lee"}],
        "quotes": [{"text": "“we build no BACKDOOR”", "speaker": "Ann Lee"}, {"text": "never said", "speaker": "X"}],
        "boilerplate": ["Novak said the firm", "Share this"],
    }
    score_source(source(speakers=(Speaker("Jan Novak", role="chief executive", organisation="Acme"),
                                  Speaker("Extra"))), "Acme pledges", gold, report)
    assert (report.documents, report.outlet_right, report.outlet_total, report.title_right, report.title_total) == (
        1, 1, 1, 1, 1)
    assert (report.speakers.tp, report.speakers.fp, report.speakers.fn) == (1, 1, 1)
    assert (report.roles.tp, report.roles.fn) == (1, 1)
    assert (report.quotes.tp, report.quotes.fp, report.quotes.fn) == (1, 0, 1)
    assert (report.attribution.tp, report.attribution.fp, report.attribution.fn) == (0, 1, 2)
    assert (report.leaked, report.boilerplate_total) == (1, 2)
    assert report.details == [
        "a.txt: extra speaker 'Extra'",
        "a.txt: Jan Novak organisation 'Acme', gold 'Huawei'",
        "a.txt: missed speaker 'Ann Lee'",
        "a.txt: quote '“we build no BACKDOOR”' given to 'Jan Novak', gold 'Ann Lee'",
        "a.txt: missed quote 'never said'",
        "a.txt: boilerplate left in body: 'Novak said the firm'",
    ]


def test_report_format():
    report = Report(documents=2, speakers=Score(1, 1, 0), outlet_right=1, outlet_total=2, details=["a.txt: x"])
    assert format_report(report).split("\n") == [
        "documents: 2",
        "measure                precision    recall        F1",
        "speakers                   0.500     1.000     0.667",
        "quote detection            1.000     1.000     1.000",
        "quote attribution          1.000     1.000     1.000",
        "roles/organisations                  1.000",
        "outlet accuracy: 1/2",
        "title accuracy: 0/0",
        "boilerplate lines leaked into bodies: 0 of 0",
        "  a.txt: x",
    ]


def test_a_gold_file_needs_its_documents_mapping(tmp_path):
    (tmp_path / "gold.yml").write_text("documents:\n  a.txt:\n    title: A\n")
    assert load_gold(tmp_path / "gold.yml") == {"a.txt": {"title": "A"}}
    (tmp_path / "bad.yml").write_text("- a.txt\n")
    with pytest.raises(ValueError, match="a gold file needs a 'documents:' mapping"):
        load_gold(tmp_path / "bad.yml")


# --- claims: every claim of a document ------------------------------------------------------------

BODY = ("“The bridge will reopen by 1,000 vehicles a day,” said Dr. Ana Ruiz, “however, lorries must wait.”\n\n"
        "Ruiz said the council would publish the survey on Monday.\n\n"
        "“We found no crack in the main span.\n\n“The cables are sound,” she added.\n\n"
        "Harbour Works denied that it had cut the inspections.")
HONORIFICS = ("Mr", "Dr", "Ms")


def _claims_of(*claims: Claim, body: str = BODY) -> Source:
    return source(claims=claims, body=body)


def test_a_gold_claim_list_is_checked_and_a_bad_claim_names_its_line(tmp_path):
    good = ('documents:\n  a.txt:\n    claims:\n      - text: "the bridge will reopen by"\n        speaker: Ana Ruiz\n'
            '        quote: true\n        said_on: 2021-06-14\n        said_precision: week\n')
    (tmp_path / "gold.yml").write_text(good)
    assert load_gold(tmp_path / "gold.yml")["a.txt"]["claims"][0]["speaker"] == "Ana Ruiz"
    for claim, message in [
        ("- text: x\n        speaker: A", "claim 2: 'quote' must be true or false"),
        ("- text: x\n        speaker: A\n        quote: yes please", "claim 2: 'quote' must be true or false"),
        ("- text: x\n        quote: true", "claim 2: 'speaker' must be a name"),
        ("- text: x\n        speaker: A\n        quote: true\n        said_on: 2021-06-15\n        said_precision: week",
         "claim 2: a week's 'said_on' is the Monday of that week"),
        ("- text: x\n        speaker: A\n        quote: true\n        said_on: 2021-06\n        said_precision: day",
         "claim 2: 'said_on' must be written to its precision (day)"),
        ("- text: x\n        speaker: A\n        quote: true\n        said_on: 2021-06-14",
         "claim 2: 'said_on' and 'said_precision' go together"),
        ("- text: x\n        speaker: A\n        quote: true\n        who: B", "claim 2: unknown key 'who'"),
    ]:
        (tmp_path / "bad.yml").write_text(good + f"      {claim}\n")
        with pytest.raises(GoldError) as caught:
            load_gold(tmp_path / "bad.yml")
        assert caught.value.line == 9 and caught.value.message.startswith(f"'a.txt': {message}"), caught.value.message


def test_speaker_names_are_compared_without_honorifics_or_case():
    assert speaker_form("Dr. Ana Ruiz", HONORIFICS) == speaker_form("ana ruiz", HONORIFICS) == "ana ruiz"
    assert speaker_form("Ms Ruiz", HONORIFICS) == "ruiz"
    assert speaker_form("Dr.", HONORIFICS) == "dr."  # a lone title is not taken away
    assert speaker_form("Ana M. Ruiz", HONORIFICS) != speaker_form("Ana Ruiz", HONORIFICS)
    assert speaker_form("Dr. Ana Ruiz") == "dr. ana ruiz"  # no honorifics given: none left out
    assert speaker_form("The Harbour Board", ("the",)) == "harbour board"


def test_claims_match_when_one_text_holds_the_other_ignoring_marks_and_joins():
    assert same_claim("“The bridge will reopen by 1,000 vehicles a day, […] however, lorries must wait.”",
                      "1,000 vehicles a day, however, LORRIES")
    assert same_claim("Ruiz said the council would publish the survey on Monday.", "the council would publish the survey")
    assert not same_claim("the survey was late", "the council would publish the survey")
    assert not same_claim("", "anything")


def test_a_quote_is_verbatim_only_when_each_part_is_in_the_body():
    assert verbatim("The bridge will reopen by 1,000 vehicles a day, […] however, lorries must wait.", BODY)
    assert not verbatim("The bridge will reopen by 1,000 vehicles a day however, lorries must wait.", BODY)  # silent join
    assert not verbatim("The bridge will reopen by 1,000 vehicles a day, […] lorries can wait.", BODY)
    assert verbatim("We found no crack in the main span. The cables are sound,", BODY)  # over a paragraph break
    assert not verbatim("we found no crack in the main span.", BODY)  # case is part of the words


def test_claims_scored_against_their_gold_list():
    gold = [
        {"text": "1,000 vehicles a day", "speaker": "Ana Ruiz", "quote": True},
        {"text": "however, lorries must wait", "speaker": "Ana Ruiz", "quote": True},
        {"text": "the council would publish the survey", "speaker": "Ana Ruiz", "quote": False,
         "said_on": "2021-06-14", "said_precision": "day"},
        {"text": "We found no crack in the main span", "speaker": "Ana Ruiz", "quote": True},
        {"text": "denied that it had cut the inspections", "speaker": "Harbour Works", "quote": False},
    ]
    predicted = _claims_of(
        # one claim holding two gold quotes matches one of them; the other is missed
        Claim("The bridge will reopen by 1,000 vehicles a day, […] however, lorries must wait.", "Dr. Ana Ruiz", True),
        Claim("Ruiz said the council would publish the survey on Monday.", "Ana Ruiz", False,
              said_on="2021-06-14", said_precision="day"),
        Claim("We found no crack in the main span.", "Harbour Works", True),  # the wrong speaker
        Claim("Harbour Works denied that it had cut the inspections.", "Harbour Works", False,
              said_on="2021-06-01", said_precision="month"),  # a date the text does not give
        Claim("the cables are sound and the deck is new", "Ana Ruiz", True),  # not in the text, not in the gold
    )
    scores, details = ClaimScores(), []
    score_claims(predicted, gold, scores, details, HONORIFICS)
    assert (scores.attribution.tp, scores.attribution.fp, scores.attribution.fn) == (1, 2, 2)
    assert (scores.detection.tp, scores.detection.fp, scores.detection.fn) == (4, 1, 1)
    assert (scores.attributed.tp, scores.attributed.fp, scores.attributed.fn) == (3, 2, 2)
    assert (scores.verbatim_right, scores.verbatim_total) == (2, 3)
    assert (scores.said_right, scores.said_total, scores.said_invented, scores.said_none) == (1, 1, 1, 3)
    assert details == [
        "a.txt: missed quote 'however, lorries must wait' (Ana Ruiz)",
        "a.txt: quote 'We found no crack in the main span' given to 'Harbour Works', gold 'Ana Ruiz'",
        "a.txt: said on 2021-06-01 (month) for 'denied that it had cut the inspections', gold none (invented)",
        "a.txt: extra quote 'the cables are sound and the deck is new' (Ana Ruiz)",
        "a.txt: quote not verbatim 'the cables are sound and the deck is new'",
    ]


def test_the_matching_is_one_to_one_and_as_large_as_it_can_be():
    # greedy would give the long claim to the first gold text and leave the second unmatched
    gold = [{"text": "reopen", "speaker": "A", "quote": False}, {"text": "the bridge will reopen", "speaker": "A", "quote": False}]
    claims = [Claim("the bridge will reopen in May", "A", False), Claim("reopen", "A", False)]
    assert matching(gold, claims, lambda g, p: same_claim(p.text, g["text"])) == {0: 1, 1: 0}
    assert matching(gold, claims[:1], lambda g, p: same_claim(p.text, g["text"])) in ({0: 0}, {1: 0})


def test_the_claims_block_of_the_report():
    scores = ClaimScores(documents=2, attribution=Score(9, 1, 0), detection=Score(3, 1, 1), attributed=Score(2, 2, 2),
                         verbatim_right=4, verbatim_total=4, said_right=1, said_total=2, said_invented=0, said_none=5)
    assert format_claims(scores) == [
        "claims (2 documents)         precision    recall        F1",
        "quote attribution                0.900     1.000     0.947",
        "claims (text)                    0.750     0.750     0.750",
        "claims (text, speaker)           0.500     0.500     0.500",
        "verbatim quotes                        4/4 1.000",
        "said-on right                          1/2 0.500",
        "said-on invented                       0/5 0.000",
    ]


def test_an_interrupted_quote_may_be_one_joined_claim_or_one_claim_per_part():
    gold = [{"text": "The bridge will reopen by 1,000 vehicles a day, […] however, lorries must wait.",
             "speaker": "Ana Ruiz", "quote": True}]
    joined = Claim("The bridge will reopen by 1,000 vehicles a day, […] however, lorries must wait.", "Ana Ruiz", True)
    first = Claim("The bridge will reopen by 1,000 vehicles a day,", "Ana Ruiz", True)
    second = Claim("however, lorries must wait.", "Ana Ruiz", True)
    for claims, right in (((joined,), 1), ((first, second), 2)):
        scores, details = ClaimScores(), []
        score_claims(_claims_of(*claims), gold, scores, details, HONORIFICS)
        assert (scores.attribution.tp, scores.attribution.fp, scores.attribution.fn) == (1, 0, 0)
        assert (scores.detection.tp, scores.detection.fp, scores.detection.fn) == (1, 0, 0)
        assert (scores.verbatim_right, details) == (right, [])
    scores, details = ClaimScores(), []  # the second part given to another speaker is a wrong attribution
    score_claims(_claims_of(first, Claim("however, lorries must wait.", "Harbour Works", True)), gold, scores, details)
    assert (scores.attribution.tp, scores.attribution.fp, scores.detection.fp) == (1, 1, 0)
    scores, details = ClaimScores(), []  # a silent join is one claim, but not verbatim
    score_claims(_claims_of(Claim("1,000 vehicles a day however, lorries must wait.", "Ana Ruiz", True)), gold, scores,
                 details)
    assert (scores.verbatim_right, scores.verbatim_total) == (0, 1)
