"""extract/said_on.py: when a claim was said, from the time phrase of its attribution, on
short texts written here (invented people, companies and outlets)."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from build_scripts.config.vocabulary import DATA_DIR, VocabularyError, load_vocabulary
from build_scripts.extract.corpus import convert_corpus
from build_scripts.extract.curate import parse_curated
from build_scripts.extract.said_on import SaidOn, date_claims, resolve, said_on
from build_scripts.model import Claim

WEDNESDAY = "2021-06-16"  # a Wednesday: its Monday is 14 June
TODAY = dt.date(2023, 11, 14)


@pytest.fixture(scope="module")
def vocab():
    return load_vocabulary()


def when(vocab, body, published=WEDNESDAY, precision="day", claim_at=None):
    """(said_on, precision, note) of the claim that starts at `claim_at` (the first quotation
    mark, else the start of the body), or None."""
    start = body.find(claim_at) if claim_at else (body.find('"') if body.startswith('"') else 0)
    found = said_on(body, start, published, precision, vocab)
    return (found.date, found.precision, found.note) if found else None


# ---------------------------------------------------------------- each class of cue


@pytest.mark.parametrize("body, expected", [
    ('"We will open the depot by spring," Lena Okafor said on Monday.', ("2021-06-14", "day", "on Monday")),
    ('"We will open the depot by spring," said Lena Okafor on Tuesday.', ("2021-06-15", "day", "on Tuesday")),
    ("Brantwood Freight said Monday it would hire forty drivers.", ("2021-06-14", "day", "Monday")),
    ("Brantwood Freight said late on Friday it would hire forty drivers.", ("2021-06-11", "day", "late on Friday")),
    ("Brantwood Freight said on Sunday evening it would hire forty drivers.", ("2021-06-13", "day", "on Sunday evening")),
    ("Brantwood Freight said yesterday it would hire forty drivers.", ("2021-06-15", "day", "yesterday")),
    ("Brantwood Freight said today it would hire forty drivers.", ("2021-06-16", "day", "today")),
    ("Brantwood Freight said this morning it would hire forty drivers.", ("2021-06-16", "day", "this morning")),
    ("Brantwood Freight said last week it would hire forty drivers.", ("2021-06-07", "week", "last week")),
    ("Brantwood Freight said earlier this week it would hire forty drivers.", ("2021-06-14", "week", "earlier this week")),
    ("Brantwood Freight said earlier this month it would hire forty drivers.", ("2021-06", "month", "earlier this month")),
    ("Brantwood Freight said last month it would hire forty drivers.", ("2021-05", "month", "last month")),
    ("Brantwood Freight said last year it would hire forty drivers.", ("2020", "year", "last year")),
    ("Brantwood Freight said two days ago it would hire forty drivers.", ("2021-06-14", "day", "two days ago")),
    ("Brantwood Freight said a week ago it would hire forty drivers.", ("2021-06-07", "week", "a week ago")),
    ("Brantwood Freight said 3 months ago it would hire forty drivers.", ("2021-03", "month", "3 months ago")),
    ("Two years ago, Brantwood Freight said it would hire forty drivers.", ("2019", "year", "Two years ago")),
    ("Brantwood Freight said on 8 June it would hire forty drivers.", ("2021-06-08", "day", "on 8 June")),
    ("Brantwood Freight said on June 8 it would hire forty drivers.", ("2021-06-08", "day", "on June 8")),
    ("Brantwood Freight said on 8th September it would hire forty drivers.", ("2020-09-08", "day", "on 8th September")),
    ("Brantwood Freight said on Sep. 8, 2019 it would hire forty drivers.", ("2019-09-08", "day", "on Sep. 8, 2019")),
    ("Brantwood Freight said on Sept. 8 it would hire forty drivers.", ("2020-09-08", "day", "on Sept. 8")),
    ("Brantwood Freight said on Tuesday, 8 June it would hire forty drivers.", ("2021-06-08", "day", "on Tuesday, 8 June")),
    ("Brantwood Freight said in March it would hire forty drivers.", ("2021-03", "month", "in March")),
    ("Brantwood Freight said in September it would hire forty drivers.", ("2020-09", "month", "in September")),
    ("Brantwood Freight said in March 2019 it would hire forty drivers.", ("2019-03", "month", "in March 2019")),
    ("Brantwood Freight said in 2019 it would hire forty drivers.", ("2019", "year", "in 2019")),
    ("Brantwood Freight said in early 2019 it would hire forty drivers.", ("2019", "year", "in early 2019")),
])
def test_each_class_of_time_phrase_resolves_against_the_publication_date(vocab, body, expected):
    date, precision, phrase = expected
    assert when(vocab, body) == (date, precision, f"inferred from '{phrase}'")


def test_the_time_phrase_may_sit_in_the_reporting_clause_or_before_the_speaker(vocab):
    assert when(vocab, "In a statement on Tuesday, Brantwood Freight said it had never sold customer data.")[0] == "2021-06-15"
    assert when(vocab, "On Monday, Lena Okafor said the depot would open in spring.")[:2] == ("2021-06-14", "day")
    assert when(vocab, "Brantwood Freight on Monday denied that it had sold customer data.")[0] == "2021-06-14"
    assert when(vocab, "Brantwood Freight has today denied that it sold customer data.")[0] == "2021-06-16"
    assert when(vocab, "Lena Okafor told reporters at a news conference in Leeds on Friday that the depot was safe.")[0] \
        == "2021-06-11"
    assert when(vocab, "Board chair Tomas Reyes told the Harbour Ledger last year that the depot was too small.")[:2] \
        == ("2020", "year")
    assert when(vocab, '"It is safe," said Lena Okafor, chief executive of Brantwood, on Monday.')[0] == "2021-06-14"
    assert when(vocab, 'LEEDS, June 16 (Northgate Wire) - Brantwood Freight today said it would hire drivers.')[0] \
        == "2021-06-16"


def test_the_note_names_the_phrase_as_the_text_writes_it(vocab):
    assert when(vocab, "On Monday, Lena Okafor said the depot would open.")[2] == "inferred from 'On Monday'"
    assert when(vocab, "Late last week, Lena Okafor said the depot would open.")[2] == "inferred from 'last week'"


# ---------------------------------------------------------------- only the verb's own time phrase


def test_a_date_that_belongs_to_something_else_in_the_sentence_is_never_taken(vocab):
    assert when(vocab, "The depot opened in 2019, she said on Monday.")[:2] == ("2021-06-14", "day")
    assert when(vocab, "The depot opened in 2019, Lena Okafor said.") is None
    assert when(vocab, "Lena Okafor said the depot would close on Monday.") is None
    assert when(vocab, "Lena Okafor said that in 2019 the depot doubled its output.") is None
    assert when(vocab, "Brantwood Freight has denied that it sold customer data last year.") is None
    assert when(vocab, "In 2019, Lena Okafor said, the depot doubled its output.") is None  # the verb interrupts
    assert when(vocab, "Lena Okafor, who joined Brantwood in 2019, said the depot was safe.") is None
    assert when(vocab, "After a board meeting on Monday, Lena Okafor said the depot was safe.") is None
    assert when(vocab, "Lena Okafor, who has denied any wrongdoing, said on Monday the depot was safe.")[0] == "2021-06-14"
    assert when(vocab, "Lena Okafor, who denied on Monday that the depot was unsafe, said little.") is None
    assert when(vocab, "Lena Okafor said the statement in 2019 had been wrong.") is None
    assert when(vocab, "Lena Okafor said the board on Monday had been wrong.") is None
    assert when(vocab, "Lena Okafor said Brantwood last year had hired too few drivers.") is None
    assert when(vocab, "Lena Okafor said the chief executive in 2019 had hired too few drivers.") is None
    assert when(vocab, "Lena Okafor told the board on Monday that the depot was safe.")[0] == "2021-06-14"
    assert when(vocab, "Lena Okafor said on a call with investors on Monday that the depot was safe.")[0] == "2021-06-14"
    assert when(vocab, '"It is safe," said Lena Okafor, who joined Brantwood in 2019.') is None
    assert when(vocab, "Brantwood said in last year's report that the depot was safe.") is None
    assert when(vocab, "Lena Okafor said Monday night's vote was a mistake.") is None
    assert when(vocab, "Lena Okafor said next Tuesday would be the last day.") is None
    assert when(vocab, "Lena Okafor said at a Thursday meeting that the depot was safe.") is None
    assert when(vocab, "Lena Okafor said in an interview with RADIO TODAY that the depot was safe.") is None  # a name


def test_words_not_yet_said_or_a_passive_have_no_said_on_date(vocab):
    assert when(vocab, "Lena Okafor will say on Monday that the depot is safe.") is None
    assert when(vocab, "The leak had been previously reported in May, and Lena Okafor said little.") is None
    assert when(vocab, "Lena Okafor was warned on Monday that the depot was unsafe.") is None
    assert when(vocab, "Lena Okafor is expected to tell the board on Friday that the depot is safe.") is None
    assert when(vocab, "On Monday, Lena Okafor will say the depot is safe.") is None
    assert when(vocab, "Lena Okafor, who will retire, said on Monday the depot is safe.")[0] == "2021-06-14"


def test_words_inside_the_quotation_are_the_speakers_not_the_attribution(vocab):
    assert when(vocab, '"We met the inspectors on Monday and again last week," Lena Okafor said.') is None
    assert when(vocab, 'Lena Okafor said: "We met the inspectors on Monday."') is None


def test_a_quotation_in_a_new_paragraph_takes_the_time_only_of_its_own_speakers_attribution(vocab):
    body = ('"The depot is safe," Lena Okafor told a board meeting on 14 June.\n\n'
            '"We have warned about the cranes for years."\n\nThe warning came from Tomas Reyes of the union.')
    start = body.index('"We have warned')
    assert said_on(body, start, WEDNESDAY, "day", vocab, "Tomas Reyes") is None
    assert said_on(body, start, WEDNESDAY, "day", vocab, "Lena Okafor").date == "2021-06-14"
    assert said_on(body, start, WEDNESDAY, "day", vocab) is None  # whose it is unknown


def test_only_a_quotation_borrows_the_time_of_the_sentence_before(vocab):
    body = "Brantwood Freight said on Monday it would expand. We ensure every driver is trained."
    assert said_on(body, body.index("We ensure"), WEDNESDAY, "day", vocab, "Brantwood Freight") is None


def test_a_name_with_a_particle_stands_between_a_fronted_phrase_and_its_verb(vocab):
    assert when(vocab, "Earlier this month, the chairman, Lucas van Arden, said the depot would close.")[:2] == (
        "2021-06", "month")
    assert when(vocab, "Last month, the chairman, Lucas van Arden, said the depot would close.")[:2] == (
        "2021-05", "month")


def test_a_quotation_without_a_verb_takes_the_time_of_the_sentence_that_attributes_it(vocab):
    body = ('"The depot is safe," Lena Okafor said on Monday. "We have checked every crane twice."\n\n'
            '"And every driver has been trained again."\n\n'
            '"Nobody asked us," said Tomas Reyes.\n\n'
            'Brantwood Freight said in a statement on Tuesday:\n\n"Every driver will be trained again."\n\n'
            'The union met on Monday.\n\n"We want answers before the winter comes."')
    assert when(vocab, body, claim_at='"We have checked')[0] == "2021-06-14"  # continuation in the same paragraph
    assert when(vocab, body, claim_at='"And every driver') is None  # two sentences back: not its attribution
    assert when(vocab, body, claim_at='"Nobody asked') is None
    assert when(vocab, body, claim_at='"Every driver')[0] == "2021-06-15"  # a lead-in ending in a colon
    assert when(vocab, body, claim_at='"We want answers') is None  # a paragraph before without a speech verb


def test_a_participle_takes_the_time_of_the_clause_it_hangs_from(vocab):
    assert when(vocab, 'Mayor Ines Calder praised the plan on social media last week, calling it "a fair deal".')[:2] == (
        "2021-06-07", "week")
    assert when(vocab, "On Monday, Brantwood Freight closed the depot, saying the cranes were unsafe.")[0] == "2021-06-14"
    assert when(vocab, "Brantwood Freight closed the depot in 2019, saying the cranes were unsafe.")[0] == "2019"
    assert when(vocab, "Ines Calder backed the plan the council adopted in 2019, calling it a fair deal.") is None
    assert when(vocab, 'Ines Calder hoped that sales would rise in 2019, adding "we will see".') is None
    assert when(vocab, "Sales fell in 2019, Ines Calder noting that costs rose.") is None
    assert when(vocab, "The depot, which opened in 2019, closed on Monday, saying nothing.") is None


# ---------------------------------------------------------------- the publication date decides


def test_year_boundaries_count_back_into_the_previous_year(vocab):
    second_january = "2022-01-02"  # a Sunday
    assert when(vocab, "Brantwood Freight said on 28 December it would hire drivers.", second_january)[:2] == (
        "2021-12-28", "day")
    assert when(vocab, "Brantwood Freight said in December it would hire drivers.", second_january)[:2] == (
        "2021-12", "month")
    assert when(vocab, "Brantwood Freight said last month it would hire drivers.", second_january)[:2] == (
        "2021-12", "month")
    assert when(vocab, "Brantwood Freight said last week it would hire drivers.", second_january)[:2] == (
        "2021-12-20", "week")
    assert when(vocab, "Brantwood Freight said on Monday it would hire drivers.", second_january)[:2] == (
        "2021-12-27", "day")


def test_a_weekday_published_on_that_weekday_is_the_same_day(vocab):
    assert when(vocab, "Brantwood Freight said on Monday it would hire drivers.", "2021-06-14")[0] == "2021-06-14"
    assert when(vocab, "Brantwood Freight said last week it would hire drivers.", "2021-06-14")[0] == "2021-06-07"


def test_without_a_publication_date_only_a_phrase_with_its_year_resolves(vocab):
    for phrase in ("on Monday", "yesterday", "last week", "last month", "last year", "in March", "on 8 June"):
        assert when(vocab, f"Brantwood Freight said {phrase} it would hire drivers.", None, None) is None, phrase
    assert when(vocab, "Brantwood Freight said in 2019 it would hire drivers.", None, None)[:2] == ("2019", "year")
    assert when(vocab, "Brantwood Freight said on 8 June 2019 it would hire drivers.", None, None)[:2] == (
        "2019-06-08", "day")


def test_a_publication_date_must_be_precise_enough_for_the_phrase(vocab):
    said = "Brantwood Freight said {} it would hire drivers."
    assert when(vocab, said.format("on Monday"), "2021-06", "month") is None
    assert when(vocab, said.format("last month"), "2021-06", "month")[:2] == ("2021-05", "month")
    assert when(vocab, said.format("on 8 May"), "2021-06", "month")[:2] == ("2021-05-08", "day")  # settled either way
    assert when(vocab, said.format("on 8 June"), "2021-06", "month") is None  # 2021 or 2020: not settled
    assert when(vocab, said.format("last month"), "2021", "year") is None
    assert when(vocab, said.format("last year"), "2021", "year")[:2] == ("2020", "year")


def test_a_said_on_after_the_publication_date_or_that_does_not_exist_is_dropped(vocab):
    assert when(vocab, "Brantwood Freight said on 8 June 2022 it would hire drivers.") is None
    assert when(vocab, "Brantwood Freight said in 2022 it would hire drivers.") is None
    assert when(vocab, "Brantwood Freight said on 30 February it would hire drivers.") is None
    assert when(vocab, "Brantwood Freight said on Friday, 8 June it would hire drivers.") is None  # 8 June was a Tuesday
    assert resolve("on Monday", "2021-06-16", "day", load_vocabulary()) == ("2021-06-14", "day")
    assert resolve("the day after", "2021-06-16", "day", load_vocabulary()) is None


# ---------------------------------------------------------------- claims, curated values, the corpus


def test_date_claims_infers_each_claim_and_keeps_a_curated_said_on(vocab):
    body = '"The depot is safe," Lena Okafor said on Monday.\n\nBrantwood Freight said last year it was safe.'
    curated = Claim("Brantwood Freight said last year", "Brantwood Freight", False, 50, 82, (), "curated",
                    "2019", "year", "curated")
    stale = Claim("The depot is safe,", "Lena Okafor", True, 0, 20, said_on="2000-01-01", said_precision="day",
                  said_note="inferred from 'on Monday'")
    unplaced = Claim("not in the text", "Lena Okafor", True)
    dated = date_claims(body, (stale, curated, unplaced), WEDNESDAY, "day", vocab)
    assert [(c.said_on, c.said_precision, c.said_note) for c in dated] == [
        ("2021-06-14", "day", "inferred from 'on Monday'"), ("2019", "year", "curated"), (None, None, None)]
    assert said_on(body, 0, WEDNESDAY, "day", vocab) == SaidOn("2021-06-14", "day", "inferred from 'on Monday'")


ARTICLE = b"""Brantwood hires drivers
Published: 16 June 2021

"The depot is safe," Lena Okafor, chief executive of Brantwood Freight, said on Monday.

Okafor said the company had trained every driver again.
"""


def test_the_corpus_dates_claims_and_a_curated_publication_date_re_resolves_them(vocab):
    [s] = convert_corpus({"a.txt": ARTICLE}, {}, vocab, TODAY).sources
    assert [(c.said_on, c.said_precision) for c in s.claims] == [("2021-06-14", "day"), (None, None)]
    curated = (b"date: 2021-06-10\nclaims:\n  - text: trained every driver again\n    speaker: Lena Okafor\n"
               b"    said_on: 2021-06-09\n    said_precision: week\n")
    [s] = convert_corpus({"a.txt": ARTICLE}, {"a.yml": curated}, vocab, TODAY).sources
    assert [(c.text[:12], c.said_on, c.said_precision, c.said_note) for c in s.claims] == [
        ("The depot is", "2021-06-07", "day", "inferred from 'on Monday'"),
        ("Okafor said ", None, None, None),
        ("trained ever", "2021-06-07", "week", "curated")]  # a week as its Monday


def test_a_publication_date_left_out_as_future_takes_its_relative_said_on_dates_with_it(vocab):
    future = ARTICLE.replace(b"16 June 2021", b"16 June 2031")
    [s] = convert_corpus({"a.txt": future}, {}, vocab, TODAY).sources
    assert s.date is None and [c.said_on for c in s.claims] == [None, None]


def test_a_said_on_date_after_today_is_left_out(vocab):
    undated = b"Brantwood hires drivers\n\nBrantwood Freight said on 8 June 2031 that it would hire drivers.\n"
    [s] = convert_corpus({"a.txt": undated}, {}, vocab, TODAY).sources
    assert s.date is None and [c.said_on for c in s.claims] == [None]
    [s] = convert_corpus({"a.txt": undated.replace(b"2031", b"2021")}, {}, vocab, TODAY).sources
    assert [c.said_on for c in s.claims] == ["2021-06-08"]


@pytest.mark.parametrize("lines, message", [
    ("    said_on: 2030-01-01\n", "a.yml:4: 'claims.said_on' '2030-01-01' is in the future"),
    ("    said_on: 2021-02-30\n", "a.yml:4: 'claims.said_on' '2021-02-30' is not a real date"),
    ("    said_on: last week\n", "a.yml:4: 'claims.said_on' must be a date as YYYY-MM-DD, YYYY-MM or YYYY"),
    ("    said_precision: day\n", "a.yml:4: 'claims.said_precision' needs 'said_on'"),
    ("    said_on: 2021-06\n    said_precision: day\n",
     "a.yml:5: 'claims.said_precision' must be month, as 'said_on' is written"),
    ("    said_on: 2021-06-16\n    said_precision: year\n",
     "a.yml:5: 'claims.said_precision' must be day or week, as 'said_on' is written"),
    ("    said_precision: hour\n", "a.yml:2: 'claims.said_precision' must be one of day, week, month, year"),
])
def test_a_curated_said_on_is_validated_with_file_and_line(lines, message):
    text = "claims:\n  - text: trained every driver again\n    speaker: Lena Okafor\n" + lines
    values, problems = parse_curated("a.yml", text, TODAY, set())
    assert [str(p) for p in problems] == [message]
    assert values == {"claims": []}


def test_a_curated_said_on_may_be_a_year_month_or_day():
    text = ("claims:\n  - text: trained every driver\n    speaker: Lena Okafor\n    said_on: 2019\n"
            "  - text: the depot is safe\n    speaker: Lena Okafor\n    said_on: 2019-05\n")
    values, problems = parse_curated("a.yml", text, TODAY, set())
    assert problems == []
    assert [(c["said_on"], c["said_precision"]) for c in values["claims"]] == [("2019", "year"), ("2019-05", "month")]


# ---------------------------------------------------------------- the language data


def test_a_bad_said_on_entry_in_the_language_file_is_one_line_with_its_line(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    language = data / "languages" / "en.yml"
    text = language.read_text()
    language.write_text(text.replace('    week: {"this week": 0,', '    week: {"this week": soon,'))
    line = text[:text.index('    week: {"this week": 0,')].count("\n") + 1
    with pytest.raises(VocabularyError) as error:
        load_vocabulary(data)
    assert str(error.value) == f"{language}:{line}: said_on.relative.week.this week: expected a whole number, found text"


# ---------------------------------------------------------------- any text, any date


FRAGMENTS = ['"The depot is safe,"', "Lena Okafor", "said", "told reporters", "on Monday", "last week", "in 2019",
             "on 29 February", "on Friday, 8 June", "yesterday", "in December", ",", ".", ":", "\n\n", "that",
             "the depot opened", "In a statement", "Today", "next Tuesday", "'s", '"', "“", "”", "last year"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=14),
       st.one_of(st.none(), st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31))),
       st.sampled_from(["day", "month", "year"]), st.integers(0, 200))
def test_any_text_and_publication_date_give_a_said_on_never_after_publication(pieces, published, precision, start):
    vocab = load_vocabulary()
    body = " ".join(pieces)
    text = None if published is None else published.isoformat()[:{"day": 10, "month": 7, "year": 4}[precision]]
    found = said_on(body, min(start, len(body)), text, precision, vocab)
    if found is not None:
        assert found.note.startswith("inferred from '") and found.precision in ("day", "week", "month", "year")
        assert found.date.split("-")[0] != "0000"
        if published is not None:
            assert found.date[:len(text)] <= text  # never after the publication it is counted back from
