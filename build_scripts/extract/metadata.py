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
def _month(vocab: Vocabulary) -> str:
    """A month as dates spell it: its name, an abbreviation, or a longer cut of the name
    ("Sept."), in any case ("JUN 16 2020")."""
    spellings = {*vocab.month_names, *vocab.month_abbreviations}
    for name in vocab.month_names:
        spellings.update(name[:n] for n in range(3, len(name)))
    ordered = sorted(spellings, key=len, reverse=True)
    return "(?i:" + "|".join(regex.escape(m) + r"\.?" for m in ordered) + r")(?!\p{L})"


YEAR_END = r"(?:(?![0-9])|(?=[0-9]{1,2}:[0-9]{2}))"  # a year, or one glued to a time ("20209:15 AM")


@lru_cache(maxsize=8)
def full_date(vocab: Vocabulary) -> regex.Pattern:
    """A date with its month named ("5 March 2019", "Mar. 5th, 2019", "Tue, Jun 16 2020")
    or in ISO form. ASCII digits only: `\\d` would also read Arabic-Indic or fullwidth
    digits as a date."""
    month = _month(vocab)
    ordinal = f"(?:{alternation(vocab.ordinal_suffixes)})?"
    return regex.compile(
        rf"(?<![0-9])(?:(?P<m1>{month})\s+(?P<d1>[0-9]{{1,2}}){ordinal},?\s+(?P<y1>[0-9]{{4}}){YEAR_END})"
        rf"|(?<![0-9])(?:(?P<d2>[0-9]{{1,2}}){ordinal}\s+(?:of\s+)?(?P<m2>{month}),?\s+(?P<y2>[0-9]{{4}}){YEAR_END})"
        r"|(?<![0-9])(?:(?P<y3>[0-9]{4})-(?P<m3>[0-9]{2})-(?P<d3>[0-9]{2}))(?![0-9])"
    )


@lru_cache(maxsize=8)
def month_year(vocab: Vocabulary) -> regex.Pattern:
    """A month and year only ("June 2021"): a date of month precision."""
    return regex.compile(rf"(?<![0-9]\s*)(?P<m>{_month(vocab)}),?\s+(?P<y>[0-9]{{4}}){YEAR_END}")


@lru_cache(maxsize=8)
def _day_month(vocab: Vocabulary) -> regex.Pattern:
    """A day and month without the year ("June 28", "28 June"), as a dateline gives them."""
    month = _month(vocab)
    ordinal = f"(?:{alternation(vocab.ordinal_suffixes)})?"
    return regex.compile(rf"(?:(?P<m1>{month})\s+(?P<d1>[0-9]{{1,2}}){ordinal}(?![0-9]))"
                         rf"|(?:(?P<d2>[0-9]{{1,2}}){ordinal}\s+(?P<m2>{month}))")


def site_name_of(line: str) -> str:
    """A site's name line without the tagline after a separator ("Quarry Gazette | Local news")."""
    return NAME_SEPARATOR.split(line.strip(), 1)[0].strip()


SEPARATOR = regex.compile(r"\s*[|•·:]\s+|\s+[|–—•·-]\s+")  # a label or tagline beside a date or name
NAME_SEPARATOR = regex.compile(r"\s*[|•·]\s+|\s+[|–—•·-]\s+")
NUMERIC_DATE = regex.compile(r"(?<![0-9])(?P<a>[0-9]{1,2})(?P<sep>[/.])(?P<b>[0-9]{1,2})(?P=sep)(?P<y>[0-9]{4})(?![0-9])")


@lru_cache(maxsize=8)
def _month_numbers(vocab: Vocabulary) -> dict[str, int]:
    """Each spelling of a month, in lower case, to its number."""
    spellings = [*enumerate(vocab.month_names, 1), *enumerate(vocab.month_abbreviations, 1)]
    cuts = [(number, name[:n]) for number, name in enumerate(vocab.month_names, 1) for n in range(3, len(name))]
    return {spelling.casefold(): number for number, spelling in [*cuts, *spellings]}


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
    return identity_or_none(_byline_parts(line, vocab)[0]) if line else None


def _byline_parts(line: str, vocab: Vocabulary) -> list[str]:
    """A by-line's name and what follows it ("By Ann Lee, CNBC | 3 Jun 2021" -> Ann Lee,
    CNBC, 3 Jun 2021): parts split at commas, bars and bullets."""
    name = _byline_label(vocab).sub("", byline_cue(vocab).sub("", line.strip()))
    return [p.strip() for p in BYLINE_PART_SEPARATOR.split(name) if p.strip()]


BYLINE_PART_SEPARATOR = regex.compile(r"[,|•·]|\s[–—-]\s")


@lru_cache(maxsize=8)
def _byline_label(vocab: Vocabulary) -> regex.Pattern:
    """A by-line cue written as a label ("By: "), compiled once per vocabulary."""
    return rx(rf"^{alternation(vocab.byline_cues)}\s*:\s*", regex.I)


def extract_via(cleaned: Cleaned, vocab: Vocabulary) -> str | None:
    """The outlet of the first credit line that opens with the language's via cue."""
    for text in _with_role(cleaned, vocab, "via-credit"):
        m = _credit(vocab).match(text)
        if m:
            return _outlet(vocab, m.group(1))
    return None


def extract_outlet(cleaned: Cleaned, vocab: Vocabulary) -> str | None:
    """The outlet as the text names it, in this order: a known outlet's name on a line of
    its own, a by-line naming it ("By Ann Lee, CNBC"), the by-line's role line, the
    author's biography, the site's name heading the page (named again in the text), the
    copyright line (often the publishing company), a wire credit opening the story
    ("(Reuters) -"), a via-credit. When the text names none, None: never a guess."""
    by_role: dict[str | None, list[str]] = {}
    for r in cleaned.removed:
        by_role.setdefault(vocab.role_of(r.rule), []).append(r.text)
    if "outlet-line" in by_role:
        return _outlet(vocab, by_role["outlet-line"][0])
    elsewhere = [cleaned.body, *(r.text for r in cleaned.removed if vocab.role_of(r.rule) not in ("byline", "author-bio"))]
    for line in by_role.get("byline", []):
        for part in _byline_parts(line, vocab)[1:]:
            if vocab.is_known_outlet(part) or _names_an_organisation(part, vocab) or (
                    regex.fullmatch(outlet_name(vocab), part) and len(part.split()) <= 6
                    and mentioned(part, elsewhere, vocab.articles)):
                return _outlet(vocab, part)
    if "byline-role" in by_role:
        return _outlet(vocab, by_role["byline-role"][0].rsplit(",", 1)[-1])
    for bio in by_role.get("author-bio", [])[:1]:
        for pattern in _bio_outlet_patterns(vocab):
            m = pattern.search(bio)
            if m:
                return _outlet(vocab, m.group("o"))
    for line in by_role.get("site-name", [])[:1]:
        name = site_name_of(line)
        spelling = mentioned(name, [cleaned.body, *(r.text for r in cleaned.removed if r.text != line)],
                             vocab.articles) or name
        return _outlet(vocab, name if not name.isupper() else spelling)
    found = _copyright_outlet(by_role.get("copyright", []), vocab) or _wire_outlet(cleaned.body, vocab)
    if found:
        return found
    return extract_via(cleaned, vocab)


def mentioned(name: str, texts: list[str], articles: tuple[str, ...] = ()) -> str | None:
    """How `name` (a leading article aside) is spelt where the text names it again, in a
    line of at least three more words (a menu word or a button repeated is no mention),
    case aside; else None."""
    for article in articles:
        if name.casefold().startswith(article.casefold() + " "):
            name = name[len(article) + 1:]
    pattern = rx(rf"(?<![\p{{L}}\p{{N}}]){regex.escape(name)}(?![\p{{L}}\p{{N}}])", regex.I)
    for text in texts:
        for line in text.split("\n"):
            m = pattern.search(line)
            if m and len(line.split()) >= len(name.split()) + 3:
                return m.group()
    return None


def _names_an_organisation(part: str, vocab: Vocabulary) -> bool:
    """A by-line part that can only be an outlet: an acronym ("CNBC") or a name with an
    organisation's word in it ("Daily News"). A person's name never counts."""
    words = part.split()
    if not words or len(words) > 6 or not regex.fullmatch(outlet_name(vocab), part):
        return False
    return regex.fullmatch(r"\p{Lu}{2,}[\p{Lu}0-9&.-]*", part) is not None or any(
        w.strip(".,") in vocab.organisation_words for w in words)


@lru_cache(maxsize=8)
def _copyright(vocab: Vocabulary) -> regex.Pattern:
    """The name in a copyright line: after ©, 'Copyright' and the years, before the
    company's legal ending, a full stop or 'All rights reserved'."""
    suffixes = alternation(vocab.company_suffixes)
    word = rf"\p{{Lu}}[\p{{L}}\p{{N}}{characters(vocab.apostrophes)}&!-]*(?:\.\p{{L}}+)*"
    name = (rf"(?:{alternation(capitalised(a) for a in vocab.articles)}\s+)?{word}"
            rf"(?:\s+(?:{word}|[0-9]+(?=\s+\p{{Lu}})|{alternation(vocab.outlet_name_joiners)}(?=\s)))*")
    return regex.compile(
        r"(?:©|\([cC]\)|\b[Cc]opyright\b|\bCOPYRIGHT\b)(?:\s*(?:©|\([cC]\)))?\s*"
        r"(?:(?:[0-9]{4}(?:\s*[-–—]\s*[0-9]{4})?\s*,?\s*)+(?:by\s+)?"
        rf"(?![Aa]ll\s+[Rr]ights\b|(?i:copyright)\b)(?P<o>{name})(?:,?\s+{suffixes})*(?=\s*(?:[.,|;·•]|$|[Aa]ll\s+[Rr]ights\b|\s\p{{Ll}}))"
        rf"|(?!(?i:copyright)\b)(?P<o2>{name})(?:,?\s+{suffixes})*,?\s+[0-9]{{4}}(?:\s*[-–—]\s*[0-9]{{4}})?(?![0-9]))")


def _copyright_outlet(lines: list[str], vocab: Vocabulary) -> str | None:
    """The publisher a copyright line with a year names; a line that reserves all rights first."""
    ordered = sorted(lines, key=lambda line: "rights reserved" not in line.casefold())
    for line in ordered:
        m = _copyright(vocab).search(line)
        if m:
            name = m.group("o") or m.group("o2")
            if len(name.split()) > 5:  # a run of capitalised link words, not a name
                continue
            for suffix in vocab.company_suffixes:  # "Acme Media LLC" -> "Acme Media"
                name = regex.sub(rf"[\s,]+{regex.escape(suffix)}$", "", name)
            return _outlet(vocab, name)
    return None


@lru_cache(maxsize=8)
def _wire(vocab: Vocabulary) -> regex.Pattern:
    """A wire credit opening the story: '(Reuters) -', 'MOSCOW, June 28 (Reuters) -',
    'WASHINGTON (AP) —'."""
    return regex.compile(rf"^[^()\n]{{0,60}}?\((?P<o>{outlet_name(vocab)})\)\s*[-–—:]")


def _wire_outlet(body: str, vocab: Vocabulary) -> str | None:
    """The credit opening the story's first paragraph (of ten words or more: a caption the
    rules missed may stand before it)."""
    first = next((p for p in body.split("\n\n") if len(p.split()) >= 10), "")
    m = _wire(vocab).match(first)
    return _outlet(vocab, m.group("o")) if m and len(m.group("o").split()) <= 5 else None


def _outlet(vocab: Vocabulary, spelling: str) -> str | None:
    """The vocabulary's name for an outlet, looked up by its visible spelling."""
    return identity_or_none(vocab.outlet(identity_text(spelling)))


def extract_date(text: str, cleaned: Cleaned, vocab: Vocabulary | None = None) -> tuple[str | None, Precision | None]:
    """A publication date stated as such, first found in this order: a line opening with
    a publication cue ('Published …'), the by-line and date lines (an update date only when
    no publication date is given), the first paragraph's dateline ('MOSCOW, June 28
    (Reuters) -', its year from another date the text gives), then a short line holding a
    date. A relative date ('2 hours ago') is never one."""
    vocab = load_vocabulary() if vocab is None else vocab
    lines = text.split("\n")
    removed = {r.line for r in cleaned.removed}
    body_starts = next((n for n, line in enumerate(lines, 1) if n not in removed and len(line.split()) >= 10), len(lines) + 1)
    dated = [r for r in cleaned.removed if vocab.role_of(r.rule) in ("byline-date", "byline", "date-line")]
    roles = [r.text for r in dated]
    short = [line.strip() for line in lines if 0 < len(line.split()) <= 8]
    opens_published, opens_updated = _opening(vocab.published_cues).match, _opening(vocab.updated_cues).match
    published = [line for line in [*roles, *short] if opens_published(line)]
    updated = [line for line in roles if opens_updated(line)]
    # a date line below the article's first paragraph (a comment's time) comes after an update
    head = [r.text for r in dated if r.text not in updated and (r.line < body_starts or vocab.role_of(r.rule) != "date-line")]
    later = [line for line in roles if line not in updated and line not in head]
    for line in [*published, *head, *updated, *later]:
        found = _date_in(line, vocab, cued=True)
        if found[0]:
            return found
    first_para = cleaned.body.split("\n\n", 1)[0]
    dateline = rx(r"^[\p{Lu}][\p{Lu}\s,.()'’-]{1,40}[,–—-]\s*(.{3,30}?)\s*(?:\([^)]{1,40}\)\s*)?[–—-]").match(first_para)
    if dateline:
        found = _date_in(dateline.group(1), vocab, cued=False)
        if found[0]:
            return found
        partial = _day_month(vocab).search(dateline.group(1))
        year = _year_shown(roles, vocab)
        if partial and year:
            day = _parse(partial, vocab, year)
            if day:
                return day, "day"
    for line in short:
        found = _date_in(line, vocab, cued=False)
        if found[0]:
            return found
    return None, None


@lru_cache(maxsize=32)
def _opening(cues: tuple[str, ...]) -> regex.Pattern:
    """A line opening with one of the cues (up to three non-word characters before it)."""
    return rx(rf"^\W{{0,3}}{alternation(cues)}\b", regex.I)


def _date_in(line: str, vocab: Vocabulary, cued: bool) -> tuple[str | None, Precision | None]:
    """The date a line gives: a full date; on a cued line also an unambiguous numeric
    date (one of day and month above 12) or a month and year."""
    m = full_date(vocab).search(line)
    if m:
        parsed = _parse(m, vocab)
        return (parsed, "day") if parsed else (None, None)
    if not cued:
        return None, None
    n = NUMERIC_DATE.search(line)
    if n:
        a, b, y = int(n["a"]), int(n["b"]), int(n["y"])
        if (a > 12) != (b > 12) or n["sep"] == ".":  # 05.09.2023 is day first wherever dots are used
            day, month = (b, a) if b > 12 else (a, b)
            try:
                return dt.date(y, month, day).isoformat(), "day"
            except ValueError:
                return None, None
    my = month_year(vocab).search(line)
    if my:
        month = _month_numbers(vocab).get(my["m"].rstrip(".").casefold())
        if month:
            return f"{int(my['y']):04d}-{month:02d}", "month"
    return None, None


def _year_shown(lines: list[str], vocab: Vocabulary) -> int | None:
    """The year of the page's own date lines, when they all give one year."""
    years = {int(m["y1"] or m["y2"] or m["y3"]) for line in lines for m in full_date(vocab).finditer(line)}
    return years.pop() if len(years) == 1 else None


def _parse(m: regex.Match, vocab: Vocabulary, year: int | None = None) -> str | None:
    g = m.groupdict()
    try:
        if g.get("y3"):
            day = dt.date(int(g["y3"]), int(g["m3"]), int(g["d3"]))
        else:
            month = _month_numbers(vocab)[(g["m1"] or g["m2"]).rstrip(".").casefold()]
            day = dt.date(year or int(g.get("y1") or g.get("y2")), month, int(g["d1"] or g["d2"]))
    except (ValueError, KeyError, TypeError):
        return None
    return day.isoformat()
