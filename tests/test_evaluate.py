"""evaluate's per-field scores (title, outlet, date, body F1 on 4-word shingles, furniture) and the
evaluation corpus in tests/realistic/ with its gold file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from build_scripts.model import RemovedLine, Source
from build_scripts.tools.evaluate import (FieldScores, GoldError, claim_form, evaluate, format_report, gold_lines,
                                          load_gold, score_fields, shingle_scores, shingles)
from conftest import ROOT, run_cli

CORPUS = ROOT / "tests" / "realistic"
GOLD = ROOT / "tests" / "gold" / "realistic.yml"


def a_source(file: str = "a.txt", body: str = "", **fields) -> Source:
    values = dict(file=file, slug="a", title="A title", date=None, date_precision=None, date_note=None, outlet=None,
                  via=None, author=None, url=None, speakers=(), claims=(), headline=None, topics=(), body=body,
                  original=body, raw=body.encode(), sha256="0" * 64, size=len(body), encoding="utf-8", removed=())
    values.update(fields)
    return Source(**values)


# --- body F1 on shingles ----------------------------------------------------------------------

def test_shingles_are_four_lowercased_words_counted_as_a_multiset():
    assert shingles("The cat, the CAT sat!") == {("the", "cat", "the", "cat"): 1, ("cat", "the", "cat", "sat"): 1}
    assert shingles("one two") == {("one", "two"): 1}  # shorter than a shingle: one shingle
    assert shingles("a b c d a b c d")[("a", "b", "c", "d")] == 2
    assert shingles("") == {}


def test_shingle_f1_on_tiny_hand_inputs():
    assert shingle_scores("a b c d", "A, b; c: d.") == (1.0, 1.0, 1.0)
    precision, recall, f1 = shingle_scores("a b c d e", "a b c d")  # 2 predicted shingles, 1 right
    assert (precision, recall, round(f1, 4)) == (0.5, 1.0, 0.6667)
    precision, recall, f1 = shingle_scores("a b c d", "a b c d e f")  # 1 of 3 gold shingles found
    assert (precision, round(recall, 4), f1) == (1.0, 0.3333, 0.5)
    assert shingle_scores("w x y z", "a b c d") == (0.0, 0.0, 0.0)
    assert shingle_scores("", "") == (1.0, 1.0, 1.0)
    assert shingle_scores("", "a b c d")[2] == 0.0 and shingle_scores("a b c d", "")[2] == 0.0


def test_a_repeated_passage_is_not_counted_twice():
    precision, recall, _ = shingle_scores("a b c d\na b c d", "a b c d")
    assert recall == 1.0 and precision < 0.5


# --- gold lines -------------------------------------------------------------------------------

def test_gold_lines_read_ranges_of_the_document(tmp_path):
    (tmp_path / "a.txt").write_text("Menu\nFirst line\n\nSecond line\nFooter\n")
    assert gold_lines(["2-4", "Typed line"], tmp_path / "a.txt", False) == (["First line", "Second line", "Typed line"], [])
    lines, notes = gold_lines(["5", "6-9"], tmp_path / "a.txt", False)
    assert lines == ["Footer"] and notes == ["gold line range 6-9 is outside the document (5 lines)"]
    (tmp_path / "a.html").write_text('<nav>Home</nav>\n<p class="x">Fish &amp; <b>chips</b> cost &pound;5</p>\n')
    assert gold_lines(["2"], tmp_path / "a.html", True) == (["Fish & chips cost £5"], [])


# --- scoring one document ---------------------------------------------------------------------

def test_an_outlet_where_the_gold_says_none_is_invented():
    scores, details = FieldScores(), []
    score_fields(a_source("a.txt", outlet="Daily Ledger"), None, {"outlet": None}, scores, details)
    score_fields(a_source("b.txt", outlet=None), None, {"outlet": None}, scores, details)
    score_fields(a_source("c.txt", outlet="Daily Ledger"), None, {"outlet": "The Daily Ledger"}, scores, details)
    score_fields(a_source("d.txt", outlet="Other Paper"), None, {"outlet": "Daily Ledger"}, scores, details)
    score_fields(a_source("e.txt", outlet=None), None, {"outlet": "Daily Ledger"}, scores, details)
    assert (scores.outlet_right, scores.outlet_total) == (2, 5)
    assert (scores.outlet_invented, scores.outlet_none) == (1, 2)  # a wrong outlet is not an invented one
    assert details == ["a.txt: outlet 'Daily Ledger', gold None (invented)",
                       "d.txt: outlet 'Other Paper', gold 'Daily Ledger'",
                       "e.txt: outlet None, gold 'Daily Ledger'"]


def test_dates_right_wrong_and_invented():
    scores, details = FieldScores(), []
    score_fields(a_source("a.txt", date="2020-06-16", date_precision="day"), None, {"date": "2020-06-16"}, scores, details)
    score_fields(a_source("b.txt", date="2020-06", date_precision="month"), None, {"date": "2020-06-16"}, scores, details)
    score_fields(a_source("c.txt", date="2024-01-01", date_precision="day"), None, {"date": None}, scores, details)
    score_fields(a_source("d.txt"), None, {"date": None}, scores, details)
    assert (scores.date_right, scores.date_total, scores.date_invented, scores.date_none) == (1, 2, 1, 2)
    assert details == ["b.txt: date '2020-06', gold '2020-06-16'", "c.txt: date '2024-01-01', gold none (invented)"]


def test_a_fallback_title_counts_as_no_title():
    scores, details = FieldScores(), []
    # a text copy: the headline line the cleaner removed is the title; none found, the title is a fallback
    score_fields(a_source("a.txt", title="Acme pledges"), "Acme pledges", {"title": "ACME  pledges"}, scores, details)
    score_fields(a_source("b.txt", title="First words of the body…"), None, {"title": None}, scores, details)
    score_fields(a_source("c.txt", title="First words of the body…"), None, {"title": "Headline"}, scores, details)
    # a saved page: the title from page metadata, or a fallback its provenance names
    score_fields(a_source("d.html", title="Page title", provenance={"title": "page"}), None,
                 {"title": "Page title"}, scores, details)
    score_fields(a_source("e.html", title="Stand-in", provenance={"title": "fallback"}), None,
                 {"title": None}, scores, details)
    assert (scores.title_right, scores.title_total) == (4, 5)
    assert details == ["c.txt: title None, gold 'Headline'"]


def test_body_f1_and_furniture_left(tmp_path):
    (tmp_path / "a.txt").write_text("Skip to content\nHeadline\nOne two three four five.\nShare this\nSix seven eight nine.\n")
    scores, details = FieldScores(), []
    body = "One two three four five.\n\nShare this\n\nSix seven eight nine."
    score_fields(a_source("a.txt", body=body, original=(tmp_path / "a.txt").read_text()), "Headline",
                 {"body": ["3", "5"], "furniture": ["Skip to content", "Share this"]}, scores, details, tmp_path / "a.txt")
    # gold: 6 shingles over 9 words; body: 8 over 11; shared: "one two three four", "two three four five",
    # "six seven eight nine" (a shingle runs across paragraphs, so the removed line still costs recall)
    precision, recall, f1 = shingle_scores(body, "One two three four five.\nSix seven eight nine.")
    assert (precision, recall, round(f1, 4)) == (3 / 8, 3 / 6, 0.4286)
    assert scores.body_f1 == [f1] and scores.body_precision == [precision] and scores.body_recall == [recall]
    assert scores.whole_f1[0] < f1  # the whole copy keeps the skip link and the headline too
    assert (scores.furniture_leaked, scores.furniture_total) == (1, 2)
    assert details == ["a.txt: body F1 0.429 (precision 0.375, recall 0.500)",
                       "a.txt: furniture left in body: 'Share this'"]


def test_a_short_furniture_line_leaks_only_as_a_whole_line():
    scores, details = FieldScores(), []
    score_fields(a_source(body="Shareholders met.\n\nAdvertisement"), None,
                 {"furniture": ["Share", "Advertisement"]}, scores, details)
    assert (scores.furniture_leaked, scores.furniture_total) == (1, 2)


def test_a_heading_repeated_by_a_table_of_contents_leaks_only_past_the_gold_count():
    scores, details = FieldScores(), []
    gold = {"body": ["Targets", "We will recycle every cell."], "furniture": ["In this article", "Targets"]}
    score_fields(a_source(body="Targets\n\nWe will recycle every cell."), None, gold, scores, details)
    assert scores.furniture_leaked == 0
    score_fields(a_source(body="Targets\nTargets\n\nWe will recycle every cell."), None, gold, scores, details)
    assert scores.furniture_leaked == 1 and details[-1] == "a.txt: furniture left in body: 'Targets'"


# --- the gold file ----------------------------------------------------------------------------

@pytest.mark.parametrize("notes,message", [
    ("date: 16 June 2020", "'date' must be YYYY-MM-DD, YYYY-MM, YYYY or null"),
    ("date: 2020-06\n    date_precision: day", "'date_precision' must be the precision the date is written with (month)"),
    ("body: first paragraph", "'body' must be a list of text"),
    ("furniture: {a: b}", "'furniture' must be a list of text"),
])
def test_a_wrong_field_annotation_names_its_document_and_line(tmp_path, notes, message):
    (tmp_path / "gold.yml").write_text(f"documents:\n  a.txt:\n    title: A\n  b.txt:\n    {notes}\n")
    with pytest.raises(GoldError) as caught:
        load_gold(tmp_path / "gold.yml")
    assert caught.value.line == 4 and caught.value.message == f"'b.txt': {message}"


def test_an_unquoted_gold_date_is_read_as_written(tmp_path):
    (tmp_path / "gold.yml").write_text("documents:\n  a.txt:\n    date: 2020-06-16\n    date_precision: day\n")
    scores, details = FieldScores(), []
    score_fields(a_source(date="2020-06-16"), None, load_gold(tmp_path / "gold.yml")["a.txt"], scores, details)
    assert (scores.date_right, scores.date_total) == (1, 1)


# --- whole runs -------------------------------------------------------------------------------

def test_a_document_the_pipeline_does_not_read_is_reported_not_read(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text("Harbour works begin\n\nThe harbour works began on Monday, the council said.\n")
    (seeds / "b.md").write_text("# A page in a format the pipeline does not read\n")
    gold = {"a.txt": {"title": "Harbour works begin", "date": None, "body": ["3"]},
            "b.md": {"title": "A page", "body": ["1"]}, "c.txt": {"title": "Gone"}}
    report = evaluate(gold, seeds)
    text = report.fields["text"]
    assert (text.documents, text.read, sorted(text.not_read)) == (3, 1, ["b.md", "c.txt"])
    assert "b.md: not read (the pipeline does not read this kind of file)" in report.details
    assert f"c.txt: in the gold file but not in {seeds}" in report.details
    assert len(text.body_f1) == 1 and text.title_total == 1
    assert "text copies: 2 of 3 not read" in format_report(report)


def test_only_claims_gold_keeps_the_claims_report():
    report = evaluate(load_gold(ROOT / "tests/gold/documents.yml"), ROOT / "tests/documents")
    assert report.fields == {}
    assert "quote attribution" in format_report(report) and "body F1" not in format_report(report)


def test_the_corpus_and_its_gold_agree():
    gold = load_gold(GOLD)
    files = sorted(p.name for p in CORPUS.iterdir())
    assert files == sorted(gold)
    texts = [n for n in files if n.endswith(".txt")]
    pages = [n for n in files if n.endswith((".html", ".htm"))]
    assert len(files) >= 40 and len(texts) >= 25 and len(pages) >= 10
    outlets = {notes["outlet"] for notes in gold.values()}
    assert len(outlets - {None}) >= 20 and None in outlets
    assert [n for n in files if gold[n].get("date") is None] and [n for n in files if gold[n].get("title") is None]
    for name in files:
        notes = gold[name]
        assert set(notes) >= {"title", "outlet", "date", "body", "furniture"}, name
        lines = (CORPUS / name).read_text(encoding="utf-8").splitlines()
        body, problems = gold_lines(notes["body"], CORPUS / name, name.endswith(".html"))
        assert problems == [] and len(" ".join(body).split()) >= 40, name
        if name.endswith(".txt"):  # every text line is the title, body, furniture or blank
            marked = {notes["title"], *body, *notes["furniture"]}
            assert [line for line in lines if line.strip() and line.strip() not in marked] == [], name
            for line in set(body) & set(notes["furniture"]):  # only a heading a table of contents repeats
                assert [x.strip() for x in lines].count(line) >= 2, (name, line)


def test_evaluate_prints_the_per_field_table_for_the_corpus():
    result = run_cli("evaluate", "--seeds", str(CORPUS), "--gold", str(GOLD))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    header = next(line for line in lines if line.startswith("field"))
    assert header.split()[1:] == ["text", "copies", "saved", "HTML", "all"]
    rows = {re.split(r"\s{2,}", line.strip())[0]: line for line in lines}
    for label in ("documents (read)", "title", "outlet", "date (gold has one)", "body F1, 4-word shingles",
                  "body precision", "body recall", "F1 keeping the whole copy", "furniture lines left"):
        assert label in rows, label
    gold = load_gold(GOLD)
    pages = len([n for n in gold if n.endswith(".html")])
    assert re.search(rf"{len(gold) - pages} \(\d+\)\s+{pages} \(\d+\)\s+{len(gold)} \(\d+\)", rows["documents (read)"])
    assert len([line for line in lines if line.strip().startswith("invented (gold: none)")]) == 2
    for label in ("title", "outlet", "date (gold has one)"):  # right/total and a fraction per column
        assert len(re.findall(r"\d+/\d+ [01]\.\d{3}", rows[label])) == 3, rows[label]
    assert len(re.findall(r"[01]\.\d{3}", rows["body F1, 4-word shingles"])) == 3
    assert "speakers " not in result.stdout  # the corpus marks claims, not the older speakers and quotes keys
    assert rows[f"claims ({len(gold)} documents)"].split()[-3:] == ["precision", "recall", "F1"]
    for label in ("quote attribution", "claims (text)", "claims (text, speaker)"):
        assert len(re.findall(r"[01]\.\d{3}", rows[label])) == 3, rows[label]
    for label in ("verbatim quotes", "said-on right", "said-on invented"):
        assert re.search(r"\d+/\d+ [01]\.\d{3}$", rows[label]), rows[label]


def test_every_claim_of_the_corpus_is_marked_in_its_words():
    """The gold claims are the yardstick: each one in its document's article body (so a typo
    cannot pass for a miss of the extractor), at least five words, canonical speaker names."""
    gold = load_gold(GOLD)
    assert all("claims" in notes for notes in gold.values())
    quotes = [c for notes in gold.values() for c in notes["claims"] if c["quote"]]
    assert len(quotes) >= 60 and len([c for notes in gold.values() for c in notes["claims"]]) >= 90
    for name, notes in gold.items():
        body, _ = gold_lines(notes["body"], CORPUS / name, name.endswith(".html"))
        text = claim_form(" ".join(body))
        for claim in notes["claims"]:
            assert all(claim_form(part) in text for part in claim["text"].split("[…]")), (name, claim["text"])
            assert len(claim["text"].split()) >= 5, (name, claim["text"])
            assert not re.match(r"(Mr|Mrs|Ms|Dr|Prof)\b", claim["speaker"]), (name, claim["speaker"])


def test_evaluate_scores_claims_on_a_small_corpus(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text(
        "Harbour works begin\n\n"
        "“The new quay will take two full years to finish,” said Dr. Ana Ruiz, the harbour master.\n\n"
        "The harbour board said the works would start in March.\n")
    gold = tmp_path / "gold.yml"
    gold.write_text("documents:\n  a.txt:\n    claims:\n"
                    "      - text: The new quay will take two full years to finish\n"
                    "        speaker: Ms Ana Ruiz\n        quote: true\n")
    result = run_cli("evaluate", "--seeds", str(seeds), "--gold", str(gold))
    assert result.returncode == 0, result.stderr
    rows = {re.split(r"\s{2,}", line.strip())[0]: line.split()[-3:] for line in result.stdout.splitlines()}
    assert rows["quote attribution"] == ["1.000", "1.000", "1.000"]  # honorifics on both sides left out
    assert rows["verbatim quotes"][-2:] == ["1/1", "1.000"]
    gold.write_text(gold.read_text() + "      - text: works would start\n        speaker: Harbour Board\n")
    result = run_cli("evaluate", "--seeds", str(seeds), "--gold", str(gold))
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.strip() == f"{gold}:7: 'a.txt': claim 2: 'quote' must be true or false"
