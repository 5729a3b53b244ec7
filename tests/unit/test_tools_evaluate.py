"""tools/evaluate.py: precision, recall and F1 of the extraction against a gold annotation."""

from __future__ import annotations

import pytest

from build_scripts.model import Speaker
from build_scripts.tools.evaluate import Report, Score, format_report, load_gold, score_source
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
