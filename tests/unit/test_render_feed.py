"""render/feed.py: the Atom feed of dated sources, newest first, readable by any XML parser."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from build_scripts.catalogue import build_catalogue
from build_scripts.render.feed import FEED_LIMIT, render_feed, xml_attr, xml_chars, xml_text
from build_scripts.render.markup import Links
from handmade import corpus, source

ATOM = "{http://www.w3.org/2005/Atom}"


def test_xml_chars_drops_what_xml_forbids_and_keeps_tab_and_newline():
    assert xml_chars("a\x00b\x0bc\ufffe\uffffd\te\nf\U0001F512") == "abcd\te\nf\U0001F512"


def test_xml_text_and_attribute_are_escaped():
    assert xml_text("<a> & \x07b") == "&lt;a&gt; &amp; b"
    assert xml_attr("x") == '"x"'
    assert xml_attr('say "hi" & go') == "'say \"hi\" &amp; go'"


def test_feed_lists_dated_sources_newest_first_with_their_headline():
    cat = build_catalogue(corpus(
        source("a.txt", date="2019-03", raw=b"a"),
        source("c.txt", date="2020-01-02", claims=(), headline=None, speakers=(), raw=b"c"),
        source("b.txt", date=None, title="Undated & left out", raw=b"b"),
    ))
    sha_a, sha_c = cat.sources[0].sha256, cat.sources[1].sha256
    assert render_feed(cat, Links()) == f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>claimline: sources by date</title>
  <id>urn:claimline:claimline:feed</id>
  <updated>2020-01-02T00:00:00Z</updated>
  <link rel="self" href="feed.xml"/>
  <entry>
    <title>Title of c.txt</title>
    <link rel="alternate" type="text/html" href="sources/c/"/>
    <id>urn:sha256:{sha_c}</id>
    <published>2020-01-02T00:00:00Z</published>
    <updated>2020-01-02T00:00:00Z</updated>
    <author><name>Daily Ledger</name></author>
    <summary>Title of c.txt</summary>
  </entry>
  <entry>
    <title>Title of a.txt</title>
    <link rel="alternate" type="text/html" href="sources/a/"/>
    <link rel="related" type="text/html" href="sources/a/#claim-we-build-no-backdoor-b4f72f"/>
    <id>urn:sha256:{sha_a}</id>
    <published>2019-03-01T00:00:00Z</published>
    <updated>2019-03-01T00:00:00Z</updated>
    <author><name>Daily Ledger</name></author>
    <summary>Jan Novak: We build no backdoor</summary>
  </entry>
</feed>
"""


def test_site_url_makes_links_absolute_and_title_names_the_feed():
    feed = render_feed(build_catalogue(corpus(source("a.txt"))), Links(False), site_url="https://ex.org/x", title="T")
    root = ET.fromstring(feed)
    assert root.get("{http://www.w3.org/XML/1998/namespace}base") == "https://ex.org/x/"
    assert root.find(f"{ATOM}title").text == "T: sources by date"
    assert root.find(f"{ATOM}entry/{ATOM}link").get("href") == "https://ex.org/x/sources/a.html"
    assert root.find(f"{ATOM}link").get("href") == "https://ex.org/x/feed.xml"  # rel="self"


def test_an_empty_corpus_is_a_valid_feed_dated_1970():
    root = ET.fromstring(render_feed(build_catalogue(corpus()), Links()))
    assert root.find(f"{ATOM}updated").text == "1970-01-01T00:00:00Z"
    assert root.findall(f"{ATOM}entry") == []


def test_feed_holds_the_newest_fifty_and_survives_hostile_titles():
    sources = [source(f"s{n:02d}.txt", date=f"20{n // 12 + 10:02d}-{n % 12 + 1:02d}-01", title=f"<{n}> & \x01")
               for n in range(FEED_LIMIT + 5)]
    root = ET.fromstring(render_feed(build_catalogue(corpus(*sources)), Links()))
    titles = [entry.find(f"{ATOM}title").text for entry in root.findall(f"{ATOM}entry")]
    assert FEED_LIMIT == 50
    assert titles == [f"<{n}> & " for n in range(FEED_LIMIT + 4, 4, -1)]
