"""catalogue/anchors.py: claim anchors from a claim's words, and the ledger of old positional anchors."""

from __future__ import annotations

from build_scripts.catalogue.anchors import (LEDGER_NAME, Landing, Ledger, anchor_words, claim_anchors, content_anchor,
                                             former_claim_notices, read_ledger, resolve_ledger)
from build_scripts.model import Claim
from handmade import QUOTE, REPORTED, corpus, source


def test_anchor_is_a_readable_slug_and_a_hash_of_the_words_alone():
    anchor = content_anchor("We build no backdoor")
    assert anchor == "claim-we-build-no-backdoor-b4f72f"
    # quote marks, case, punctuation and the mark of an interrupted quote do not move it
    assert content_anchor("“We build, no […] backdoor!”") == anchor
    assert content_anchor("We build no backdoors") != anchor
    assert anchor_words(anchor) == "claim-we-build-no-backdoor"
    long = content_anchor("Time and practice have proven our network to be secure, said the founder")
    assert long.startswith("claim-time-and-practice-have-proven-") and len(long) <= len("claim-") + 40 + 7


def test_anchors_never_look_positional_and_a_repeat_gets_a_suffix():
    assert content_anchor("7") == "claim-7-" + content_anchor("7").rsplit("-", 1)[1]
    assert content_anchor("…") .startswith("claim-text-")
    src = source(claims=(QUOTE, REPORTED, Claim("we build no backdoor.", "Acme", False)))
    a, b, c = claim_anchors(src)
    assert c == a + "-2" and len({a, b, c}) == 3


def test_adding_a_claim_above_leaves_every_anchor_as_it_was():
    before = claim_anchors(source())
    after = claim_anchors(source(claims=(Claim("A new quote up top", "Ann Lee", True), QUOTE, REPORTED)))
    assert after[1:] == before


def test_ledger_is_read_and_checked_with_file_and_line(tmp_path):
    assert read_ledger(tmp_path) == (Ledger({}), ())
    (tmp_path / LEDGER_NAME).write_text('sources:\n  a:\n    claim-1: "We build no backdoor"\n')
    ledger, problems = read_ledger(tmp_path)
    assert problems == () and ledger.pages == {"a": {"claim-1": "We build no backdoor"}}
    assert ledger.lines == {("a", "claim-1"): 3}
    (tmp_path / LEDGER_NAME).write_text('sources:\n  a:\n    claim-one: "x"\n')
    (problem,) = read_ledger(tmp_path)[1]
    assert str(problem) == f"{LEDGER_NAME}:3: sources.a: 'claim-one' is not a positional anchor such as claim-7"
    (tmp_path / LEDGER_NAME).write_text("anchors: {}\n")
    assert str(read_ledger(tmp_path)[1][0]).startswith(f"{LEDGER_NAME}:1: unknown key 'anchors'")


def test_old_anchor_lands_on_the_same_words_or_is_a_warning_naming_it():
    src = source()
    ledger = Ledger({"a": {"claim-1": "“We build no backdoor,”", "claim-2": "Novak said the firm protects privacy today",
                           "claim-3": "said Jan Novak", "claim-4": "words nobody wrote"},
                     "gone": {"claim-1": "x"}}, lines={("a", "claim-4"): 9})
    landings, problems = resolve_ledger(corpus(src), ledger)
    assert landings == {"a": (Landing("claim-1", claim=0), Landing("claim-2", claim=1),
                              Landing("claim-3", start=src.body.index("said Jan"), end=src.body.index("said Jan") + 14))}
    assert [str(p) for p in problems] == [
        f"{LEDGER_NAME}:9: warning: sources/a/#claim-4 (“words nobody wrote”) no longer lands on its claim: "
        "its words are no longer on the page",
        f"{LEDGER_NAME}: warning: sources/gone/#claim-1 (“x”) no longer lands on its claim: its page is gone"]
    assert former_claim_notices(landings) == [
        f"{LEDGER_NAME}: sources/a/#claim-3 lands on its words in the article text: they are no longer listed as a claim"]
