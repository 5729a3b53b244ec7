"""An Atom feed of dated sources, newest first, so readers can follow new claims."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from .catalogue import Catalogue
from .markup import Links, iso_date, source_path

FEED_PATH = "feed.xml"
FEED_LIMIT = 50


def render_feed(cat: Catalogue, links: Links, site_url: str = "", title: str = "claimline") -> str:
    dated = sorted((s for s in cat.sources if s.date), key=lambda s: (s.date, s.file), reverse=True)[:FEED_LIMIT]
    updated = f"{dated[0].date if dated else '1970-01-01'}"
    base = site_url if site_url.endswith("/") or not site_url else site_url + "/"
    entries = []
    for s in dated:
        url = base + links.url_of(source_path(s.slug))
        day = iso_date(s.date).isoformat()
        claim = s.headline_claim
        summary = f"{s.speaker}: {claim.text}" if claim else s.title
        entries.append(
            "  <entry>\n"
            f"    <title>{escape(s.title)}</title>\n"
            f"    <link rel=\"alternate\" type=\"text/html\" href={quoteattr(url)}/>\n"
            f"    <id>urn:sha256:{s.sha256}</id>\n"
            f"    <published>{day}T00:00:00Z</published>\n"
            f"    <updated>{day}T00:00:00Z</updated>\n"
            f"    <author><name>{escape(s.outlet or 'unknown outlet')}</name></author>\n"
            f"    <summary>{escape(summary)}</summary>\n"
            "  </entry>\n"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<feed xmlns="http://www.w3.org/2005/Atom"{" xml:base=" + quoteattr(base) if base else ""}>\n'
        f"  <title>{escape(title)}: sources by date</title>\n"
        f"  <id>urn:claimline:{escape(title)}:feed</id>\n"
        f"  <updated>{iso_date(updated).isoformat()}T00:00:00Z</updated>\n"
        f'  <link rel="self" href="{FEED_PATH}"/>\n'
        + "".join(entries)
        + "</feed>\n"
    )
