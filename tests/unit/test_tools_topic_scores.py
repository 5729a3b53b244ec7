"""tools/topic_scores.py: precision and recall of the taxonomy on a labelled set, and a
labelled file that does not fit is one line naming file and line."""

from __future__ import annotations

import pytest

from build_scripts.tools.topic_scores import Counts, LabelledSetError, main, read_labelled

KNOWN = {"no-backdoors", "privacy"}
GOOD = """\
dev:
  - {text: "We build no backdoors.", topics: [no-backdoors]}
  - {text: "A backdoor listing on the exchange.", topics: [], note: other sense}
held_out:
  - {text: "We protect your privacy.", topics: [privacy]}
"""


def test_counts_give_precision_and_recall():
    assert (Counts(3, 1, 2).precision, Counts(3, 1, 2).recall) == (0.75, 0.6)
    assert Counts(1, 0, 0) + Counts(0, 1, 1) == Counts(1, 1, 1)
    assert (Counts().precision, Counts().recall) == (1.0, 1.0)  # nothing tagged, nothing to find


def test_a_labelled_file_is_read_by_split(tmp_path):
    path = tmp_path / "topics.yml"
    path.write_text(GOOD, encoding="utf-8")
    splits = read_labelled(path, KNOWN)
    assert [(s, [(i.text, sorted(i.topics)) for i in items]) for s, items in splits.items()] == [
        ("dev", [("We build no backdoors.", ["no-backdoors"]), ("A backdoor listing on the exchange.", [])]),
        ("held_out", [("We protect your privacy.", ["privacy"])])]


@pytest.mark.parametrize("old, new, message", [
    ("topics: [privacy]", "topics: [privcy]", "5: held_out[0]: unknown topic 'privcy'"),
    ("topics: [no-backdoors]", "topic: [no-backdoors]", "2: dev[0]: expected {text, topics} (and an optional note)"),
    ("note: other sense", "notes: other sense", "3: dev[1]: expected {text, topics} (and an optional note)"),
    ("held_out:", "heldout:", " expected exactly the splits dev, held_out"),
])
def test_a_labelled_file_that_does_not_fit_is_one_line(tmp_path, old, new, message):
    path = tmp_path / "topics.yml"
    path.write_text(GOOD.replace(old, new), encoding="utf-8")
    with pytest.raises(LabelledSetError) as error:
        read_labelled(path, KNOWN)
    assert str(error.value) == f"{path}:{message}"


def test_the_script_prints_both_splits_and_the_errors_of_one(tmp_path, capsys):
    path = tmp_path / "topics.yml"
    path.write_text(GOOD.replace("We protect your privacy.", "Privacy glass on the rear windows."), encoding="utf-8")
    assert main(["--gold", str(path), "--errors", "held_out"]) == 0
    out = capsys.readouterr().out
    assert "dev (2 sentences)" in out and "held_out (1 sentences)" in out
    assert out.endswith("wrongly tagged in held_out:\n  +[] -['privacy']: Privacy glass on the rear windows.\n")
    path.write_text("dev: []\n", encoding="utf-8")
    assert main(["--gold", str(path)]) == 1
    assert capsys.readouterr().err == f"{path}: expected exactly the splits dev, held_out\n"
