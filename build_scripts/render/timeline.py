"""The timeline: every claim (one per statement) placed in time, grouped by year and month,
the undated in their own group; paginated, so without JavaScript it is the complete list.

The facet script never needs every claim in the page: it reads compact data under
`data/timeline/` on demand (same origin): `facets.json` (the values of each facet and the
page each position falls on), one list of positions per facet value, and one file of items
per timeline page, fetched only for the results shown. Each function returns text.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from itertools import groupby

from build_scripts.catalogue import Catalogue, ClaimRef
from build_scripts.render.indexes import PER_PAGE, TIMELINE, page_paths, paginate, row_facts
from build_scripts.render.markup import (MONTH_NAMES, Links, human_date, outlet_path, source_path, speaker_path, text,
                                         time_tag, topic_path)
from build_scripts.render.pages import claim_dates, claim_html, date_phrase, outlet_link, role_of, speaker_link, topic_links

DATA = "data/timeline"
FACETS = ("speaker", "organisation", "outlet", "topic", "status", "type")  # `type`: the outlet's type
STATUS_ORDER = ("kept", "broken", "in progress", "disputed", "unverified")


@dataclass(frozen=True)
class TimelineItem:
    """One claim as the timeline places and filters it."""

    ref: ClaimRef
    date: str | None  # when said, if the text says so, else when published; None: undated
    precision: str | None
    organisation: str | None  # the organisation speaking, or the speaker's organisation in this source
    outlet_type: str | None
    status: str | None
    reports: int  # sources reporting the statement

    @property
    def year(self) -> str | None:
        return self.date[:4] if self.date else None

    @property
    def month(self) -> str | None:
        return self.date[5:7] if self.date and len(self.date) >= 7 and self.precision != "year" else None


def timeline_items(cat: Catalogue) -> list[TimelineItem]:
    """Every statement in time order (said-on date, else publication date), undated last."""
    items = [_item(ref, cat) for ref in cat.statements()]
    return sorted(items, key=lambda i: (i.date is None, i.date or "", i.ref.source.file, i.ref.index))


def _item(ref: ClaimRef, cat: Catalogue) -> TimelineItem:
    claim, source = ref.claim, ref.source
    speaker = ref.speaker
    if speaker is not None and speaker.kind == "organisation":
        organisation = speaker.name
    else:
        organisation = speaker.organisation if speaker is not None else None
    date, precision = (claim.said_on, claim.said_precision) if claim.said_on else (source.date, source.date_precision)
    return TimelineItem(ref, date, precision, organisation or None,
                        cat.outlet_type(source.outlet), cat.status_of(ref), len(cat.appearances(ref)))


def grouped(items: list[TimelineItem]) -> list[tuple[str | None, list[tuple[str | None, list[TimelineItem]]]]]:
    """[(year, [(month, items)])] in the items' order; the undated under year None, months
    unknown under month None."""
    return [(year, [(month, list(in_month)) for month, in_month in groupby(in_year, key=lambda i: i.month)])
            for year, in_year in groupby(items, key=lambda i: i.year)]


def page_of(position: int, per_page: int = PER_PAGE) -> int:
    """The 0-based timeline page a position falls on."""
    return position // per_page


def render_timeline(cat: Catalogue, links: Links) -> dict[str, str]:
    items = timeline_items(cat)
    undated = sum(1 for i in items if i.date is None)
    intro = (f"<p>{_plural(len(items), 'claim')} from {_plural(len(cat.sources), 'source')} in time order, grouped by "
             "year and month: each placed when it was said where the text says so, else when its source was "
             f"published; {_plural(undated, 'undated claim')} in their own group at the end.</p>")

    def render(chunk: list[TimelineItem], here: str) -> str:
        return _facet_form(here, links) + _timeline_list(chunk, cat, links, here)

    return paginate(TIMELINE, "Timeline", "Every claim in date order: who claimed what, where and when.",
                    items, render, links, head=lambda here: intro, searchable=False,
                    facts=lambda i: (i, row_facts(cat, i.ref.claim.speaker, i.ref.source.outlet)))


def _timeline_list(chunk: list[TimelineItem], cat: Catalogue, links: Links, here: str) -> str:
    blocks = ['<div class="cl-timeline" id="cl-timeline">']
    for year, months in grouped(chunk):
        if year is None:
            blocks.append('<section class="cl-year cl-undated-group" aria-labelledby="undated">'
                          '<h2 id="undated" class="cl-year-h">Undated</h2>'
                          '<p class="cl-note">Claims whose text and source give no date.</p><ol class="cl-rows">')
            blocks.extend(timeline_item_html(i, cat, links, here) for _, group in months for i in group)
            blocks.append("</ol></section>")
            continue
        blocks.append(f'<section class="cl-year" aria-labelledby="y{year}"><h2 id="y{year}" class="cl-year-h">{year}</h2>')
        for month, group in months:
            label = f"{MONTH_NAMES[int(month) - 1]} {year}" if month else f"{year}, month unknown"
            blocks.append(f'<h3 class="cl-month-h">{text(label)}</h3><ol class="cl-rows">')
            blocks.extend(timeline_item_html(i, cat, links, here) for i in group)
            blocks.append("</ol>")
        blocks.append("</section>")
    blocks.append("</div>")
    return "".join(blocks)


def _facet_form(here: str, links: Links) -> str:
    """The filters: hidden until the script has shown them (they need it); their options come
    from the facet data, so a page does not grow with the number of speakers."""
    labels = {"speaker": "Speaker", "organisation": "Organisation", "outlet": "Outlet", "topic": "Topic",
              "status": "Status", "type": "Outlet type"}
    fields = "".join(
        f'<span class="cl-facet" data-facet="{f}"><label for="cl-facet-{f}">{labels[f]}</label> '
        f'<select id="cl-facet-{f}" name="{f}"><option value="">All</option></select></span>' for f in FACETS)
    years = "".join(
        f'<span class="cl-facet" data-facet="{f}"><label for="cl-facet-{f}">{label}</label> '
        f'<select id="cl-facet-{f}" name="{f}"><option value="">Any</option></select></span>'
        for f, label in (("from", "From year"), ("to", "To year")))
    return (f'<form class="cl-facets" id="cl-facets" hidden data-facets="{links.href(here, DATA + "/facets.json")}">'
            f"{fields}{years}"
            '<button type="reset" class="cl-button" id="cl-facet-clear">Clear filters</button></form>'
            '<p class="cl-count" id="cl-count" role="status" aria-live="polite"></p>'
            '<p class="cl-note" id="cl-facet-note" hidden></p>'
            '<div class="cl-timeline cl-results" id="cl-results" hidden></div>'
            '<p class="cl-more" id="cl-more-p" hidden><button type="button" class="cl-button" id="cl-more">'
            "Show more</button></p>")


def timeline_item_html(item: TimelineItem, cat: Catalogue, links: Links, here: str) -> str:
    """An item: when (said or published, the other apart), who (role), what (verbatim, <q>
    only for a direct quote), where (outlet and its type), topics, status, the passage."""
    ref, claim, source = item.ref, item.ref.claim, item.ref.source
    role = role_of(source, claim.speaker)
    who = speaker_link(claim.speaker, cat, links, here) + (f'<span class="cl-role">, {text(role)}</span>' if role else "")
    outlet = outlet_link(source.outlet, cat, links, here) + (
        f' <span class="cl-outlet-type">({text(item.outlet_type)})</span>' if item.outlet_type else "")
    status = f' <span class="cl-status" data-status="{text(item.status)}">{text(item.status)}</span>' if item.status else ""
    topics = topic_links(claim.topics, cat, links, here)
    reports = f" · reported by {item.reports} sources" if item.reports > 1 else ""
    return (
        f'<li class="cl-row cl-item"{_item_attrs(item)}><span class="cl-dot" aria-hidden="true"></span>'
        f'<div class="cl-when">{time_tag(item.date, item.precision)}</div>'
        f'<div class="cl-what"><p class="cl-who">{who} · {outlet}{status}</p>'
        f'<p class="cl-claim-text">{claim_html(claim)}</p>'
        f'<p class="cl-dates">{claim_dates(claim, source)}</p>'
        f'<p class="cl-links">{links.a(here, source_path(source.slug), "read the passage", anchor=ref.anchor)} · '
        f'{links.a(here, source_path(source.slug), source.title, cls="cl-source-link")}{reports}</p>'
        + (f'<p class="cl-topics">{topics}</p>' if topics else "") + "</div></li>"
    )


def _item_attrs(item: TimelineItem) -> str:
    """What the script filters a page's own items by, when the facet data cannot be read
    (a copy opened from disk)."""
    values = {"date": item.date, "speaker": item.ref.claim.speaker, "organisation": item.organisation,
              "outlet": item.ref.source.outlet, "topic": " ".join(item.ref.claim.topics), "status": item.status,
              "type": item.outlet_type}
    return "".join(f' data-{key}="{text(value or "")}"' for key, value in values.items())


def facet_values(items: list[TimelineItem], cat: Catalogue) -> dict[str, list[tuple[str, list[int]]]]:
    """Each facet's values, in reading order, with the positions of the items that have them."""
    found: dict[str, dict[str, list[int]]] = {f: {} for f in FACETS}
    for position, item in enumerate(items):
        values = {"speaker": [item.ref.claim.speaker], "organisation": [item.organisation],
                  "outlet": [item.ref.source.outlet], "topic": list(item.ref.claim.topics), "status": [item.status],
                  "type": [item.outlet_type]}
        for facet, names in values.items():
            for name in names:
                if name:
                    found[facet].setdefault(name, []).append(position)
    order = {"topic": list(cat.topics).index,
             "status": lambda s: (STATUS_ORDER.index(s) if s in STATUS_ORDER else len(STATUS_ORDER), s)}
    return {facet: sorted(values.items(), key=lambda kv: order.get(facet, str.casefold)(kv[0]))
            for facet, values in found.items()}


def year_ranges(items: list[TimelineItem]) -> list[tuple[str, int, int]]:
    """(year, first position, position after the last): items are in time order, so a year
    range is one slice of positions."""
    ranges, position = [], 0
    for year, group in groupby(items, key=lambda i: i.year):
        count = sum(1 for _ in group)
        if year is not None:
            ranges.append((year, position, position + count))
        position += count
    return ranges


def render_timeline_data(cat: Catalogue, links: Links) -> dict[str, str]:
    """The facet script's data: a summary (pages, year slices, how many values each facet
    has), each facet's values, the positions per value, and the items of each page."""
    items = timeline_items(cat)
    values = facet_values(items, cat)
    titles = {slug: entry.topic.title for slug, entry in cat.topics.items()}
    pages = page_paths(TIMELINE, max(1, -(-len(items) // PER_PAGE)))
    summary = {
        "total": len(items),
        "per_page": PER_PAGE,
        "pages": len(pages),
        "years": [list(r) for r in year_ranges(items)],
        "facets": {facet: len(entries) for facet, entries in values.items()},
    }
    files = {f"{DATA}/facets.json": _dump(summary)}
    for facet, entries in values.items():
        files[f"{DATA}/values-{facet}.json"] = _dump(
            [[name, len(positions)] + ([titles[name]] if facet == "topic" else []) for name, positions in entries])
        for k, (_, positions) in enumerate(entries):
            files[f"{DATA}/{facet}/{k}.json"] = _dump(positions)
    for k in range(len(pages)):
        files[f"{DATA}/items-{k}.json"] = _dump([item_record(i, cat, links) for i in items[k * PER_PAGE:(k + 1) * PER_PAGE]])
    return files


def item_record(item: TimelineItem, cat: Catalogue, links: Links) -> dict:
    """An item as the script shows a result: plain values and site-relative URLs (the script
    puts them in as text, never as HTML)."""
    ref, claim, source = item.ref, item.ref.claim, item.ref.source
    speaker = cat.speakers.get(claim.speaker)
    outlet = cat.outlets.get(source.outlet) if source.outlet else None
    return {
        "date": item.date, "when": human_date(item.date, item.precision) if item.date else "undated",
        "dates": dates_text(item),
        "speaker": claim.speaker, "speaker_url": links.url_of(speaker_path(speaker.slug)) if speaker else None,
        "role": role_of(source, claim.speaker) or None, "organisation": item.organisation,
        "text": claim.text, "quote": claim.quote,
        "outlet": source.outlet, "outlet_url": links.url_of(outlet_path(outlet.slug)) if outlet else None,
        "type": item.outlet_type, "status": item.status,
        "topics": [[t, cat.topics[t].topic.title, links.url_of(topic_path(t))] for t in claim.topics],
        "passage": links.url_of(source_path(source.slug)) + f"#{ref.anchor}",
        "source": source.title, "source_url": links.url_of(source_path(source.slug)), "reports": item.reports,
    }


def dates_text(item: TimelineItem) -> str:
    """When said (and where that date comes from) and when published, as plain text."""
    claim, source = item.ref.claim, item.ref.source
    said = f"said {date_phrase(claim.said_on, claim.said_precision)}" if claim.said_on else ""
    note = f" ({claim.said_note})" if claim.said_on and claim.said_note else ""
    published = (f"published {date_phrase(source.date, source.date_precision)}" if source.date
                 else "publication date unknown" if claim.said_on else "undated")
    return " · ".join(x for x in (said + note, published) if x)


def _dump(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"
