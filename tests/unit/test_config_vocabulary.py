"""config/vocabulary.py: what the loaded vocabulary answers. (Schema errors in the data
files are tested in tests/test_vocabulary.py.)"""

from __future__ import annotations

import pytest
import regex

from build_scripts.config.vocabulary import DATA_DIR, LineRule, VocabularyError, language_file, load_vocabulary


@pytest.fixture(scope="module")
def vocab():
    return load_vocabulary()


def test_outlet_names_by_any_spelling_case_article_and_apostrophe_blind(vocab):
    assert [vocab.outlet(s) for s in ("the bbc news", "The BBC", "techradar.com", "Tom’s Guide", "tom's guide")] == [
        "BBC", "BBC", "TechRadar Pro", "Tom's Guide", "Tom's Guide"]
    assert vocab.outlet("  Unknown Paper ") == "Unknown Paper"  # tidied, not invented
    assert vocab.outlet(None) is None and vocab.outlet("") is None
    assert vocab.compare_form("  The Tom’s Guide") == "tom's guide"
    assert vocab.compare_form("Theodor Herald") == "theodor herald"  # "The" only as a word
    assert (vocab.is_known_outlet("reuters"), vocab.is_known_outlet("Daily Ledger")) == (True, False)


def test_a_removed_line_is_read_by_its_rules_role(vocab):
    assert vocab.role_of("byline") == "byline"
    assert vocab.role_of("cookie-banner") is None  # furniture, nothing to read from it


def test_the_vocabulary_is_loaded_once_per_folder_and_language(vocab):
    assert load_vocabulary() is vocab  # stages cache their patterns per vocabulary object
    assert load_vocabulary(DATA_DIR, "en") is load_vocabulary(DATA_DIR, "en")
    assert vocab.language == "en"


def test_a_line_rule_matches_the_whole_line_unless_it_searches():
    whole = LineRule("share", regex.compile("share( this)?", regex.I))
    anywhere = LineRule("cookies", regex.compile("cookies", regex.I), search=True)
    assert (whole.matches("Share this"), whole.matches("Share this story now")) == (True, False)
    assert (anywhere.matches("We use cookies here"), anywhere.matches("Biscuits")) == (True, False)


def test_only_a_shipped_language_can_be_chosen():
    assert language_file(DATA_DIR, "en") == DATA_DIR / "languages" / "en.yml"
    with pytest.raises(VocabularyError) as raised:
        language_file(DATA_DIR, "../../etc/passwd")
    assert str(raised.value) == "language '../../etc/passwd': no file languages/../../etc/passwd.yml (available: en)"


def test_a_topic_pattern_takes_its_topics_conditions_and_its_own_each_with_its_window(vocab):
    """A plain pattern carries only its topic's context; one with conditions of its own
    carries both, its own looked for in its own window."""
    rules = {r.match.pattern: r for r in vocab.topic_rules if r.slug == "no-backdoors"}
    plain, denied = rules["(?:\\bno-back ?doors?\\b)"], rules["(?:back ?doors?)"]
    assert [(c.window, len(c.requires), c.excludes is not None) for c in plain.contexts] == [(None, 0, True)]
    assert [(c.window, len(c.requires), c.excludes is not None) for c in denied.contexts] == [
        (None, 0, True), (15, 1, False)]
    assert vocab.topic_vetoes.search("Is there a backdoor?") and not vocab.topic_vetoes.search("There is none.")
    assert vocab.topics[0].patterns[0] == "back ?doors?"  # what the methodology page lists
