"""Stage 5: one Markdown page per source, with front matter and anchored claims.

The front matter is the machine-readable record (`claim`, `speaker`, `outlet`, …);
the body shows the same facts to a reader, with every claim linked to the exact
passage of the cleaned article and the verbatim original below it.
"""

from __future__ import annotations

import frontmatter

from build_scripts.extract.read import is_html_seed
from build_scripts.catalogue import Catalogue
from build_scripts.render.front_matter import FrontMatterHandler
from build_scripts.render.markup import Links, after_markdown, badge, human_date, outlet_path, source_path, speaker_path, text, time_tag, topic_path
from build_scripts.model import Claim, Source

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
        "via": source.via,
        "author": source.author,
        "url": source.url,
        "speakers": [
            {"name": s.name, "kind": s.kind, "role": s.role, "organisation": s.organisation, "provenance": s.provenance}
            for s in source.speakers
        ],
        "claims": [
            {"id": f"claim-{i + 1}", "text": c.text, "speaker": c.speaker, "quote": c.quote,
             "topics": list(c.topics), "provenance": c.provenance}
            for i, c in enumerate(source.claims)
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
        after_markdown(_article(source)),
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
    if not outlet:
        return '<span class="cl-unknown">unknown outlet</span>'
    return links.a(here, outlet_path(catalogue.outlets[outlet].slug), outlet)


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
            + f' · <a href="#claim-{source.headline + 1}">read the passage</a></p></blockquote>'
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
        facts.append(("Original article", f'<a href="{text(source.url)}" rel="nofollow noopener">{text(source.url)}</a>' + badge(prov.get("url", "curated"))))
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


def is_html_original(source: Source) -> bool:
    return is_html_seed(source.file)


def original_path(source: Source) -> str:
    return f"sources/{source.slug}/{ORIGINAL_HTML_NAME if is_html_original(source) else ORIGINAL_NAME}"


def _claims_list(source: Source, catalogue: Catalogue, links: Links, here: str) -> str:
    if not source.claims:
        return "<p>No claim was found in this source.</p>"
    items = []
    for i, claim in enumerate(source.claims):
        n = i + 1
        kind = "Direct quote" if claim.quote else "Reported claim"
        passage = (
            f'<a href="#claim-{n}" class="cl-goto">read the passage</a>'
            if claim.start is not None else '<span class="cl-note">not found in the text</span>'
        )
        items.append(
            f'<li id="claim-{n}-card" class="cl-claim">'
            f'<a class="cl-permalink" href="#claim-{n}" aria-label="Permalink to claim {n}" title="Link to claim {n}">#{n}</a> '
            f'<span class="cl-kind">{kind}</span>{badge(claim.provenance)} '
            f"{claim_html(claim)} — {speaker_link(claim.speaker, catalogue, links, here)}"
            + (f" · {topic_links(claim.topics, catalogue, links, here)}" if claim.topics else "")
            + f" · {passage}</li>"
        )
    return '<ol class="cl-claims">' + "".join(items) + "</ol>"


def _article(source: Source) -> str:
    """The cleaned body with each claim's passage marked; a passage that crosses a
    paragraph break is marked in each paragraph, the first part carrying the anchor."""
    body = source.body
    marks = []
    last_end = -1
    for i, claim in enumerate(source.claims):
        if claim.start is None:
            continue
        if claim.start < last_end:
            marks.append((claim.start, claim.start, i + 1))  # overlapping: anchor only
            continue
        marks.append((claim.start, claim.end, i + 1))
        last_end = claim.end
    out, pos = [], 0
    for start, end, n in marks:
        out.append(text(body[pos:start]))
        if start == end:
            out.append(f'<span id="claim-{n}" class="cl-anchor"></span>')
        else:
            pieces = body[start:end].split("\n\n")
            rendered = []
            for k, piece in enumerate(pieces):
                ident = f' id="claim-{n}" tabindex="-1"' if k == 0 else ""
                rendered.append(f'<mark{ident} class="cl-passage" data-claim="{n}">{text(piece)}</mark>')
            out.append("&#10;&#10;".join(rendered))
        pos = max(pos, end)
    out.append(text(body[pos:]))
    html_body = "".join(out)
    paragraphs = html_body.split("&#10;&#10;")
    return '<div class="cl-article">' + "".join(f"<p>{p}</p>" for p in paragraphs) + "</div>"


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
