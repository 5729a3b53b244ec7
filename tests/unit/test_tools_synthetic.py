"""tools/synthetic.py: the benchmark's corpus is the same bytes for the same seed number."""

from __future__ import annotations

from build_scripts.tools.synthetic import corpus, document


def test_same_seed_same_bytes_other_seed_other_text():
    assert corpus(3, seed=1) == corpus(3, seed=1)
    assert document(0, seed=1) != document(0, seed=2)


def test_names_are_numbered_and_ordered():
    assert list(corpus(3)) == ["doc-000000.txt", "doc-000001.txt", "doc-000002.txt"]


def test_a_document_has_the_parts_extraction_is_measured_on():
    lines = document(7, seed=1).split("\n")
    assert lines[0].startswith("This site uses cookies.")
    assert lines[2].endswith("(report 7)")
    assert lines[4].startswith("By ") and lines[6].startswith("Published: ")
    assert int(lines[6].rsplit(" ", 1)[1]) in range(2013, 2023)  # before the tests' fixed today
    assert lines[-5] == "Latest in Security"
    assert document(7, seed=1).endswith("\n")
