"""What goes into each page's <head>: the feed link, and for source pages Open Graph
tags and JSON-LD (schema.org NewsArticle with its Claim items)."""

from __future__ import annotations

import json

from mkdocs.utils import get_relative_url

from build_scripts.catalogue import Catalogue, ClaimRef
from build_scripts.catalogue.anchors import claim_anchors
from build_scripts.render.feed import FEED_PATH
from build_scripts.render.markup import Links, iso_date, machine_date, source_path, text
from build_scripts.model import Source


def script_json(value: object) -> str:
    """JSON that cannot close its <script> element, whatever the seed text holds."""
    raw = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return raw.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


APPEARANCES_LISTED = 10  # a statement repeated by a thousand sources names its first reports and this one


def article(source: Source, page_url: str) -> dict:
    """A source as schema.org sees it: the news article a claim appears in."""
    item = {"@type": "NewsArticle", "headline": source.title, "url": source.url or page_url}
    if source.outlet:
        item["publisher"] = {"@type": "Organization", "name": source.outlet}
    if source.date:
        item["datePublished"] = iso_date(source.date).isoformat()
    return item


def json_ld(source: Source, page_url: str, catalogue: Catalogue | None = None, links: Links | None = None) -> dict:
    """With the catalogue, each claim's `appearance` lists the sources reporting the same
    statement (the first ten, first said first, and this one) and `firstAppearance` names
    the first; without it, or alone, only this source."""
    def agent(name: str | None) -> dict:
        kind = next((s.kind for s in source.speakers if s.name == name), "person")
        return {"@type": "Organization" if kind == "organisation" else "Person", "name": name or "unknown"}

    published = iso_date(source.date).isoformat() if source.date else None
    appearance = article(source, page_url)

    def appearances(index: int) -> tuple[list[dict], dict]:
        if catalogue is None or links is None:
            return [appearance], appearance
        reports = catalogue.appearances(ClaimRef(source, index))
        listed = list(reports[:APPEARANCES_LISTED])
        if all(r.source is not source for r in listed):
            listed.append(ClaimRef(source, index))
        items = {id(r.source): appearance if r.source is source else article(r.source, links.absolute(source_path(r.source.slug)))
                 for r in listed}
        first = reports[0].source
        return list(items.values()), items.get(id(first)) or article(first, links.absolute(source_path(first.slug)))

    claims = []
    for index, (anchor, claim) in enumerate(zip(claim_anchors(source), source.claims)):
        every, first = appearances(index)
        item = {"@type": "Claim", "text": claim.text, "author": agent(claim.speaker),
                "appearance": every[0] if len(every) == 1 else every, "url": f"{page_url}#{anchor}"}
        if len(every) > 1:
            item["firstAppearance"] = first
        if published:
            item["datePublished"] = published
        if claim.said_on:
            item["dateCreated"] = machine_date(claim.said_on, claim.said_precision)  # when said, to the text's precision
        claims.append(item)
    doc = {
        "@context": "https://schema.org",
        "@type": "NewsArticle" if source.outlet and source.outlet not in {s.name for s in source.speakers} else "CreativeWork",
        "headline": source.title,
        "url": page_url,
        "about": list(source.topics),
        "hasPart": claims,
    }
    if published:
        doc["datePublished"] = published
    if source.outlet:
        doc["publisher"] = {"@type": "Organization", "name": source.outlet}
    if source.author:
        doc["author"] = {"@type": "Person", "name": source.author}
    return doc


def _links(config, site: str) -> Links:
    return Links(use_directory_urls=config.use_directory_urls, site_url=site)


def inject(output: str, page, config, source: Source | None, catalogue: Catalogue | None = None) -> str:
    feed = get_relative_url(FEED_PATH, page.url or ".")
    tags = [f'<link rel="alternate" type="application/atom+xml" title="{text(config.site_name)}: sources by date" href="{text(feed)}">']
    if source is not None:
        site = (config.site_url or "").rstrip("/")
        page_url = f"{site}/{page.url}" if site else page.url
        headline = source.headline_claim
        description = f"{source.speaker}: {headline.text}" if headline else source.title
        tags += [
            '<meta property="og:type" content="article">',
            f'<meta property="og:title" content="{text(source.title)}">',
            f'<meta property="og:description" content="{text(description[:300])}">',
            f'<meta property="og:site_name" content="{text(config.site_name)}">',
        ]
        if site:
            tags.append(f'<meta property="og:url" content="{text(page_url)}">')
        if source.date:
            tags.append(f'<meta property="article:published_time" content="{iso_date(source.date).isoformat()}">')
        tags.append(f'<script type="application/ld+json">{script_json(json_ld(source, page_url, catalogue, _links(config, site) if catalogue else None))}</script>')
    return output.replace("</head>", "\n".join(tags) + "\n</head>", 1)
