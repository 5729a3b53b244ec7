"""The two things every renderer needs: inert text and correct relative links.

All text that comes from a seed goes through `text()` and ends up as escaped HTML
inside raw HTML blocks, so Markdown, Jinja or HTML syntax in a seed is never live.
"""

from __future__ import annotations

import datetime as dt
import html
import posixpath
from functools import lru_cache
from dataclasses import dataclass

from mkdocs.utils import get_relative_url

# Month names as the site shows dates: site text, in the language of the site's interface
# (English, like every heading and label, and Material's `theme.language: en`), whatever
# language the seeds are read in (the extraction's month names are in the language file).
MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December"]


def text(value: object) -> str:
    """Escape for HTML text and attributes; newlines become entities so a raw HTML
    block never contains a blank line that would end it."""
    if isinstance(value, str) and len(value) > 300:  # article text: seen once, not worth keeping
        return _escape(value)
    return _escape_recurring(value)


def _escape(value: object) -> str:
    return html.escape(str(value), quote=True).replace("\n", "&#10;")


_escape_recurring = lru_cache(maxsize=1 << 16, typed=True)(_escape)  # names, titles, dates: on thousands of pages


def inert(value: object) -> object:
    """Every string in a structure escaped once, for templates that print values as they are."""
    if isinstance(value, str):
        return text(value)
    if isinstance(value, dict):
        return {key: inert(item) for key, item in value.items()}
    if isinstance(value, list):
        return [inert(item) for item in value]
    return value


def inert_front_matter(meta: dict) -> dict:
    """A generated page's front matter as MkDocs hands it to templates and plugins.

    MkDocs' templates do not autoescape: Material prints `page.meta.description` and
    `author` into attributes as they are, and the title into the <title>, the header, the
    page heading and its search index (whose search box puts it in with innerHTML). The
    title is HTML text there, as a rendered heading is (Material adds `| e` itself where it
    needs an attribute), so it is escaped as Material escapes its own index: &, < and >."""
    escaped = inert(meta)
    if isinstance(meta.get("title"), str):
        escaped["title"] = html.escape(meta["title"], quote=False)
    return escaped


@dataclass(frozen=True)
class Links:
    """Relative URLs between generated files, as MkDocs will publish them."""

    use_directory_urls: bool = True
    site_url: str = ""  # MkDocs' `site_url`, for the absolute URLs of citations and the feed; "" when unset

    def absolute(self, path: str, anchor: str | None = None) -> str:
        """A page's URL from the site's root: absolute when `site_url` is set, else site-relative
        (`sources/acme/#claim-…`). Not escaped."""
        root = self.site_url.rstrip("/") + "/" if self.site_url else ""
        return root + self.url_of(path) + (f"#{anchor}" if anchor else "")

    @lru_cache(maxsize=65536)
    def url_of(self, path: str) -> str:
        if not path.endswith(".md"):
            return path
        stem = path[:-3]
        if posixpath.basename(stem) == "index":
            directory = posixpath.dirname(stem)
            return (directory + "/" if directory else "") if self.use_directory_urls else stem + ".html"
        return stem + "/" if self.use_directory_urls else stem + ".html"

    def href(self, from_path: str, to_path: str, anchor: str | None = None) -> str:
        here, there = self.url_of(from_path), self.url_of(to_path)
        if here.startswith(there):  # the page itself or a folder above it: no shortcut
            url = get_relative_url(there, here)
            if not self.use_directory_urls and url in (".", "./"):
                url = posixpath.basename(there)
        else:
            folder, name = _split_url(there)
            url = _folder_prefix(here, folder) + name
        return text(url + (f"#{anchor}" if anchor else ""))

    def a(self, from_path: str, to_path: str, label: str, anchor: str | None = None, cls: str | None = None) -> str:
        attr = f' class="{cls}"' if cls else ""
        return f'<a href="{self.href(from_path, to_path, anchor)}"{attr}>{text(label)}</a>'


@lru_cache(maxsize=65536)
def _split_url(url: str) -> tuple[str, str]:
    """'sources/acme/' -> ('sources/', 'acme/'); 'sources/acme.html' -> ('sources/', 'acme.html')."""
    stem = url[:-1] if url.endswith("/") else url
    folder, _, name = stem.rpartition("/")
    return (folder + "/" if folder else ""), url[len(folder) + 1 if folder else 0:]


@lru_cache(maxsize=65536)
def _folder_prefix(here: str, folder: str) -> str:
    """The relative path from page URL `here` to `folder`: a page links to a few
    folders only, so this is computed once per pair, not once per link."""
    url = get_relative_url(folder or ".", here)
    return "" if url in (".", "./") else url.rstrip("/") + "/"


AFTER_MARKDOWN_START, AFTER_MARKDOWN_END = "<!-- claimline:html -->", "<!-- /claimline:html -->"


def after_markdown(html_block: str) -> str:
    """Mark finished HTML in a generated page (summaries, claim lists, index tables,
    related lists). The build puts it in after Markdown has run (`site.split_after_markdown`,
    the hook's `on_page_content`), so Python-Markdown and MkDocs' anchor scan do not parse
    it on every page; written out by `convert`, the page is the same Markdown with the
    blocks in place. Headings stay Markdown, so the table of contents is unchanged."""
    return f"{AFTER_MARKDOWN_START}{html_block}{AFTER_MARKDOWN_END}"


def after_markdown_marker(index: int) -> str:
    return f"<!-- claimline:after-markdown {index} -->"


def source_path(slug: str) -> str:
    return f"sources/{slug}.md"


def speaker_path(slug: str) -> str:
    return f"speakers/{slug}.md"


def outlet_path(slug: str) -> str:
    return f"outlets/{slug}.md"


def topic_path(slug: str) -> str:
    return f"topics/{slug}.md"


def human_date(date: str | None, precision: str | None = "day") -> str:
    if not date:
        return "undated"
    parts = [int(p) for p in date.split("-")]
    if len(parts) == 1 or precision == "year":
        return str(parts[0])
    if len(parts) == 2 or precision == "month":
        return f"{MONTH_NAMES[parts[1] - 1]} {parts[0]}"
    day = f"{parts[2]} {MONTH_NAMES[parts[1] - 1]} {parts[0]}"
    return f"week of {day}" if precision == "week" else day  # a week is given by its Monday


def machine_date(date: str, precision: str | None = "day") -> str:
    """The `datetime` attribute of a date: a week as HTML's week string (`2021-W23`)."""
    if precision == "week" and date.count("-") == 2:
        year, week, _ = iso_date(date).isocalendar()
        return f"{year}-W{week:02d}"
    return date


@lru_cache(maxsize=1 << 14)  # the same dates recur in every list of related sources
def time_tag(date: str | None, precision: str | None = "day") -> str:
    if not date:
        return '<span class="cl-undated">undated</span>'
    return f'<time datetime="{text(machine_date(date, precision))}">{text(human_date(date, precision))}</time>'


def iso_date(date: str) -> dt.date:
    parts = [int(p) for p in date.split("-")] + [1, 1]
    return dt.date(parts[0], parts[1], parts[2])


def badge(provenance: str | None) -> str:
    """Says whether a value was read from the text, from a saved page's own metadata or added
    by an editor."""
    if not provenance:
        return ""
    tip = {"extracted": "read from the source text", "page": "from the page's metadata",
           "fallback": "the text has no headline: its first words stand in"}.get(
        provenance, "added by an editor in the curated metadata file")
    label = "page metadata" if provenance == "page" else provenance
    return f' <span class="cl-prov cl-prov-{text(provenance)}" title="{tip}">{text(label)}</span>'
