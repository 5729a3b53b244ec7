"""Stage 2 for saved web pages (`seeds/*.html`, `*.htm`): the article's main text and the
page's own metadata.

The main text is trafilatura's (`bare_extraction`, plain text, comments left out, no deduplication
across documents, so every page is read the same whatever was read before it). The
metadata comes from what the page declares about itself, each field from the first of
these that has it:

| field  | read from, in order |
| ------ | ------------------- |
| title  | JSON-LD `headline` of the article, `og:title`, trafilatura's title, `<title>` (a " | Outlet" or one segment beside the page's only `<h1>` cut) |
| outlet | JSON-LD `publisher.name`, `og:site_name`, `application-name`, trafilatura's site name |
| author | JSON-LD `author` (every name), `<meta name="author">`, `article:author` (when not a URL), trafilatura's |
| date   | JSON-LD `datePublished`, `article:published_time`, `<meta name="date">` and kin, `<time pubdate>`, htmldate's reading of the markup (not its search of the text); never `dateModified` |
| url    | `<link rel="canonical">`, `og:url`, JSON-LD `url` / `mainEntityOfPage`; http(s) only |
| language | `<html lang>`, JSON-LD `inLanguage`, `og:locale` |

JSON-LD is trusted first because it is what a publisher writes for machines and states
the article (`NewsArticle` and kin) apart from the website (`WebSite`, whose name is often
"X website"); trafilatura's own metadata reader is the fallback. Its date search is not
used: with its extensive search it takes "© 2021" in a footer for 1 January 2021, so
htmldate only reads the markup's dates (meta tags, `<time>`, the URL), and a date the page
does not declare is left to the text rules. Nothing the page references is
ever fetched: trafilatura is given the page's text, never a URL, and lxml is told not to
load external entities or DTDs.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field

import lxml.etree
import lxml.html

from build_scripts.model import Problem


ARTICLE_TYPES = {
    "newsarticle", "article", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
    "backgroundnewsarticle", "reviewnewsarticle", "askpublicnewsarticle", "blogposting", "socialmediaposting",
    "liveblogposting", "scholarlyarticle", "techarticle", "report", "pressrelease",
}
"""schema.org types that are an article: their fields are the page's own account of it."""

DATE_META = ("date", "pubdate", "publishdate", "publish-date", "publication_date", "dc.date", "dc.date.issued",
             "dcterms.created", "dcterms.date", "sailthru.date", "parsely-pub-date", "article.published",
             "citation_publication_date", "og:published_time", "article:published_time")
"""<meta name|property> names that state a publication date."""

ISO_DATE = re.compile(r"\s*([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?(?=$|[T\s+Z]|[0-9]{2}:)")
TITLE_SEPARATORS = re.compile(r"\s+[|\-–—:·•]\s+")
MAX_HTML_CHARS = 20_000_000  # trafilatura's own default max_file_size


@dataclass(frozen=True)
class Page:
    """What a saved page gives: its main text (paragraphs separated by a blank line) and the
    metadata it declares. `sources` names, per field, where the value was found."""

    body: str
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    date: str | None = None
    date_precision: str | None = None
    url: str | None = None
    language: str | None = None
    sources: dict[str, str] = field(default_factory=dict)
    text: str = ""  # the page's visible text, as a select-all copy gives it (`visible_text`)


def read_page(name: str, text: str) -> tuple[Page | None, list[Problem]]:
    """The page's main text and metadata, or one problem saying why there is none."""
    tree = parse_html(text)
    if tree is None:
        return None, [Problem(name, "not an HTML page: no element could be parsed")]
    meta = page_metadata(tree)
    body, found = main_text(text)
    if not body.strip():
        return None, [Problem(name, "no article text found in the page (trafilatura extracted nothing)")]
    chosen: dict[str, tuple[str, str]] = {}
    for key in ("title", "outlet", "author", "date", "url", "language"):
        candidates = sorted(meta.get(key, []) + found.get(key, []), key=lambda v: _RANK.get(v[0].split(" ")[0], 9))
        for where, value in candidates:
            value = " ".join(value.split()) if isinstance(value, str) else value
            if value:
                chosen[key] = (value, where)
                break
    title = chosen.get("title", (None, None))[0]
    outlet = chosen.get("outlet", (None, None))[0]
    if title and chosen["title"][1] in ("<title>", "trafilatura", "og:title", "twitter:title"):
        title = strip_site_suffix(title, outlet, h1_text(tree))
    date, precision = (None, None)
    if "date" in chosen:
        date, precision = iso_date(chosen["date"][0])
        if date is None:
            del chosen["date"]
    page = Page(
        body=body,
        title=title,
        outlet=outlet,
        author=chosen.get("author", (None, None))[0],
        date=date,
        date_precision=precision,
        url=chosen.get("url", (None, None))[0],
        language=chosen.get("language", (None, None))[0],
        sources={key: where for key, (_, where) in sorted(chosen.items())},
        text=visible_text(tree),
    )
    return page, []


_PARSER = lxml.html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True, huge_tree=False)


def parse_html(text: str) -> lxml.html.HtmlElement | None:
    """The page's tree, or None when nothing parses (an empty or non-HTML file). An XML
    declaration is dropped: lxml refuses one in an already decoded string."""
    text = re.sub(r"^\ufeff?\s*<\?xml[^>]*\?>", "", text[:MAX_HTML_CHARS])
    if not text.strip():
        return None
    try:
        tree = lxml.html.document_fromstring(text, parser=_PARSER)
    except (lxml.etree.ParserError, ValueError, lxml.etree.XMLSyntaxError):
        return None
    return tree if len(tree) else None


def main_text(text: str) -> tuple[str, dict[str, list[tuple[str, str]]]]:
    """trafilatura's main text (its plain-text output: one line a paragraph) as paragraphs
    separated by a blank line, and its own reading of the metadata (the fallback for each
    field). One call gives both."""
    import trafilatura  # imported here: a corpus of text seeds never pays for it

    document = trafilatura.bare_extraction(
        text, with_metadata=True, include_comments=False, include_tables=True, include_images=False,
        include_links=False, deduplicate=False, no_fallback=False, favor_precision=False, favor_recall=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if document is None:
        return "", {}
    body = document.text or ""
    paragraphs = [" ".join(line.split()) for line in body.split("\n")]
    found = {key: [("htmldate" if key == "date" else "trafilatura", value)] for key, value in (
        ("title", document.title), ("outlet", document.sitename), ("author", document.author),
        ("url", _web_url(document.url)), ("date", document.date),
    ) if value}
    return "\n\n".join(p for p in paragraphs if p), found


def page_metadata(tree: lxml.html.HtmlElement) -> dict[str, list[tuple[str, str]]]:
    """Every candidate value the page declares, per field, best first, each with where it
    was found."""
    out: dict[str, list[tuple[str, str]]] = {}

    def add(key: str, where: str, value) -> None:
        if isinstance(value, str) and value.strip():
            out.setdefault(key, []).append((where, value.strip()))

    for article in json_ld_articles(tree):
        add("title", "JSON-LD headline", _first_text(article.get("headline")) or _first_text(article.get("name")))
        add("outlet", "JSON-LD publisher", _names(article.get("publisher")))
        add("author", "JSON-LD author", _names(article.get("author")))
        add("date", "JSON-LD datePublished", _first_text(article.get("datePublished")))
        add("url", "JSON-LD url", _web_url(_first_text(article.get("url"))))
        add("url", "JSON-LD mainEntityOfPage", _web_url(_id_of(article.get("mainEntityOfPage"))))
        add("language", "JSON-LD inLanguage", _first_text(article.get("inLanguage")))
    metas: dict[str, str] = {}
    for element in tree.iter("meta"):
        key = (element.get("property") or element.get("name") or element.get("itemprop") or "").strip().lower()
        content = element.get("content")
        if key and content and key not in metas:
            metas[key] = content
    add("title", "og:title", metas.get("og:title"))
    add("title", "twitter:title", metas.get("twitter:title"))
    add("outlet", "og:site_name", metas.get("og:site_name"))
    add("outlet", "application-name", metas.get("application-name"))
    add("author", "meta author", metas.get("author"))
    if not _web_url(metas.get("article:author")):
        add("author", "article:author", metas.get("article:author"))
    for key in DATE_META:
        add("date", f"meta {key}", metas.get(key))
    for element in tree.iter("time"):
        if element.get("pubdate") is not None or "published" in (element.get("itemprop") or "").lower():
            add("date", "<time pubdate>", element.get("datetime"))
    for element in tree.iter("link"):
        if "canonical" in (element.get("rel") or "").lower().split():
            add("url", "canonical link", _web_url(element.get("href")))
    add("url", "og:url", _web_url(metas.get("og:url")))
    for element in tree.iter("title"):
        add("title", "<title>", element.text_content())
        break
    add("language", "html lang", tree.get("lang"))
    add("language", "og:locale", metas.get("og:locale"))
    return {key: sorted(values, key=lambda v: _RANK.get(v[0].split(" ")[0], 9)) for key, values in out.items()}


_RANK = {"canonical": -1, "JSON-LD": 0, "html": 0, "og:title": 1, "og:site_name": 1, "og:url": 1,
         "meta": 2, "twitter:title": 2, "application-name": 2, "article:author": 3, "<time": 3,
         "trafilatura": 7, "htmldate": 7, "<title>": 8}
"""Sources in the order the module docstring gives; a stable sort keeps page order within one."""


SKIPPED = {"script", "style", "noscript", "template", "svg", "iframe", "object", "embed", "head", "select", "button",
           "textarea", "canvas", "audio", "video"}
BLOCKS = {"p", "div", "section", "article", "header", "footer", "nav", "aside", "main", "h1", "h2", "h3", "h4", "h5",
          "h6", "li", "ul", "ol", "dl", "dt", "dd", "figure", "figcaption", "blockquote", "pre", "table", "tr", "br",
          "hr", "form", "address", "details", "summary", "body", "caption", "fieldset", "legend", "menu"}


def visible_text(tree: lxml.html.HtmlElement) -> str:
    """The page's visible text as a browser's select-all copy gives it: one line a block,
    scripts, styles and embedded objects left out. The text rules read what the metadata
    does not declare from it (a by-line date, a copyright line's outlet)."""
    out: list[str] = []
    skipping = 0
    for event, element in lxml.etree.iterwalk(tree, events=("start", "end")):
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if event == "start":
            if skipping or tag in SKIPPED:
                skipping += 1
                continue
            if tag in BLOCKS:
                out.append("\n")
            if element.text and isinstance(element.tag, str):
                out.append(element.text)
        else:
            if skipping:
                skipping -= 1
                if skipping:
                    continue
            elif tag in BLOCKS:
                out.append("\n")
            if element.tail and not skipping:
                out.append(element.tail)
    lines = (" ".join(line.split()) for line in "".join(out).split("\n"))
    return "\n".join(line for line in lines if line)


def json_ld_articles(tree: lxml.html.HtmlElement) -> list[dict]:
    """Every JSON-LD object of an article type, in page order (an `@graph` searched too). A
    block that is not valid JSON is skipped: it is the page's mistake, and the other
    sources still give the metadata."""
    found: list[dict] = []
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            data = json.loads(script.text or "")
        except (ValueError, RecursionError):
            continue
        stack = [data]
        while stack and len(found) < 50:
            item = stack.pop(0)
            if isinstance(item, list):
                stack[:0] = item
            elif isinstance(item, dict):
                types = item.get("@type")
                types = [types] if isinstance(types, str) else types if isinstance(types, list) else []
                if any(isinstance(t, str) and t.lower() in ARTICLE_TYPES for t in types):
                    found.append(item)
                if "@graph" in item:
                    stack[:0] = [item["@graph"]]
    return found


def _first_text(value) -> str | None:
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str)), None)
    return value if isinstance(value, str) else None


def _names(value) -> str | None:
    """A person or organisation as JSON-LD gives it (a name, an object with `name`, or a
    list of either): the names joined with ", "; a URL is not a name."""
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items:
        name = item.get("name") if isinstance(item, dict) else item
        name = _first_text(name)
        if name and not _web_url(name) and name.strip() not in names:
            names.append(name.strip())
    return ", ".join(names) or None


def _id_of(value) -> str | None:
    if isinstance(value, dict):
        return _first_text(value.get("@id")) or _first_text(value.get("url"))
    return _first_text(value)


def _web_url(value: str | None) -> str | None:
    """An absolute http(s) URL with nothing that could break out of an attribute; anything
    else (relative, javascript:, data:) is not the article's address."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    return value if re.fullmatch(r"https?://[^\s<>\"'`]+", value) else None


def iso_date(value: str) -> tuple[str | None, str | None]:
    """The calendar date an ISO 8601 value starts with, and its precision; None for
    anything else (a page's free-text date is left to the text rules)."""
    m = ISO_DATE.match(value)
    if not m:
        return None, None
    year, month, day = m.groups()
    try:
        if day:
            return dt.date(int(year), int(month), int(day)).isoformat(), "day"
        if month:
            dt.date(int(year), int(month), 1)
            return f"{year}-{month}", "month"
    except ValueError:
        return None, None
    return year, "year"


def h1_text(tree: lxml.html.HtmlElement) -> str | None:
    """The text of the page's only <h1>; None when it has none or several."""
    headings = list(tree.iter("h1"))
    return " ".join(headings[0].text_content().split()) or None if len(headings) == 1 else None


def strip_site_suffix(title: str, outlet: str | None, heading: str | None = None) -> str:
    """"Headline | The Outlet" (or "The Outlet - Headline") without the outlet's name; when
    the page names no outlet, a title that is its only <h1> plus one separated segment
    ("Headline – Field Notes") is the <h1>."""
    if heading and title != heading and title.startswith(heading) and TITLE_SEPARATORS.match(title[len(heading):]):
        return heading
    if heading and title != heading and title.endswith(heading) and TITLE_SEPARATORS.search(title[:-len(heading)] + " "):
        return heading
    if not outlet:
        return title
    parts = TITLE_SEPARATORS.split(title)
    key = outlet.casefold()
    if len(parts) > 1 and parts[-1].casefold() == key:
        return title[: title.casefold().rfind(key)].rstrip(" |-–—:·•")
    if len(parts) > 1 and parts[0].casefold() == key:
        return title[len(outlet):].lstrip(" |-–—:·•")
    return title
