"""An Atom feed of dated sources, newest first, so readers can follow new claims."""

from __future__ import annotations

import re
from xml.sax import saxutils

from build_scripts.catalogue import Catalogue
from build_scripts.catalogue.anchors import claim_anchors
from build_scripts.render.markup import Links, iso_date, source_path

FEED_PATH = "feed.xml"
FEED_LIMIT = 50
# What XML 1.0 allows in a document (its `Char` production); anything else makes the feed unreadable.
NOT_XML_CHAR = re.compile(r"[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]")


def xml_chars(value: str) -> str:
    """Without the characters XML 1.0 forbids (control characters, U+FFFE, U+FFFF):
    no escape can represent them, and one makes every feed reader reject the feed."""
    return NOT_XML_CHAR.sub("", value)


def xml_text(value: str) -> str:
    return saxutils.escape(xml_chars(value))


def xml_attr(value: str) -> str:
    """The value quoted for an attribute."""
    return saxutils.quoteattr(xml_chars(value))


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
        related = (f"    <link rel=\"related\" type=\"text/html\" href={xml_attr(url + '#' + claim_anchors(s)[s.headline])}/>\n"
                   if claim else "")
        entries.append(
            "  <entry>\n"
            f"    <title>{xml_text(s.title)}</title>\n"
            f"    <link rel=\"alternate\" type=\"text/html\" href={xml_attr(url)}/>\n"
            + related +
            f"    <id>urn:sha256:{s.sha256}</id>\n"
            f"    <published>{day}T00:00:00Z</published>\n"
            f"    <updated>{day}T00:00:00Z</updated>\n"
            f"    <author><name>{xml_text(s.outlet or 'unknown outlet')}</name></author>\n"
            f"    <summary>{xml_text(summary)}</summary>\n"
            "  </entry>\n"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<feed xmlns="http://www.w3.org/2005/Atom"{" xml:base=" + xml_attr(base) if base else ""}>\n'
        f"  <title>{xml_text(title)}: sources by date</title>\n"
        f"  <id>urn:claimline:{xml_text(title)}:feed</id>\n"
        f"  <updated>{iso_date(updated).isoformat()}T00:00:00Z</updated>\n"
        f'  <link rel="self" href={xml_attr(base + FEED_PATH)}/>\n'
        + "".join(entries)
        + "</feed>\n"
    )
