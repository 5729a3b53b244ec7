"""What search knows about each claim: one entry per claim, in either engine.

A reader searches for words someone said, so every claim is its own result: its words,
who said them, when, in which outlet, and a link to its passage (the claim's stable
anchor on its source page). Material's lunr index gets them as extra documents of its
`search_index.json` (below `pagefind_from`); Pagefind gets them as custom records with
filters (speaker, outlet, topic, year) and the same facts as metadata.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from build_scripts.catalogue import Catalogue, ClaimRef
from build_scripts.model import Source
from build_scripts.render.markup import human_date, source_path, speaker_path

FACETS = ("speaker", "outlet", "topic", "year")  # the filters a reader types: `speaker:ruiz year:2021`


@dataclass(frozen=True)
class ClaimEntry:
    """One claim as search shows it. `url` is site-relative, directory style
    (`sources/<slug>/#<anchor>`), the form both engines are given."""

    url: str
    anchor: str
    words: str
    quote: bool
    speaker: str
    date: str  # 'said 14 May 2019', 'published March 2019' or 'undated'
    year: str | None
    outlet: str | None
    topics: tuple[str, ...]
    status: str | None

    @property
    def heading(self) -> str:
        """The result's title line: who, when, where."""
        return " · ".join(x for x in (self.speaker, self.date, self.outlet or "unknown outlet") if x)

    @property
    def shown_words(self) -> str:
        return f"“{self.words}”" if self.quote else self.words

    def filters(self) -> dict[str, list[str]]:
        found = {"speaker": [self.speaker], "outlet": [self.outlet] if self.outlet else [],
                 "topic": list(self.topics), "year": [self.year] if self.year else []}
        if self.status:
            found["status"] = [self.status]
        return {k: v for k, v in found.items() if v}


def claim_entries(source: Source, catalogue: Catalogue) -> list[ClaimEntry]:
    """The entries of one source page's claims, in the page's order."""
    return [claim_entry(ClaimRef(source, i), catalogue) for i in range(len(source.claims))]


def page_url(source: Source) -> str:
    """The source page's address as a directory (`sources/<slug>/`), how a served site names it."""
    return directory_url(source_path(source.slug))


def directory_url(path: str) -> str:
    """A generated page's address as a directory: `speakers/ada-lind.md` -> `speakers/ada-lind/`."""
    return path.removesuffix(".md") + "/"


def claim_entry(ref: ClaimRef, catalogue: Catalogue) -> ClaimEntry:
    claim, source = ref.claim, ref.source
    if claim.said_on:
        date = f"said {human_date(claim.said_on, claim.said_precision)}"
    elif source.date:
        date = f"published {human_date(source.date, source.date_precision)}"
    else:
        date = "undated"
    when = ref.said_or_published
    return ClaimEntry(
        url=f"{page_url(source)}#{ref.anchor}", anchor=ref.anchor,
        words=claim.text, quote=claim.quote, speaker=claim.speaker, date=date,
        year=when[:4] if when else None, outlet=source.outlet,
        topics=tuple(catalogue.topics[t].topic.title for t in claim.topics if t in catalogue.topics),
        status=catalogue.status_of(ref),
    )


CLAIM_TAGS = ("speaker", "date", "outlet", "topics…")
"""The order of a claim document's tags in Material's index: chips under the result, and
what `claimline-search-worker.js` reads a claim's facets from."""


def material_document(entry: ClaimEntry, location: str) -> dict:
    """A document of Material's search index. Its title is the claim's words (shown as the
    result's heading, highlighted), its tags say who, when and where (CLAIM_TAGS; searched
    with the highest boost, so `Ruiz` finds Ruiz's claims first). LOCATION is the page's URL
    as MkDocs gives it (`sources/<slug>/`, or `sources/<slug>.html` in the offline copy).
    Material puts title, text and tags in with innerHTML: all are escaped text, as Material
    escapes its own (quotes left as they are)."""
    return {
        "location": f"{location}#{entry.anchor}",
        "title": html.escape(entry.shown_words, quote=False),
        "text": "",
        "tags": [html.escape(t, quote=False) for t in (entry.speaker, entry.date, entry.outlet or "unknown outlet", *entry.topics)],
    }


def pagefind_record(entry: ClaimEntry, base: str = "/") -> dict:
    """The keyword arguments of Pagefind's `add_custom_record`: its words are the content
    (what a query and a quoted phrase match), the facts are meta (shown) and filters."""
    meta = {"title": entry.heading, "speaker": entry.speaker, "date": entry.date,
            "outlet": entry.outlet or "unknown outlet", "words": entry.shown_words, "kind": "claim"}
    if entry.status:
        meta["status"] = entry.status
    return {"url": base + entry.url, "content": entry.words, "language": "en", "meta": meta,
            "filters": entry.filters(), "sort": {"date": entry.year or "0000"}}


def source_filters(source: Source, catalogue: Catalogue) -> dict[str, list[str]]:
    """A source page's filters: every value its claims have (for Pagefind's page-level
    search, when a corpus has too many claims for a record each)."""
    found: dict[str, list[str]] = {}
    for entry in claim_entries(source, catalogue):
        for facet, values in entry.filters().items():
            found.setdefault(facet, [])
            found[facet] += [v for v in values if v not in found[facet]]
    return found


def page_records(catalogue: Catalogue) -> list[dict]:
    """Pagefind's records of the source and speaker pages, for a corpus with too many claims
    for a record each: a source page's title and article text, with every value its claims
    have as filters; a speaker page's name, kind and roles. Made from the catalogue, not
    read back from the built pages (ten times faster, and nothing on disk is read)."""
    records = []
    for source in catalogue.sources:
        when = source.date or ""
        records.append({"url": "/" + page_url(source), "content": f"{source.title}\n\n{source.body}", "language": "en",
                        "meta": {"title": source.title}, "filters": source_filters(source, catalogue),
                        "sort": {"date": when[:4] or "0000"}})
    for entry in catalogue.speakers.values():
        roles = "; ".join(dict.fromkeys(role for role, _ in entry.roles))
        records.append({"url": "/" + directory_url(speaker_path(entry.slug)),
                        "content": f"{entry.name}\n\n{entry.kind}. {roles}", "language": "en",
                        "meta": {"title": entry.name}, "filters": {}, "sort": {"date": "0000"}})
    return records


_CELL_END = re.compile(r"(</(?:th|td|dt|dd|li|caption|summary)>)(?=<)")


def with_word_breaks(html_text: str) -> str:
    """A space after each table cell, definition and list item that another tag follows
    directly: indexers read a page's text without its layout, and `<th>Date</th><th>Claim</th>`
    would otherwise be indexed as 'DateClaim'. Whitespace there changes nothing on screen.
    Split and joined: a substitution's template cost a third of a second a rebuild."""
    parts = _CELL_END.split(html_text)
    parts[1::2] = [end + " " for end in parts[1::2]]
    return "".join(parts)


_LEFT_OUT = re.compile(r'<(ol class="cl-claims"|thead|span class="cl-prov )')


def left_out_of_material_search(html_text: str) -> str:
    """Mark what Material's index must not read as a page's text: a source page's list of
    claims (each claim is its own entry), provenance badges and table headings (labels,
    not content). Pagefind leaves the same out by selector (`pagefind.EXCLUDE`)."""
    return _LEFT_OUT.sub(lambda m: f"<{m.group(1).split(' ', 1)[0]} data-search-exclude"
                         + (" " + m.group(1).split(" ", 1)[1] if " " in m.group(1) else ""), html_text)
