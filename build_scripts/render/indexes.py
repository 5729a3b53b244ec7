"""Stage 6: the index pages (timeline, sources, speakers, outlets, topics), the home
page's generated block, and the data downloads.

Each function returns text; nothing here writes a file.
"""

from __future__ import annotations

import csv
import io
import json
from contextlib import contextmanager
from typing import Iterator

from build_scripts.catalogue import Catalogue, ClaimRef, SpeakerEntry, by_time
from build_scripts.catalogue.anchors import claim_anchors
from build_scripts.render.markup import (Links, after_markdown, outlet_path, source_path, speaker_path, text, time_tag,
                     topic_path)
from build_scripts.model import Source, status_label
from build_scripts.render.pages import (archive_url, claim_dates, claim_html, outlet_link, role_of, speaker_link,
                                        status_badge, topic_links)

TIMELINE = "timeline.md"
SOURCES = "sources/index.md"
SPEAKERS = "speakers/index.md"
OUTLETS = "outlets/index.md"
TOPICS = "topics/index.md"


PER_PAGE = 100  # rows per index page: page size stays flat as the corpus grows


def _page(title: str, body: str, description: str, searchable: bool = True) -> str:
    """Generated index pages: only our own strings reach the front matter."""
    meta = json.dumps(title)  # JSON strings are valid YAML scalars
    hide = "" if searchable else "search:\n  exclude: true\n"
    return f"---\ntitle: {meta}\ndescription: {json.dumps(description)}\n{hide}---\n\n{body}\n"


def page_paths(base: str, count: int) -> list[str]:
    """'timeline.md' -> timeline.md, timeline/page-2.md, …; 'sources/index.md' -> sources/page-2.md, …"""
    stem = base[: -len("index.md")].rstrip("/") if base.endswith("index.md") else base[:-3]
    return [base] + [f"{stem}/page-{k}.md" for k in range(2, count + 1)]


_ROWS: list[tuple[dict, dict]] = []  # (the last render's rows, this one's), while `reusing_rows` is on


@contextmanager
def reusing_rows(previous: dict) -> Iterator[dict]:
    """Within: a page's rows whose facts are those of the last render (PREVIOUS, what this
    yielded last time) are taken from it, not rendered again (`paginate`'s FACTS). For
    `mkdocs serve`'s rebuilds: an edit changes a few rows of the long lists (a topic's, an
    organisation's, the timeline), and rendering all their rows again was half a rebuild."""
    rows: dict = {}
    _ROWS.append((previous, rows))
    try:
        yield rows
    finally:
        _ROWS.pop()


def paginate(base: str, title: str, description: str, items: list, render, links: Links, head=None,
             searchable: bool = True, per_page: int = PER_PAGE, facts=None) -> dict[str, str]:
    """Split a long list over numbered pages, each with a pager; `render(chunk, here)`
    gives a page's rows, `head(here)` the text above them on every page. `facts(item)`,
    when given, is everything an item's row shows (items compare by identity, so an
    unchanged source's rows compare fast): under `reusing_rows`, a page whose rows have the
    facts they had last time keeps its rows."""
    chunks = [items[i : i + per_page] for i in range(0, len(items), per_page)] or [[]]
    paths = page_paths(base, len(chunks))
    pages = {}
    reuse = _ROWS[-1] if _ROWS and facts is not None else None
    for k, (path, chunk) in enumerate(zip(paths, chunks), 1):
        pager = _pager(paths, k, path, links) if len(paths) > 1 else ""
        if reuse is None:
            rows = render(chunk, path)
        else:
            key = (path, tuple(map(facts, chunk)))
            rows = reuse[0].get(key)
            if rows is None:
                rows = render(chunk, path)
            reuse[1][key] = rows
        body = (head(path) + "\n\n" if head else "") + after_markdown(pager + rows + pager)
        label = title if k == 1 else f"{title} (page {k} of {len(paths)})"
        pages[path] = _page(label, body, description, searchable and k == 1)
    return pages


def _pager(paths: list[str], current: int, here: str, links: Links) -> str:
    """Links to the first, previous, next and last pages and the neighbours of this one."""
    shown = sorted({1, len(paths), current - 1, current, current + 1} - {0, len(paths) + 1})
    parts, last = [], 0
    for k in shown:
        if k - last > 1:
            parts.append("<li>…</li>")
        if k == current:
            parts.append(f'<li><span aria-current="page">{k}</span></li>')
        else:
            parts.append(f"<li>{links.a(here, paths[k - 1], str(k))}</li>")
        last = k
    return (f'<nav class="cl-pager" aria-label="Pages"><span>Page {current} of {len(paths)}:</span>'
            f'<ul>{"".join(parts)}</ul></nav>')


def _table(head: list[str], rows: list[str], cls: str = "cl-table") -> str:
    """An index table (Material styles only class-less tables; claimline.css styles these).
    On a narrow screen its wrapper scrolls sideways; a wrapper with no link inside takes the
    keyboard focus itself, so that it can still be scrolled without a mouse."""
    th = "".join(f'<th scope="col">{h}</th>' for h in head)
    body = "".join(rows)
    focusable = "" if "<a " in body else ' tabindex="0"'
    return (f'<div class="cl-table-wrap" role="region" aria-label="{text(", ".join(head))}"{focusable}>'
            f'<table class="{cls}"><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table></div>')


def row_facts(cat: Catalogue, speaker: str | None, outlet: str | None) -> tuple:
    """What a row shows of the catalogue beside its source: the speaker's page, the outlet's
    page and type (`speaker_link`, `outlet_link`)."""
    entry = cat.speakers.get(speaker) if speaker else None
    return (entry.slug if entry else None,
            (cat.outlets[outlet].slug, cat.outlet_type(outlet)) if outlet else None)


def claim_row_facts(cat: Catalogue, ref: ClaimRef) -> tuple:
    """A claim row's facts (`_claim_table`): the claim, its links and its status now."""
    return ref, row_facts(cat, ref.claim.speaker, ref.source.outlet), cat.status_of(ref)


def _names(names: list[str], cat: Catalogue, links: Links, here: str, limit: int = 50) -> str:
    shown = ", ".join(speaker_link(n, cat, links, here) for n in names[:limit])
    more = f" and {len(names) - limit} more" if len(names) > limit else ""
    return (shown or "none") + more


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def render_sources_index(cat: Catalogue, links: Links) -> dict[str, str]:
    def render(chunk: list[Source], here: str) -> str:
        return _table(["Date", "Source", "Speaker", "Outlet", "Claims"], [
            f"<tr><td>{time_tag(s.date, s.date_precision)}</td><td>{links.a(here, source_path(s.slug), s.title)}</td>"
            f"<td>{speaker_link(s.speaker, cat, links, here)}</td><td>{outlet_link(s.outlet, cat, links, here)}</td>"
            f"<td>{len(s.claims)}</td></tr>" for s in chunk])

    intro = f"<p>All {len(cat.sources)} sources, in date order (undated last).</p>"
    return paginate(SOURCES, "Sources", "Every source document with its date, speaker and outlet.",
                    list(cat.sources), render, links, head=lambda here: intro, searchable=False,
                    facts=lambda s: (s, row_facts(cat, s.speaker, s.outlet)))


def render_speakers(cat: Catalogue, links: Links) -> dict[str, str]:
    """The speakers index and every speaker's pages."""
    pages = render_speaker_index(cat, links)
    for entry in cat.speakers.values():
        pages.update(render_speaker_pages(entry, cat, links))
    return pages


def render_speaker_index(cat: Catalogue, links: Links) -> dict[str, str]:
    def index_rows(chunk, here: str) -> str:
        return _table(["Speaker", "Kind", "Role", "Claims", "Sources"], [
            f"<tr><td>{links.a(here, speaker_path(e.slug), e.name)}</td><td>{text(e.kind)}</td>"
            f"<td>{text('; '.join(list(dict.fromkeys(r for r, _ in e.roles))[:3]) or '—')}</td>"
            f"<td>{len(e.claims)}</td><td>{len(e.sources)}</td></tr>" for e in chunk])

    intro = f"<p>{len(cat.speakers)} people and organisations who made claims.</p>"
    return paginate(SPEAKERS, "Speakers", "Everyone quoted or reported, with their role and number of claims.",
                    list(cat.speakers.values()), index_rows, links, head=lambda here: intro)


def render_speaker_pages(entry: SpeakerEntry, cat: Catalogue, links: Links) -> dict[str, str]:
    """One speaker's pages: what they are, their roles, topics, outlets, promises, then their
    claims over time (paginated). What they read of the catalogue is `cat.speaker_page_facts`."""
    base = speaker_path(entry.slug)
    roles: dict[str, list[Source]] = {}
    for role, src in entry.roles:
        roles.setdefault(role, []).append(src)
    topics = sorted({t for ref in entry.claims for t in ref.claim.topics}, key=list(cat.topics).index)
    outlets = list(dict.fromkeys(ref.source.outlet for ref in entry.claims if ref.source.outlet))
    sources = entry.sources
    own = {id(ref) for ref in entry.claims}

    def head(here: str) -> str:
        role_items = "".join(
            f"<li>{text(role)} — in {links.a(here, source_path(srcs[0].slug), srcs[0].title)}"
            + (f" and {len(srcs) - 1} more" if len(srcs) > 1 else "") + "</li>"
            for role, srcs in list(roles.items())[:20])
        members = (f' · {_plural(len(entry.members), "claim")} by its people, listed apart'
                   if entry.members else "")
        return "\n\n".join([
            f'<p class="cl-counts">{text(entry.kind.capitalize())} · {_plural(len(entry.claims), "claim")} in '
            f'{_plural(len(sources), "source")}{members}</p>',
            f'<h2 id="roles">Roles</h2><ul>{role_items or "<li>No role stated in the sources.</li>"}</ul>',
            '<h2 id="topics">Topics</h2><p>' + (topic_links(topics, cat, links, here) or "none") + "</p>",
            '<h2 id="outlets">Outlets</h2><p>' + (", ".join(outlet_link(o, cat, links, here) for o in outlets[:50]) or "none") + "</p>",
            *promises,
            '<h2 id="claims">Claims over time</h2>',
        ])

    promises = status_meter(cat, entry)  # the same on every page: counted once
    return paginate(base, entry.name, f"Claims made by {entry.name}, over time, with sources.",
                    by_time(entry.claims + entry.members),
                    lambda chunk, here: _speaker_claims(chunk, own, cat, links, here), links, head=head,
                    facts=lambda ref: (id(ref) in own, claim_row_facts(cat, ref)))


def status_meter(cat: Catalogue, entry) -> list[str]:
    """The promises section of a speaker's or organisation's page: how many of its claims an
    editor found kept, broken, in progress…, each as words and a count ("kept 2 of 5", what a
    screen reader reads) with a <meter> bar beside it for the eye; an organisation's people's
    claims counted apart.
    Nothing when no claim has a status."""
    groups = [("", entry.claims), ("Said by its people: ", entry.members)]
    parts = []
    for label, refs in groups:
        counts = cat.status_counts(refs)
        if not counts:
            continue
        assessed = sum(counts.values())
        summary = ", ".join(f"{n} {status_label(status)}" for status, n in counts.items())
        rows = "".join(
            f'<li><span class="cl-status cl-status-{status}">{status_label(status)}</span> '
            f'<span class="cl-status-count">{n} of {assessed}</span> '
            f'<meter min="0" max="{assessed}" value="{n}" aria-hidden="true"></meter></li>'
            for status, n in counts.items())
        parts.append(f'<p class="cl-counts">{text(label)}{_plural(assessed, "claim")} of {len(cat.distinct_statements(refs))} with a promise '
                     f'status: {summary}.</p><ul class="cl-status-meter">{rows}</ul>')
    return ['<h2 id="promises">Promises</h2>' + "".join(parts)] if parts else []


def _speaker_claims(chunk: list[ClaimRef], own: set[int], cat: Catalogue, links: Links, here: str) -> str:
    """A speaker's own claims; on an organisation's page, then those of its people, apart,
    each with the role the source gives them."""
    mine = [ref for ref in chunk if id(ref) in own]
    theirs = [ref for ref in chunk if id(ref) not in own]
    parts = [_claim_table(mine, cat, links, here, False)] if mine or not theirs else []
    if theirs:
        parts.append('<h3 class="cl-members-h">Said by its people</h3><p class="cl-note">Claims of people the sources '
                     "place in this organisation, with the role each source gives them: not the organisation's own "
                     "statements.</p>" + _claim_table(theirs, cat, links, here, True, with_role=True, cls="cl-members"))
    return "".join(parts)


def _claim_table(refs: list[ClaimRef], cat: Catalogue, links: Links, here: str, show_speaker: bool = True,
                 with_role: bool = False, cls: str = "") -> str:
    """Claims with when they were said and published, who said them (and their role at the
    time), where, and a link to the passage."""
    rows = []
    for ref in refs:
        s = ref.source
        role = role_of(s, ref.claim.speaker) if with_role else ""
        who = (f"<td>{speaker_link(ref.claim.speaker, cat, links, here)}"
               + (f'<br><span class="cl-role">{text(role)}</span>' if role else "") + "</td>") if show_speaker else ""
        rows.append(
            f'<tr><td>{claim_dates(ref.claim, s)}</td>{who}<td>{claim_html(ref.claim)}{status_badge(cat.status_of(ref))}</td>'
            f"<td>{outlet_link(s.outlet, cat, links, here)}</td>"
            f"<td>{links.a(here, source_path(s.slug), s.title, anchor=ref.anchor)}</td></tr>"
        )
    head = ["Said / published"] + (["Speaker"] if show_speaker else []) + ["Claim", "Outlet", "Source"]
    return _table(head, rows, f"cl-table cl-claims-table {cls}".strip())


def render_outlets(cat: Catalogue, links: Links) -> dict[str, str]:
    unknown = sum(1 for s in cat.sources if not s.outlet)
    note = f"<p>{_plural(unknown, 'source')} with no known outlet.</p>" if unknown else ""
    intro = f"<p>{len(cat.outlets)} outlets published these sources.</p>{note}"

    def index_rows(chunk, here: str) -> str:
        return _table(["Outlet", "Type", "Sources", "Claims"], [
            f"<tr><td>{links.a(here, outlet_path(e.slug), e.name)}</td><td>{text(cat.outlet_type(e.name) or '—')}</td>"
            f"<td>{len(e.sources)}</td>"
            f"<td>{sum(len(s.claims) for s in e.sources)}</td></tr>" for e in chunk])

    pages = paginate(OUTLETS, "Outlets", "The outlets that published the sources, with counts.",
                     list(cat.outlets.values()), index_rows, links, head=lambda here: intro)
    for entry in cat.outlets.values():
        speakers = list(dict.fromkeys(c.speaker for s in entry.sources for c in s.claims))

        def head(here: str, entry=entry, speakers=speakers) -> str:
            kind = cat.outlet_type(entry.name)
            return (f'<p class="cl-counts">{text(kind.capitalize()) + " · " if kind else ""}'
                    f'{_plural(len(entry.sources), "source")} · {_plural(len(speakers), "speaker")}</p>\n\n'
                    f'<h2 id="speakers">Speakers quoted</h2><p>{_names(speakers, cat, links, here)}</p>\n\n'
                    '<h2 id="sources">Sources</h2>')

        def rows(chunk, here: str) -> str:
            return _table(["Date", "Source", "Speaker", "Headline claim"], [
                f"<tr><td>{time_tag(s.date, s.date_precision)}</td><td>{links.a(here, source_path(s.slug), s.title)}</td>"
                f"<td>{speaker_link(s.speaker, cat, links, here)}</td><td>{claim_html(s.headline_claim)}"
                + (f' ({links.a(here, source_path(s.slug), "passage", anchor=claim_anchors(s)[s.headline])})'
                   if s.headline_claim is not None else "") + "</td></tr>" for s in chunk])

        pages.update(paginate(outlet_path(entry.slug), entry.name, f"Sources published by {entry.name}.",
                              entry.sources, rows, links, head=head,
                              facts=lambda s: (s, row_facts(cat, s.speaker, None))))
    return pages


def render_topics(cat: Catalogue, links: Links) -> dict[str, str]:
    pages = {TOPICS: _page(
        "Topics",
        "<p>Claims clustered by what they promise, so the same pledge made by different people sits together.</p>\n\n"
        + _table(["Topic", "What it covers", "Claims", "Speakers"], [
            f"<tr><td>{links.a(TOPICS, topic_path(e.slug), e.topic.title)}</td><td>{text(e.topic.description)}</td>"
            f"<td>{len(e.claims)}</td><td>{len({r.claim.speaker for r in e.claims})}</td></tr>"
            for e in cat.topics.values()]),
        "Topics: the same pledge made by different people, side by side.",
    )}
    for entry in cat.topics.values():
        counts: dict[str, int] = {}
        for ref in entry.claims:
            counts[ref.claim.speaker] = counts.get(ref.claim.speaker, 0) + 1
        speakers = sorted(counts, key=lambda n: (-counts[n], n.casefold()))
        story = first_reports(entry.claims, cat)
        repeated = (f' · {_plural(len(story), "statement")}: each once, at its first report (its card lists the others)'
                    if len(story) < len(entry.claims) else "")

        def head(here: str, entry=entry, speakers=speakers, repeated=repeated) -> str:
            return (f"<p>{text(entry.topic.description)}</p>\n\n"
                    f'<p class="cl-counts">{_plural(len(entry.claims), "claim")} by {_plural(len(speakers), "speaker")} '
                    f'in {_plural(len(entry.sources), "source")}{repeated}</p>\n\n'
                    f'<h2 id="speakers">Speakers</h2><p>{_names(speakers, cat, links, here)}</p>\n\n'
                    '<h2 id="claims">Claims</h2>' + ("" if entry.claims else "<p>No claim on this topic yet.</p>"))

        pages.update(paginate(topic_path(entry.slug), entry.topic.title,
                              f"Claims on {entry.topic.title}: who said it, when and where.",
                              by_time(story), lambda chunk, here: _claim_table(chunk, cat, links, here) if chunk else "",
                              links, head=head, searchable=False, facts=lambda ref: claim_row_facts(cat, ref)))
    return pages


def first_reports(refs: list[ClaimRef], cat: Catalogue) -> list[ClaimRef]:
    """Each statement among `refs` once, as its first report: the same pledge read as one
    story, not once per outlet that repeated it."""
    return list(dict.fromkeys(cat.appearances(ref)[0] for ref in refs))


def render_home_block(cat: Catalogue, links: Links, here: str = "index.md", latest: int = 5) -> str:
    """Counts, the latest claims and entry points, for the hand-written home page."""
    claims = sum(len(s.claims) for s in cat.sources)
    dated = [s for s in cat.sources if s.date][::-1][:latest]
    items = "".join(
        f"<li>{time_tag(s.date, s.date_precision)} — {speaker_link(s.speaker, cat, links, here)}: {claim_html(s.headline_claim)} "
        f"({outlet_link(s.outlet, cat, links, here)}) "
        + (f'<span class="cl-dates">{claim_dates(s.headline_claim, s)}</span> '
           if s.headline_claim is not None and s.headline_claim.said_on else "")
        + (links.a(here, source_path(s.slug), "read the passage", anchor=claim_anchors(s)[s.headline])
           if s.headline_claim is not None else links.a(here, source_path(s.slug), "read the source"))
        + "</li>"
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
        f'<li>{links.a(here, TIMELINE, "Timeline")}: every claim in date order.</li>'
        f'<li>{links.a(here, SPEAKERS, "Speakers")}: who claimed what.</li>'
        f'<li>{links.a(here, OUTLETS, "Outlets")}: where it was published.</li>'
        f'<li>{links.a(here, TOPICS, "Topics")}: the same pledge by different people.</li>'
        f'<li>{links.a(here, "methodology.md", "Methodology")}: how to verify a claim.</li>'
        "</ul>"
    )
    return f'{counts}\n\n## Latest claims\n\n<ol class="cl-latest">{items}</ol>\n\n## Start here\n\n{entry}\n'


def claim_id(ref: ClaimRef) -> str:
    """A claim's id in the data files: its page's slug and its anchor."""
    return f"{ref.source.slug}#{ref.anchor}"


def appearance_positions(cat: Catalogue) -> dict[ClaimRef, int]:
    """Each claim's place among the reports of its statement, 1 for the first: read once per
    statement, as asking each report for its index would cost a group's size squared."""
    return {ref: k for first in cat.statements() for k, ref in enumerate(cat.appearances(first), 1)}


def claim_records(cat: Catalogue, links: Links) -> list[dict]:
    """One record per claim, with its statement (the id of the first report of the same
    words by the same speaker), its place among the reports (1: the first said or published)
    and their number. Not the list of reports: a statement repeated by a thousand sources
    would put a thousand ids in each of a thousand records; the claims sharing a `statement`,
    by `appearance`, are that list (the SQLite export's `appearances` table holds it)."""
    records = []
    positions = appearance_positions(cat)
    for s in cat.sources:
        for index, (anchor, c) in enumerate(zip(claim_anchors(s), s.claims)):
            ref = ClaimRef(s, index)
            reports = cat.appearances(ref)
            records.append({
                "id": f"{s.slug}#{anchor}",
                "text": c.text,
                "speaker": c.speaker,
                "speaker_role": role_of(s, c.speaker) or None,
                "source_file": s.file,
                "source_title": s.title,
                "url": links.absolute(source_path(s.slug), anchor),
                "quote": c.quote,
                "topics": list(c.topics),
                "date": s.date,
                "date_precision": s.date_precision,
                "date_provenance": s.provenance.get("date") if s.date else None,
                "outlet": s.outlet,
                "provenance": c.provenance,
                "said_on": c.said_on,
                "said_precision": c.said_precision,
                "said_note": c.said_note,
                "status": cat.status_of(ref),
                "status_history": [{"date": x.on, "status": x.status, "note": x.note, "evidence": list(x.evidence)}
                                   for x in cat.status_history(ref)],
                "statement": claim_id(reports[0]),
                "appearance": positions[ref],
                "appearances": len(reports),
            })
    return records


def source_records(cat: Catalogue, links: Links) -> list[dict]:
    return [
        {
            "file": s.file,
            "url": links.absolute(source_path(s.slug)),
            "title": s.title,
            "date": s.date,
            "date_precision": s.date_precision,
            "outlet": s.outlet,
            "outlet_type": cat.outlet_type(s.outlet),
            "original_url": s.url,
            "archived_url": archive_url(s),
            "retrieved": s.retrieved,
            "speaker": s.speaker,
            "speakers": [{"name": x.name, "kind": x.kind, "role": x.role, "organisation": x.organisation} for x in s.speakers],
            "claim": s.headline_claim.text if s.headline_claim else None,
            "topics": list(s.topics),
            "sha256": s.sha256,
            "provenance": dict(sorted(s.provenance.items())),
        }
        for s in cat.sources
    ]


CSV_COLUMNS = ["id", "text", "speaker", "source_file", "url", "quote", "topics", "date", "outlet", "provenance",
               "said_on", "said_precision", "said_note", "status", "speaker_role", "source_title", "date_precision",
               "date_provenance", "statement", "appearance", "appearances"]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # what makes a spreadsheet read a cell as a formula (OWASP)


def spreadsheet_text(value: object) -> str:
    """A CSV cell a spreadsheet shows as text: one that would start a formula gets a
    leading quote, as OWASP's CSV-injection advice says (the JSON keeps the exact text)."""
    cell = "" if value is None else str(value)
    return "'" + cell if cell.startswith(FORMULA_START) else cell


def render_data(cat: Catalogue, links: Links) -> dict[str, str]:
    claims = claim_records(cat, links)
    buffer = io.StringIO()
    # Every cell quoted (OWASP): a separator or line break inside a value cannot start a new cell or row.
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writeheader()
    for row in claims:
        cells = {**{column: row[column] for column in CSV_COLUMNS}, "topics": " ".join(row["topics"]),
                 "quote": str(row["quote"]).lower()}  # the JSON's nested fields (a status history) stay out
        writer.writerow({column: spreadsheet_text(value) for column, value in cells.items()})
    def dump(records: list[dict]) -> str:
        """One record per line: readable, diff-friendly, and written by json's C encoder
        (an `indent` would switch it to the pure-Python one, ten times slower)."""
        lines = [json.dumps(r, ensure_ascii=False, sort_keys=True) for r in records]
        return "[\n" + ",\n".join(lines) + "\n]\n"

    return {
        "data/sources.json": dump(source_records(cat, links)),
        "data/claims.json": dump(claims),
        "data/claims.csv": buffer.getvalue(),
    }


def render_topic_table(topics) -> str:
    """The taxonomy as the methodology page shows it."""
    return _table(["Slug", "Topic", "What it covers", "Patterns"], [
        f"<tr><td><code>{text(t.slug)}</code></td><td>{text(t.title)}</td><td>{text(t.description)}</td>"
        f"<td class=\"cl-patterns\">{'<br>'.join('<code>' + text(p) + '</code>' for p in t.patterns)}</td></tr>"
        for t in topics])
