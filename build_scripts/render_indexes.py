"""Stage 6: the index pages (timeline, sources, speakers, outlets, topics), the home
page's generated block, and the data downloads.

Each function returns text; nothing here writes a file.
"""

from __future__ import annotations

import csv
import io
import json
from itertools import groupby

from .catalogue import Catalogue, ClaimRef
from .markup import (MONTH_NAMES, Links, human_date, outlet_path, source_path, speaker_path, text, time_tag,
                     topic_path)
from .model import Source

TIMELINE = "timeline.md"
SOURCES = "sources/index.md"
SPEAKERS = "speakers/index.md"
OUTLETS = "outlets/index.md"
TOPICS = "topics/index.md"


def _page(title: str, body: str, description: str) -> str:
    """Generated index pages: only our own strings reach the front matter."""
    meta = json.dumps(title)  # JSON strings are valid YAML scalars
    return f"---\ntitle: {meta}\ndescription: {json.dumps(description)}\n---\n\n{body}\n"


def _quote_html(ref: ClaimRef) -> str:
    claim = ref.claim
    return f"<q>{text(claim.text)}</q>" if claim.quote else f'<span class="cl-reported">{text(claim.text)}</span>'


def _speaker_a(name: str | None, cat: Catalogue, links: Links, here: str) -> str:
    if name and name in cat.speakers:
        return links.a(here, speaker_path(cat.speakers[name].slug), name)
    return text(name or "unknown speaker")


def _outlet_a(outlet: str | None, cat: Catalogue, links: Links, here: str) -> str:
    if not outlet:
        return '<span class="cl-unknown">unknown outlet</span>'
    return links.a(here, outlet_path(cat.outlets[outlet].slug), outlet)


def _headline_text(source: Source) -> str:
    claim = source.headline_claim
    if claim is None:
        return '<span class="cl-note">no claim found</span>'
    return f"<q>{text(claim.text)}</q>" if claim.quote else f'<span class="cl-reported">{text(claim.text)}</span>'


def _row_attrs(source: Source) -> str:
    speakers = "|".join(s.name for s in source.speakers)
    return f' data-topics="{text(" ".join(source.topics))}" data-speakers="{text(speakers)}"'


def render_timeline(cat: Catalogue, links: Links) -> str:
    here = TIMELINE
    dated = [s for s in cat.sources if s.date]
    undated = [s for s in cat.sources if not s.date]
    filters = _filters(cat)
    blocks = [filters, '<div class="cl-timeline" id="cl-timeline">']
    for year, in_year in groupby(dated, key=lambda s: s.date[:4]):
        blocks.append(f'<section class="cl-year" aria-labelledby="y{year}"><h2 id="y{year}" class="cl-year-h">{year}</h2>')
        for month, in_month in groupby(in_year, key=lambda s: s.date[5:7] if len(s.date) >= 7 else ""):
            label = MONTH_NAMES[int(month) - 1] + f" {year}" if month else f"{year}, month unknown"
            blocks.append(f'<h3 class="cl-month-h">{text(label)}</h3><ol class="cl-rows">')
            blocks.extend(_timeline_row(s, cat, links, here) for s in in_month)
            blocks.append("</ol>")
        blocks.append("</section>")
    if undated:
        blocks.append('<section class="cl-year cl-undated-group" aria-labelledby="undated">'
                      '<h2 id="undated" class="cl-year-h">Undated</h2>'
                      '<p class="cl-note">Standing statements and documents with no known date.</p><ol class="cl-rows">')
        blocks.extend(_timeline_row(s, cat, links, here) for s in undated)
        blocks.append("</ol></section>")
    blocks.append('</div><p class="cl-empty" id="cl-empty" hidden>No source matches these filters.</p>')
    intro = (f"<p>{len(cat.sources)} sources in date order, grouped by year and month; "
             f"{len(undated)} undated source{'s' if len(undated) != 1 else ''} in their own group at the end.</p>")
    return _page("Timeline", intro + "\n\n" + "".join(blocks[:1]) + "\n\n" + "".join(blocks[1:]),
                 "Every source in date order: who claimed what, where and when.")


def _timeline_row(source: Source, cat: Catalogue, links: Links, here: str) -> str:
    return (
        f'<li class="cl-row"{_row_attrs(source)}>'
        f'<span class="cl-dot" aria-hidden="true"></span>'
        f'<div class="cl-when">{time_tag(source.date, source.date_precision)}</div>'
        f'<div class="cl-what"><p class="cl-who">{_speaker_a(source.speaker, cat, links, here)} · '
        f'{_outlet_a(source.outlet, cat, links, here)}</p>'
        f'<p class="cl-claim-text">{_headline_text(source)}</p>'
        f'<p>{links.a(here, source_path(source.slug), source.title, cls="cl-source-link")}</p></div></li>'
    )


def _filters(cat: Catalogue) -> str:
    topic_opts = "".join(f'<option value="{text(t.slug)}">{text(t.topic.title)}</option>'
                         for t in cat.topics.values() if t.claims)
    speaker_opts = "".join(f'<option value="{text(n)}">{text(n)}</option>' for n in cat.speakers)
    return (
        '<form class="cl-filters" id="cl-filters" hidden>'
        '<label for="cl-filter-topic">Topic</label> <select id="cl-filter-topic"><option value="">All topics</option>'
        f"{topic_opts}</select> "
        '<label for="cl-filter-speaker">Speaker</label> <select id="cl-filter-speaker"><option value="">All speakers</option>'
        f"{speaker_opts}</select></form>"
    )


def render_sources_index(cat: Catalogue, links: Links) -> str:
    here = SOURCES
    rows = "".join(
        f"<tr><td>{time_tag(s.date, s.date_precision)}</td><td>{links.a(here, source_path(s.slug), s.title)}</td>"
        f"<td>{_speaker_a(s.speaker, cat, links, here)}</td><td>{_outlet_a(s.outlet, cat, links, here)}</td>"
        f"<td>{len(s.claims)}</td></tr>"
        for s in cat.sources
    )
    table = ('<table class="cl-table"><thead><tr><th>Date</th><th>Source</th><th>Speaker</th><th>Outlet</th>'
             f"<th>Claims</th></tr></thead><tbody>{rows}</tbody></table>")
    return _page("Sources", f"<p>All {len(cat.sources)} sources, in date order (undated last).</p>\n\n{table}",
                 "Every source document with its date, speaker and outlet.")


def render_speakers(cat: Catalogue, links: Links) -> dict[str, str]:
    pages = {}
    rows = "".join(
        f"<tr><td>{links.a(SPEAKERS, speaker_path(e.slug), e.name)}</td><td>{text(e.kind)}</td>"
        f"<td>{text('; '.join(dict.fromkeys(r for r, _ in e.roles)) or '—')}</td>"
        f"<td>{len(e.claims)}</td><td>{len(e.sources)}</td></tr>"
        for e in cat.speakers.values()
    )
    pages[SPEAKERS] = _page(
        "Speakers",
        f"<p>{len(cat.speakers)} people and organisations who made claims.</p>\n\n"
        '<table class="cl-table"><thead><tr><th>Speaker</th><th>Kind</th><th>Role</th><th>Claims</th>'
        f"<th>Sources</th></tr></thead><tbody>{rows}</tbody></table>",
        "Everyone quoted or reported, with their role and number of claims.",
    )
    for entry in cat.speakers.values():
        here = speaker_path(entry.slug)
        roles = "".join(
            f"<li>{text(role)} — in {links.a(here, source_path(src.slug), src.title)}</li>" for role, src in entry.roles
        )
        topics = sorted({t for ref in entry.claims for t in ref.claim.topics}, key=list(cat.topics).index)
        outlets = list(dict.fromkeys(ref.source.outlet for ref in entry.claims if ref.source.outlet))
        body = [
            f'<p class="cl-counts">{text(entry.kind.capitalize())} · {len(entry.claims)} claim'
            f'{"s" if len(entry.claims) != 1 else ""} in {len(entry.sources)} source{"s" if len(entry.sources) != 1 else ""}</p>',
            f'<h2 id="roles">Roles</h2><ul>{roles or "<li>No role stated in the sources.</li>"}</ul>',
            '<h2 id="topics">Topics</h2><p>' + (" ".join(
                links.a(here, topic_path(t), cat.topics[t].topic.title, cls="cl-topic") for t in topics) or "none") + "</p>",
            '<h2 id="outlets">Outlets</h2><p>' + (", ".join(_outlet_a(o, cat, links, here) for o in outlets) or "none") + "</p>",
            '<h2 id="claims">Claims over time</h2>' + _claim_table(entry.claims, cat, links, here, show_speaker=False),
        ]
        pages[here] = _page(entry.name, "\n\n".join(body), f"Claims made by {entry.name}, over time, with sources.")
    return pages


def _claim_table(refs: list[ClaimRef], cat: Catalogue, links: Links, here: str, show_speaker: bool = True) -> str:
    order = sorted(refs, key=lambda r: (r.source.date is None, r.source.date or "", r.source.file, r.index))
    rows = []
    for ref in order:
        s = ref.source
        who = f"<td>{_speaker_a(ref.claim.speaker, cat, links, here)}</td>" if show_speaker else ""
        rows.append(
            f"<tr><td>{time_tag(s.date, s.date_precision)}</td>{who}<td>{_quote_html(ref)}</td>"
            f"<td>{_outlet_a(s.outlet, cat, links, here)}</td>"
            f"<td>{links.a(here, source_path(s.slug), s.title, anchor=ref.anchor if ref.claim.start is not None else None)}</td></tr>"
        )
    head = "<th>Date</th>" + ("<th>Speaker</th>" if show_speaker else "") + "<th>Claim</th><th>Outlet</th><th>Source</th>"
    return f'<table class="cl-table cl-claims-table"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def render_outlets(cat: Catalogue, links: Links) -> dict[str, str]:
    pages = {}
    unknown = sum(1 for s in cat.sources if not s.outlet)
    rows = "".join(
        f"<tr><td>{links.a(OUTLETS, outlet_path(e.slug), e.name)}</td><td>{len(e.sources)}</td>"
        f"<td>{sum(len(s.claims) for s in e.sources)}</td></tr>"
        for e in cat.outlets.values()
    )
    note = f"<p>{unknown} source{'s' if unknown != 1 else ''} with no known outlet.</p>" if unknown else ""
    pages[OUTLETS] = _page(
        "Outlets",
        f"<p>{len(cat.outlets)} outlets published these sources.</p>{note}\n\n"
        '<table class="cl-table"><thead><tr><th>Outlet</th><th>Sources</th><th>Claims</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>",
        "The outlets that published the sources, with counts.",
    )
    for entry in cat.outlets.values():
        here = outlet_path(entry.slug)
        speakers = list(dict.fromkeys(c.speaker for s in entry.sources for c in s.claims))
        rows = "".join(
            f"<tr><td>{time_tag(s.date, s.date_precision)}</td><td>{links.a(here, source_path(s.slug), s.title)}</td>"
            f"<td>{_speaker_a(s.speaker, cat, links, here)}</td><td>{_headline_text(s)}</td></tr>"
            for s in entry.sources
        )
        body = (
            f'<p class="cl-counts">{len(entry.sources)} source{"s" if len(entry.sources) != 1 else ""} · '
            f'{len(speakers)} speaker{"s" if len(speakers) != 1 else ""}</p>\n\n'
            '<h2 id="sources">Sources</h2><table class="cl-table"><thead><tr><th>Date</th><th>Source</th>'
            f"<th>Speaker</th><th>Headline claim</th></tr></thead><tbody>{rows}</tbody></table>\n\n"
            '<h2 id="speakers">Speakers quoted</h2><p>' + ", ".join(_speaker_a(n, cat, links, here) for n in speakers) + "</p>"
        )
        pages[here] = _page(entry.name, body, f"Sources published by {entry.name}.")
    return pages


def render_topics(cat: Catalogue, links: Links) -> dict[str, str]:
    pages = {}
    rows = "".join(
        f"<tr><td>{links.a(TOPICS, topic_path(e.slug), e.topic.title)}</td><td>{text(e.topic.description)}</td>"
        f"<td>{len(e.claims)}</td><td>{len({r.claim.speaker for r in e.claims})}</td></tr>"
        for e in cat.topics.values()
    )
    pages[TOPICS] = _page(
        "Topics",
        "<p>Claims clustered by what they promise, so the same pledge made by different people sits together.</p>\n\n"
        '<table class="cl-table"><thead><tr><th>Topic</th><th>What it covers</th><th>Claims</th><th>Speakers</th>'
        f"</tr></thead><tbody>{rows}</tbody></table>",
        "Topics: the same pledge made by different people, side by side.",
    )
    for entry in cat.topics.values():
        here = topic_path(entry.slug)
        speakers = list(dict.fromkeys(r.claim.speaker for r in entry.claims))
        body = (
            f"<p>{text(entry.topic.description)}</p>\n\n"
            f'<p class="cl-counts">{len(entry.claims)} claim{"s" if len(entry.claims) != 1 else ""} by '
            f'{len(speakers)} speaker{"s" if len(speakers) != 1 else ""} in {len(entry.sources)} '
            f'source{"s" if len(entry.sources) != 1 else ""}</p>\n\n'
            '<h2 id="speakers">Speakers</h2><p>' + (", ".join(_speaker_a(n, cat, links, here) for n in speakers) or "none") + "</p>\n\n"
            '<h2 id="claims">Claims</h2>' + (_claim_table(entry.claims, cat, links, here) if entry.claims
                                              else "<p>No claim on this topic yet.</p>")
        )
        pages[here] = _page(entry.topic.title, body, f"Claims on {entry.topic.title}: who said it, when and where.")
    return pages


def render_home_block(cat: Catalogue, links: Links, here: str = "index.md", latest: int = 5) -> str:
    """Counts, the latest claims and entry points, for the hand-written home page."""
    claims = sum(len(s.claims) for s in cat.sources)
    dated = [s for s in cat.sources if s.date][::-1][:latest]
    items = "".join(
        f"<li>{time_tag(s.date, s.date_precision)} — {_speaker_a(s.speaker, cat, links, here)}: {_headline_text(s)} "
        f"({_outlet_a(s.outlet, cat, links, here)}) {links.a(here, source_path(s.slug), 'read the source')}</li>"
        for s in dated
    )
    counts = (
        '<ul class="cl-stats">'
        f'<li><strong>{len(cat.sources)}</strong> {links.a(here, SOURCES, "sources")}</li>'
        f"<li><strong>{claims}</strong> claims</li>"
        f'<li><strong>{len(cat.speakers)}</strong> {links.a(here, SPEAKERS, "speakers")}</li>'
        f'<li><strong>{len(cat.outlets)}</strong> {links.a(here, OUTLETS, "outlets")}</li>'
        f'<li><strong>{sum(1 for t in cat.topics.values() if t.claims)}</strong> {links.a(here, TOPICS, "topics")}</li>'
        "</ul>"
    )
    entry = (
        '<ul class="cl-entry">'
        f'<li>{links.a(here, TIMELINE, "Timeline")}: every source in date order.</li>'
        f'<li>{links.a(here, SPEAKERS, "Speakers")}: who claimed what.</li>'
        f'<li>{links.a(here, OUTLETS, "Outlets")}: where it was published.</li>'
        f'<li>{links.a(here, TOPICS, "Topics")}: the same pledge by different people.</li>'
        f'<li>{links.a(here, "methodology.md", "Methodology")}: how to verify a claim.</li>'
        "</ul>"
    )
    return f'{counts}\n\n<h2 id="latest-claims">Latest claims</h2><ol class="cl-latest">{items}</ol>\n\n<h2 id="start-here">Start here</h2>{entry}'


def claim_records(cat: Catalogue, links: Links) -> list[dict]:
    records = []
    for s in cat.sources:
        for i, c in enumerate(s.claims):
            records.append({
                "id": f"{s.slug}#claim-{i + 1}",
                "text": c.text,
                "speaker": c.speaker,
                "source_file": s.file,
                "url": links.url_of(source_path(s.slug)) + (f"#claim-{i + 1}" if c.start is not None else ""),
                "quote": c.quote,
                "topics": list(c.topics),
                "date": s.date,
                "outlet": s.outlet,
                "provenance": c.provenance,
            })
    return records


def source_records(cat: Catalogue, links: Links) -> list[dict]:
    return [
        {
            "file": s.file,
            "url": links.url_of(source_path(s.slug)),
            "title": s.title,
            "date": s.date,
            "date_precision": s.date_precision,
            "outlet": s.outlet,
            "speaker": s.speaker,
            "speakers": [{"name": x.name, "kind": x.kind, "role": x.role, "organisation": x.organisation} for x in s.speakers],
            "claim": s.headline_claim.text if s.headline_claim else None,
            "topics": list(s.topics),
            "sha256": s.sha256,
            "provenance": dict(sorted(s.provenance.items())),
        }
        for s in cat.sources
    ]


CSV_COLUMNS = ["id", "text", "speaker", "source_file", "url", "quote", "topics", "date", "outlet", "provenance"]


def render_data(cat: Catalogue, links: Links) -> dict[str, str]:
    claims = claim_records(cat, links)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in claims:
        writer.writerow({**row, "topics": " ".join(row["topics"]), "quote": str(row["quote"]).lower()})
    dump = lambda v: json.dumps(v, ensure_ascii=False, indent=1, sort_keys=True) + "\n"  # noqa: E731
    return {
        "data/sources.json": dump(source_records(cat, links)),
        "data/claims.json": dump(claims),
        "data/claims.csv": buffer.getvalue(),
    }


def render_index_pages(cat: Catalogue, links: Links) -> dict[str, str]:
    pages = {TIMELINE: render_timeline(cat, links), SOURCES: render_sources_index(cat, links)}
    pages.update(render_speakers(cat, links))
    pages.update(render_outlets(cat, links))
    pages.update(render_topics(cat, links))
    return pages


def render_topic_table(topics) -> str:
    """The taxonomy as the methodology page shows it."""
    rows = "".join(
        f"<tr><td><code>{text(t.slug)}</code></td><td>{text(t.title)}</td><td>{text(t.description)}</td>"
        f"<td>{'<br>'.join('<code>' + text(p) + '</code>' for p in t.patterns)}</td></tr>"
        for t in topics
    )
    return ('<table class="cl-table"><thead><tr><th>Slug</th><th>Topic</th><th>What it covers</th>'
            f"<th>Patterns</th></tr></thead><tbody>{rows}</tbody></table>")


__all__ = ["render_index_pages", "render_home_block", "render_data", "human_date"]
