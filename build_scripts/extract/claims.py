"""Stage 3b: find who claimed what in a cleaned article body.

Quotations are found first (by the language's marks, split around "said X", running
over paragraphs); sentences are then split without breaking a quotation; each sentence's
attribution ("said Novak", "Acme's chairman Jan Novak said", "he added") names its
speaker. Reported speech ("X has denied that …") becomes a claim with `quote: False`.
Every claim keeps its character span in the body so the page can anchor the passage.

Every word and mark these patterns look for comes from the vocabulary's language file
(see `Grammar`); the functions that take `vocab=None` use the shipped default language.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache

import regex

from build_scripts.model import Claim, Speaker
from build_scripts.extract.patterns import alternation, capitalised, characters, rx
from build_scripts.config.vocabulary import Vocabulary, load_vocabulary
from build_scripts.extract.topics import tag_topics

INITIAL = regex.compile(r"\p{Lu}\.")  # a name's initial ("M." in "Ana M. Ruiz")
GAP = " […] "  # marks where a quotation's words were interrupted (by its attribution, a paragraph break)


@dataclass(frozen=True)
class Grammar:
    """The language file's marks and words as the patterns this stage matches with."""

    openers: str  # quotation marks that open
    closers: str  # and that close
    quote_events: regex.Pattern  # a quotation mark or a paragraph break
    sentence_events: regex.Pattern  # a paragraph break or a sentence's final stop (with closing marks)
    reopening: regex.Pattern  # a paragraph break inside a quotation, with the mark that reopens it
    word: regex.Pattern
    cap: regex.Pattern  # a capitalised word
    verb: regex.Pattern  # a speech verb
    role: regex.Pattern  # one role, or roles joined by a conjunction
    conjunctions: tuple[str, ...]
    name_then_apposition: regex.Pattern  # "Aster Cloud, a hosting company," at a text's end
    lead_then_name: regex.Pattern  # "Brightwave's head of compliance, Priya Raman," at a text's end
    lead_role: regex.Pattern  # the lead above is a role (of a field, at an organisation)
    owner: regex.Pattern  # "Brightwave's"
    after_possessive: regex.Pattern  # what follows "Brightwave's"
    organisation_preposition: str  # "of|at", for a role before the name
    organisation_prepositions: tuple[str, ...]
    name_after_verb: regex.Pattern  # 'said Jan Novak'
    pronoun_after_verb: regex.Pattern  # 'said he'
    apposition_after_name: regex.Pattern  # ', founder of Acme'
    possessive_phrase: regex.Pattern  # "Acme's chairman Jan Novak"
    possessive_endings: tuple[str, ...]
    nationality: regex.Pattern  # "Chinese" before "ambassador"
    apposition_end: regex.Pattern  # " who ", " said "
    apposition_organisation: regex.Pattern  # " of Acme" after a role
    capitalised_run: regex.Pattern
    name_line_run: regex.Pattern  # capitalised words on one line
    name_pair_run: regex.Pattern  # two or more of them
    relative_clause: regex.Pattern  # ", who chairs the group," before a verb
    organisation_run: regex.Pattern  # "Ministry of Economic Affairs" on one line
    described_name: regex.Pattern  # "The developer, Ironbridge Logistics," at a text's end
    sentence_subject: regex.Pattern  # "The ministry" or "Ana Ruiz" opening a sentence, before a lower-case word
    source_cue: regex.Pattern  # "according to"
    owner_before_role: regex.Pattern
    we: str  # the first person plural, both as written and as it opens a sentence
    we_opening: regex.Pattern  # "We " opening a sentence
    statement_opener: regex.Pattern  # "Acme ensures" opening a sentence


@lru_cache(maxsize=8)
def grammar(vocab: Vocabulary) -> Grammar:
    """The patterns of one vocabulary, compiled once."""
    marks = vocab.quote_marks
    quotes = characters(marks.open + marks.close)
    apostrophes = characters(vocab.apostrophes)
    name_word = rf"\p{{Lu}}[\p{{L}}\p{{M}}{apostrophes}.-]*"
    particle = rf"(?:{alternation(vocab.attribution.name_particles)}\s+)?"
    name_run = rf"{name_word}(?:\s+{particle}{name_word}){{0,3}}"
    possessive = alternation(vocab.possessive_endings)
    conjunction = alternation(vocab.conjunctions)
    organisation_preposition = alternation(vocab.organisation_prepositions)
    verbs = _prefix_tree(vocab.speech_verbs)
    role_words = "|".join(regex.escape(r) for r in vocab.roles)
    mods = alternation(sorted(vocab.role_modifiers, key=len, reverse=True))
    one_role = rf"(?:(?:{mods})\s+)*(?:{role_words})"
    role = regex.compile(rf"(?<![\p{{L}}]){one_role}(?:\s+{conjunction}\s+{one_role})*(?![\p{{L}}])", regex.I)
    we = [form for word in vocab.we_pronouns for form in (capitalised(word), word)]
    return Grammar(
        openers=marks.open,
        closers=marks.close,
        quote_events=regex.compile(rf"[{quotes}]|\n\n+"),
        sentence_events=regex.compile(rf"\n\n+|[.!?][{characters(marks.after_stop)})]*"),
        reopening=regex.compile(rf"\s*\n\n\s*[{characters(marks.open)}]?"),
        word=regex.compile(rf"[\p{{L}}\p{{N}}][\p{{L}}\p{{N}}{apostrophes}.-]*"),
        cap=regex.compile(name_word),
        verb=regex.compile(rf"(?<![\p{{L}}-])(?:{verbs})(?![\p{{L}}-])"),
        role=role,
        conjunctions=vocab.conjunctions,
        name_then_apposition=regex.compile(rf"(?P<name>{name_run}),\s*(?P<appos>[^,{quotes}]{{3,80}}),$"),
        lead_then_name=regex.compile(rf"(?P<lead>[^,{quotes}]{{3,80}}),\s*(?P<name>{name_run}),$"),
        lead_role=regex.compile(
            rf"(?i:{role.pattern})(?:\s+{alternation(vocab.field_prepositions)}\s+\p{{Ll}}[\p{{L}}-]*"
            rf"(?:\s+{conjunction}\s+\p{{Ll}}[\p{{L}}-]*)?)?"
            rf"(?:\s+{organisation_preposition}\s+(?:{alternation(vocab.articles)}\s+)?"
            rf"\p{{Lu}}[\p{{L}}\p{{M}}-]*(?:\s+\p{{Lu}}[\p{{L}}\p{{M}}-]*)*)?$"),
        owner=regex.compile(rf"(\p{{Lu}}[\p{{L}}\p{{M}}-]*(?:\s+\p{{Lu}}[\p{{L}}\p{{M}}-]*)*){possessive}\b"),
        after_possessive=regex.compile(rf"{possessive}\s+(.+)$"),
        organisation_preposition=organisation_preposition,
        organisation_prepositions=vocab.organisation_prepositions,
        name_after_verb=regex.compile(rf"\s+((?:{name_word}\s*){{1,4}})"),
        pronoun_after_verb=regex.compile(rf"\s+({alternation(vocab.after_verb_pronouns)})\b(?=\s*(?:[.,;!?]|$))", regex.I),
        apposition_after_name=regex.compile(rf",\s*([^,.;{quotes}]{{3,120}})"),
        possessive_phrase=regex.compile(rf"(?P<org>.+?){possessive} (?P<role>.+?) (?P<name>(?:{name_word}\s?){{1,4}})"),
        possessive_endings=vocab.possessive_endings,
        nationality=regex.compile(rf"{alternation(vocab.nationality_suffixes)}$"),
        apposition_end=regex.compile(rf"\s{alternation(vocab.apposition_ends)}\s"),
        apposition_organisation=regex.compile(rf"\s+{alternation(vocab.apposition_prepositions)}\s+(.+)"),
        capitalised_run=regex.compile(rf"(?:{name_word})(?:\s+{name_word})*"),
        name_line_run=regex.compile(rf"(?:{name_word})(?:[ \t]+{name_word})*"),
        name_pair_run=regex.compile(rf"(?<![\p{{L}}\p{{M}}{apostrophes}.-])(?:{name_word})(?:[ \t]+{name_word})+"),
        organisation_run=regex.compile(rf"(?:{name_word})(?:[ \t]+(?:{alternation(vocab.outlet_name_joiners)}[ \t]+)?{name_word})*"),
        source_cue=regex.compile(rf"(?<![\p{{L}}]){alternation(vocab.attribution.source_cues)}(?![\p{{L}}])", regex.I),
        sentence_subject=regex.compile(
            rf"(?:(?P<article>{alternation(capitalised(a) for a in vocab.articles)})\s+(?P<noun>\p{{Ll}}[\p{{L}}-]*)"
            rf"|(?P<name>{name_word}(?:\s+(?:{alternation(vocab.outlet_name_joiners)}\s+)?{name_word}){{0,5}}))(?=,?\s+\p{{Ll}})"),
        described_name=regex.compile(rf"(?:^|[.!?]\s+){alternation(capitalised(a) for a in vocab.articles)}"
                                     rf"(?:\s+\p{{Ll}}[\p{{L}}-]*){{1,3}},\s*(?P<name>{name_run}),$"),
        relative_clause=regex.compile(rf",\s*{alternation(vocab.attribution.relative_pronouns)}\b[^,{quotes}]*,\s*$"),
        owner_before_role=regex.compile(rf"(\p{{Lu}}[\p{{L}}\p{{M}}-]*(?:\s+\p{{Lu}}[\p{{L}}\p{{M}}-]*)*)(?:{possessive})?$"),
        we=alternation(we),
        we_opening=regex.compile(rf"(?:^|[.!?]\s+|\n){alternation(capitalised(w) for w in vocab.we_pronouns)}\s"),
        statement_opener=regex.compile(
            r"(?:^|[.!?]\s+|\n|,\s)(\p{Lu}[\p{L}\p{M}-]+(?:\s+\p{Lu}[\p{L}\p{M}-]+){0,2})\s+"
            rf"(?:{vocab.organisation_statement_verb})\b"),
    )


def _prefix_tree(words: tuple[str, ...]) -> str:
    """Words as one pattern that shares their common beginnings ("sa(?:id|ys?)"): a long
    list of speech verbs is tried letter by letter, not word by word, on every sentence."""
    tree: dict = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def pattern(node: dict) -> str:
        branches = [regex.escape(ch) + pattern(sub) for ch, sub in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and "" not in node else f"(?:{'|'.join(branches)})"
        return f"(?:{body})?" if "" in node else body

    return pattern(tree) or "(?!)"


def _grammar(vocab: Vocabulary | None) -> Grammar:
    return grammar(load_vocabulary() if vocab is None else vocab)


@dataclass(frozen=True)
class Quote:
    start: int  # opening mark
    end: int  # one past the closing mark (or paragraph end when unclosed)

    def inner(self, body: str, vocab: Vocabulary | None = None) -> str:
        g = _grammar(vocab)
        text = g.reopening.sub(GAP, body[self.start : self.end])
        return text.strip().strip(g.openers + g.closers).strip()


def find_quotes(body: str, vocab: Vocabulary | None = None) -> list[Quote]:
    """Quotation spans; a quote left open at a paragraph's end continues when the next
    paragraph opens with a quotation mark (the newspaper convention). The last body's
    quotes are remembered: conversion asks for them twice per body."""
    g = _grammar(vocab)
    last_g, last_body, last_quotes = _LAST_QUOTES
    if last_g is g and last_body == body:
        return list(last_quotes)
    quotes = _find_quotes(body, g)
    _LAST_QUOTES[:] = [g, body, tuple(quotes)]
    return quotes


_LAST_QUOTES: list = [None, None, ()]


def _find_quotes(body: str, g: Grammar) -> list[Quote]:
    quotes: list[Quote] = []
    start: int | None = None
    skip = -1
    for m in g.quote_events.finditer(body):
        i = m.start()
        if i == skip:
            continue
        ch = body[i]
        if ch == "\n":
            if start is not None:
                j = m.end()
                if j < len(body) and body[j] in g.openers:
                    skip = j  # continuation: the re-opening mark is not a new quote
                    continue
                quotes.append(Quote(start, _rstrip_pos(body, i)))
                start = None
            continue
        if start is None and ch in g.openers and _opens(body, i, g):
            start = i
        elif start is not None and ch in g.closers and i > start:
            quotes.append(Quote(start, i + 1))
            start = None
    if start is not None:
        quotes.append(Quote(start, _rstrip_pos(body, len(body))))
    return quotes


def _opens(body: str, i: int, g: Grammar) -> bool:
    """A mark that only opens always opens; one that also closes (a straight quote)
    opens when it is not glued to the end of a word."""
    if body[i] not in g.closers:
        return True
    return i == 0 or not body[i - 1].isalnum() or body[i - 1] in " \n([—–-"


def _rstrip_pos(body: str, i: int) -> int:
    while i > 0 and body[i - 1].isspace():
        i -= 1
    return i


def split_sentences(body: str, quotes: list[Quote], abbreviations: frozenset[str],
                    vocab: Vocabulary | None = None) -> list[tuple[int, int]]:
    """Sentence spans that never cut through a quotation."""
    g = _grammar(vocab)
    starts = [q.start for q in quotes]

    def inside(pos: int) -> bool:
        k = bisect_right(starts, pos - 1) - 1
        return k >= 0 and quotes[k].start < pos < quotes[k].end - 2

    spans: list[tuple[int, int]] = []
    start, n = 0, len(body)
    for m in g.sentence_events.finditer(body):
        i = m.start()
        if i < start or inside(i):
            continue
        if body[i] == "\n":
            if body[start:i].strip():
                spans.append(_trim(body, start, i))
            start = m.end()
            continue
        j = m.end()
        if j < n and body[j] == " " and j + 1 < n and (body[j + 1].isupper() or body[j + 1] in g.openers):
            word = body[max(start, body.rfind(" ", start, i) + 1):i]
            if word.strip(g.openers + "(") not in abbreviations and not rx(r"\p{Lu}").fullmatch(word):
                spans.append(_trim(body, start, j))
                start = j + 1
    if body[start:].strip():
        spans.append(_trim(body, start, n))
    return spans


def _trim(body: str, start: int, end: int) -> tuple[int, int]:
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    return start, end


@dataclass
class Mention:
    name: str
    role: str | None = None
    organisation: str | None = None
    kind: str | None = None  # set when the words around the name say it
    for_organisation: bool = False  # "a company spokesperson": the organisation the text is about


@dataclass
class Register:
    """The speakers met so far, so later surnames and pronouns resolve to them."""

    body: str
    vocab: Vocabulary
    full_name: Callable[[str, int], str | None] = lambda surname, at: None  # the fullest form the text gives
    at: int = 0  # where the sentence being read starts
    person_opening: Callable[[int, int], str | None] = lambda s, e: None
    _runs: tuple | None = None  # see _names_of_organisations
    openings: list[tuple[int, int]] = field(default_factory=list)  # sentences since the last speaker, read when "he" needs them
    speakers: dict[str, Speaker] = field(default_factory=dict)
    last_person: str | None = None
    last_org: str | None = None
    last_any: str | None = None

    def resolve(self, mention: Mention) -> str | None:
        name = mention.name
        low = name.casefold()
        if mention.for_organisation:
            return self._organisation_named(mention.name) if mention.name else self._spoken_for()
        if low in self.vocab.person_pronouns:
            opener = next(filter(None, (self.person_opening(*span) for span in reversed(self.openings))), None)
            self.openings = []
            self.last_person = opener or self.last_person
            if self.last_person and self.last_person not in self.speakers:
                return self._add(Speaker(self.last_person, "person"))
            return self.last_person
        if low in self.vocab.organisation_pronouns:
            noun = low.split()[-1]
            named = self._organisation_named(noun, before_only=True) if len(low.split()) > 1 else None
            return named or self._spoken_for()  # "the group": "Atlas Freight Group"; "the company": the last one
        if low in self.vocab.speaker_aliases:
            canonical, kind = self.vocab.speaker_aliases[low]
            return self._add(Speaker(canonical, kind, mention.role, mention.organisation))
        tokens = name.split()
        for existing in self.speakers.values():
            if existing.name == name:
                return self._add(_completed(existing, mention))
        if len(tokens) == 1:
            for existing in self.speakers.values():
                if existing.kind == "person" and name in existing.name.split():
                    return self._add(existing)
            for existing in self.speakers.values():
                if existing.kind == "organisation" and existing.name.split()[0] == name:
                    return self._add(existing)  # "Lumora" after "Lumora Systems"
            full = self.full_name(name, self.at) if mention.kind != "organisation" else None
            if full:
                name, tokens = full, full.split()
                mention = replace(mention, kind="person")
                for existing in self.speakers.values():
                    if existing.name == name:
                        return self._add(_completed(existing, mention))
        elif mention.kind != "organisation":
            for existing in self.speakers.values():  # "Ana Ruiz" after "Ana M. Ruiz"
                known = existing.name.split()
                if existing.kind == "person" and len(known) > 1 and (known[0], known[-1]) == (tokens[0], tokens[-1]):
                    return self._add(existing)
        if len(tokens) == 3 and mention.kind != "organisation" and not INITIAL.fullmatch(tokens[1]):
            full = self.full_name(tokens[-1], self.at)
            if full and full.split() == tokens[1:]:
                name, tokens = full, tokens[1:]  # "Campaigner Lily Armitage" is the "Lily Armitage" the text names
                for existing in self.speakers.values():
                    if existing.name == name:
                        return self._add(_completed(existing, mention))
        kind = mention.kind or ("organisation" if (len(tokens) == 1 or self._org_like(tokens)) else "person")
        return self._add(Speaker(name, kind, mention.role, mention.organisation))

    def _spoken_for(self) -> str | None:
        """The organisation "a company spokesperson" speaks for: the last one named, or the
        last speaker when nothing says it is a person (no role, no title: "Brenmoor Rail")."""
        if self.last_org:
            return self.last_org
        named = self._last_organisation_named()
        if named:
            return self._add(self.speakers.get(named) or Speaker(named, "organisation"))
        last = self.speakers.get(self.last_any) if self.last_any else None
        if last is None or last.role or len(last.name.split()) < 2:
            return None
        return self._add(replace(last, kind="organisation"))

    def _names_of_organisations(self) -> tuple[list[int], list[str], dict[str, list[tuple[int, str]]]]:
        """Found once per body: the capitalised runs of two words or more ("Ministry of
        Economic Affairs") by their words, and those with an organisation word in order."""
        if self._runs is None:
            by_word: dict[str, list[tuple[int, str]]] = {}
            starts: list[int] = []
            names: list[str] = []
            for m in grammar(self.vocab).organisation_run.finditer(self.body):
                tokens = m.group().split()
                while tokens and tokens[0] in self.vocab.not_names:
                    tokens.pop(0)
                if len(tokens) < 2:
                    continue
                name = " ".join(tokens)
                for word in set(tokens):
                    by_word.setdefault(word, []).append((m.start(), name))
                if self._org_like(tokens):
                    starts.append(m.start())
                    names.append(name)
            self._runs = (starts, names, by_word)
        return self._runs

    def _last_organisation_named(self) -> str | None:
        """The last organisation the text names before this sentence ("Veltrana Energy")."""
        starts, names, _ = self._names_of_organisations()
        k = bisect_left(starts, self.at)
        return names[k - 1] if k else None

    def _organisation_named(self, noun: str, before_only: bool = False) -> str | None:
        """The organisation 'the council' stands for: one the text names with that word
        ("Ashby District Council"), the last one met first."""
        word = noun.capitalize()
        runs = self._names_of_organisations()[2].get(word, [])
        if before_only:
            runs = runs[: bisect_left(runs, (self.at, ""))]
        named = list(dict.fromkeys(name for _, name in reversed(runs)))  # the last one met first
        known = [s.name for s in reversed(list(self.speakers.values())) if s.kind == "organisation"]
        for heads in (True, False):  # "the university" is first "Selby Cross University", then "University of …"
            for name in [*known, *named]:
                words = name.split()
                if (words[-1] == word) if heads else (word in words):
                    return self._add(self.speakers.get(name) or Speaker(name, "organisation"))
        return None

    def _org_like(self, tokens: list[str]) -> bool:
        return any(t in self.vocab.organisation_words for t in tokens) or self.vocab.is_known_outlet(" ".join(tokens))

    def _add(self, speaker: Speaker) -> str:
        self.speakers[speaker.name] = speaker
        self.last_any = speaker.name
        self.openings = []
        if speaker.kind == "person":
            self.last_person = speaker.name
        else:
            self.last_org = speaker.name
        return speaker.name


def _completed(speaker: Speaker, mention: Mention) -> Speaker:
    """A known speaker with the role and organisation a later mention adds."""
    if (speaker.role or not mention.role) and (speaker.organisation or not mention.organisation):
        return speaker
    return replace(speaker, role=speaker.role or mention.role, organisation=speaker.organisation or mention.organisation)


class Attribution:
    """Parses the words around a speech verb into a speaker mention."""

    def __init__(self, body: str, vocab: Vocabulary):
        self.body = body
        self.vocab = vocab
        self.g = grammar(vocab)
        self.verb_re, self.role_re = self.g.verb, self.g.role
        self.cap_counts = Counter(self.g.cap.findall(body))
        self.words = vocab.attribution
        self._titles: dict[str, bool] = {}
        self._full: dict[str, list[tuple[int, str]]] | None = None
        self._surname_mentions: dict[str, list[tuple[int, str]]] = {}
        self._lower_words: dict[str, bool] = {}
        self._possessive_ends = (*self.g.possessive_endings, *(f"s{mark}" for mark in vocab.apostrophes))

    @property
    def full_names(self) -> dict[str, list[tuple[int, str]]]:
        """Found when first asked for: most bodies never ask."""
        if self._full is None:
            self._full = self._full_names()
        return self._full

    def full_name(self, surname: str, at: int) -> str | None:
        """A surname's fullest form in the text ("Dami Afolabi" for a later "Afolabi"): the
        last full mention before `at` (two people may share a surname), else the first."""
        mentions = self._surname_mentions.get(surname)
        if mentions is None:
            mentions = self.full_names.get(surname) or []
            counts = Counter(name for _, name in mentions)
            if counts and max(counts.values()) > 1:  # a form met once ("Capitol Hill Sanders") yields to a repeated one
                mentions = [(pos, name) for pos, name in mentions if counts[name] > 1]
            self._surname_mentions[surname] = mentions
        if not mentions:
            return None
        k = bisect_left(mentions, (at, ""))
        name = mentions[k - 1][1] if k else mentions[0][1]
        return None if self.vocab.is_known_outlet(name) else name

    def _full_names(self) -> dict[str, list[tuple[int, str]]]:
        """Each surname's full mentions: runs of two or three capitalised words ending in
        it, without honorifics, roles, or a sentence's first word before a two-word name
        ("Striker Dami Afolabi"); a word in capitals ("FULL TEXT") is no name."""
        found: dict[str, list[tuple[int, str]]] = {}
        for m in self.g.name_pair_run.finditer(self.body):
            words = m.group().split()
            owner = max((i for i, t in enumerate(words[:-1]) if self._possessive(t)), default=-1)
            tokens = [self._bare_name_token(t) for t in words[owner + 1 :]]  # not "Democracy Corps’"
            opens_sentence = owner < 0 and (
                m.start() == 0 or self.body[max(0, m.start() - 2) : m.start()].rstrip(" ")[-1:] in ".!?\n")
            while tokens and (self._is_title(tokens[0]) or tokens[0] in self.vocab.not_names):
                tokens.pop(0)
                opens_sentence = False
            titled = [i for i, t in enumerate(tokens[:-1]) if self._is_title(t)]
            if titled:
                tokens, opens_sentence = tokens[titled[-1] + 1 :], False  # "Indiana Gov. Mike Pence"
            if len(tokens) > 3 and tokens[-1] not in self.words.name_suffixes:
                tokens, opens_sentence = tokens[-3:] if INITIAL.fullmatch(tokens[-2]) else tokens[-2:], False
            if not 2 <= len(tokens) <= 4 or not self._could_be_person(tokens, outlets=False):
                continue  # "Washington Post Editor-in-Chief Martin Baron": "Martin Baron"
            if len(tokens) > 2 and tokens[-1] in self.words.name_suffixes:
                found.setdefault(tokens[-2], []).append((m.start(), " ".join(tokens)))
            if opens_sentence and len(tokens) == 3 and not INITIAL.fullmatch(tokens[1]):
                tokens.pop(0)
            if 2 <= len(tokens) <= 3 and not (opens_sentence and self._written_in_lower_case(tokens[0])):
                found.setdefault(tokens[-1], []).append((m.start(), " ".join(tokens)))
        return found

    def _written_in_lower_case(self, word: str) -> bool:
        """The word also stands in the text in lower case ("Striker" and "the striker"): a
        common word opening a sentence, not a given name."""
        low = word.casefold()
        known = self._lower_words.get(low)
        if known is None:  # asked for a few words per text: each looked for once
            known = self._lower_words[low] = any(f" {low}{after}" in self.body for after in " ,.;:")
        return known

    def _could_be_person(self, tokens: list[str], outlets: bool = True) -> bool:
        """No organisation word, no word in capitals ("FULL TEXT"), no outlet's name (unless
        `outlets` is False: the caller checks the one name it keeps)."""
        return not any(t in self.vocab.organisation_words or (t.isupper() and len(t.rstrip(".")) > 2
                                                              and t not in self.words.name_suffixes) for t in tokens) \
            and not (outlets and self.vocab.is_known_outlet(" ".join(tokens)))

    def person_opening(self, s: int, e: int) -> str | None:
        """The person a sentence opens with ("Opposition councillor Gareth Lusk voted …",
        "Joan Petrakis, who …"), in their fullest form: whom a later 'he' or 'she' means."""
        head = rx(r"(?:[^\s\p{Lu}]\S*\s+|\p{Lu}\p{Ll}+\s+(?=\p{Ll})){0,3}").match(self.body, s, e)
        return self._person_at(head.end(), e, anchored=True)

    def first_person(self, s: int, e: int) -> str | None:
        """The first person a sentence names."""
        return self._person_at(s, e, anchored=False)

    def _person_at(self, s: int, e: int, anchored: bool) -> str | None:
        for m in self.g.name_line_run.finditer(self.body, s, e):
            if anchored and m.start() != s:
                return None
            words = m.group().split()
            owner = max((i for i, t in enumerate(words) if self._possessive(t)), default=-1)
            tokens = [self._bare_name_token(t) for t in words[owner + 1 :]]  # not "Trump’s Virginia"
            while tokens and (self._is_title(tokens[0]) or tokens[0] in self.vocab.not_names):
                tokens.pop(0)
            if len(tokens) == 1 and self.full_name(tokens[0], s):
                tokens = self.full_name(tokens[0], s).split()
            if 2 <= len(tokens) <= 3 and self._could_be_person(tokens):
                return " ".join(tokens)
            if anchored:
                return None
        return None

    def _bare_name_token(self, token: str) -> str:
        """A name's word without the possessive ending or a final full stop (kept on an initial)."""
        for ending in self.g.possessive_endings:
            token = token.removesuffix(ending)
        token = token.rstrip(self.vocab.apostrophes)  # "Sanders’"
        return token if INITIAL.fullmatch(token) else token.rstrip(".")

    def _is_title(self, token: str) -> bool:
        """An honorific ("Dr", "Mr.") or a role word ("Minister") before a name."""
        known = self._titles.get(token)
        if known is None:
            bare = token.rstrip(".")
            known = self._titles[token] = bare in self.words.titles or self.role_re.fullmatch(bare) is not None
        return known

    def verbs(self, text: str, offset: int) -> list[tuple[int, int, str]]:
        return [(offset + m.start(), offset + m.end(), m.group()) for m in self.verb_re.finditer(text)]

    def subject_before(self, start: int, floor: int) -> Mention | None:
        """The speaker phrase just before a verb: 'Acme's chairman Jan Novak', 'he', 'the firm'."""
        text = self.body[floor:start]
        clause = self.g.relative_clause.search(text)
        if clause:
            text = text[: clause.start()]  # "Ana Ruiz, who chairs the group, said": the clause says who she is
            if "," in text:  # "Chi Ono, the MP for Newcastle Central, who …, said": the apposition before it
                found = self._comma_subject(text + ",")
                if found is not None:
                    return found
        tokens = text.split()
        while tokens and (tokens[-1].casefold().strip(",") in self.vocab.auxiliaries and not tokens[-1].endswith(",")
                          or tokens[-1].startswith("(") and tokens[-1].endswith(")")):
            tokens.pop()  # "has", "(EMA)"
        if not tokens:
            return None
        last = tokens[-1]
        if last in self.g.conjunctions:
            return self._sentence_subject(floor, start)
        if len(tokens) > 1 and (tokens[-2].casefold() in self.vocab.articles or tokens[-2][:1].islower()
                                and tokens[-2].endswith(tuple(self.vocab.apostrophes))) and self._organisation_noun(last) \
                and f"{tokens[-2]} {last}".casefold() not in self.vocab.organisation_pronouns:  # "the union", "the drivers' union"
            return Mention(last.casefold(), kind="organisation", for_organisation=True)
        if last.endswith(","):
            found = self._comma_subject(" ".join(tokens))
            if found is None:
                found = self._subject_after_quote(text)
            return found
        if last.endswith((";", ":")) or last[-1] in self.g.closers:
            return None
        tail2 = " ".join(tokens[-2:]).casefold()
        if tail2 in self.vocab.organisation_pronouns:
            return Mention(tail2)
        if last.casefold() in self.vocab.person_pronouns or last.casefold() in self.vocab.organisation_pronouns:
            return Mention(last.casefold())
        phrase: list[str] = []
        for k in range(len(tokens) - 1, -1, -1):
            token = tokens[k]
            bare = token.strip(self.g.openers + self.g.closers + "(")
            if token.endswith(",") and phrase and self.role_re.search(" ".join(phrase)) and self.parse(" ".join(phrase)) is None:
                names = []
                for earlier in reversed(tokens[: k + 1]):
                    word = earlier.rstrip(",")
                    if not self.g.cap.fullmatch(word) or (earlier != token and earlier.endswith(",")) or len(names) == 4:
                        break
                    names.insert(0, word)
                if names:
                    return self.parse(" ".join(names) + ", " + " ".join(phrase))
                break
            if token.endswith((",", ";", ":", ".")) or token[-1] in self.g.closers:
                break
            joins = (bare in self.vocab.outlet_name_joiners or bare in self.words.name_particles) and phrase and k > 0 \
                and self.g.cap.fullmatch(tokens[k - 1])  # "Ministry of Economic Affairs", "Lucas van Arden"
            if self.g.cap.fullmatch(bare) or self.role_re.fullmatch(bare) or bare.casefold() in self.vocab.role_modifiers or (
                bare in self.g.conjunctions and phrase
            ) or joins:
                phrase.insert(0, bare)
                if token != bare:
                    break
                continue
            break
        if not phrase:
            return None
        mention = self.parse(" ".join(phrase))
        if mention is None and phrase[-1].casefold() in self.words.spokesperson_roles:
            return self._spokesperson(phrase[:-1])
        return mention

    def _subject_after_quote(self, text: str) -> Mention | None:
        """'"…," Representative Ana Ruiz, Democrat of Ohio, told': the name that follows the
        closing mark, before its apposition."""
        closing = max(text.rfind(c) for c in self.g.closers)
        if closing < 0:
            return None
        head = text[closing + 1 :].lstrip(" ,").split(",")[0].strip()
        return self._named(head, None, None) if head and self.g.capitalised_run.fullmatch(head) else None

    def _organisation_noun(self, word: str) -> bool:
        """'council' in 'the council said': a word that names a kind of organisation."""
        return word[:1].islower() and (word.casefold() in self.vocab.organisation_nouns
                                       or word.capitalize() in self.vocab.organisation_words)

    def _sentence_subject(self, floor: int, start: int) -> Mention | None:
        """The subject a second verb shares with the first ("Lindgren apologized and said",
        "The ministry forecast a fall, and said"): the name or organisation noun the
        sentence opens with."""
        m = self.g.sentence_subject.match(self.body, floor, start)
        if m is None:
            return None
        if m.group("noun"):
            noun = m.group("noun")
            phrase = f"{m.group('article')} {noun}".casefold()
            if phrase in self.vocab.organisation_pronouns:
                return Mention(phrase)
            return Mention(noun.casefold(), kind="organisation", for_organisation=True) if self._organisation_noun(noun) else None
        return self.parse(m.group("name"))

    def _spokesperson(self, before: list[str]) -> Mention:
        """'Acme's spokesperson' speaks for Acme; 'a company spokesperson' for the
        organisation the text is about (the last one named)."""
        for token in reversed(before):
            if self.g.cap.fullmatch(token) and token not in self.vocab.not_names:
                return Mention(self._bare_name_token(token), kind="organisation")  # "a Corvane spokesperson"
        return Mention("", for_organisation=True)

    def _comma_subject(self, text: str) -> Mention | None:
        """'Aster Cloud, a Toronto-based hosting company, says' and
        'Brightwave's head of compliance, Priya Raman, told'."""
        m = self.g.name_then_apposition.search(text)
        if m and m.group("appos")[:1].islower():
            appos = m.group("appos")
            mention = self.parse(m.group("name"))
            if mention is None:
                return None
            role, org = self._role_and_org(appos)
            nouns = {w.casefold() for w in self.g.word.findall(appos)}
            kind = "organisation" if nouns & self.vocab.organisation_nouns and not role else None
            return Mention(mention.name, role, org, kind or ("person" if role else None))
        m = self.g.described_name.search(text)
        if m:  # "The developer, Ironbridge Logistics,"
            return self._named(m.group("name"), None, None)
        m = self.g.lead_then_name.search(text)
        lead_ok = m and self.role_re.search(m.group("lead")) and self.g.lead_role.search(m.group("lead"))
        if lead_ok:
            lead = m.group("lead")
            role = self.role_re.search(lead).group()
            owner = self.g.owner.search(lead)
            of = rx(rf"{regex.escape(role)}\s+{self.g.organisation_preposition}\s+"
                    r"(\p{Lu}[\p{L}\p{M}-]*(?:\s+\p{Lu}[\p{L}\p{M}-]*)*)").search(lead)
            org = owner.group(1) if owner else (of.group(1) if of else None)
            if of and owner is None:
                role = lead[lead.find(role):of.start(1)].strip()
                for preposition in self.g.organisation_prepositions:
                    role = role.removesuffix(f" {preposition}")
            elif owner is not None:
                after = self.g.after_possessive.search(lead)
                role = after.group(1).strip() if after else role
            named = self._named(m.group("name"), None, None)
            return Mention(named.name, role, org, "person") if named else None
        return None

    def subject_after(self, end: int, ceiling: int, after_quote: bool = False) -> Mention | None:
        """Inverted attribution: 'said Jan Novak, founder and CEO of … Acme'; after a
        quotation also with a description before the name ('said board chair Dr Ana
        Ruiz', 'said Acme's founder, Ana Ruiz', 'said a company spokesperson')."""
        text = self.body[end:ceiling]
        pm = self.g.pronoun_after_verb.match(text)
        if pm:
            return Mention(pm.group(1).casefold())
        tokens, rest = self._phrase_after(text)
        if not tokens:
            return None
        phrase = " ".join(tokens)
        if phrase.casefold() in self.vocab.organisation_pronouns:
            return Mention(phrase.casefold())
        k = len(tokens)
        while k > 0 and self.g.cap.fullmatch(tokens[k - 1]):
            k -= 1
        description, name = tokens[:k], tokens[k:]
        if description and not after_quote:
            return None  # 'said the company would …': reported speech, not an inverted name
        if not name:
            named = self.g.name_after_verb.match(rest[1:]) if rest.startswith(",") and description else None
            if named is None:
                if description and description[-1].casefold() in self.words.spokesperson_roles:
                    return self._spokesperson(description[:-1])
                return None
            name = named.group(1).split()
            rest = rest[1 + named.end(1) :]
            phrase = " ".join(description) + " " + " ".join(name)
        if description and not self.role_re.search(" ".join(description)):
            phrase = " ".join(name)  # "said Marquette pollster Charles Franklin": the description is no name
        appos = self.g.apposition_after_name.match(rest.lstrip() if rest.startswith(" ") else rest)
        if appos and self.role_re.search(appos.group(1)):
            phrase = f"{phrase}, {appos.group(1)}"
        mention = self.parse(phrase)
        if mention is not None and mention.organisation is None:
            where = self.g.apposition_organisation.match(rx(r"[,;.!?]").split(rest, 1)[0])
            runs = self.g.capitalised_run.findall(where.group(1)) if where else []
            if runs:
                mention = replace(mention, organisation=runs[-1])  # "Ana Ruiz of the River Trust"
        if mention is None or not description or mention.role:
            return mention
        owner = next((self._bare_name_token(t) for t in description
                      if self.g.cap.fullmatch(t) and any(t.endswith(e) for e in self.g.possessive_endings)), None)
        leading = []
        for t in description:
            if not self.g.cap.fullmatch(t) or self._possessive(t) or t in self.vocab.not_names:
                break
            leading.append(t)
        owner = owner or (" ".join(leading) or None)  # "Marquette pollster": Marquette
        role = " ".join(t for t in description if t.casefold() not in self.vocab.articles
                        and not self.g.cap.fullmatch(t) and t.capitalize() not in self.vocab.not_names)
        return replace(mention, role=role or None, organisation=mention.organisation or owner)

    def _phrase_after(self, text: str) -> tuple[list[str], str]:
        """The words after a verb up to a punctuation mark, a quotation mark or a word that
        opens a clause, and the text after them."""
        tokens: list[str] = []
        pos = 0
        stops = ",;:!?" + self.g.openers + self.g.closers
        for m in rx(r"\S+").finditer(text):
            token = m.group()
            if token[0] in stops or token.casefold() in self.words.clause_words:
                break
            if token in self.vocab.apposition_prepositions and any(
                    self.g.cap.fullmatch(t) and not self._possessive(t) for t in tokens):
                pos = m.start() - 1  # "Ana Ruiz of the River Trust": the rest says where she speaks from
                break
            cut = next((i for i, ch in enumerate(token) if ch in stops), None)
            if cut is not None:
                tokens.append(token[:cut])
                pos = m.start() + cut
                break
            tokens.append(token)
            pos = m.end()
            if token.endswith(".") and not self._keeps_stop(token):
                tokens[-1] = token[:-1]
                break
            if len(tokens) == 8:
                break
        return [t for t in tokens if t], text[pos:]

    def _possessive(self, token: str) -> bool:
        """ "Acme's", and the plural "Corps’"."""
        return len(token) > 2 and token.endswith(self._possessive_ends)

    def _keeps_stop(self, token: str) -> bool:
        """A full stop that does not end the phrase: an abbreviation or an initial ("Dr.", "M.")."""
        bare = token[:-1]
        return bare in self.vocab.abbreviations or bare in self.words.titles or rx(r"\p{Lu}").fullmatch(bare) is not None

    def parse(self, phrase: str) -> Mention | None:
        """Split a speaker phrase into name, role and organisation."""
        phrase = rx(r"\s+").sub(" ", phrase).strip(" ,")
        if not phrase:
            return None
        if "," in phrase:
            head, appos = phrase.split(",", 1)
            mention = self.parse(head)
            if mention is None:
                return None
            role, org = self._role_and_org(appos.strip())
            return Mention(mention.name, mention.role or role, mention.organisation or org, mention.kind)
        poss = self.g.possessive_phrase.fullmatch(phrase)
        if poss and self.role_re.search(poss.group("role")):
            org = poss.group("org") if poss.group("org")[:1].isupper() else None  # not "the trust's"
            return self._named(poss.group("name").strip(), poss.group("role"), org)
        roles = list(self.role_re.finditer(phrase))
        if roles:
            last = roles[-1]
            before, after = phrase[: roles[0].start()].strip(), phrase[last.end() :].strip()
            role = phrase[roles[0].start() : last.end()]
            if before and len(before.split()) == 1 and self.g.nationality.search(before):
                role, before = f"{before} {role}", ""
            elif before and before[:1].islower():
                role, before = f"{before} {role}", ""  # "board chair", "council leader"
            if not after:
                return None
            return self._named(after, role, before or None, after_role=True)
        return self._named(phrase, None, None)

    def _named(self, run: str, role: str | None, org: str | None, after_role: bool = False) -> Mention | None:
        raw = run.split()
        owner = next((i for i, t in enumerate(raw[:-1]) if self._possessive(t) and self.g.cap.fullmatch(t)), None)
        if owner is not None:  # "Commentary's Noah Rothman"
            org = org or self._bare_name_token(raw[owner])
            run = " ".join(raw[owner + 1 :])
        tokens = self._name_tokens(run)
        titled_person = False
        while tokens and (tokens[0] in self.vocab.not_names or tokens[0].rstrip(".") in self.words.titles):
            titled_person = titled_person or tokens[0].rstrip(".") in self.words.titles
            tokens.pop(0)
        titled = [i for i, t in enumerate(tokens[:-1]) if t.rstrip(".") in self.words.titles]
        if titled:
            tokens, titled_person = tokens[titled[-1] + 1 :], True  # "Local MP Jonathan Ferris"
        while len(tokens) > 2 and not any(t in self.vocab.organisation_words for t in tokens) \
                and self._written_in_lower_case(tokens[0]):
            tokens, titled_person = tokens[1:], True  # "Investor Nicola Baptiste": "an investor"
        if not tokens:
            return None
        if len(tokens) > (3 if after_role else 2) and not any(w in self.vocab.organisation_words for t in tokens for w in t.split()):
            size = 2
            while size < min(3, len(tokens)) and (self.cap_counts[tokens[-size - 1]] <= self.cap_counts[tokens[-1]]
                                                  or INITIAL.fullmatch(tokens[-size])):
                size += 1  # "Lindsey O. Graham"
            name_tokens, org_tokens = tokens[-size:], tokens[:-size]
            if org_tokens:
                org = " ".join(org_tokens) if not org else org
            tokens = name_tokens
        org = org.strip() if org else None
        if org:
            ending = next((e for e in self.g.possessive_endings if org.endswith(e)), "")
            org = org[: len(org) - len(ending)]
        return Mention(" ".join(tokens), role.strip() if role else None, org or None,
                       "person" if titled_person else None)

    def _name_tokens(self, run: str) -> list[str]:
        """A name's capitalised words; a particle or joiner inside it stays with the word
        after it ("Lucas", "van Arden"; "Ministry", "of Economic", "Affairs")."""
        tokens: list[str] = []
        glue = ""
        words = run.split()
        for i, word in enumerate(words):
            if self.g.cap.fullmatch(word):
                inner = i < len(words) - 1  # "Lecturers'" inside "University Lecturers' Association" keeps its mark
                tokens.append(glue + (word if inner and not word.endswith(".") else self._bare_name_token(word)))
                glue = ""
            elif tokens and i < len(words) - 1 and (word in self.words.name_particles
                                                   or word in self.vocab.outlet_name_joiners):
                glue += word + " "
        return tokens

    def _role_and_org(self, appos: str) -> tuple[str | None, str | None]:
        appos = self.g.apposition_end.split(appos)[0]
        m = self.role_re.search(appos)
        if not m:
            return None, None
        role = m.group()
        rest = appos[m.end() :]
        of = self.g.apposition_organisation.match(rest)
        if of:
            runs = self.g.capitalised_run.findall(of.group(1))
            return role, runs[-1] if runs else None
        before = appos[: m.start()].strip()
        owner = self.g.owner_before_role.search(before)
        return role, owner.group(1) if owner else None


def extract_claims(
    body: str,
    vocab: Vocabulary,
    self_speaker: str | None = None,
) -> tuple[tuple[Speaker, ...], tuple[Claim, ...]]:
    """Speakers (in order of first claim) and claims (in text order) of one body."""
    quotes = find_quotes(body, vocab)
    sentences = split_sentences(body, quotes, vocab.abbreviations, vocab)
    parser = Attribution(body, vocab)
    reg = Register(body, vocab, parser.full_name, person_opening=parser.person_opening)
    claims: list[Claim] = []
    min_words = vocab.min_quote_words
    turns = transcript_turns(body, vocab)
    if turns:
        claims.extend(_turn_claims(turns, body, vocab, parser, reg))
        taken = [(t.start, t.end) for t in turns]
        sentences = [(s, e) for s, e in sentences if not any(ts <= s < te for ts, te in taken)]

    starts = [q.start for q in quotes]
    groups = _merge_split_quotes([q for q in quotes if q.inner(body, vocab)], body, vocab)  # not a stray mark
    group_starts = [group[0].start for group in groups]
    joined = [GAP.join(q.inner(body, vocab) for q in group) for group in groups]
    claim_group = [is_claim_quote(text, min_words, vocab) for text in joined]
    group_texts = [text.rstrip(",").rstrip() for text in joined]  # the comma its attribution replaced

    def claim_groups_in(s: int, e: int) -> list[int]:
        lo, hi = bisect_left(group_starts, s), bisect_left(group_starts, e)
        return [k for k in range(lo, hi) if claim_group[k]]

    def in_quote(pos: int) -> bool:
        k = bisect_right(starts, pos) - 1
        return k >= 0 and pos < quotes[k].end

    lead_in: str | None = None  # the speaker of a lead-in ending in a colon, for the quotation after it
    for index, (s, e) in enumerate(sentences):
        reg.at = s
        in_groups = claim_groups_in(s, e)
        in_quotes = [q for k in in_groups for q in groups[k]]
        if not in_quotes and not _ends_a_statement(body[s:e], parser.g) and not body[s:e].endswith(":"):
            continue  # a heading or caption: it makes no claim and names nobody "he" stands for
        speaker = None
        reporting_verb = None
        verb_end = s
        unnamed = False  # the quotation's own attribution names nobody ("the report said")
        for vs, ve, verb in parser.verbs(body[s:e], s):
            if in_quote(vs):
                continue
            if verb in vocab.attribution.participles:
                if body[s:vs].rstrip()[-1:] != ",":
                    continue  # "thanks for writing": not an attribution
                named = parser.person_opening(s, vs)  # "Ana Ruiz endorsed the plan, saying …"
                resolved = reg.resolve(Mention(named, kind="person")) if named else None
                if resolved:
                    speaker, reporting_verb, verb_end = resolved, verb, ve
                    break
                continue
            before = body[s:vs].rstrip()
            after_quote = before[-1:] in parser.g.closers and before != ""
            mention = parser.subject_after(ve, e, True) if after_quote else None
            if mention is None:
                mention = parser.subject_before(vs, s)
            if mention is None and before[-1:] == ",":
                mention = parser.subject_after(ve, e)  # "The plan, said Novak, will work."
            resolved = reg.resolve(mention) if mention else None
            if resolved:
                speaker, reporting_verb, verb_end = resolved, verb, ve
                break
            unnamed = unnamed or _attributes_quote(body, in_quotes, vs, parser.g)
        if speaker is None:
            cue = parser.g.source_cue.search(body, s, e)
            if cue and not in_quote(cue.start()):
                mention = parser.subject_after(cue.end(), e, True)  # "according to the branch president, Dr. Ana Ruiz,"
                speaker = reg.resolve(mention) if mention else None
        if in_quotes:
            if speaker is None and body[s : in_quotes[0].start].rstrip().endswith(":"):
                named = parser.first_person(s, in_quotes[0].start)  # "Ana Ruiz went as far as to say: "…""
                speaker = reg.resolve(Mention(named, kind="person")) if named else None
            if speaker is None and lead_in is None and _is_bare_quote(body, s, e, in_quotes):
                speaker = _named_in_next_paragraph(body, e, vocab, parser, reg)
            if speaker is None and unnamed:
                lead_in = None
                continue  # '"…," the report said': no named speaker, not the last one
            speaker = speaker or lead_in or reg.last_any  # continuation of the last speaker, or after "saying:"
            lead_in = None
            if speaker is None:
                continue
            for k in in_groups:
                claims.append(Claim(group_texts[k], speaker, True, groups[k][0].start, groups[k][-1].end))
            reg.last_any = speaker
            continue
        lead_in = None
        if speaker is None and body[s:e].endswith(":"):
            subject = parser.person_opening(s, e) or parser.first_person(s, e)
            if subject:
                lead_in = reg.resolve(Mention(subject, kind="person"))  # "The team, led by Ana Ruiz, …, saying:"
                continue
        if speaker is None:
            reg.openings.append((s, e))  # whom a later "he" means, when the sentence opens with a person
        if speaker is None or (reporting_verb in vocab.event_verbs and not _clause_follows(body, verb_end, e, vocab)) \
                or reporting_verb in vocab.attribution.naming_verbs:
            continue
        text = body[s:e]
        if text[:1] in parser.g.openers:
            continue  # a quotation too short to be a claim, and its attribution
        if text.endswith(":"):
            lead_in = speaker  # "…, saying:" introduces the quotation that follows; it is not a claim
        elif _ends_a_statement(text, parser.g):
            claims.append(Claim(text, speaker, False, s, e))
    if self_speaker and not quotes_with_words(quotes, body, min_words, vocab):
        taken = {c.start for c in claims}
        claims.extend(c for c in _self_statements(body, sentences, quotes, self_speaker, vocab, reg) if c.start not in taken)
    claims.sort(key=lambda c: c.start or 0)
    tagged = tuple(replace(c, topics=tag_topics(c.text, vocab)) for c in claims)
    order = list(dict.fromkeys(c.speaker for c in tagged))
    speakers = tuple(reg.speakers[name] for name in order)
    return speakers, tagged


def _attributes_quote(body: str, quotes: list[Quote], verb_start: int, g: Grammar) -> bool:
    """The verb stands where a quotation's attribution stands: right after it, a few words
    on ('"…," the congressional report said')."""
    ends = [q.end for q in quotes if q.end <= verb_start]
    if not ends:
        return False
    between = body[max(ends) : verb_start]
    return len(between.split()) <= 6 and not any(ch in between for ch in g.openers + g.closers + ".;:!?")


def _clause_follows(body: str, verb_end: int, end: int, vocab: Vocabulary) -> bool:
    """An event verb reports a claim ('announced that …', 'announced an order for …', '…,
    the minister announced today'), unless it stands as a participle ('the fund announced
    in March')."""
    following = body[verb_end:end].split()
    if not following or following[0].casefold() not in vocab.attribution.participle_followers:
        return True
    return "that" in following or len(following) <= 2


def _ends_a_statement(text: str, g: Grammar) -> bool:
    """A sentence, not a crosshead, caption or headline: it ends with a full stop (or
    its closing mark). A line with no final punctuation is a heading, whatever its verb."""
    return text.rstrip(g.closers + ")’'")[-1:] in ".!?"


def _is_bare_quote(body: str, s: int, e: int, quotes: list[Quote]) -> bool:
    """The sentence is a paragraph of its own that holds nothing but the quotation (only
    the text around it is looked at, so a huge text costs no more per quote)."""
    if len(quotes) != 1:
        return False
    q = quotes[0]
    i = q.start
    while i > 0 and body[i - 1] in " \t":
        i -= 1
    return (i == 0 or body[i - 1] == "\n") and rx(r"[ \t]*(?:\n|\Z)").match(body, q.end) is not None


def _named_in_next_paragraph(body: str, e: int, vocab: Vocabulary, parser: "Attribution",
                             reg: "Register") -> str | None:
    """'"…"' then a paragraph opening 'That was the view of Ana Ruiz, …': the speaker
    is named after the quotation."""
    gap = rx(r"\s*\n\s*").match(body, e)
    if gap is None:
        return None
    start = gap.end()
    cue = vocab.attribution.next_paragraph_cue.match(body, start)
    if cue is None:
        return None
    end = body.find("\n", start)
    mention = parser.subject_after(cue.end() - 1, end if end >= 0 else len(body), True)
    return reg.resolve(mention) if mention else None


@dataclass(frozen=True)
class Turn:
    """One speaker's turn in a transcript: the words after a label ("ANA RUIZ:", "A:")."""

    name: str | None  # the label's name, as a name is written; None for a question or answer label
    host: bool  # the interviewer: asks, makes no claim
    start: int
    end: int


def transcript_turns(body: str, vocab: Vocabulary) -> list[Turn]:
    """The turns of an interview or podcast transcript: lines opening with a speaker's label
    in capitals ("NORA QUINN, HOST:", "PRESENTER (TOBY GRANT):", "FERREIRA:") or a question
    or answer label ("Q:", "A:"). A body is a transcript when at least three lines open with
    a label and two labels differ; the interviewer is the label a host word marks, else the
    first to speak."""
    words = vocab.attribution
    qa = alternation(sorted(words.question_labels | words.answer_labels, key=len, reverse=True))
    label = rx(r"(?m)^(?P<label>" + qa + r"|\p{Lu}[\p{Lu}\p{M}'’.-]+(?:\s+\p{Lu}[\p{Lu}\p{M}'’.-]*){0,3}"
               r"(?:\s*\([^()\n]{1,40}\))?(?:,\s*[\p{Lu}\p{Ll} ]{2,30})?):[ \t]+(?=\S)")
    found = []
    for m in label.finditer(body):
        end = body.find("\n", m.end())
        found.append((m.group("label"), m.end(), end if end >= 0 else len(body)))
    if len(found) < 3 or len({lab for lab, _, _ in found}) < 2:
        return []
    turns = [_turn(lab, start, end, words) for lab, start, end in found]
    full = {}
    for turn in turns:
        if turn.name and len(turn.name.split()) > 1:
            full.setdefault(turn.name.split()[-1], turn.name)
    turns = [replace(t, name=full.get(t.name, t.name)) if t.name else t for t in turns]
    hosts = {t.name for t in turns if t.host and t.name}
    if not hosts and all(t.name for t in turns):
        hosts = {turns[0].name}
    return [replace(t, host=True) if t.name in hosts else t for t in turns]


def _turn(label: str, start: int, end: int, words) -> Turn:
    if label in words.question_labels:
        return Turn(None, True, start, end)
    if label in words.answer_labels:
        return Turn(None, False, start, end)
    inside = rx(r"\(([^()]*)\)").search(label)
    outside = rx(r"\s*\([^()]*\)").sub("", label)
    name, _, note = outside.partition(",")
    host_words = {w.casefold() for w in rx(r"[\p{L}]+").findall(f"{name} {note}")} & words.host_words
    if inside and {w.casefold() for w in name.split()} <= words.host_words:
        name = inside.group(1)  # "PRESENTER (TOBY GRANT)"
    return Turn(_as_name(name), bool(host_words), start, end)


def _as_name(label: str) -> str:
    """A label's name as a name is written ("NORA QUINN" is "Nora Quinn", "O'BRIEN" "O'Brien")."""
    return " ".join(w.capitalize() if not INITIAL.fullmatch(w) else w
                    for w in rx(r"\s+").split(label.strip()))


def _turn_claims(turns: list[Turn], body: str, vocab: Vocabulary, parser: Attribution,
                 reg: Register) -> list[Claim]:
    """Each answer of a transcript is its speaker's direct quotation; a label that gives a
    surname ("FERREIRA:") is the speaker named in full before ("LUIS FERREIRA:"); "A:" is
    the interviewee the introduction names."""
    claims = []
    interviewee = None
    if any(t.name is None and not t.host for t in turns):
        interviewee = _interviewee(body[: turns[0].start], parser)
    for turn in turns:
        text = body[turn.start : turn.end].strip()
        if turn.host or len(parser.g.word.findall(text)) < vocab.attribution.min_turn_words:
            continue
        name = turn.name or interviewee
        if name is None:
            continue
        speaker = reg.resolve(Mention(name, kind="person"))
        if speaker:
            claims.append(Claim(text, speaker, True, turn.start, turn.start + len(text)))
    return claims


def _interviewee(intro: str, parser: Attribution) -> str | None:
    """The person an interview's introduction names first (two or three capitalised words,
    not an organisation)."""
    for m in parser.g.name_line_run.finditer(intro):
        before = intro[: m.start()].split()
        if before and before[-1].casefold() in {c.casefold() for c in parser.vocab.byline_cues}:
            continue  # "Words by Callum Reyes": the interviewer
        tokens = [parser._bare_name_token(t) for t in m.group().split()]
        while tokens and (parser._is_title(tokens[0]) or tokens[0] in parser.vocab.not_names):
            tokens.pop(0)
        if 2 <= len(tokens) <= 3 and not any(t in parser.vocab.organisation_words for t in tokens):
            return " ".join(tokens)
    return None


def is_claim_quote(inner: str, min_words: int, vocab: Vocabulary | None = None) -> bool:
    """A statement, not a quoted term or fragment: at least `min_words` words ("a red
    line," is a fragment, whatever its punctuation), and not a title in capitals with no
    final stop ("Ban on Face Coverings")."""
    words = _grammar(vocab).word.findall(inner)
    if len(words) < min_words:
        return False
    return not (inner.rstrip(",")[-1:].isalnum() and all(w[0].isupper() for w in words if len(w) > 3))


def quotes_with_words(quotes: list[Quote], body: str, min_words: int, vocab: Vocabulary | None = None) -> bool:
    return any(is_claim_quote(q.inner(body, vocab), min_words, vocab) for q in quotes)


def _merge_split_quotes(quotes: list[Quote], body: str, vocab: Vocabulary) -> list[list[Quote]]:
    """'"The Global Initiative," he said, "advocates …"' is one quotation, its parts
    joined by GAP: the attribution between them replaced the comma that ends the first."""
    groups: list[list[Quote]] = []
    for q in quotes:
        if groups:
            prev = groups[-1][-1]
            gap = body[prev.end : q.start]
            if prev.inner(body, vocab).endswith(",") and "\n" not in gap and len(gap) < 120 and (
                    gap.rstrip().endswith(",") or _grammar(vocab).verb.search(gap)):
                groups[-1].append(q)
                continue
        groups.append([q])
    return groups


def _self_statements(body, sentences, quotes, org, vocab, reg) -> list[Claim]:
    """First-person sentences of an organisation's own page ('We ensure …')."""
    g = grammar(vocab)
    subject = regex.compile(rf"^(?:[^,]{{0,80}},\s+)?(?:{g.we}|{regex.escape(org)})\s+\p{{Ll}}")
    found = []
    for s, e in sentences:
        text = body[s:e]
        words = {w.casefold() for w in g.word.findall(text)}
        if subject.search(text) and words & vocab.commitment_words and not any(s <= q.start < e for q in quotes):
            found.append(Claim(text, org, False, s, e))
    if found and org not in reg.speakers:
        reg.speakers[org] = Speaker(org, "organisation")
    return found


def self_speaker_of(body: str, quotes_present: bool, vocab: Vocabulary) -> str | None:
    """The organisation a first-person page speaks for: the name that most often
    opens its sentences, when the page says 'we' outside any quotation."""
    if quotes_present:
        return None
    g = grammar(vocab)
    we = len(g.we_opening.findall(body))
    if we < 2:
        return None
    openers = Counter(
        m.group(1)
        for m in g.statement_opener.finditer(body)
        if m.group(1) not in vocab.not_names
    )
    if not openers:
        return None
    return sorted(openers.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
