"""Stage 3a: read title, outlet, author, via-credit and date from a cleaned seed.

Only what the text says is taken; anything else is left empty for curated metadata,
never guessed. The removed furniture lines (byline, bio, credits) are evidence too.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

import regex

from build_scripts.extract.patterns import rx
from build_scripts.model import Cleaned, Precision
from build_scripts.config.vocabulary import Vocabulary

MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
MONTH_RE = "|".join(m.capitalize() for m in MONTHS) + "|" + "|".join(m[:3].capitalize() + r"\.?" for m in MONTHS)
FULL_DATE = regex.compile(
    rf"(?:(?P<m1>{MONTH_RE})\s+(?P<d1>[0-9]{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>[0-9]{{4}}))"
    rf"|(?:(?P<d2>[0-9]{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{MONTH_RE}),?\s+(?P<y2>[0-9]{{4}}))"
    r"|(?:(?P<y3>[0-9]{4})-(?P<m3>[0-9]{2})-(?P<d3>[0-9]{2}))"
)  # ASCII digits only: `\d` would also read Arabic-Indic or fullwidth digits as a date
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

_OUTLET_WORD = r"\p{Lu}[\p{L}\p{N}'’&!-]*(?:\.\p{L}+)*"
OUTLET_RUN = rf"(?:The\s+)?{_OUTLET_WORD}(?:\s+(?:{_OUTLET_WORD}|of|&)(?=[\s,;]|$))*"


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


def extract_author(cleaned: Cleaned) -> str | None:
    line = next((r.text for r in cleaned.removed if r.rule == "byline"), None)
    return identity_or_none(rx(r"(?i)^by\s+").sub("", line).split("|")[0]) if line else None


def extract_via(cleaned: Cleaned, vocab: Vocabulary) -> str | None:
    for r in cleaned.removed:
        if r.rule == "via-credit":
            m = rx(r"(?i)(?:via|sources?):?\s+(.+)").match(r.text)
            if m and rx(r"^(?i:via)\b").match(r.text):
                return _outlet(vocab, m.group(1))
    return None


def extract_outlet(cleaned: Cleaned, vocab: Vocabulary) -> str | None:
    """Outlet named by an outlet line, the byline's role line or the author's bio."""
    by_rule = {}
    for r in cleaned.removed:
        by_rule.setdefault(r.rule, r.text)
    if "outlet-line" in by_rule:
        return _outlet(vocab, by_rule["outlet-line"])
    if "byline-role" in by_rule:
        return _outlet(vocab, by_rule["byline-role"].rsplit(",", 1)[-1])
    bio = by_rule.get("author-bio")
    if bio:
        for pattern in (
            rf"\b(?:is|was)\s+(?!now\b)(?:an?\s+|the\s+)?[\p{{Ll}}\p{{Lu}}][^.]{{0,60}}?\s+(?:at|for|of|with)\s+(?P<o>{OUTLET_RUN})",
            rf"\b(?:working|worked|writing|writes)\s+(?:with|for|at)\s+(?:the\s+)?(?P<o>{OUTLET_RUN})\s+team",
        ):
            m = rx(pattern).search(bio)
            if m:
                return _outlet(vocab, m.group("o"))
    return None


def _outlet(vocab: Vocabulary, spelling: str) -> str | None:
    """The vocabulary's name for an outlet, looked up by its visible spelling."""
    return identity_or_none(vocab.outlet(identity_text(spelling)))


def extract_date(text: str, cleaned: Cleaned) -> tuple[str | None, Precision | None]:
    """A publication date stated as such: a 'Published …' line, a date line or a dateline."""
    candidates = [r.text for r in cleaned.removed if r.rule in ("byline-date", "byline")]
    candidates += [line for line in text.split("\n") if 0 < len(line.split()) <= 8]
    first_para = cleaned.body.split("\n\n", 1)[0]
    dateline = rx(r"^[\p{Lu}\s,.()]{2,40}[,–—-]\s*(.{6,24}?)\s*[–—-]").match(first_para)
    if dateline:
        candidates.append(dateline.group(1))
    for line in candidates:
        m = FULL_DATE.search(line)
        if m:
            parsed = _parse(m)
            if parsed:
                return parsed, "day"
    return None, None


def _parse(m: regex.Match) -> str | None:
    g = m.groupdict()
    try:
        if g["y3"]:
            day = dt.date(int(g["y3"]), int(g["m3"]), int(g["d3"]))
        else:
            month_name = (g["m1"] or g["m2"]).rstrip(".").casefold()
            month = next(v for k, v in MONTHS.items() if k.startswith(month_name[:3]))
            day = dt.date(int(g["y1"] or g["y2"]), month, int(g["d1"] or g["d2"]))
    except (ValueError, StopIteration):
        return None
    return day.isoformat()
