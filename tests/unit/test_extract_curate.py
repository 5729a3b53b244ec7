"""extract/curate.py: curated metadata validated against its schema, every problem with its line."""

from __future__ import annotations

import datetime as dt

import pytest

from build_scripts.config.vocabulary import load_vocabulary
from build_scripts.extract.curate import (check_date, curated_claim, merge_speakers, parse_curated, precision_of,
                                         read_curated, speaks_for, with_statuses)
from build_scripts.model import Claim, Speaker, StatusChange

TODAY = dt.date(2023, 11, 14)
TOPICS = {"privacy", "no-backdoors"}


def parse(text):
    values, problems = parse_curated("a.yml", text, TODAY, TOPICS)
    return values, [str(p) for p in problems]


def test_valid_values_come_back_normalised_and_unknown_topics_are_dropped_with_an_error():
    values, problems = parse(
        'title: " Acme\u200b  pledges "\n'
        "date: 2019-03\n"
        "url: https://ex.org/a\n"
        "topics: [privacy, nope]\n"
        "speakers:\n"
        "  - name: Jose\u0301 Novak\n"
        "    kind: person\n"
        "claims:\n"
        "  - text: We build no backdoor\n"
        "    speaker: Jan Novak\n"
        "    quote: true\n"
        "    topics: [no-backdoors, bogus]\n")
    assert values == {
        "title": "Acme pledges",
        "date": "2019-03",  # a string, not a YAML timestamp
        "url": "https://ex.org/a",
        "topics": ["privacy"],
        "speakers": [{"name": "José Novak", "kind": "person"}],
        "claims": [{"text": "We build no backdoor", "speaker": "Jan Novak", "quote": True, "topics": ["no-backdoors"]}],
    }
    assert problems == ["a.yml:4: unknown topic 'nope'", "a.yml:8: unknown topic 'bogus' in claims"]


def test_every_problem_in_the_file_is_reported_with_its_line():
    values, problems = parse("wat: 1\ndate: 2030-01-01\nurl: ftp://x\nspeakers:\n  - role: x\n  - 3\nquote: yes\n")
    assert values == {"speakers": []}
    assert problems == [
        "a.yml:1: unknown key 'wat' (allowed: title, date, date_precision, date_note, outlet, outlet_type, via, author, "
        "url, requested_url, retrieved, speakers, claims, topics, statuses)",
        "a.yml:2: 'date' '2030-01-01' is in the future",
        "a.yml:3: 'url' must be an http(s) URL",
        "a.yml:5: 'speakers' item 1 needs 'name'",
        "a.yml:6: 'speakers' item 2 must be a mapping",
        "a.yml:7: unknown key 'quote' (allowed: title, date, date_precision, date_note, outlet, outlet_type, via, author, "
        "url, requested_url, retrieved, speakers, claims, topics, statuses)",
    ]


@pytest.mark.parametrize("text, problem", [
    ("title: A\ntitle: B\n", "a.yml:2: duplicate key 'title' (first at line 1)"),
    ("title: &x A\nauthor: *x\n", "a.yml:1: anchors and aliases (& and *) are not allowed: write each value out"),
    ("date: !!str 2019\n", "a.yml:1: explicit tag '!!str' is not allowed: write a plain value"),
    ("<<: {title: A}\n", "a.yml:1: merge keys (<<) are not allowed: write each field out"),
    ("[1, 2]\n", "a.yml:1: must be a mapping of field: value"),
    ("title: [unclosed\n", "a.yml:2: malformed YAML: while parsing a flow sequence expected ',' or ']', but got "
                           "'<stream end>'"),
    ("title: " + "x" * 20_001 + "\n", "a.yml:1: a value longer than 20000 characters"),
])
def test_refused_files_are_one_problem_and_no_value(text, problem):
    assert parse(text) == ({}, [problem])


def test_add_records_the_requested_url_and_a_retrieval_day_checked_like_a_date():
    assert parse("url: https://ex.org/b\nrequested_url: http://ex.org/a\nretrieved: 2023-11-14\n") == (
        {"url": "https://ex.org/b", "requested_url": "http://ex.org/a", "retrieved": "2023-11-14"}, [])
    assert parse("requested_url: file:///etc/x\nretrieved: 2023-11\n")[1] == [
        "a.yml:1: 'requested_url' must be an http(s) URL", "a.yml:2: 'retrieved' must be a day as YYYY-MM-DD"]
    assert parse("retrieved: 2023-11-15\n")[1] == ["a.yml:1: 'retrieved' '2023-11-15' is in the future"]
    assert parse("retrieved: 2023-02-30\n")[1] == ["a.yml:1: 'retrieved' '2023-02-30' is not a real date"]


def test_an_empty_file_is_no_values_and_no_problem():
    assert parse("") == ({}, [])
    assert parse("# only a comment\n") == ({}, [])


@pytest.mark.parametrize("value, result", [
    ("2019-03-05", (None, "2019-03-05")),
    ("2019", (None, "2019")),
    (2019, (None, "2019")),
    ("2023-11-14", (None, "2023-11-14")),  # today is not the future
    ("2023-11-15", ("'2023-11-15' is in the future", None)),
    ("2019-02-30", ("'2019-02-30' is not a real date", None)),
    ("19", ("must be a date as YYYY-MM-DD, YYYY-MM or YYYY", None)),
    ("٢٠١٩", ("must be a date as YYYY-MM-DD, YYYY-MM or YYYY", None)),
])
def test_check_date(value, result):
    assert check_date(value, TODAY) == result


def test_precision_follows_the_dates_parts():
    assert [precision_of(d) for d in ("2019", "2019-03", "2019-03-05", None)] == ["year", "month", "day", None]


def test_each_curated_file_matches_exactly_one_seed():
    files = {"a.yml": b"title: A\n", "b.yml": b"title: B\n", "b.yaml": b"title: B2\n", "z.yml": b"title: Z\n",
             "c.yml": b"\xfftitle: C\n"}
    values, problems = read_curated(["a.txt", "b.txt", "c.txt"], files, TODAY, TOPICS)
    assert values == {"a.txt": {"title": "A"}}
    assert [str(p) for p in problems] == [
        "b.yaml: curated metadata for b.txt is in b.yaml and b.yml: keep one file",
        "c.yml: not valid UTF-8 (byte offset 0)",
        "z.yml: curated metadata with no matching seed (z.txt)",
    ]


def test_a_text_speaks_for_the_organisation_named_first():
    assert speaks_for({"speakers": [{"name": "Acme", "kind": "organisation"}, {"name": "Jan"}]}) == "Acme"
    assert speaks_for({"speakers": [{"name": "Jan", "kind": "person"}]}) is None
    assert speaks_for({}) is None


def test_curated_facts_over_extracted_speakers_then_the_new_ones_in_file_order():
    extracted = (Speaker("Jan Novak", role="ceo"), Speaker("Acme", "organisation"))
    assert merge_speakers(extracted, [{"name": "Ann Lee"}, {"name": "Acme", "role": "maker"}]) == (
        Speaker("Jan Novak", role="ceo"),
        Speaker("Acme", "organisation", "maker", None, "curated"),
        Speaker("Ann Lee", provenance="curated"),
    )


def test_a_curated_claim_points_at_its_passage_when_the_text_has_it():
    vocab = load_vocabulary()
    assert curated_claim({"text": "protects privacy", "speaker": "Jan"}, "The firm protects privacy.", vocab) == (
        Claim("protects privacy", "Jan", False, 9, 25, ("privacy",), "curated"))
    assert curated_claim({"text": "nope", "speaker": "Jan", "quote": True, "topics": ["x"]}, "body", vocab) == (
        Claim("nope", "Jan", True, None, None, ("x",), "curated"))


STATUS = ("statuses:\n"
          "  - claim: we build no backdoor\n"
          "    history:\n"
          "      - date: 2019-06\n"
          "        status: unverified\n"
          "        note: Nothing published either way yet.\n"
          "      - date: 2021-02-03\n"
          "        status: in-progress\n"
          "        evidence: [https://ex.org/audit]\n")


def test_a_status_history_is_read_with_its_dates_and_evidence():
    values, problems = parse(STATUS)
    assert problems == []
    assert values["statuses"] == [{"claim": "we build no backdoor", "file": "a.yml", "line": 2, "history": [
        {"date": "2019-06", "status": "unverified", "note": "Nothing published either way yet."},
        {"date": "2021-02-03", "status": "in-progress", "evidence": ["https://ex.org/audit"]}]}]


@pytest.mark.parametrize("text, problem", [
    (STATUS.replace("in-progress", "done"), "a.yml:8: 'statuses.history.status' must be one of kept, broken, in-progress, disputed, unverified"),
    (STATUS.replace("2021-02-03", "2021-02-30"), "a.yml:7: 'statuses.history.date' '2021-02-30' is not a real date"),
    (STATUS.replace("2021-02-03", "2024-01-01"), "a.yml:7: 'statuses.history.date' '2024-01-01' is in the future"),
    (STATUS.replace("2021-02-03", "2019-05-31"), "a.yml:7: 'statuses.history' item 2 (2019-05-31) is dated before item 1 (2019-06): list the changes oldest first"),
    (STATUS.replace("https://ex.org/audit", "javascript:alert(1)"), "a.yml:9: 'statuses.history.evidence' must be a list of http(s) URLs"),
    (STATUS.replace("        note:", "        notes:"), "a.yml:6: unknown key 'statuses.history.notes' (allowed: date, status, note, evidence)"),
    (STATUS.replace("      - date: 2019-06\n", "      - when: 2019-06\n"), "a.yml:4: unknown key 'statuses.history.when' (allowed: date, status, note, evidence)"),
    (STATUS.replace("we build no backdoor", "no backdoor"), "a.yml:2: 'statuses.claim' must quote at least 4 words of the claim"),
    ("statuses:\n  - claim: we build no backdoor\n    history: []\n", "a.yml:3: 'statuses.history' must be a non-empty list"),
    ("statuses:\n  - history:\n      - {date: 2020, status: kept}\n", "a.yml:2: 'statuses' item 1 needs 'claim'"),
    ("statuses: kept\n", "a.yml:1: 'statuses' must be a list"),
    ("outlet_type: tabloid\n", "a.yml:1: 'outlet_type' must be one of newspaper, magazine, online news, wire service, "
                               "broadcaster, state media, company newsroom, government, non-profit, blog"),
])
def test_a_wrong_status_is_an_error_on_its_line_and_the_status_is_left_out(text, problem):
    values, problems = parse(text)
    assert problem in problems
    assert not values.get("statuses") and "outlet_type" not in values


def _claims():
    return [Claim("We build no backdoor, and we never will.", "Jan Novak", True, 0, 40),
            Claim("The firm protects privacy in every product.", "Jan Novak", False, 50, 93),
            Claim("We build no backdoor in any router.", "Ann Lee", True, 100, 135)]


def test_a_status_lands_on_the_one_claim_its_words_fit_whatever_the_punctuation_and_case():
    item = {"claim": "FIRM protects — privacy in", "file": "a.yml", "line": 3,
            "history": [{"date": "2020", "status": "broken", "note": "n", "evidence": ["https://ex.org/e"]}]}
    claims, problems = with_statuses(_claims(), [item])
    assert problems == []
    assert claims[1].status == "broken"
    assert claims[1].status_history == (StatusChange("2020", "broken", "n", ("https://ex.org/e",)),)
    assert claims[0].status is None and claims[2].status is None


@pytest.mark.parametrize("words, problem", [
    ("we build no backdoor", "a.yml:3: status words 'we build no backdoor' fit 2 different claims: quote more of the one meant"),
    ("we build no spyware at all", "a.yml:3: status for a claim this source does not have: 'we build no spyware at all'"),
    ("#claim-we-build-no-backdoor-and-we-3f2a1c", "a.yml:3: status for a claim this source does not have: "
     "'#claim-we-build-no-backdoor-and-we-3f2a1c' (write the claim's words, not its anchor)"),
])
def test_a_status_that_fits_no_claim_or_several_is_an_error(words, problem):
    item = {"claim": words, "file": "a.yml", "line": 3, "history": [{"date": "2020", "status": "kept"}]}
    claims, problems = with_statuses(_claims(), [item])
    assert [str(p) for p in problems] == [problem]
    assert all(c.status is None for c in claims)


def test_two_statuses_for_one_claim_is_an_error():
    items = [{"claim": "backdoor, and we never will", "file": "a.yml", "line": 3, "history": [{"date": "2020", "status": "kept"}]},
             {"claim": "and we never will", "file": "a.yml", "line": 9, "history": [{"date": "2021", "status": "broken"}]}]
    claims, problems = with_statuses(_claims(), items)
    assert [str(p) for p in problems] == ["a.yml:9: a second status for the claim 'and we never will' (first at line 3): "
                                          "add its changes to that one's history"]
    assert claims[0].status == "kept"
