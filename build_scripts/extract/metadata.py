"""Stage 3a: read title, outlet, author, via-credit and date from a cleaned seed.

Only what the text says is taken; anything else is left empty for curated metadata,
never guessed. The removed furniture lines (byline, bio, credits) are evidence too,
found by the role they play (`Vocabulary.role_of`), whatever their rule is named. Month
names, cues and biography phrasings come from the language file; the functions that
take `vocab=None` use the shipped default language.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from functools import lru_cache

import regex

from build_scripts.extract.patterns import alternation, byline_cue, capitalised, characters, rx
from build_scripts.model import Cleaned, Precision
from build_scripts.config.vocabulary import Vocabulary, load_vocabulary


@lru_cache(maxsize=8)
def full_date(vocab: Vocabulary) -> regex.Pattern:
    """A date with its month named ("5 March 2019", "Mar. 5th, 2019") or in ISO form.
    ASCII digits only: `\\d` would also read Arabic-Indic or fullwidth digits as a date."""
    month = "|".join([*map(regex.escape, vocab.month_names),
                      *(regex.escape(a) + r"\.?" for a in vocab.month_abbreviations)])
    ordinal = f"(?:{alternation(vocab.ordinal_suffixes)})?"
    return regex.compile(
        rf"(?:(?P<m1>{month})\s+(?P<d1>[0-9]{{1,2}}){ordinal},?\s+(?P<y1>[0-9]{{4}}))"
        rf"|(?:(?P<d2>[0-9]{{1,2}}){ordinal}\s+(?P<m2>{month}),?\s+(?P<y2>[0-9]{{4}}))"
        r"|(?:(?P<y3>[0-9]{4})-(?P<m3>[0-9]{2})-(?P<d3>[0-9]{2}))"
    )


@lru_cache(maxsize=8)
def _month_numbers(vocab: Vocabulary) -> dict[str, int]:
    """Each spelling of a month, in lower case, to its number."""
    spellings = [*enumerate(vocab.month_names, 1), *enumerate(vocab.month_abbreviations, 1)]
    return {spelling.casefold(): number for number, spelling in spellings}


# Invisible characters that change nothing a reader sees are dropped from names and titles,
# except where they do change it: inside an emoji sequence (ZWJ, VS16, tag characters), a
# joiner IDNA's ContextJ rule allows (after a virama; a ZWNJ between Arabic-script letters
# that join), a variation selector after a Han ideograph. Control characters go too.
_EMOJI = r"(?:\p{Extended_Pictographic}|[0-9#*](?=\uFE0F?\u20E3))[\p{Emoji_Modifier}\uFE0E\uFE0F\u20E3]*[\U000E0020-\U000E007F]*"
_KEPT = (
    rf"{_EMOJI}(?:\u200D{_EMOJI})*"
    r"|(?<=\p{Han})[\uFE00-\uFE0F\U000E0100-\U000E01EF]"
    r"|(?<=\p{ccc=Virama})[\u200C\u200D]"
    r"|(?<=[\p{jt=D}\p{jt=L}]\p{jt=T}*)\u200C(?=\p{jt=T}*[\p{jt=D}\p{jt=R}])"
)
INVISIBLE = regex.compile(rf"(?P<kept>{_KEPT})|[\p{{Default_Ignorable_Code_Point}}\p{{Cc}}]")
ANY_INVISIBLE = regex.compile(r"[\p{Default_Ignorable_Code_Point}\p{Cc}]")



@lru_cache(maxsize=8)
def outlet_name(vocab: Vocabulary) -> str:
    """An outlet's name in running text: capitalised words, with the language's joiners
    ("Associated Press of Pakistan") and an optional leading article ("The Daily Ledger")."""
    word = rf"\p{{Lu}}[\p{{L}}\p{{N}}{characters(vocab.apostrophes)}&!-]*(?:\.\p{{L}}+)*"
    article = alternation(capitalised(a) for a in vocab.articles)
    return rf"(?:{article}\s+)?{word}(?:\s+(?:{word}|{alternation(vocab.outlet_name_joiners)})(?=[\s,;]|$))*"


@lru_cache(maxsize=8)
def _bio_outlet_patterns(vocab: Vocabulary) -> tuple[regex.Pattern, ...]:
    """The language's biography phrasings, with {outlet} as the named group `o`."""
    return tuple(regex.compile(p.replace("{outlet}", f"(?P<o>{outlet_name(vocab)})")) for p in vocab.bio_outlet_patterns)


@lru_cache(maxsize=8)
def _credit(vocab: Vocabulary) -> regex.Pattern:
    """A credit line naming the outlet a story came through ("Via: Reuters")."""
    return regex.compile(rf"{alternation(vocab.via_cues)}\b:?\s+(.+)", regex.I)


def _with_role(cleaned: Cleaned, vocab: Vocabulary, *roles: str) -> list[str]:
    """The text of every removed line that plays one of `roles`, in line order."""
    return [r.text for r in cleaned.removed if vocab.role_of(r.rule) in roles]


def identity_text(text: str) -> str:
    """A name or title as one identity: NFC, invisible characters removed (see INVISIBLE),
    whitespace runs as one space. Two spellings a reader cannot tell apart become one
    string, so one person gets one page; an invisible-only title becomes empty (missing)."""
    text = unicodedata.normalize("NFC", text)
    if ANY_INVISIBLE.search(text):
        text = unicodedata.normalize("NFC", INVISIBLE.sub(lambda m: m.group() if m.group("kept") else "", text))
    return " ".join(text.split())


def identity_or_none(text: str | None) -> str | None:
    """identity_text, with an empty result counted as missing."""
    return (identity_text(text) or None) if text is not None else None


def extract_title(cleaned: Cleaned) -> str | None:
    return identity_or_none(cleaned.title)


def extract_author(cleaned: Cleaned, vocab: Vocabulary | None = None) -> str | None:
    vocab = load_vocabulary() if vocab is None else vocab
    line = next(iter(_with_role(cleaned, vocab, "byline")), None)
    return identity_or_none(byline_cue(vocab).sub("", line).split("|")[0]) if line else None


def extract_via(cleaned: Cleaned, vocab: Vocabulary) -> str | None:
    """The outlet of the first credit line that opens with the language's via cue."""
    for text in _with_role(cleaned, vocab, "via-credit"):
        m = _credit(vocab).match(text)
        if m:
            return _outlet(vocab, m.group(1))
    return None


def extract_outlet(cleaned: Cleaned, vocab: Vocabulary) -> str | None:
    """Outlet named by an outlet line, the byline's role line or the author's bio."""
    by_role: dict[str | None, str] = {}
    for r in cleaned.removed:
        by_role.setdefault(vocab.role_of(r.rule), r.text)
    if "outlet-line" in by_role:
        return _outlet(vocab, by_role["outlet-line"])
    if "byline-role" in by_role:
        return _outlet(vocab, by_role["byline-role"].rsplit(",", 1)[-1])
    bio = by_role.get("author-bio")
    if bio:
        for pattern in _bio_outlet_patterns(vocab):
            m = pattern.search(bio)
            if m:
                return _outlet(vocab, m.group("o"))
    return None


def _outlet(vocab: Vocabulary, spelling: str) -> str | None:
    """The vocabulary's name for an outlet, looked up by its visible spelling."""
    return identity_or_none(vocab.outlet(identity_text(spelling)))


def extract_date(text: str, cleaned: Cleaned, vocab: Vocabulary | None = None) -> tuple[str | None, Precision | None]:
    """A publication date stated as such: a 'Published …' line, a date line or a dateline."""
    vocab = load_vocabulary() if vocab is None else vocab
    candidates = _with_role(cleaned, vocab, "byline-date", "byline")
    candidates += [line for line in text.split("\n") if 0 < len(line.split()) <= 8]
    first_para = cleaned.body.split("\n\n", 1)[0]
    dateline = rx(r"^[\p{Lu}\s,.()]{2,40}[,–—-]\s*(.{6,24}?)\s*[–—-]").match(first_para)
    if dateline:
        candidates.append(dateline.group(1))
    for line in candidates:
        m = full_date(vocab).search(line)
        if m:
            parsed = _parse(m, vocab)
            if parsed:
                return parsed, "day"
    return None, None


def _parse(m: regex.Match, vocab: Vocabulary) -> str | None:
    g = m.groupdict()
    try:
        if g["y3"]:
            day = dt.date(int(g["y3"]), int(g["m3"]), int(g["d3"]))
        else:
            month = _month_numbers(vocab)[(g["m1"] or g["m2"]).rstrip(".").casefold()]
            day = dt.date(int(g["y1"] or g["y2"]), month, int(g["d1"] or g["d2"]))
    except (ValueError, KeyError):
        return None
    return day.isoformat()
