"""extract/topics.py: which topics a claim is about."""

from __future__ import annotations

import pytest

from build_scripts.config.vocabulary import load_vocabulary
from build_scripts.extract.topics import tag_topics


@pytest.fixture(scope="module")
def vocab():
    return load_vocabulary()


def test_topics_in_taxonomy_order(vocab):
    assert tag_topics("Privacy first, and no backdoors", vocab) == ("no-backdoors", "privacy")
    assert tag_topics("Nothing to see", vocab) == ()
