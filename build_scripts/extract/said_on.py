"""Stage 3c: when a claim was said, when its attribution says so ("Ruiz said on Monday").

A claim carries its source's publication date; the text often says more precisely when the
words were said. The time phrase is looked for in the claim's attribution only: the
sentence that holds the claim, or, for a quotation whose sentence has no speech verb, the
sentence just before it that attributes it (in the same paragraph; or ending the paragraph
before, as a lead-in ending in a colon or as a quotation attributed to the same speaker by
name, which the new one goes on with).
Words inside quotation marks are the speaker's, never the attribution's.

A wrong date is worse than none, so a time phrase counts only where it can only modify the
speech verb: right after it, with nothing between them but the speaker and where or to whom
the words were said ("said on Monday", "told reporters in a statement on Monday", "said
Ruiz, chief executive of Acme, on Monday"), or fronted before the speaker ("On Monday, Ruiz
said", "In a statement on Tuesday, Acme said", "Acme on Monday denied") when the verb does
not interrupt the reported words ("In 2019, Ruiz said, the plant doubled its output" is
about 2019, not about when Ruiz spoke). "The plant opened in 2019, she said" gives no date.
Words attached by a participle ("Calder praised the plan last week, calling it …") were said
when the clause they hang from happened, when that clause is only the speaker, one verb, its
object and setting, and one time phrase.

Relative phrases are resolved against the publication date, and only when its precision
settles them: a phrase is resolved against the first and the last day the publication date
may stand for, and kept only when both give the same answer ("on Monday" needs a day,
"last month" a month, "last year" a year; "in 2019" needs none). A said-on after the
publication date is impossible and dropped. Every word and mark comes from the language
file (`said_on` and the month names).
"""

from __future__ import annotations

import calendar
import datetime as dt
from bisect import bisect_right
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Sequence

import regex

from build_scripts.config.vocabulary import Vocabulary
from build_scripts.extract.claims import find_quotes, split_sentences
from build_scripts.extract.patterns import alternation, capitalised, characters
from build_scripts.model import Claim

QUOTED = "\ue000"  # what a quotation's characters become in a sentence read for its attribution
CURATED = "curated"  # the note of a said-on an editor gave
# A dateline opening a story ("OSLO, 3 May (Wire) - "): a place in capitals, a comma, up to a dash set off by spaces.
DATELINE = regex.compile(r"^\p{Lu}{2,}[\p{Lu}\s.'’-]*,[^\n]{0,80}?\s[-–—]{1,2}\s")


@dataclass(frozen=True)
class SaidOn:
    """When a claim was said: an ISO date to `precision` (a week as its Monday), and why."""

    date: str
    precision: str
    note: str


@dataclass(frozen=True)
class TimeWords:
    """The language's time phrases and the words that may stand around them, compiled once."""

    phrase: regex.Pattern  # one time phrase; its named groups say which kind
    verb: regex.Pattern  # a speech verb
    token: regex.Pattern  # a word, a comma, a run of quoted characters, or any other character
    months: dict[str, int]  # a month's name or abbreviation -> 1..12
    weekdays: dict[str, int]  # a weekday's name -> 0 (Monday)..6
    relative: dict[str, tuple[str, int]]  # a relative phrase, lower case -> (unit, units back)
    ago_numbers: dict[str, int]  # "two" (of "two weeks ago") -> 2
    ago_units: dict[str, str]  # "weeks" -> "week"
    subject_words: frozenset[str]  # lower-case words of a speaker phrase ("the company's chief executive")
    not_names: frozenset[str]  # capitalised words that are no name ("After", "When")
    setting_words: frozenset[str]  # where and to whom ("in a statement", "told reporters"), prepositions and determiners too
    setting_prepositions: frozenset[str]  # "in" of "in a statement"
    setting_nouns: frozenset[str]  # "statement", "reporters"
    object_verbs: frozenset[str]  # "told": its object is the audience ("told reporters")
    auxiliaries: frozenset[str]  # between a speaker and the verb ("has repeatedly denied")
    possessive_endings: tuple[str, ...]
    participle: regex.Pattern  # ", saying": a participle that attaches words to the clause before it
    not_said: regex.Pattern  # "will ", "to " or "was " just before a speech verb
    determiners: frozenset[str]  # "the" in "praised the plan", "a" in "in a statement"
    relative_words: frozenset[str]  # "who" opening a relative clause


@lru_cache(maxsize=8)
def time_words(vocab: Vocabulary) -> TimeWords:
    words = vocab.said_on
    months = {name: i + 1 for i, name in enumerate(vocab.month_names)}
    months |= {abbr: i + 1 for i, abbr in enumerate(vocab.month_abbreviations)}
    # A longer cut of a name ends with a full stop ("Sept." for September, where "Sep" is the abbreviation).
    cuts = {name[:n]: i + 1 for i, (name, abbr) in enumerate(zip(vocab.month_names, vocab.month_abbreviations))
            for n in range(len(abbr) + 1, len(name)) if name.startswith(abbr)}
    months |= cuts
    names = alternation(sorted(vocab.month_names, key=len, reverse=True))
    abbreviations = alternation(sorted(vocab.month_abbreviations, key=len, reverse=True))
    longer = alternation(sorted(cuts, key=len, reverse=True))
    # "Sep. 8", "Sept. 8": a sentence's stop after an abbreviation is not the abbreviation's
    month = rf"(?:{names}|{longer}\.|{abbreviations}(?:\.(?=\s*[0-9]))?)"
    weekday = alternation(words.weekdays)
    modifier = rf"(?:{as_written(words.modifiers)}(?:\s+|-))?"
    on = rf"(?:{as_written(words.day_prepositions)}\s+)?"
    in_ = rf"{as_written(words.period_prepositions)}\s+"
    day = rf"[0-3]?[0-9](?:{alternation(vocab.ordinal_suffixes)})?"
    year = r"(?:1[89]|2[0-9])[0-9][0-9](?![-–/][0-9])"
    day_part = alternation(words.day_parts)
    not_after = as_written(words.not_before_weekday)
    apostrophe = f"[{characters(vocab.apostrophes)}]"
    relative = as_written(phrase for phrase, _, _ in words.relative)
    phrase = (
        rf"(?<![\p{{L}}\p{{N}}])(?:"
        rf"{modifier}{on}(?:(?P<dated_weekday>{weekday}),?\s+)?"
        rf"(?:(?P<day1>{day})\s+(?P<month1>{month})|(?P<month2>{month})\s+(?P<day2>{day}))(?:,?\s+(?P<year1>{year}))?"
        # "on Monday evening", never "next Monday", "a Monday rally" or "Monday night's vote"
        rf"|(?<!{not_after}\s+){modifier}{on}(?P<weekday>{weekday})(?!(?:\s+{day_part})?{apostrophe})"
        rf"(?:\s+{day_part})?"
        rf"|{in_}{modifier}(?P<month3>{month})(?:,?\s+(?P<year2>{year}))?"
        rf"|{in_}{modifier}(?P<year3>{year})"
        rf"|(?P<relative>{relative})"
        rf"|(?P<count>[0-9]{{1,2}}|{as_written(sorted(words.ago_numbers, key=len, reverse=True))})\s+"
        rf"(?P<unit>{alternation(sorted(words.ago_units, key=len, reverse=True))})\s+{alternation(words.ago_words)}"
        rf")(?![\p{{L}}\p{{N}}])(?!{apostrophe}\p{{L}})"  # "last year's budget" is no time phrase
    )
    verbs = "|".join(regex.escape(v) for v in vocab.speech_verbs)
    subject = {w for role in vocab.roles for w in role.split()} | set(vocab.role_modifiers) | set(vocab.articles)
    subject |= {w.casefold() for w in vocab.conjunctions + vocab.field_prepositions + vocab.organisation_prepositions
                + vocab.apposition_prepositions + vocab.after_verb_pronouns}
    subject |= {w for pronoun in vocab.organisation_pronouns for w in pronoun.split()} | set(vocab.person_pronouns)
    subject |= set(vocab.organisation_nouns)
    apostrophes = characters(vocab.apostrophes)
    return TimeWords(
        phrase=regex.compile(phrase),
        verb=regex.compile(rf"(?<![\p{{L}}-])(?:{verbs})(?![\p{{L}}-])"),
        token=regex.compile(rf"{QUOTED}+|[\p{{L}}\p{{N}}][\p{{L}}\p{{N}}\p{{M}}{apostrophes}.-]*|\S"),
        months={name.rstrip("."): number for name, number in months.items()},
        weekdays={name: i for i, name in enumerate(words.weekdays)},
        relative={phrase: (unit, back) for phrase, unit, back in words.relative},
        ago_numbers=words.ago_numbers,
        ago_units=words.ago_units,
        subject_words=frozenset(subject),
        not_names=vocab.not_names,
        setting_words=words.setting_words | words.setting_prepositions | frozenset(words.determiners),
        setting_prepositions=words.setting_prepositions,
        setting_nouns=words.setting_words,
        object_verbs=words.object_verbs,
        auxiliaries=vocab.auxiliaries,
        possessive_endings=vocab.possessive_endings,
        participle=regex.compile(rf",\s*{alternation(words.participles)}(?![\p{{L}}-])"),
        not_said=regex.compile(
            rf"(?:(?<![\p{{L}}]){as_written(w for w in words.not_said_after if w[:1].isalpha())}"
            rf"|{alternation(w for w in words.not_said_after if not w[:1].isalpha())})"
            rf"(?:\s+{alternation(sorted(vocab.auxiliaries, key=len, reverse=True))}){{0,2}}\s*$"),
        determiners=frozenset(words.determiners),
        relative_words=frozenset(words.relative_words),
    )


def as_written(words) -> str:
    """Lower-case words as one group, each as written or with its first letter capitalised
    (a sentence's first word): "today" and "Today", never "TODAY" (in "USA TODAY")."""
    return alternation(form for word in words for form in dict.fromkeys((word, capitalised(word))))


# ---------------------------------------------------------------- finding the phrase


@dataclass(frozen=True)
class Layout:
    """A body's quotations and sentences, found once for all of its claims."""

    quotes: tuple[tuple[int, int], ...]
    sentences: tuple[tuple[int, int], ...]
    sentence_starts: tuple[int, ...]


@lru_cache(maxsize=4)
def layout_of(body: str, vocab: Vocabulary) -> Layout:
    quotes = find_quotes(body, vocab)
    sentences = tuple(split_sentences(body, quotes, vocab.abbreviations, vocab))
    return Layout(tuple((q.start, q.end) for q in quotes), sentences, tuple(s for s, _ in sentences))


def attribution_phrase(body: str, start: int, vocab: Vocabulary, speaker: str | None = None) -> tuple[int, int] | None:
    """The span, in the body, of the time phrase that says when the claim starting at
    `start` (said by `speaker`) was said, or None when its attribution gives none that
    surely belongs to it."""
    layout = layout_of(body, vocab)
    words = time_words(vocab)
    k = bisect_right(layout.sentence_starts, start) - 1
    if k < 0:
        return None
    s, e = layout.sentences[k]
    masked = _masked(body, s, e, layout.quotes)
    attributed, found = _phrase_of_sentence(masked, words)
    if not attributed:  # a quotation standing alone: the sentence before may attribute it
        if k == 0 or not any(qs <= start < qe for qs, qe in layout.quotes) or \
                not _attributes_next(body, layout, k - 1, speaker, words):
            return None
        s, e = layout.sentences[k - 1]
        attributed, found = _phrase_of_sentence(_masked(body, s, e, layout.quotes), words)
    return (s + found[0], s + found[1]) if found else None


def _phrase_of_sentence(masked: str, words: TimeWords) -> tuple[bool, tuple[int, int] | None]:
    """Whether the sentence attributes words (a speech verb, or a participle that attaches
    them to the clause before it), and the span of the time phrase that says when."""
    participle = words.participle.search(masked)
    end = participle.start() if participle else len(masked)
    verbs = list(words.verb.finditer(masked, 0, end))
    verb = next((v for v in verbs if not _in_relative_clause(masked, v.start(), words)), None)
    if verb is not None and words.not_said.search(masked, 0, verb.start()):
        return True, None  # "will say on Monday", "was dismissed on Monday": no words said, or not yet
    found = _phrase_of_verb(masked, verb, words) if verb is not None else None
    if found is None and participle is not None:  # "Calder praised the plan last week, calling it …"
        found = _phrase_of_clause(masked[:participle.start()], words)
    return bool(verbs) or participle is not None, found


def _in_relative_clause(masked: str, at: int, words: TimeWords) -> bool:
    """Whether a verb stands in a relative clause set off by commas ("Ruiz, who has denied
    it, said on Monday"): it is not the sentence's attribution."""
    clause = masked[masked.rfind(",", 0, at) + 1:at].split()
    return bool(clause) and clause[0].casefold() in words.relative_words


def _attributes_next(body: str, layout: Layout, index: int, speaker: str | None, words: TimeWords) -> bool:
    """Whether a sentence attributes the quotation of the next one: it is in the same
    paragraph; or it ends the paragraph just before, as a lead-in ending in a colon, or as
    an attributed quotation that names the speaker of the one that goes on after it (a
    quotation in a new paragraph may be someone else's, named after it)."""
    s, e = layout.sentences[index]
    if "\n" not in body[e:layout.sentences[index + 1][0]] or body[s:e].rstrip().endswith(":"):
        return True
    if speaker is None or not any(s <= qs < e for qs, _ in layout.quotes):
        return False
    named = {t for t in words.token.findall(_masked(body, s, e, layout.quotes)) if t[:1].isupper()}
    return any(part in named for part in speaker.split() if part[:1].isupper() and len(part) > 1)


def _masked(body: str, s: int, e: int, quotes: Sequence[tuple[int, int]]) -> str:
    """The sentence with every quotation's characters, marks included, as QUOTED."""
    text = list(body[s:e])
    for qs, qe in quotes:
        if qe > s and qs < e:
            for i in range(max(qs, s), min(qe, e)):
                text[i - s] = QUOTED
    return "".join(text)


def _phrase_of_verb(masked: str, verb: regex.Match, words: TimeWords) -> tuple[int, int] | None:
    """The time phrase that modifies the speech verb: after it, then fronted; the one
    closest to the verb wins."""
    candidates = []
    inverted = masked[:verb.start()].rstrip().endswith((",", QUOTED))  # '"…," said Ruiz on Monday'
    for m in words.phrase.finditer(masked):
        if m.start() >= verb.end() and _setting_only(masked[verb.end():m.start()], verb.group(), inverted, words):
            candidates.append((m.start() - verb.end(), m.span()))
        elif m.end() <= verb.start() and _fronted(masked, m, verb, words):
            candidates.append((verb.start() - m.end(), m.span()))
    return min(candidates)[1] if candidates else None


def _phrase_of_clause(clause: str, words: TimeWords) -> tuple[int, int] | None:
    """The time phrase of the clause a participle attaches words to ('Carraway praised the
    plan on social media last week, calling it "…"', 'On Monday, Acme closed the depot,
    saying …'): the speaker, one verb (the occasion), its object and setting, and a single
    time phrase, fronted or after the verb; anything else (a second verb, a clause) and
    there is no date."""
    dateline = DATELINE.match(clause)
    start = dateline.end() if dateline else 0
    phrases = list(words.phrase.finditer(clause, start))
    if len(phrases) != 1:
        return None
    phrase = phrases[0]
    tokens = [m.group() for m in words.token.finditer(clause, start) if not phrase.start() <= m.start() < phrase.end()]
    subject = 0
    while subject < len(tokens) and (tokens[subject] == "," or _speaker_token(tokens[subject], words)
                                     or _name_particle(tokens, subject)):
        subject += 1
    verb = subject
    while verb < len(tokens) and tokens[verb].casefold() in words.auxiliaries:
        verb += 1
    if subject == 0 or verb >= len(tokens) or not tokens[verb].islower():
        return None
    nouns, last_noun = 0, -1
    for i in range(verb + 1, len(tokens)):
        token = tokens[i]
        if token.casefold() in words.setting_words or _speaker_token(token, words):
            continue
        # an object's words after its determiner ("the plan", "the new plan"), two at most
        if token.islower() and nouns < 2 and (tokens[i - 1].casefold() in words.determiners or last_noun == i - 1):
            nouns, last_noun = nouns + 1, i
            continue
        return None
    return phrase.span()


def _setting_only(gap: str, verb: str, inverted: bool, words: TimeWords) -> bool:
    """Whether the words between a speech verb and a time phrase are only the speaker and the
    setting. The speaker follows the verb only in an inverted attribution ('"…," said Ruiz
    on Monday'); a name or setting noun counts after a preposition ("said in a statement to
    the Ledger on Monday") or as the audience of a verb such as "told" ("told reporters on
    Monday"); anything else starts what was said ("said the statement in 2019 was wrong",
    "said Congress last year passed it")."""
    tokens = words.token.findall(gap)
    opened = verb in words.object_verbs
    for i, token in enumerate(tokens):
        low = token.casefold()
        if token == "," or low in words.determiners:
            continue
        if low in words.setting_prepositions:
            opened = True
            continue
        speaker = _speaker_token(token, words) or _name_particle(tokens, i)
        if not ((speaker and (inverted or opened)) or (opened and low in words.setting_nouns)):
            return False
    return True


def _fronted(masked: str, phrase: regex.Match, verb: regex.Match, words: TimeWords) -> bool:
    """'On Monday, Ruiz said', 'In a statement on Tuesday, Acme said', 'Acme has today
    denied': only the setting, the speaker and the quotation stand before the phrase,
    only the speaker between it and the verb, and the verb does not interrupt the words
    it reports ('In 2019, Ruiz said, the plant …')."""
    before = masked[:phrase.start()]
    dateline = DATELINE.match(before)  # "OSLO, 3 May (Wire) - Acme today said": the story starts after the dash
    before_ok = _only(before[dateline.end():] if dateline else before, words, words.setting_words | words.auxiliaries,
                      quotes=True)
    between_ok = _only(masked[phrase.end():verb.start()], words, words.auxiliaries)
    return before_ok and between_ok and not _interrupts(masked[verb.end():], words)


def _interrupts(after: str, words: TimeWords) -> bool:
    """Whether a verb (with its speaker: 'said Ruiz') is set off by a comma from the
    unquoted words that follow it: a parenthetical attribution inside the reported words."""
    tokens = words.token.findall(after)
    while tokens and tokens[0] != "," and _speaker_token(tokens[0], words):
        tokens.pop(0)
    return len(tokens) > 1 and tokens[0] == "," and not tokens[1].startswith(QUOTED)


def _only(gap: str, words: TimeWords, also: frozenset[str], quotes: bool = False) -> bool:
    """Whether a stretch holds only a speaker, commas and the words in `also` (and
    quotations when `quotes`): nothing that could carry a time phrase of its own."""
    tokens = words.token.findall(gap)
    for i, token in enumerate(tokens):
        if token == "," or (quotes and token.startswith(QUOTED)):
            continue
        if not (_speaker_token(token, words) or token.casefold() in also or _name_particle(tokens, i)):
            return False
    return True


def _name_particle(tokens: list[str], i: int) -> bool:
    """A short lower-case word inside a name ("Lucas van Arden", "Ana de la Cruz")."""
    j = i
    while j < len(tokens) and tokens[j].islower() and len(tokens[j]) <= 3:
        j += 1
    return 0 < i and j < len(tokens) and tokens[i - 1][:1].isupper() and tokens[j][:1].isupper()


def _speaker_token(token: str, words: TimeWords) -> bool:
    """A word of a speaker phrase: a capitalised name ("After" opening a clause is none) or
    one of the speaker words, possibly possessive ('Acme's', 'the company's')."""
    for ending in words.possessive_endings:
        token = token.removesuffix(ending)
    if not token or token.startswith(QUOTED):
        return False
    if token.casefold() in words.subject_words:
        return True
    return token[0].isupper() and token not in words.not_names


# ---------------------------------------------------------------- resolving the phrase


def resolve(phrase: str, published: str | None, precision: str | None, vocab: Vocabulary) -> tuple[str, str] | None:
    """The date (ISO, to its precision; a week as its Monday) and precision a time phrase
    stands for, given the publication date, or None when it cannot be settled or would be
    after the publication."""
    words = time_words(vocab)
    m = words.phrase.fullmatch(phrase)
    if m is None:
        return None
    bounds = _bounds(published, precision)
    try:
        found = _explicit(m, words)
        if found is None and bounds is not None:
            first, last = (_relative(m, day, words) for day in bounds)
            found = first if first == last else None
        if found is None or (bounds is not None and _start_of(found[0]) > bounds[1]):
            return None
    except (ValueError, OverflowError):  # a date that does not exist, or counted back past year 1
        return None
    return found


def _bounds(published: str | None, precision: str | None) -> tuple[dt.date, dt.date] | None:
    """The first and last day a publication date may stand for."""
    if not published:
        return None
    try:
        parts = [int(p) for p in published.split("-")]
        year, month = parts[0], parts[1] if len(parts) > 1 else None
        if len(parts) == 3 and precision in (None, "day"):
            day = dt.date(*parts)
            return day, day
        if month is not None and precision in (None, "day", "month"):
            return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    except (ValueError, IndexError):
        return None


def _explicit(m: regex.Match, words: TimeWords) -> tuple[str, str] | None:
    """A phrase that names its year needs no publication date: its date and precision.
    ValueError for a date that does not exist, or a weekday that is not that date's."""
    if m.group("year1"):
        day = dt.date(int(m.group("year1")), words.months[_month(m)], int(_digits(m.group("day1") or m.group("day2"))))
        _check_weekday(m, day, words)
        return day.isoformat(), "day"
    if m.group("year2"):
        return f"{int(m.group('year2')):04d}-{words.months[_month(m)]:02d}", "month"
    if m.group("year3"):
        return f"{int(m.group('year3')):04d}", "year"
    return None


def _relative(m: regex.Match, published: dt.date, words: TimeWords) -> tuple[str, str] | None:
    """A phrase without a year, counted back from one publication day: the latest such
    day, month or weekday on or before it, or the relative phrase's unit."""
    if m.group("month1") or m.group("month2"):
        month, day = words.months[_month(m)], int(_digits(m.group("day1") or m.group("day2")))
        year = published.year if (month, day) <= (published.month, published.day) else published.year - 1
        found = dt.date(year, month, day)
        _check_weekday(m, found, words)
        return found.isoformat(), "day"
    if m.group("weekday"):
        back = (published.weekday() - words.weekdays[m.group("weekday")]) % 7
        return (published - dt.timedelta(days=back)).isoformat(), "day"
    if m.group("month3"):
        month = words.months[_month(m)]
        year = published.year if month <= published.month else published.year - 1
        return f"{year:04d}-{month:02d}", "month"
    if m.group("count"):
        count = m.group("count").casefold()
        unit, back = words.ago_units[m.group("unit")], int(count) if count.isdigit() else words.ago_numbers[count]
    else:
        unit, back = words.relative[" ".join(m.group("relative").casefold().split())]
    if unit == "day":
        return (published - dt.timedelta(days=back)).isoformat(), "day"
    if unit == "week":
        monday = published - dt.timedelta(days=published.weekday() + 7 * back)
        return monday.isoformat(), "week"
    if unit == "month":
        index = published.year * 12 + published.month - 1 - back
        return f"{index // 12:04d}-{index % 12 + 1:02d}", "month"
    return f"{published.year - back:04d}", "year"


def _month(m: regex.Match) -> str:
    """The month's name as written, without its full stop."""
    return next(m.group(g) for g in ("month1", "month2", "month3") if m.group(g)).rstrip(".")


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def _check_weekday(m: regex.Match, day: dt.date, words: TimeWords) -> None:
    """'on Friday, 8 June' when 8 June was a Tuesday: one of the two is wrong, so neither is used."""
    if m.group("dated_weekday") and words.weekdays[m.group("dated_weekday")] != day.weekday():
        raise ValueError("the weekday is not that date's")


def _start_of(date: str) -> dt.date:
    """The first day a said-on covers (ValueError for year 0)."""
    parts = [int(p) for p in date.split("-")] + [1, 1]
    return dt.date(parts[0], parts[1], parts[2])


# ---------------------------------------------------------------- the stage


def said_on(body: str, start: int, published: str | None, precision: str | None, vocab: Vocabulary,
            speaker: str | None = None) -> SaidOn | None:
    """When the claim starting at `start` in the cleaned body (said by `speaker`) was said,
    as its attribution says, resolved against the source's publication date and precision;
    None when the text does not say (or not surely)."""
    span = attribution_phrase(body, start, vocab, speaker)
    if span is None:
        return None
    phrase = body[span[0]:span[1]]
    found = resolve(phrase, published, precision, vocab)
    if found is None:
        return None
    return SaidOn(found[0], found[1], f"inferred from '{' '.join(phrase.split())}'")


def date_claims(body: str, claims: Sequence[Claim], published: str | None, precision: str | None,
                vocab: Vocabulary) -> tuple[Claim, ...]:
    """Every claim with its said-on: an editor's kept, the others inferred afresh from the
    text against this publication date (so a curated date re-resolves 'on Monday')."""
    dated = []
    for claim in claims:
        if claim.said_note == CURATED:
            dated.append(claim)
            continue
        found = said_on(body, claim.start, published, precision, vocab, claim.speaker) if claim.start is not None else None
        dated.append(replace(claim, said_on=found.date if found else None, said_precision=found.precision if found else None,
                             said_note=found.note if found else None))
    return tuple(dated)
