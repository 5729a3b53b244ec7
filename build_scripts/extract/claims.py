"""Stage 3b: find who claimed what in a cleaned article body.

Quotations are found first (straight or curly, split around "said X", running over
paragraphs); sentences are then split without breaking a quotation; each sentence's
attribution ("said Novak", "Acme's chairman Jan Novak said", "he added") names its
speaker. Reported speech ("X has denied that …") becomes a claim with `quote: False`.
Every claim keeps its character span in the body so the page can anchor the passage.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field, replace

import regex

from build_scripts.model import Claim, Speaker
from build_scripts.extract.patterns import rx
from build_scripts.config.vocabulary import Vocabulary


OPENERS = "\"“"
CLOSERS = "\"”"
WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}'’.-]*")
CAP = regex.compile(r"\p{Lu}[\p{L}\p{M}'’.-]*")


@dataclass(frozen=True)
class Quote:
    start: int  # opening mark
    end: int  # one past the closing mark (or paragraph end when unclosed)

    def inner(self, body: str) -> str:
        text = body[self.start : self.end]
        text = rx(r"\s*\n\n\s*[\"“]?").sub(" ", text)
        return text.strip().strip(OPENERS + CLOSERS).strip()


SENTENCE_EVENTS = regex.compile(r"\n\n+|[.!?][\"”’)]*")
QUOTE_EVENTS = regex.compile(r'["“”]|\n\n+')


def find_quotes(body: str) -> list[Quote]:
    """Quotation spans; a quote left open at a paragraph's end continues when the next
    paragraph opens with a quotation mark (the newspaper convention)."""
    quotes: list[Quote] = []
    start: int | None = None
    skip = -1
    for m in QUOTE_EVENTS.finditer(body):
        i = m.start()
        if i == skip:
            continue
        ch = body[i]
        if ch == "\n":
            if start is not None:
                j = m.end()
                if j < len(body) and body[j] in OPENERS:
                    skip = j  # continuation: the re-opening mark is not a new quote
                    continue
                quotes.append(Quote(start, _rstrip_pos(body, i)))
                start = None
            continue
        if start is None and ch in OPENERS and _opens(body, i):
            start = i
        elif start is not None and ch in CLOSERS and i > start:
            quotes.append(Quote(start, i + 1))
            start = None
    if start is not None:
        quotes.append(Quote(start, _rstrip_pos(body, len(body))))
    return quotes


def _opens(body: str, i: int) -> bool:
    """A straight quote opens when it is not glued to the end of a word."""
    if body[i] == "“":
        return True
    return i == 0 or not body[i - 1].isalnum() or body[i - 1] in " \n([—–-"


def _rstrip_pos(body: str, i: int) -> int:
    while i > 0 and body[i - 1].isspace():
        i -= 1
    return i


def split_sentences(body: str, quotes: list[Quote], abbreviations: frozenset[str]) -> list[tuple[int, int]]:
    """Sentence spans that never cut through a quotation."""
    starts = [q.start for q in quotes]

    def inside(pos: int) -> bool:
        k = bisect_right(starts, pos - 1) - 1
        return k >= 0 and quotes[k].start < pos < quotes[k].end - 2

    spans: list[tuple[int, int]] = []
    start, n = 0, len(body)
    for m in SENTENCE_EVENTS.finditer(body):
        i = m.start()
        if i < start or inside(i):
            continue
        if body[i] == "\n":
            if body[start:i].strip():
                spans.append(_trim(body, start, i))
            start = m.end()
            continue
        j = m.end()
        if j < n and body[j] == " " and j + 1 < n and (body[j + 1].isupper() or body[j + 1] in OPENERS):
            word = body[max(start, body.rfind(" ", start, i) + 1):i]
            if word.strip(OPENERS + "(") not in abbreviations and not rx(r"\p{Lu}").fullmatch(word):
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


@dataclass
class Register:
    """The speakers met so far, so later surnames and pronouns resolve to them."""

    body: str
    vocab: Vocabulary
    speakers: dict[str, Speaker] = field(default_factory=dict)
    last_person: str | None = None
    last_org: str | None = None
    last_any: str | None = None

    def resolve(self, mention: Mention) -> str | None:
        name = mention.name
        low = name.casefold()
        if low in self.vocab.person_pronouns:
            return self.last_person
        if low in self.vocab.organisation_pronouns:
            return self.last_org
        if low in self.vocab.speaker_aliases:
            canonical, kind = self.vocab.speaker_aliases[low]
            return self._add(Speaker(canonical, kind, mention.role, mention.organisation))
        tokens = name.split()
        for existing in self.speakers.values():
            if existing.name == name:
                return self._add(replace(existing, role=existing.role or mention.role,
                                         organisation=existing.organisation or mention.organisation))
        if len(tokens) == 1:
            for existing in self.speakers.values():
                if existing.kind == "person" and name in existing.name.split():
                    return self._add(existing)
        kind = mention.kind or ("organisation" if (len(tokens) == 1 or self._org_like(tokens)) else "person")
        return self._add(Speaker(name, kind, mention.role, mention.organisation))

    def _org_like(self, tokens: list[str]) -> bool:
        return any(t in self.vocab.organisation_words for t in tokens) or self.vocab.is_known_outlet(" ".join(tokens))

    def _add(self, speaker: Speaker) -> str:
        self.speakers[speaker.name] = speaker
        self.last_any = speaker.name
        if speaker.kind == "person":
            self.last_person = speaker.name
        else:
            self.last_org = speaker.name
        return speaker.name


_PATTERNS: dict[int, tuple[regex.Pattern, regex.Pattern]] = {}


def _patterns(vocab: Vocabulary) -> tuple[regex.Pattern, regex.Pattern]:
    """Speech-verb and role patterns, compiled once per vocabulary."""
    key = id(vocab)
    if key not in _PATTERNS:
        verbs = "|".join(regex.escape(v) for v in vocab.speech_verbs)
        firsts = regex.escape("".join(sorted({v[0] for v in vocab.speech_verbs})))  # a cheap first test
        verb_re = regex.compile(rf"(?<![\p{{L}}-])(?=[{firsts}])(?:{verbs})(?![\p{{L}}-])")
        role_words = "|".join(regex.escape(r) for r in vocab.roles)
        mods = "|".join(regex.escape(m) for m in sorted(vocab.role_modifiers, key=len, reverse=True))
        one_role = rf"(?:(?:{mods})\s+)*(?:{role_words})"
        role_re = regex.compile(rf"(?<![\p{{L}}]){one_role}(?:\s+and\s+{one_role})*(?![\p{{L}}])", regex.I)
        _PATTERNS[key] = (verb_re, role_re)
    return _PATTERNS[key]


class Attribution:
    """Parses the words around a speech verb into a speaker mention."""

    def __init__(self, body: str, vocab: Vocabulary):
        self.body = body
        self.vocab = vocab
        self.verb_re, self.role_re = _patterns(vocab)
        self.cap_counts = Counter(CAP.findall(body))

    def verbs(self, text: str, offset: int) -> list[tuple[int, int, str]]:
        return [(offset + m.start(), offset + m.end(), m.group()) for m in self.verb_re.finditer(text)]

    def subject_before(self, start: int, floor: int) -> Mention | None:
        """The speaker phrase just before a verb: 'Acme's chairman Jan Novak', 'he', 'the firm'."""
        text = self.body[floor:start]
        tokens = text.split()
        while tokens and tokens[-1].casefold().strip(",") in self.vocab.auxiliaries and not tokens[-1].endswith(","):
            tokens.pop()
        if not tokens:
            return None
        last = tokens[-1]
        if last.endswith(","):
            return self._comma_subject(" ".join(tokens))
        if last.endswith((";", ":")) or last[-1] in CLOSERS:
            return None
        tail2 = " ".join(tokens[-2:]).casefold()
        if tail2 in self.vocab.organisation_pronouns:
            return Mention(tail2)
        if last.casefold() in self.vocab.person_pronouns or last.casefold() in self.vocab.organisation_pronouns:
            return Mention(last.casefold())
        phrase: list[str] = []
        for k in range(len(tokens) - 1, -1, -1):
            token = tokens[k]
            bare = token.strip("\"“”(")
            if token.endswith(",") and phrase and self.role_re.search(" ".join(phrase)) and self.parse(" ".join(phrase)) is None:
                names = []
                for earlier in reversed(tokens[: k + 1]):
                    word = earlier.rstrip(",")
                    if not CAP.fullmatch(word) or (earlier != token and earlier.endswith(",")) or len(names) == 4:
                        break
                    names.insert(0, word)
                if names:
                    return self.parse(" ".join(names) + ", " + " ".join(phrase))
                break
            if token.endswith((",", ";", ":", ".")) or token[-1] in CLOSERS:
                break
            if CAP.fullmatch(bare) or self.role_re.fullmatch(bare) or bare.casefold() in self.vocab.role_modifiers or (
                bare == "and" and phrase
            ):
                phrase.insert(0, bare)
                if token != bare:
                    break
                continue
            break
        return self.parse(" ".join(phrase)) if phrase else None

    def _comma_subject(self, text: str) -> Mention | None:
        """'Aster Cloud, a Toronto-based hosting company, says' and
        'Brightwave's head of compliance, Priya Raman, told'."""
        name_run = r"\p{Lu}[\p{L}\p{M}'’.-]*(?:\s+\p{Lu}[\p{L}\p{M}'’.-]*){0,3}"
        m = rx(rf"(?P<name>{name_run}),\s*(?P<appos>[^,\"“”]{{3,80}}),$").search(text)
        if m and m.group("appos")[:1].islower():
            appos = m.group("appos")
            mention = self.parse(m.group("name"))
            if mention is None:
                return None
            role, org = self._role_and_org(appos)
            nouns = {w.casefold() for w in WORD.findall(appos)}
            kind = "organisation" if nouns & self.vocab.organisation_nouns and not role else None
            return Mention(mention.name, role, org, kind or ("person" if role else None))
        m = rx(rf"(?P<lead>[^,\"“”]{{3,80}}),\s*(?P<name>{name_run}),$").search(text)
        lead_ok = m and self.role_re.search(m.group("lead")) and rx(
            rf"(?i:{self.role_re.pattern})(?:\s+of\s+\p{{Ll}}[\p{{L}}-]*(?:\s+and\s+\p{{Ll}}[\p{{L}}-]*)?)?(?:\s+(?:of|at)\s+(?:the\s+)?\p{{Lu}}[\p{{L}}\p{{M}}-]*(?:\s+\p{{Lu}}[\p{{L}}\p{{M}}-]*)*)?$").search(
            m.group("lead"))
        if lead_ok:
            lead = m.group("lead")
            role = self.role_re.search(lead).group()
            owner = rx(r"(\p{Lu}[\p{L}\p{M}-]*(?:\s+\p{Lu}[\p{L}\p{M}-]*)*)['’]s\b").search(lead)
            of = rx(rf"{regex.escape(role)}\s+(?:of|at)\s+(\p{{Lu}}[\p{{L}}\p{{M}}-]*(?:\s+\p{{Lu}}[\p{{L}}\p{{M}}-]*)*)").search(lead)
            org = owner.group(1) if owner else (of.group(1) if of else None)
            if of and owner is None:
                role = lead[lead.find(role):of.start(1)].strip().removesuffix(" of").removesuffix(" at")
            elif owner is not None:
                after = rx(r"['’]s\s+(.+)$").search(lead)
                role = after.group(1).strip() if after else role
            named = self._named(m.group("name"), None, None)
            return Mention(named.name, role, org, "person") if named else None
        return None

    def subject_after(self, end: int, ceiling: int) -> Mention | None:
        """Inverted attribution: 'said Jan Novak, founder and CEO of … Acme'."""
        text = self.body[end:ceiling]
        m = rx(r"\s+((?:\p{Lu}[\p{L}\p{M}'’.-]*\s*){1,4})").match(text)
        if m is None:
            pm = rx(r"\s+(he|she|it)\b", regex.I).match(text)
            return Mention(pm.group(1).casefold()) if pm else None
        name = m.group(1).strip()
        rest = text[m.end(1) :]
        appos = rx(r",\s*([^,.;\"“”]{3,120})").match(rest.lstrip() if rest.startswith(" ") else rest)
        phrase = name
        if appos and self.role_re.search(appos.group(1)):
            phrase = f"{name}, {appos.group(1)}"
        return self.parse(phrase)

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
            return Mention(mention.name, mention.role or role, mention.organisation or org)
        poss = rx(r"(?P<org>.+?)['’]s (?P<role>.+?) (?P<name>(?:\p{Lu}[\p{L}\p{M}'’.-]*\s?){1,4})").fullmatch(phrase)
        if poss and self.role_re.search(poss.group("role")):
            return self._named(poss.group("name").strip(), poss.group("role"), poss.group("org"))
        roles = list(self.role_re.finditer(phrase))
        if roles:
            last = roles[-1]
            before, after = phrase[: roles[0].start()].strip(), phrase[last.end() :].strip()
            role = phrase[roles[0].start() : last.end()]
            if before and len(before.split()) == 1 and rx(r"(ese|ian|an|ish|i)$").search(before):
                role, before = f"{before} {role}", ""
            if not after:
                return None
            return self._named(after, role, before or None)
        return self._named(phrase, None, None)

    def _named(self, run: str, role: str | None, org: str | None) -> Mention | None:
        tokens = [t if rx(r"\p{Lu}\.").fullmatch(t) else t.rstrip(".") for t in run.split() if CAP.fullmatch(t)]
        while tokens and tokens[0] in self.vocab.not_names:
            tokens.pop(0)
        if not tokens:
            return None
        if len(tokens) > 2 and not any(t in self.vocab.organisation_words for t in tokens):
            size = 2
            while size < min(3, len(tokens)) and self.cap_counts[tokens[-size - 1]] <= self.cap_counts[tokens[-1]]:
                size += 1
            name_tokens, org_tokens = tokens[-size:], tokens[:-size]
            if org_tokens:
                org = " ".join(org_tokens) if not org else org
            tokens = name_tokens
        org = org.strip() if org else None
        if org:
            org = org[:-2] if org.endswith(("'s", "’s")) else org
        return Mention(" ".join(tokens), role.strip() if role else None, org or None)

    def _role_and_org(self, appos: str) -> tuple[str | None, str | None]:
        appos = rx(r"\s(?:while|who|which|when|said|says|told|during|on|in|at its)\s").split(appos)[0]
        m = self.role_re.search(appos)
        if not m:
            return None, None
        role = m.group()
        rest = appos[m.end() :]
        of = rx(r"\s+(?:of|at|for)\s+(.+)").match(rest)
        if of:
            runs = rx(r"(?:\p{Lu}[\p{L}\p{M}'’.-]*)(?:\s+\p{Lu}[\p{L}\p{M}'’.-]*)*").findall(of.group(1))
            return role, runs[-1] if runs else None
        before = appos[: m.start()].strip()
        owner = rx(r"(\p{Lu}[\p{L}\p{M}-]*(?:\s+\p{Lu}[\p{L}\p{M}-]*)*)(?:['’]s)?$").search(before)
        return role, owner.group(1) if owner else None


def extract_claims(
    body: str,
    vocab: Vocabulary,
    self_speaker: str | None = None,
) -> tuple[tuple[Speaker, ...], tuple[Claim, ...]]:
    """Speakers (in order of first claim) and claims (in text order) of one body."""
    quotes = find_quotes(body)
    sentences = split_sentences(body, quotes, vocab.abbreviations)
    parser = Attribution(body, vocab)
    reg = Register(body, vocab)
    claims: list[Claim] = []
    min_words = vocab.min_quote_words

    starts = [q.start for q in quotes]
    claim_quote = [is_claim_quote(q.inner(body), min_words) for q in quotes]

    def claim_quotes_in(s: int, e: int) -> list[Quote]:
        lo, hi = bisect_left(starts, s), bisect_left(starts, e)
        return [quotes[k] for k in range(lo, hi) if claim_quote[k]]

    def in_quote(pos: int) -> bool:
        k = bisect_right(starts, pos) - 1
        return k >= 0 and pos < quotes[k].end

    for s, e in sentences:
        in_quotes = claim_quotes_in(s, e)
        speaker = None
        reporting_verb = None
        for vs, ve, verb in parser.verbs(body[s:e], s):
            if in_quote(vs):
                continue
            inverted = body[s:vs].rstrip()[-1:] in (",", '"', "”")
            mention = parser.subject_after(ve, e) if inverted else None
            if mention is None:
                mention = parser.subject_before(vs, s)
            if mention is None and not inverted:
                mention = None
            if mention is None:
                continue
            resolved = reg.resolve(mention)
            if resolved:
                speaker, reporting_verb = resolved, verb
                break
        if in_quotes:
            speaker = speaker or reg.last_any  # continuation of the last speaker, or after "saying:"
            if speaker is None:
                continue
            for group in _merge_split_quotes(in_quotes, body):
                text = " ".join(q.inner(body).rstrip(",") for q in group).strip()
                claims.append(Claim(text, speaker, True, group[0].start, group[-1].end))
            reg.last_any = speaker
        elif speaker is not None and reporting_verb not in vocab.event_verbs:
            claims.append(Claim(body[s:e], speaker, False, s, e))
    if self_speaker and not quotes_with_words(quotes, body, min_words):
        taken = {c.start for c in claims}
        claims.extend(c for c in _self_statements(body, sentences, quotes, self_speaker, vocab, reg) if c.start not in taken)
        claims.sort(key=lambda c: c.start or 0)
    tagged = tuple(replace(c, topics=tag_topics(c.text, vocab)) for c in claims)
    order = list(dict.fromkeys(c.speaker for c in tagged))
    speakers = tuple(reg.speakers[name] for name in order)
    return speakers, tagged


def is_claim_quote(inner: str, min_words: int) -> bool:
    """A statement, not a quoted term: long enough, or a short sentence with its punctuation."""
    words = len(WORD.findall(inner))
    return words >= min_words or (words >= 2 and inner.endswith((",", ".", "!", "?")))


def quotes_with_words(quotes: list[Quote], body: str, min_words: int) -> bool:
    return any(is_claim_quote(q.inner(body), min_words) for q in quotes)


def _merge_split_quotes(quotes: list[Quote], body: str) -> list[list[Quote]]:
    """'"The Global Initiative," he said, "advocates …"' is one quotation."""
    groups: list[list[Quote]] = []
    for q in quotes:
        inner = q.inner(body)
        if groups:
            prev = groups[-1][-1]
            gap = body[prev.end : q.start]
            if prev.inner(body).endswith(",") and inner[:1].islower() and "\n" not in gap and len(gap) < 80:
                groups[-1].append(q)
                continue
        groups.append([q])
    return groups


def _self_statements(body, sentences, quotes, org, vocab, reg) -> list[Claim]:
    """First-person sentences of an organisation's own page ('We ensure …')."""
    subject = regex.compile(rf"^(?:[^,]{{0,80}},\s+)?(?:We|we|{regex.escape(org)})\s+\p{{Ll}}")
    found = []
    for s, e in sentences:
        text = body[s:e]
        words = {w.casefold() for w in WORD.findall(text)}
        if subject.search(text) and words & vocab.commitment_words and not any(s <= q.start < e for q in quotes):
            found.append(Claim(text, org, False, s, e))
    if found and org not in reg.speakers:
        reg.speakers[org] = Speaker(org, "organisation")
    return found


def tag_topics(text: str, vocab: Vocabulary) -> tuple[str, ...]:
    return tuple(slug for slug, pattern in vocab.topic_patterns if pattern.search(text))


def self_speaker_of(body: str, quotes_present: bool, vocab: Vocabulary) -> str | None:
    """The organisation a first-person page speaks for: the name that most often
    opens its sentences, when the page says 'we' outside any quotation."""
    if quotes_present:
        return None
    we = len(rx(r"(?:^|[.!?]\s+|\n)We\s").findall(body))
    if we < 2:
        return None
    openers = Counter(
        m.group(1)
        for m in rx(r"(?:^|[.!?]\s+|\n|,\s)(\p{Lu}[\p{L}\p{M}-]+(?:\s+\p{Lu}[\p{L}\p{M}-]+){0,2})\s+(?:\p{Ll}+s|is|has|must|remains)\b").finditer(body)
        if m.group(1) not in vocab.not_names
    )
    if not openers:
        return None
    return sorted(openers.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
