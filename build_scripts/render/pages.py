"""Stage 5: one Markdown page per source, with front matter and anchored claims.

The front matter is the machine-readable record (`claim`, `speaker`, `outlet`, …);
the body shows the same facts to a reader, with every claim linked to the exact
passage of the cleaned article and the verbatim original below it.
"""

from __future__ import annotations

import frontmatter

from build_scripts.extract.read import is_html_seed
from build_scripts.catalogue import Catalogue, ClaimRef
from build_scripts.catalogue.anchors import Landing, claim_anchors
from build_scripts.render.front_matter import FrontMatterHandler
from build_scripts.render.markup import Links, after_markdown, badge, human_date, outlet_path, source_path, speaker_path, text, time_tag, topic_path
from build_scripts.model import Claim, Source, StatusChange, precision_of, status_label

ORIGINAL_NAME = "original.txt"
ORIGINAL_HTML_NAME = "original.html.txt"
"""A saved page's original is published byte for byte, but never as a page: its name ends
in .txt, so every static host (and `mkdocs serve`) sends it as text/plain and a browser
shows its source instead of running it; the link to it says `type="text/plain"` and
`download`. Served as .html it would run the page's scripts, iframes, forms, meta refresh
and tracking pixels under the site's own origin. The source page never inlines its markup
either: it shows the article text trafilatura took from it (escaped, as a text seed's),
and the HTML only through the download."""
_HANDLER = FrontMatterHandler()


def front_matter(source: Source) -> dict:
    headline = source.headline_claim
    return {
        "title": source.title,
        "date": source.date,
        "date_precision": source.date_precision,
        "date_note": source.date_note,
        "claim": headline.text if headline else None,
        "speaker": source.speaker,
        "outlet": source.outlet,
        **({"outlet_type": source.outlet_type} if source.outlet_type else {}),
        "via": source.via,
        "author": source.author,
        "url": source.url,
        "speakers": [
            {"name": s.name, "kind": s.kind, "role": s.role, "organisation": s.organisation, "provenance": s.provenance}
            for s in source.speakers
        ],
        "claims": [
            {"id": anchor, "text": c.text, "speaker": c.speaker, "quote": c.quote,
             "topics": list(c.topics), "provenance": c.provenance,
             "said_on": c.said_on, "said_precision": c.said_precision, "said_note": c.said_note,
             **({"status": c.status} if c.status else {})}
            for anchor, c in zip(claim_anchors(source), source.claims)
        ],
        "topics": list(source.topics),
        "source": {"file": source.file, "sha256": source.sha256, "bytes": source.size, "encoding": source.encoding},
        "provenance": dict(sorted(source.provenance.items())),
        "description": _description(source),
    }


def _description(source: Source) -> str:
    headline = source.headline_claim
    if headline is None:
        return f"{source.title} ({source.outlet or 'unknown outlet'})"
    mark = "“{}”" if headline.quote else "{}"
    return f"{source.speaker}: " + mark.format(headline.text)[:240]


def render_source_page(source: Source, catalogue: Catalogue, links: Links) -> str:
    here = source_path(source.slug)
    parts = [
        after_markdown(_summary(source, catalogue, links, here)),
        "## Claims",
        after_markdown(_claims_list(source, catalogue, links, here)),
        "## Article text",
        after_markdown(_article(source, catalogue)),
        "## Original",
        after_markdown(_original(source)),
        "## Related sources",
        after_markdown(_related(source, catalogue, links, here)),
    ]
    post = frontmatter.Post("\n\n".join(parts) + "\n", **front_matter(source))
    return frontmatter.dumps(post, handler=_HANDLER) + "\n"


def speaker_link(name: str | None, catalogue: Catalogue, links: Links, here: str) -> str:
    entry = catalogue.speakers.get(name) if name else None
    return links.a(here, speaker_path(entry.slug), name) if entry else text(name or "unknown speaker")


def outlet_link(outlet: str | None, catalogue: Catalogue, links: Links, here: str) -> str:
    """The outlet's page, with what the outlet is (newspaper, state media…) as a small label."""
    if not outlet:
        return '<span class="cl-unknown">unknown outlet</span>'
    return links.a(here, outlet_path(catalogue.outlets[outlet].slug), outlet) + outlet_type_label(catalogue.outlet_type(outlet))


def outlet_type_label(kind: str | None) -> str:
    return f' <span class="cl-outlet-type" title="what this outlet is">{text(kind)}</span>' if kind else ""


def status_badge(status: str | None) -> str:
    """A promise's status now, in words (never colour alone)."""
    if not status:
        return ""
    return (f' <span class="cl-status cl-status-{text(status)}" title="promise status, as an editor assessed it">'
            f"promise: {text(status_label(status))}</span>")


def status_history_html(history: tuple[StatusChange, ...]) -> str:
    """Every dated change of a promise's status, oldest first, with the editor's note and the
    evidence links (opened as outside pages, never loaded by the site)."""
    if not history:
        return ""
    items = "".join(
        f"<li>{time_tag(change.on, precision_of(change.on))}: <strong>{text(status_label(change.status))}</strong>"
        + (f" — {text(change.note)}" if change.note else "")
        + ("".join(f' <a class="cl-evidence" href="{text(url)}" rel="nofollow noopener noreferrer">evidence {k}</a>'
                   for k, url in enumerate(change.evidence, 1)))
        + "</li>"
        for change in history
    )
    # A <ul>, never an <ol>: the card sits in the claims' <ol data-search-exclude>, and Material's
    # search parser compares elements by tag, so closing an inner <ol> ends the exclusion.
    return (f'<details class="cl-status-history"><summary>Status history ({len(history)} '
            f'{"change" if len(history) == 1 else "changes"})</summary><ul class="cl-status-changes">{items}</ul></details>')


def topic_links(topics, catalogue: Catalogue, links: Links, here: str) -> str:
    return " ".join(
        links.a(here, topic_path(t), catalogue.topics[t].topic.title, cls="cl-topic") for t in topics
    )


def claim_html(claim: Claim | None) -> str:
    """A direct quote in <q>, a reported claim as plain text."""
    if claim is None:
        return '<span class="cl-note">no claim found</span>'
    return f"<q>{text(claim.text)}</q>" if claim.quote else f'<span class="cl-reported">{text(claim.text)}</span>'


def _summary(source: Source, catalogue: Catalogue, links: Links, here: str) -> str:
    prov = source.provenance
    headline = source.headline_claim
    rows = []
    if headline is not None:
        rows.append(
            '<blockquote class="cl-headline-claim"><p>' + claim_html(headline) + "</p><p>— "
            + speaker_link(headline.speaker, catalogue, links, here)
            + status_badge(catalogue.status_of(ClaimRef(source, source.headline)))
            + f' · <a href="#{claim_anchors(source)[source.headline]}">read the passage</a></p>'
            + (f'<p class="cl-dates">{claim_dates(headline, source)}</p>' if headline.said_on else "") + "</blockquote>"
        )
    else:
        rows.append('<p class="cl-warning">No claim was found in this source.</p>')
    facts = [
        ("Date", time_tag(source.date, source.date_precision) + badge(prov.get("date"))
         + (f'<br><span class="cl-note">{text(source.date_note)}</span>' if source.date_note else "")),
        ("Outlet", outlet_link(source.outlet, catalogue, links, here) + badge(prov.get("outlet"))),
    ]
    if source.via:
        facts.append(("Via", text(source.via) + badge(prov.get("via"))))
    if source.author:
        facts.append(("Author", text(source.author) + badge(prov.get("author"))))
    if source.url:
        facts.append(("Original article", link_out(source, badge(prov.get("url", "curated")))))
    speakers = "".join(
        "<li>" + speaker_link(s.name, catalogue, links, here)
        + (f' — {text(", ".join(x for x in (s.role, s.organisation) if x))}' if s.role or s.organisation else "")
        + badge(s.provenance) + "</li>"
        for s in source.speakers
    )
    facts.append(("Speakers", f"<ul>{speakers}</ul>" if speakers else "none found"))
    facts.append(("Topics", (topic_links(source.topics, catalogue, links, here) or "none") + badge(prov.get("topics"))))
    facts.append(("Title", text(source.title) + badge(prov.get("title"))))
    facts.append((
        "Source file",
        f"<code>{text(source.file)}</code>, {source.size} bytes ({text(source.encoding)}), sha256 "
        f'<code class="cl-sha">{source.sha256}</code> · <a href="{links.href(here, original_path(source))}" '
        f'type="text/plain"{" download" if is_html_original(source) else ""}>download the original'
        f'{" (the saved page, as text)" if is_html_original(source) else ""}</a>',
    ))
    dl = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in facts)
    return "\n".join(rows) + f'\n\n<dl class="cl-facts">{dl}</dl>'


ARCHIVE = "https://web.archive.org/web/"


def archive_url(source: Source) -> str | None:
    """The Wayback Machine's copy of the source's URL nearest its publication date (else the
    day it was downloaded; else the latest copy), to the date's precision: `…/web/20210614/URL`."""
    if not source.url:
        return None
    when = source.date or source.retrieved
    return f"{ARCHIVE}{when.replace('-', '') + '/' if when else ''}{source.url}"


def link_out(source: Source, provenance: str = "") -> str:
    """The original article's address (then where it comes from) and its archived copy, both
    marked as leaving the site."""
    archived = archive_url(source)
    dated = "the copy nearest its publication date" if source.date else (
        "the copy nearest the day it was downloaded" if source.retrieved else "the latest copy")
    return (f'<a href="{text(source.url)}" class="cl-link-out" rel="nofollow noopener">{text(source.url)}</a>{provenance}'
            f'<br><a href="{text(archived)}" class="cl-link-out cl-archived" rel="nofollow noopener">archived copy</a> '
            f'<span class="cl-note">(Internet Archive: {dated})</span>')


def is_html_original(source: Source) -> bool:
    return is_html_seed(source.file)


def original_path(source: Source) -> str:
    return f"sources/{source.slug}/{ORIGINAL_HTML_NAME if is_html_original(source) else ORIGINAL_NAME}"


def date_phrase(date: str | None, precision: str | None) -> str:
    """'on 7 June 2021', 'in the week of 7 June 2021', 'in June 2021', 'in 2019': how a
    citation and a card say when."""
    return f"{preposition(date, precision)} {human_date(date, precision)}"


def preposition(date: str | None, precision: str | None) -> str:
    if precision == "week":
        return "in the"
    return "on" if precision in (None, "day") and date and date.count("-") == 2 else "in"


def claim_dates(claim: Claim, source: Source) -> str:
    """When the words were said, when the text says so (with where that date comes from),
    apart from when the source was published."""
    parts = []
    if claim.said_on:
        when = preposition(claim.said_on, claim.said_precision)
        note = f' <span class="cl-note cl-said-note">({text(claim.said_note)})</span>' if claim.said_note else ""
        parts.append(f'<span class="cl-said">said {when} {time_tag(claim.said_on, claim.said_precision)}{note}</span>')
    if source.date:
        when = preposition(source.date, source.date_precision)
        parts.append(f'<span class="cl-published">published {when} {time_tag(source.date, source.date_precision)}</span>')
    else:
        parts.append(f'<span class="cl-published">{"publication date unknown" if claim.said_on else "undated"}</span>')
    return " · ".join(parts)


def role_of(source: Source, name: str) -> str:
    """The speaker's role and organisation as this source gives them."""
    speaker = next((s for s in source.speakers if s.name == name), None)
    return ", ".join(x for x in (speaker.role, speaker.organisation) if x) if speaker else ""


def citation(source: Source, index: int, links: Links) -> str:
    """A claim as a journalist cites it: speaker (role), the words, when said, the source
    (title, outlet, publication date) and the claim's stable URL."""
    claim, anchor = source.claims[index], claim_anchors(source)[index]
    role = role_of(source, claim.speaker)
    who = f"{claim.speaker} ({role})" if role else claim.speaker
    words = f"{who}: “{claim.text}”" if claim.quote else f"{who}, as reported: {claim.text}"
    words += "" if claim.text.rstrip().endswith((".", "!", "?", "…")) else "."
    said = f" Said {date_phrase(claim.said_on, claim.said_precision)}." if claim.said_on else ""
    published = f"published {date_phrase(source.date, source.date_precision)}" if source.date else "publication date unknown"
    where = f"In “{source.title}”, {source.outlet or 'unknown outlet'}, {published}."
    url = links.absolute(source_path(source.slug), anchor)
    return f"{words}{said} {where} {url}"


def _claims_list(source: Source, catalogue: Catalogue, links: Links, here: str) -> str:
    """One card per claim: what was said, by whom, when said and published, where the
    passage is, and a citation to copy. A card's id is its claim's anchor + `-card` (the
    anchor itself marks the passage); a claim not found in the text has the anchor on its card."""
    if not source.claims:
        return "<p>No claim was found in this source.</p>"
    anchors = claim_anchors(source)
    legacy = _legacy_by_claim(catalogue.landings.get(source.slug, ()))
    items = []
    for i, claim in enumerate(source.claims):
        n, anchor, ref = i + 1, anchors[i], ClaimRef(source, i)
        kind = "Direct quote" if claim.quote else "Reported claim"
        found = claim.start is not None
        passage = (f'<a href="#{anchor}" class="cl-goto">read the passage</a>' if found
                   else '<span class="cl-note">not found in the text</span>')
        ident = f"{anchor}-card" if found else anchor
        kept = "" if found else "".join(_legacy_span(old, anchor) for old in legacy.get(i, ()))
        items.append(
            f'<li id="{ident}" class="cl-claim" data-claim="{anchor}">{kept}'
            f'<a class="cl-permalink" href="#{anchor}" aria-label="Link to claim {n}" title="Link to this claim">#{n}</a> '
            f'<span class="cl-kind">{kind}</span>{badge(claim.provenance)}{status_badge(catalogue.status_of(ref))} '
            f"{claim_html(claim)} — {speaker_link(claim.speaker, catalogue, links, here)}"
            + (f" · {topic_links(claim.topics, catalogue, links, here)}" if claim.topics else "")
            + f" · {passage}"
            + f'<br><span class="cl-dates">{claim_dates(claim, source)}</span>'
            + status_history_html(catalogue.status_history(ref))
            + _also_reported(ref, catalogue, links, here)
            + _cite_box(citation(source, i, links), anchor, links)
            + "</li>"
        )
    return '<ol class="cl-claims">' + "".join(items) + "</ol>"


ALSO_REPORTED_SHOWN = 10  # a much-repeated statement lists its first reports, then a count


def _also_reported(ref: ClaimRef, catalogue: Catalogue, links: Links, here: str) -> str:
    """The other reports of the same statement (near-identical words, same speaker), first
    said first, each linked to its passage; says whether this report is the first."""
    reports = catalogue.appearances(ref)
    others = [r for r in reports if r.source is not ref.source]
    if not others:
        return ""
    first = reports[0].source is ref.source
    shown = others[:ALSO_REPORTED_SHOWN]
    items = "".join(
        f"<li>{links.a(here, source_path(r.source.slug), r.source.title, anchor=r.anchor)} "
        f"({text(r.source.outlet or 'unknown outlet')}, {time_tag(r.said_or_published, r.claim.said_precision if r.claim.said_on else r.source.date_precision)})"
        + (' <span class="cl-first-report">first report</span>' if r is reports[0] else "") + "</li>"
        for r in shown)
    more = f"<li>and {len(others) - len(shown)} more</li>" if len(others) > len(shown) else ""
    lead = "First reported here; also reported by" if first else "Also reported by"
    return (f'<div class="cl-appearances" data-statement="{text(reports[0].source.slug)}#{reports[0].anchor}">'
            f'{lead} {_count(len(others), "other source")}:<ul>{items}{more}</ul></div>')


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _cite_box(words: str, anchor: str, links: Links) -> str:
    """The citation as selectable text, opened with the keyboard or a click; the page script
    adds a copy button where the Clipboard API is available (and makes a site-relative URL
    absolute from the page's own address)."""
    relative = "" if links.site_url else " data-relative"
    return (
        f'<details class="cl-cite"><summary>Cite this claim</summary>'
        f'<label class="cl-cite-label" for="{anchor}-cite">Citation</label>'
        f'<textarea id="{anchor}-cite" class="cl-cite-text" rows="3" readonly data-anchor="{anchor}"{relative}>'
        f"{text(words)}</textarea>"
        f'<button type="button" class="md-button cl-copy" data-copy="{anchor}-cite" hidden>Copy citation</button>'
        '<span class="cl-copied" role="status"></span></details>'
    )


def _legacy_by_claim(landings: tuple[Landing, ...]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    for landing in landings:
        if landing.claim is not None:
            found.setdefault(landing.claim, []).append(landing.legacy)
    return found


def _legacy_span(legacy: str, anchor: str) -> str:
    """An old positional anchor kept where it lands now: without script the browser scrolls
    to it and the style sheet highlights the passage right after it."""
    return f'<span id="{legacy}" class="cl-anchor cl-legacy" data-claim="{anchor}"></span>'


def _landing_label(source: Source, claim: Claim, anchor: str) -> str:
    """Shown beside a passage a reader landed on: whose claim, when, and a link back to its card."""
    when = human_date(claim.said_on, claim.said_precision) if claim.said_on else human_date(source.date, source.date_precision)
    return (f'<a class="cl-landing" href="#{anchor}-card" data-search-exclude title="Back to this claim in the list">'
            f"claim · {text(claim.speaker)} · {text(when)}</a>")


def _article(source: Source, catalogue: Catalogue) -> str:
    """The cleaned body with each claim's passage marked. A passage that crosses a paragraph
    break is marked in each paragraph, the first part carrying the anchor and followed by
    the landing label; a passage inside another one gets an anchor only. Old positional
    anchors stand just before the passage they land on."""
    body, anchors = source.body, claim_anchors(source)
    legacy = _legacy_by_claim(catalogue.landings.get(source.slug, ()))
    marks: dict[int, tuple[int, str, str, str]] = {}  # start -> (end, opening tag, reopening tag, label)
    inserts: dict[int, list[str]] = {}
    last_end = -1
    placed = sorted((c.start, -c.end, i) for i, c in enumerate(source.claims) if c.start is not None)
    for start, minus_end, i in placed:
        end, anchor, claim = -minus_end, anchors[i], source.claims[i]
        old = "".join(_legacy_span(x, anchor) for x in legacy.get(i, ()))
        if start < last_end or start >= end:
            inside = next((anchors[j] for s, e, j in placed if s <= start < -e and j != i and start >= 0), "")
            within = f' data-within="{inside}"' if inside else ""
            inserts.setdefault(start, []).append(
                f'{old}<span id="{anchor}" class="cl-anchor" data-claim="{anchor}"{within}></span>')
            continue
        marks[start] = (end, f'{old}<mark id="{anchor}" tabindex="-1" class="cl-passage" data-claim="{anchor}">',
                        f'<mark class="cl-passage" data-claim="{anchor}">', _landing_label(source, claim, anchor))
        last_end = end
    for landing in catalogue.landings.get(source.slug, ()):
        if landing.claim is None:  # its words are no longer a claim, but still in the text
            free = all(landing.end <= s or landing.start >= e for s, (e, *_) in marks.items())
            if free:
                marks[landing.start] = (landing.end, f'{_legacy_span(landing.legacy, landing.legacy)}'
                                        f'<mark class="cl-passage cl-former" data-claim="{landing.legacy}">',
                                        f'<mark class="cl-passage cl-former" data-claim="{landing.legacy}">',
                                        '<a class="cl-landing" href="#claims" data-search-exclude title="The list of claims">'
                                        "an earlier claim, no longer listed as one</a>")
            else:
                inserts.setdefault(landing.start, []).append(_legacy_span(landing.legacy, landing.legacy))
    return '<div class="cl-article">' + "".join(
        f"<p>{p}</p>" for p in _marked(body, marks, inserts).split("&#10;&#10;")) + "</div>"


def _marked(body: str, marks: dict[int, tuple[int, str, str, str]], inserts: dict[int, list[str]]) -> str:
    """The escaped body with the marks opened and closed (closed and reopened at each
    paragraph break) and the inserts placed."""
    cuts = sorted({0, len(body), *marks, *(m[0] for m in marks.values()), *inserts})
    out: list[str] = []
    open_mark: tuple[int, str, str, str] | None = None
    first = False
    for a, b in zip(cuts, cuts[1:] + [None]):
        if open_mark and open_mark[0] == a:
            out.append("</mark>" + (open_mark[3] if first else ""))
            open_mark = None
        out.extend(inserts.get(a, ()))
        if a in marks and open_mark is None:
            open_mark, first = marks[a], True
            out.append(open_mark[1])
        if b is None:
            break
        piece = body[a:b]
        if open_mark is None:
            out.append(text(piece))
            continue
        for k, part in enumerate(piece.split("\n\n")):
            if k:
                out.append("</mark>" + (open_mark[3] if first else "") + "&#10;&#10;" + open_mark[2])
                first = False
            out.append(text(part))
    if open_mark:
        out.append("</mark>" + (open_mark[3] if first else ""))
    return "".join(out)


def _original(source: Source) -> str:
    """The verbatim text and the removed lines; kept out of the search index, which
    already holds the cleaned article. A saved page's markup is not shown (see
    ORIGINAL_HTML_NAME): the download has it."""
    if is_html_original(source):
        return (
            '<details class="cl-original" data-search-exclude><summary>Original saved page '
            f'(sha256 <code>{source.sha256[:16]}…</code>)</summary><p>The article text above is the main text '
            'trafilatura extracted from the saved page; its title, outlet, author, date and address come from '
            'the page\'s metadata where it states them (marked <em>page metadata</em>). The page itself, '
            'byte for byte, is the download above, as plain text: it is never served as a web page.</p></details>'
        )
    width = max((len(r.rule) for r in source.removed), default=0)
    removed = "&#10;".join(f"{r.line:>5}  {text(r.rule):<{width}}  {text(r.text)}" for r in source.removed)
    listing = (
        f'<p>Lines removed as page furniture (line, rule, text):</p><pre class="cl-removed">{removed}</pre>'
        if removed else "<p>No line was removed.</p>"
    )
    return (
        '<details class="cl-original" data-search-exclude><summary>Verbatim original text as copied '
        f'(sha256 <code>{source.sha256[:16]}…</code>)</summary>'
        f'<pre class="cl-verbatim">{text(source.original)}</pre>{listing}</details>'
    )


def _related(source: Source, catalogue: Catalogue, links: Links, here: str) -> str:
    prev, nxt = catalogue.neighbours(source)
    nav = []
    if prev:
        nav.append(f"<li>Previous in time: {links.a(here, source_path(prev.slug), prev.title)} ({text(human_date(prev.date, prev.date_precision))})</li>")
    if nxt:
        nav.append(f"<li>Next in time: {links.a(here, source_path(nxt.slug), nxt.title)} ({text(human_date(nxt.date, nxt.date_precision))})</li>")
    nav.append(f'<li>{links.a(here, "timeline.md", "All sources on the timeline")}</li>')
    sections = ['<ul class="cl-neighbours">' + "".join(nav) + "</ul>"]
    labels = {"speaker": "Same speaker", "topic": "Same topic", "outlet": "Same outlet"}
    more_pages = {
        "speaker": [(speaker_path(catalogue.speakers[s.name].slug), s.name) for s in source.speakers if s.name in catalogue.speakers],
        "topic": [(topic_path(t), catalogue.topics[t].topic.title) for t in source.topics],
        "outlet": [(outlet_path(catalogue.outlets[source.outlet].slug), source.outlet)] if source.outlet else [],
    }
    for key, (others, more) in catalogue.related(source).items():
        if not others:
            continue
        items = "".join(
            f"<li>{links.a(here, source_path(o.slug), o.title)} — {time_tag(o.date, o.date_precision)}</li>" for o in others
        )
        if more:
            pages = ", ".join(links.a(here, path, label) for path, label in more_pages[key][:5])
            items += f"<li>More on the pages of {pages}.</li>"
        sections.append(f'<h3 class="cl-related-h">{labels[key]}</h3>\n<ul class="cl-related">{items}</ul>')
    return "\n".join(sections)
