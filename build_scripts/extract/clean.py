"""Stage 2: separate the article from the page furniture of a copied web page.

Every removed line is kept with the rule that removed it, so nothing is lost: the
verbatim original stays on the page and `check --explain` shows each decision. A line
is named by the data rule that removed it, or, when the cleaner recognises it by its
place (title, related links, a name line confirmed as the by-line, the role line or
biography under it, an outlet line), by what it is; later stages ask what role a line
plays (`Vocabulary.role_of`), never which rule removed it.
"""

from __future__ import annotations

from functools import lru_cache

import regex

from build_scripts.extract.metadata import NUMERIC_DATE, SEPARATOR, mentioned, full_date, month_year, site_name_of
from build_scripts.extract.patterns import byline_cue, characters
from build_scripts.model import Cleaned, RemovedLine
from build_scripts.config.vocabulary import Vocabulary

HEADLINE_MAX_WORDS = 30
HEADLINE_MIN_WORDS = 3  # a shorter line is a section label or a site's name, not a headline
BLOCK_LINE_MAX_WORDS = 30  # a longer line is a paragraph: it ends a block of links
MENU_MIN_LINES = 4  # a run of this many short lines is a menu
MENU_ITEM_MAX_WORDS = 3
MENU_MIN_ITEMS = 2  # of which at least this many are short lines no rule removed
HEADER_LINE_MAX_WORDS = 8  # short lines above the headline are the page's header
TITLE_SEARCH_LINES = 40  # the headline is looked for among the first kept lines only
SENTENCE_END = (".", ",", ";", ":", "!", "?", '"', "”", "’", "'")


def clean(text: str, vocab: Vocabulary) -> Cleaned:
    lines = text.split("\n")
    verdicts: dict[int, str] = {}
    _mark_line_rules(lines, vocab, verdicts)
    _mark_date_lines(lines, vocab, verdicts)
    _mark_blocks(lines, vocab, verdicts)
    _mark_outlet_lines(lines, vocab, verdicts)
    site = _mark_site_name(lines, vocab, verdicts)
    _mark_menus(lines, verdicts)
    _mark_tagline(lines, verdicts, site)
    _mark_author(lines, vocab, verdicts)
    title = _mark_title(lines, vocab, verdicts)
    kept = [
        " ".join(line.split()) for i, line in enumerate(lines) if i not in verdicts and line.strip()
    ]
    removed = tuple(
        RemovedLine(i + 1, lines[i].strip(), rule) for i, rule in sorted(verdicts.items()) if lines[i].strip()
    )
    return Cleaned(body="\n\n".join(kept), removed=removed, title=title)


def _mark_blocks(lines: list[str], vocab: Vocabulary, verdicts: dict[int, str]) -> None:
    """'Latest in …' style blocks: the heading and its run of headline lines. A block
    ends at a blank line, at a paragraph (over 30 words, or a sentence of 8 words or more
    ending with a full stop that a blank line or another such sentence follows), and before a headline that a by-line or a date line
    follows (the article's own); a line a rule removed keeps its rule."""
    starts = _alternation(vocab.block_starts)
    dated = {i for i, rule in verdicts.items() if vocab.role_of(rule) in ("byline", "byline-date", "date-line")}
    i = 0
    while i < len(lines):
        if len(lines[i]) < 120 and i not in verdicts and starts.fullmatch(lines[i].strip()):
            while i < len(lines):
                if len(lines[i].split()) > BLOCK_LINE_MAX_WORDS or i in dated or (
                        _is_sentence(lines[i]) and i not in verdicts
                        and (_next_line(lines, i) is None or _is_sentence(lines[i + 1]))):  # the article again
                    break
                nxt = _next_line(lines, i)
                if lines[i].strip() and nxt in dated and i not in verdicts:
                    break
                if lines[i].strip():
                    verdicts.setdefault(i, "related-links")
                    i += 1
                    continue
                nxt = next((j for j in range(i, len(lines)) if lines[j].strip()), None)
                if nxt is None or not starts.fullmatch(lines[nxt].strip()):
                    break
                i = nxt
        i += 1


def _mark_line_rules(lines: list[str], vocab: Vocabulary, verdicts: dict[int, str]) -> None:
    """The first rule, in file order, that matches a line names it. Whole-line rules
    apply to lines of up to 200 characters; `search` rules to any line."""
    rule_of = _rule_namer(vocab.line_rules)
    for i, raw in enumerate(lines):
        line = raw.strip()
        if not line or i in verdicts:
            continue
        name = rule_of(line)
        if name is not None:
            verdicts[i] = name


LINE_MEMO_MAX = 50_000  # lines remembered per rule list (a few MB); the memo starts afresh past it


@lru_cache(maxsize=8)
def _rule_namer(rules: tuple):
    """The name of the first rule that matches a (stripped, non-empty) line, or None;
    remembered per line text: page furniture repeats from page to page."""
    short, long = _rules_pattern(rules, False), _rules_pattern(rules, True)
    memo: dict[str, str | None] = {}

    def rule_of(line: str) -> str | None:
        try:
            return memo[line]
        except KeyError:
            pass
        m = (short if len(line) <= 200 else long).fullmatch(line)
        name = rules[int(m.lastgroup.removeprefix("cl_rule_"))].name if m else None  # the rule's group closes last
        if len(memo) >= LINE_MEMO_MAX:
            memo.clear()
        memo[line] = name
        return name

    return rule_of


@lru_cache(maxsize=8)
def _rules_pattern(rules: tuple, search_only: bool) -> regex.Pattern:
    """All rules as one alternation, tried in order (one regex call per line instead of
    one per rule); a `search` rule becomes `.*?(?:rule).*`, the same test on one line."""
    parts = [
        f"(?P<cl_rule_{k}>.*?(?:{r.pattern.pattern}).*)" if r.search else f"(?P<cl_rule_{k}>(?:{r.pattern.pattern}))"
        for k, r in enumerate(rules) if r.search or not search_only
    ]
    return regex.compile("|".join(parts) or "(?!)", regex.I)


def _mark_outlet_lines(lines: list[str], vocab: Vocabulary, verdicts: dict[int, str]) -> None:
    """A known outlet's name standing alone on a line: the site's name, never article text."""
    for i, raw in enumerate(lines):
        line = raw.strip()
        if line and i not in verdicts and len(line.split()) <= 6 and vocab.is_known_outlet(line) and (
                len(line.split()) > 1 or line.isupper()  # one word: "App" is not "APP"; a cut of the name is
                or vocab.outlet(line).casefold().startswith(line.casefold())):
            verdicts[i] = "outlet-line"


SITE_NAME_MAX_WORDS = 6
HEADER_LINES = 12  # a site's name heads the page: among its first lines
SITE_NAME_LINES = 2  # one of its first two kept lines


@lru_cache(maxsize=8)
def _site_name_shape(vocab: Vocabulary) -> regex.Pattern:
    word = rf"\p{{Lu}}[\p{{L}}\p{{N}}{characters(vocab.apostrophes)}&!.-]*"
    joiner = "|".join(regex.escape(j) for j in (*vocab.outlet_name_joiners, *vocab.articles)) or "(?!)"
    return regex.compile(rf"{word}(?:\s+(?:{word}|{joiner}))*", regex.V1)


def _mark_site_name(lines: list[str], vocab: Vocabulary, verdicts: dict[int, str]) -> int | None:
    """One of the page's first two kept lines, when it is a name (capitalised words, a
    tagline after a separator allowed; one word only in capitals) that the text names
    again elsewhere: the site's name."""
    shown = [i for i, line in enumerate(lines) if line.strip()][:HEADER_LINES]
    for first in [i for i in shown if i not in verdicts][:SITE_NAME_LINES]:
        name = site_name_of(lines[first])
        if not (0 < len(name.split()) <= SITE_NAME_MAX_WORDS and _site_name_shape(vocab).fullmatch(name)
                and name[-1].isalnum()):
            continue
        if mentioned(name, [line for j, line in enumerate(lines) if j != first], vocab.articles) is None:
            continue
        if len(name.split()) == 1 and not name.isupper():
            continue  # one capitalised word ("Donate", "Fashion") is as likely a menu's first item
        verdicts[first] = "site-name"
        return first
    return None


def _mark_tagline(lines: list[str], verdicts: dict[int, str], site: int | None) -> None:
    """The line right under the site's name, when furniture follows it directly: its tagline."""
    if site is None or site + 2 >= len(lines):
        return
    line = lines[site + 1].strip()
    if (line and site + 1 not in verdicts and site + 2 in verdicts and len(line.split()) <= 10
            and not line.endswith((".", "!", "?"))):
        verdicts[site + 1] = "page-header"


def _mark_date_lines(lines: list[str], vocab: Vocabulary, verdicts: dict[int, str]) -> None:
    """A line that gives a date and nothing else but weekdays, times, time zones and date
    cues ('Tue, Jun 16 2020 9:56 AM EDT', 'Updated 5 September 2023'): the page's date."""
    for i, raw in enumerate(lines):
        line = raw.strip()
        if not line or i in verdicts or len(line) > 80:
            continue
        if not _HAS_ASCII_DIGIT(line):
            continue  # every date pattern needs an ASCII digit
        if _is_date_line(line, vocab):
            verdicts[i] = "date-line"


_HAS_ASCII_DIGIT = regex.compile(r"[0-9]").search


def _is_date_line(line: str, vocab: Vocabulary) -> bool:
    """A date with nothing but date words around it; or, split at separators ('Press
    release · 21 April 2021', '2023-08-19 · 6 min read'), such a part beside labels of
    at most three words."""
    parts = SEPARATOR.split(line)
    dated = [p for p in parts if _only_a_date(p, vocab)]
    return bool(dated) and all(p in dated or len(p.split()) <= 3 for p in parts)


def _only_a_date(text: str, vocab: Vocabulary) -> bool:
    m = full_date(vocab).search(text) or month_year(vocab).search(text) or NUMERIC_DATE.search(text)
    if m is None:
        return False
    rest = text[:m.start()] + " " + text[m.end():]
    rest = _TIME_PARTS.sub(" ", rest)
    # words a copy glued together ("UTCUpdated") are split apart
    words = [w.casefold().strip(".") for w in _WORD_PARTS.findall(rest)]
    cues = _date_words(vocab)
    return not _DIGIT.search(_LETTER.sub("", rest).replace(":", "")) and all(w in cues or w == "" for w in words)


_TIME_PARTS = regex.compile(r"\d{1,2}([:.]\d{2}){1,2}(\.\d+)?(?:Z\b)?|\bT(?=\d)|[+-]\d{2}:?\d{2}\b|\b\d+\s*(?=\p{L})")
_WORD_PARTS = regex.compile(r"\p{Lu}+(?=\p{Lu}\p{Ll})|\p{Lu}?[\p{Ll}.]+|\p{Lu}+\.?")
_DIGIT, _LETTER = regex.compile(r"\d"), regex.compile(r"\p{L}")


@lru_cache(maxsize=8)
def _date_words(vocab: Vocabulary) -> frozenset[str]:
    """The words a date-only line may hold beside its date: the language's date words and cues."""
    return frozenset({*vocab.date_words, *(w for cue in (*vocab.published_cues, *vocab.updated_cues) for w in cue.split())})


def _is_menu_item(line: str) -> bool:
    words = line.split()
    return 0 < len(words) <= MENU_ITEM_MAX_WORDS and len(line) <= 40 and not line.endswith(SENTENCE_END)


def _mark_menus(lines: list[str], verdicts: dict[int, str]) -> None:
    """A run of short lines with no blank line between them (lines already removed count
    in the run): a site's menu or a list of section links, not sentences of the article."""
    run: list[int] = []
    for i in range(len(lines) + 1):
        line = lines[i].strip() if i < len(lines) else ""
        if line and (i in verdicts or _is_menu_item(line)):
            run.append(i)
            continue
        if len(run) >= MENU_MIN_LINES and sum(j not in verdicts for j in run) >= MENU_MIN_ITEMS:
            for j in run:
                verdicts.setdefault(j, "menu")
        run = []


def _mark_author(lines: list[str], vocab: Vocabulary, verdicts: dict[int, str]) -> None:
    """A standalone name line confirmed by a role line or a biography that names it."""
    bio_words = _bio_pattern(tuple(vocab.bio_words))
    for i, raw in enumerate(lines):
        line = raw.strip()
        by_rule = i in verdicts and vocab.role_of(verdicts[i]) == "byline"
        if by_rule:
            line = byline_cue(vocab).sub("", line).split(",")[0].split("|")[0].strip()
        elif i in verdicts or not _is_name_line(line, vocab):
            continue
        names = [w for w in line.split() if len(w) > 1]
        window = len(lines) if by_rule else min(len(lines), i + 6)
        following = [j for j in range(i + 1, window) if lines[j].strip() and j not in verdicts]
        if by_rule:
            # the first line that could be the biography (the cheap tests first)
            following = next(([j] for j in following if len(lines[j]) > 80 and any(n in lines[j][:160] for n in names)
                              and bio_words.search(lines[j])), [])
        confirmed = []
        for j in following[:3]:
            text = lines[j].strip()
            head = text[:160]
            if j == following[0] and len(text) <= 80 and "," in text and _has_role(text, vocab):
                confirmed.append((j, "byline-role"))
            elif len(text) > 80 and any(n in head for n in names) and bio_words.search(text):
                confirmed.append((j, "author-bio"))
        if confirmed:
            if not by_rule:  # a by-line rule's line keeps its rule's name
                verdicts[i] = "byline"
            for j, rule in confirmed:
                verdicts[j] = rule


@lru_cache(maxsize=8)
def _name_line(vocab: Vocabulary) -> regex.Pattern:
    """Two to four capitalised words, a name standing on its own line."""
    word = rf"\p{{Lu}}[\p{{L}}{characters(vocab.apostrophes)}.-]*"
    return regex.compile(rf"(?:{word})(?:\s+{word}){{1,3}}")


@lru_cache(maxsize=8)
def _alternation(patterns: tuple[regex.Pattern, ...]) -> regex.Pattern:
    return regex.compile("|".join(f"(?:{p.pattern})" for p in patterns), regex.I)


@lru_cache(maxsize=8)
def _bio_pattern(words: tuple[str, ...]) -> regex.Pattern:
    return regex.compile("|".join(regex.escape(w) for w in words), regex.I)


@lru_cache(maxsize=8)
def _role_pattern(roles: tuple[str, ...]) -> regex.Pattern:
    return regex.compile(r"\b(?:" + "|".join(regex.escape(r) for r in roles) + r")\b")


def _has_role(text: str, vocab: Vocabulary) -> bool:
    return _role_pattern(vocab.roles).search(text.casefold()) is not None


def _is_name_line(line: str, vocab: Vocabulary) -> bool:
    if len(line) > 40 or not _name_line(vocab).fullmatch(line):
        return False
    words = line.split()
    return words[0] not in vocab.not_names and not vocab.is_known_outlet(line)


def _is_headline(line: str) -> bool:
    words = line.split()
    return (
        HEADLINE_MIN_WORDS <= len(words) <= HEADLINE_MAX_WORDS
        and len(line) <= 220
        and not line.endswith((".", ",", ";", ":"))
        and any(ch.isalpha() for ch in line)
    )


def _mark_title(lines: list[str], vocab: Vocabulary, verdicts: dict[int, str]) -> str | None:
    """The headline: the first kept line that reads as one, past the short lines of the
    page's header (section labels, a site's name, stray menu words), which go with it.
    A run of three or more headline lines with no blank line between them is a menu of
    other stories: the headline is the line after it, or its last line when a paragraph
    follows. A paragraph before any headline means the text has none."""
    kept = [i for i, line in enumerate(lines) if line.strip() and i not in verdicts][:TITLE_SEARCH_LINES]
    header: list[int] = []
    for k, i in enumerate(kept):
        line = lines[i].strip()
        if _is_headline(line) and _followed_by_navigation(lines, vocab, verdicts, i):
            header.append(i)  # a site's name or tagline above its menu
            continue
        if _is_headline(line):
            run = [i]
            while k + len(run) < len(kept) and kept[k + len(run)] == _next_line(lines, run[-1]) \
                    and _is_headline(lines[kept[k + len(run)]].strip()):
                run.append(kept[k + len(run)])
            if len(run) == 2 and _is_label(lines[run[0]], vocab) and len(lines[run[1]].split()) > len(line.split()):
                return _take_title(lines, vocab, verdicts, header + run[:1], run[1])  # a name or label above it
            if len(run) < 3:
                return _take_title(lines, vocab, verdicts, header, i)
            rest = kept[k + len(run):]
            if rest and _is_headline(lines[rest[0]].strip()):
                header.extend(run)  # the menu; the headline follows it
                continue
            return _take_title(lines, vocab, verdicts, header + run[:-1], run[-1])
        if len(line.split()) > HEADER_LINE_MAX_WORDS or line.endswith((".", "!", "?")):
            return None
        header.append(i)
    return None


def _followed_by_navigation(lines: list[str], vocab: Vocabulary, verdicts: dict[int, str], i: int) -> bool:
    nxt = next((j for j in range(i + 1, len(lines)) if lines[j].strip()), None)
    return nxt in verdicts and (verdicts[nxt] == "menu" or vocab.role_of(verdicts[nxt]) == "navigation")


def _is_label(line: str, vocab: Vocabulary) -> bool:
    """A short line of capitalised words ("The Quay Ledger", "Breaking News"): a name or a label."""
    name = line.strip()
    return len(name.split()) <= 4 and _site_name_shape(vocab).fullmatch(name) is not None


def _is_sentence(line: str) -> bool:
    return len(line.split()) >= 8 and line.rstrip().endswith(".")


def _next_line(lines: list[str], i: int) -> int | None:
    """The next non-blank line after line i when no blank line stands between them."""
    return i + 1 if i + 1 < len(lines) and lines[i + 1].strip() else None


def _take_title(lines: list[str], vocab: Vocabulary, verdicts: dict[int, str], header: list[int], first: int) -> str:
    for j in header:
        if j not in verdicts:
            verdicts[j] = "page-header"
    verdicts[first] = "title"
    nxt = next((i for i in range(first + 1, len(lines)) if lines[i].strip() and i not in verdicts), None)
    if nxt is not None and vocab.is_known_outlet(lines[nxt].strip()):
        verdicts[nxt] = "outlet-line"
    return " ".join(lines[first].split())
