"""extract/topics.py: which topics a claim is about: a pattern, and the context its taxonomy
requires or excludes around it; measured on the hand-labelled set tests/gold/topics.yml."""

from __future__ import annotations

import shutil

import pytest
import regex

from build_scripts.config.vocabulary import DATA_DIR, Context, TopicRule, load_vocabulary
from build_scripts.extract.topics import around, sentences, tag_topics, topics_of
from build_scripts.tools.topic_scores import GOLD, Labelled, overall, read_labelled, score

MIN_PRECISION = 0.90  # over all topics, on each split
MIN_TOPIC_PRECISION = 0.85  # each topic, over both splits (a topic has 10 to 25 labelled tags)
MIN_RECALL = 0.85  # over all topics, on each split: precision may not be bought by tagging nothing


@pytest.fixture(scope="module")
def vocab():
    return load_vocabulary()


def rule(slug: str, match: str, *contexts: tuple[list[str], list[str], int | None]) -> TopicRule:
    return TopicRule(slug, regex.compile(match, regex.I), tuple(
        Context(tuple(regex.compile(p, regex.I) for p in requires),
                regex.compile("|".join(excludes), regex.I) if excludes else None, window)
        for requires, excludes, window in contexts))


def test_topics_in_taxonomy_order(vocab):
    assert tag_topics("We respect privacy, and there are no backdoors", vocab) == ("no-backdoors", "privacy")
    assert tag_topics("Nothing to see", vocab) == ()


def test_a_plain_pattern_needs_no_context():
    assert topics_of("A backdoor listing.", (rule("doors", "backdoor"),), None) == ("doors",)


def test_every_required_pattern_must_be_near_the_match():
    rules = (rule("doors", "backdoor", (["never|no", "product"], [], 5)),)
    assert topics_of("Our product will never have a backdoor.", rules, None) == ("doors",)
    assert topics_of("It will never have a backdoor.", rules, None) == ()  # one of two found
    assert topics_of("Never, in all the years since we shipped the first product of ours, a backdoor.", rules, None) == ()


def test_an_excluded_pattern_vetoes_only_near_its_match():
    rules = (rule("openness", r"\btransparent\b", ([], [r"\bfees\b"], 1)),)
    assert topics_of("We promise transparent fees.", rules, None) == ()
    assert topics_of("We are transparent about our code, and our fees are low.", rules, None) == ("openness",)
    assert topics_of("Transparent fees; and yet we stay transparent about code.", rules, None) == ("openness",)


def test_a_topics_conditions_and_a_patterns_own_are_each_looked_for_in_their_window():
    """The topic vetoes allegations anywhere in the sentence; the pattern's own veto (glass)
    only touches the word after it."""
    topic = ([], [r"\baccused\b"], None)
    rules = (rule("privacy", r"\bprivacy\b", topic, ([], [r"privacy glass"], 1)),)
    assert topics_of("Critics accused the firm of ignoring the privacy of its users.", rules, None) == ()
    assert topics_of("We protect privacy, and the car has tinted glass.", rules, None) == ("privacy",)
    assert topics_of("The car has privacy glass.", rules, None) == ()


def test_context_never_crosses_into_the_next_sentence():
    rules = (rule("doors", "backdoor", (["never"], [], None)),)
    assert topics_of("We will never lie. Researchers found a backdoor.", rules, None) == ()
    assert sentences('He said "no." Then he left. e.g. this goes on?') == ['He said "no."', "Then he left. e.g. this goes on?"]


def test_a_vetoed_sentence_has_no_topic_but_the_next_one_may():
    rules = (rule("doors", "backdoor"),)
    question = regex.compile(r"\?\s*$")
    assert topics_of("Is there a backdoor?", rules, question) == ()
    assert topics_of("Is there a backdoor? There is no backdoor.", rules, question) == ("doors",)


def test_the_window_counts_words_either_side_of_the_whole_match():
    sentence = "one two three four five six seven"
    start = sentence.index("four five")
    assert around(sentence, start, start + len("four five"), 1) == "three four five six"
    assert around(sentence, start, start + len("four five"), 9) == sentence
    assert around(sentence, 0, 3, None) == sentence


@pytest.mark.parametrize("text, topic, tagged", [
    ("Both countries must build up mutual trust and deepen cooperation.", "transparency-and-verification", False),
    ("Trust must rest on facts that can be verified by independent labs.", "transparency-and-verification", True),
    ("We have never been asked to spy on anyone.", "no-spy-agreements", False),
    ("The firm denied allegations that it spies for the government.", "no-spy-agreements", False),
    ("The firm denied allegations that it spies for the government.", "government-independence", True),
    ("We are willing to sign no-spy agreements with any government.", "no-spy-agreements", True),
    ("Regulators allege that the routers contain backdoors.", "no-backdoors", False),
    ("Our routers contain no backdoors.", "no-backdoors", True),
])
def test_the_known_misfires_of_bare_keywords(vocab, text, topic, tagged):
    assert (topic in tag_topics(text, vocab)) is tagged


def shortfalls(vocabulary) -> list[str]:
    """Where the taxonomy scores below the thresholds on the labelled set."""
    slugs = tuple(t.slug for t in vocabulary.topics)
    splits = read_labelled(GOLD, set(slugs))
    tag = lambda text: tag_topics(text, vocabulary)  # noqa: E731
    found = []
    for split, items in splits.items():
        total = overall(score(items, tag, slugs))
        if total.precision < MIN_PRECISION or total.recall < MIN_RECALL:
            found.append(f"{split}: precision {total.precision:.3f}, recall {total.recall:.3f}")
    for slug, counts in score(sum(splits.values(), ()), tag, slugs).items():
        if counts.precision < MIN_TOPIC_PRECISION:
            found.append(f"{slug}: precision {counts.precision:.3f}")
    return found


def test_the_shipped_taxonomy_is_precise_on_the_labelled_set(vocab):
    assert shortfalls(vocab) == []


def test_a_loose_keyword_fails_the_labelled_set(tmp_path):
    """The measure can fail: 'trust' as a bare keyword of transparency tags mutual trust."""
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    topics = data / "topics.yml"
    text = topics.read_text(encoding="utf-8")
    assert text.count("      - '\\bopenness\\b") == 1
    topics.write_text(text.replace("      - '\\bopenness\\b", "      - '\\btrust\\b'\n      - '\\bopenness\\b"), encoding="utf-8")
    assert any(line.startswith("transparency-and-verification: precision") for line in shortfalls(load_vocabulary(data)))


def test_the_labelled_set_has_both_splits_and_every_topic_in_each(vocab):
    splits = read_labelled(GOLD, {t.slug for t in vocab.topics})
    assert len(splits["dev"]) >= 100 and len(splits["held_out"]) >= 75
    for items in splits.values():
        assert {t for item in items for t in item.topics} == {t.slug for t in vocab.topics}
        assert sum(not item.topics for item in items) >= len(items) // 3  # near misses
    assert score((Labelled("a backdoor", frozenset()),), lambda _: ("no-backdoors",), ("no-backdoors",))[
        "no-backdoors"].wrong == 1
