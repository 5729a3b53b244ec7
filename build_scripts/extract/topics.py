"""Stage 3c: the topics a claim is about, from the topic taxonomy's rules.

Kept apart from claim finding: the taxonomy is a maintainer's data and its rules
change on their own schedule. A bare keyword misfires on other senses of its word
("mutual trust"), on allegations and denials ("allegations that it spies"), so each
pattern may carry context that must also be present (`requires`) or that vetoes it
(`excludes`), looked for in the match's sentence or in a window of words around it.
"""

from __future__ import annotations

from functools import lru_cache

import regex

from build_scripts.config.vocabulary import Context, TopicRule, Vocabulary

# A sentence ends at a stop (and any closing mark after it) followed by space and a word
# that does not start in lower case: "e.g. the" and "No. of" go on.
SENTENCE_BREAK = regex.compile(r"(?<=[.!?…][\"'”’»)\]]*)\s+(?=[^\p{Ll}\s])")
WORD = regex.compile(r"\S+")


def tag_topics(text: str, vocab: Vocabulary) -> tuple[str, ...]:
    return _topic_tagger(vocab.topic_rules, vocab.topic_vetoes)(text)


def sentences(text: str) -> list[str]:
    """The sentences of a claim: a topic's context is looked for in one sentence, never
    across the next."""
    return [s for s in SENTENCE_BREAK.split(text.strip()) if s]


def around(sentence: str, start: int, end: int, window: int | None) -> str:
    """The part of the sentence within `window` words either side of `sentence[start:end]`
    (the whole sentence when `window` is None)."""
    words = [(w.start(), w.end()) for w in WORD.finditer(sentence)] if window is not None else []
    if not words:
        return sentence
    first = next((i for i, (_, e) in enumerate(words) if e > start), len(words) - 1)
    last = next((i for i in range(len(words) - 1, -1, -1) if words[i][0] < end), first)
    return sentence[words[max(0, first - window)][0]:words[min(len(words) - 1, last + window)][1]]


def context_holds(context: Context, sentence: str, start: int, end: int) -> bool:
    """Whether everything the context requires, and nothing it excludes, is near the match."""
    near = around(sentence, start, end, context.window)
    return all(r.search(near) for r in context.requires) and not (context.excludes and context.excludes.search(near))


def rule_holds(rule: TopicRule, sentence: str) -> bool:
    """Whether a match of the rule's pattern in the sentence meets every context of the rule."""
    return any(all(context_holds(c, sentence, m.start(), m.end()) for c in rule.contexts)
               for m in rule.match.finditer(sentence))


def topics_of(text: str, rules: tuple[TopicRule, ...], vetoes: regex.Pattern | None) -> tuple[str, ...]:
    """The slugs of the topics one of whose rules holds in a sentence of the text, in
    taxonomy order; a sentence the vetoes match (a question) is about no topic."""
    found: list[str] = []
    for sentence in sentences(text):
        if vetoes is not None and vetoes.search(sentence):
            continue
        found.extend(r.slug for r in rules if r.slug not in found and rule_holds(r, sentence))
    order = {r.slug: i for i, r in reversed(list(enumerate(rules)))}
    return tuple(sorted(set(found), key=order.__getitem__))


TOPIC_MEMO_MAX = 20_000  # claim texts remembered per taxonomy (a few MB); the memo starts afresh past it


@lru_cache(maxsize=8)
def _topic_tagger(rules: tuple[TopicRule, ...], vetoes: regex.Pattern | None):
    """The topics of a text, remembered per text: the same pledge is quoted from page to page."""
    memo: dict[str, tuple[str, ...]] = {}

    def tag(text: str) -> tuple[str, ...]:
        try:
            return memo[text]
        except KeyError:
            pass
        if len(memo) >= TOPIC_MEMO_MAX:
            memo.clear()
        found = memo[text] = topics_of(text, rules, vetoes)
        return found

    return tag
