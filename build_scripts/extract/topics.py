"""Stage 3c: the topics a claim is about, from the topic taxonomy's patterns.

Kept apart from claim finding: the taxonomy is a maintainer's data and its rules
change on their own schedule.
"""

from __future__ import annotations

from functools import lru_cache

import regex

from build_scripts.config.vocabulary import Vocabulary


def tag_topics(text: str, vocab: Vocabulary) -> tuple[str, ...]:
    return _topic_tagger(vocab.topic_patterns)(text)


TOPIC_MEMO_MAX = 20_000  # claim texts remembered per topic list (a few MB); the memo starts afresh past it


@lru_cache(maxsize=8)
def _topic_tagger(topic_patterns: tuple[tuple[str, regex.Pattern], ...]):
    """The topics' slugs whose patterns a text matches, remembered per text: the same
    pledge is quoted from page to page."""
    memo: dict[str, tuple[str, ...]] = {}

    def tag(text: str) -> tuple[str, ...]:
        try:
            return memo[text]
        except KeyError:
            pass
        if len(memo) >= TOPIC_MEMO_MAX:
            memo.clear()
        found = memo[text] = tuple(slug for slug, pattern in topic_patterns if pattern.search(text))
        return found

    return tag
