"""render/head.py: the feed link on every page; Open Graph and JSON-LD on source pages."""

from __future__ import annotations

import json
from types import SimpleNamespace

from build_scripts.model import Claim, Speaker
from build_scripts.render.head import inject, json_ld, script_json
from build_scripts.catalogue import build_catalogue
from build_scripts.render.markup import Links
from handmade import corpus, source

PAGE_URL = "https://ex.org/sources/a/"


def test_script_json_cannot_close_its_script_element():
    raw = script_json({"b": "</script><i>&", "a": "é"})
    assert raw == '{"a": "é", "b": "\\u003c/script\\u003e\\u003ci\\u003e\\u0026"}'
    assert json.loads(raw) == {"a": "é", "b": "</script><i>&"}


def test_json_ld_of_a_news_article_with_its_claims():
    appearance = {"@type": "NewsArticle", "headline": "Title of a.txt", "url": PAGE_URL,
                  "publisher": {"@type": "Organization", "name": "Daily Ledger"}, "datePublished": "2019-03-05"}
    jan = {"@type": "Person", "name": "Jan Novak"}
    assert json_ld(source(), PAGE_URL) == {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "Title of a.txt",
        "url": PAGE_URL,
        "about": ["no-backdoors", "privacy"],
        "hasPart": [
            {"@type": "Claim", "text": "We build no backdoor", "author": jan, "appearance": appearance,
             "url": PAGE_URL + "#claim-we-build-no-backdoor-b4f72f", "datePublished": "2019-03-05"},
            {"@type": "Claim", "text": "Novak said the firm protects privacy.", "author": jan,
             "appearance": appearance, "url": PAGE_URL + "#claim-novak-said-the-firm-protects-privacy-a89d77", "datePublished": "2019-03-05"},
        ],
        "datePublished": "2019-03-05",
        "publisher": {"@type": "Organization", "name": "Daily Ledger"},
        "author": {"@type": "Person", "name": "Ann Lee"},
    }


def test_json_ld_of_an_organisations_own_undated_page():
    acme = Speaker("Acme", "organisation")
    own = source(outlet="Acme", speakers=(acme,), date=None, author=None, url="https://acme.example/trust",
                 claims=(Claim("We protect privacy.", "Acme", False, 41, 78),))
    doc = json_ld(own, PAGE_URL)
    assert doc["@type"] == "CreativeWork"  # the outlet speaks for itself: not news
    assert doc["hasPart"][0]["author"] == {"@type": "Organization", "name": "Acme"}
    assert doc["hasPart"][0]["appearance"]["url"] == "https://acme.example/trust"
    assert "datePublished" not in doc and "datePublished" not in doc["hasPart"][0] and "author" not in doc


def test_inject_adds_the_feed_link_and_source_tags_before_the_first_head_end():
    config = SimpleNamespace(site_name="claimline", site_url="https://ex.org/")
    html = inject("<head><title>x</title></head><body></head></body>",
                  SimpleNamespace(url="sources/a/"), config, source())
    head, rest = html.split("</head>", 1)
    assert rest == "<body></head></body>"
    assert head.split("\n")[:7] == [
        '<head><title>x</title><link rel="alternate" type="application/atom+xml" '
        'title="claimline: sources by date" href="../../feed.xml">',
        '<meta property="og:type" content="article">',
        '<meta property="og:title" content="Title of a.txt">',
        '<meta property="og:description" content="Jan Novak: We build no backdoor">',
        '<meta property="og:site_name" content="claimline">',
        f'<meta property="og:url" content="{PAGE_URL}">',
        '<meta property="article:published_time" content="2019-03-05">',
    ]
    script = head.split("\n")[7]
    assert script.startswith('<script type="application/ld+json">') and script.endswith("</script>")
    assert json.loads(script[len('<script type="application/ld+json">'):-len("</script>")]) == json_ld(source(), PAGE_URL)


def test_inject_on_another_page_adds_only_the_escaped_feed_link():
    config = SimpleNamespace(site_name="c<l>", site_url=None)
    assert inject("<head></head>", SimpleNamespace(url=""), config, None) == (
        '<head><link rel="alternate" type="application/atom+xml" title="c&lt;l&gt;: sources by date" '
        'href="feed.xml">\n</head>')


def test_without_a_site_url_there_is_no_og_url_and_description_is_the_title_when_no_claim():
    html = inject("<head></head>", SimpleNamespace(url="sources/a/"), SimpleNamespace(site_name="c", site_url=""),
                  source(claims=(), headline=None, title="T <1>"))
    assert "og:url" not in html
    assert '<meta property="og:description" content="T &lt;1&gt;">' in html
    assert '"url": "sources/a/"' in html


def test_json_ld_claim_says_when_it_was_said_to_the_texts_precision():
    week = Claim("We build no backdoor", "Jan Novak", True, 0, 23, said_on="2019-03-04", said_precision="week")
    day = Claim("Novak said the firm protects privacy.", "Jan Novak", False, said_on="2019-03-01", said_precision="day")
    first, second = json_ld(source(claims=(week, day), headline=0), PAGE_URL)["hasPart"]
    assert (first["dateCreated"], second["dateCreated"]) == ("2019-W10", "2019-03-01")
    assert first["url"] == PAGE_URL + "#claim-we-build-no-backdoor-b4f72f" and first["datePublished"] == "2019-03-05"


def test_json_ld_claim_names_every_report_of_the_same_statement_and_the_first():
    early = source("early.txt", date="2019-01-02", url="https://paper.example/early")
    late = source("late.txt", date="2019-05-06", outlet="Wire Desk")
    cat = build_catalogue(corpus(late, early))
    claims = json_ld(late, "https://ex.org/sources/late/", cat, Links(site_url="https://ex.org/"))["hasPart"]
    early_article = {"@type": "NewsArticle", "headline": "Title of early.txt", "url": "https://paper.example/early",
                     "publisher": {"@type": "Organization", "name": "Daily Ledger"}, "datePublished": "2019-01-02"}
    late_article = {"@type": "NewsArticle", "headline": "Title of late.txt", "url": "https://ex.org/sources/late/",
                    "publisher": {"@type": "Organization", "name": "Wire Desk"}, "datePublished": "2019-05-06"}
    assert claims[0]["appearance"] == [early_article, late_article]
    assert claims[0]["firstAppearance"] == early_article
    alone = json_ld(source("x.txt"), PAGE_URL, build_catalogue(corpus(source("x.txt"))), Links())["hasPart"][0]
    assert "firstAppearance" not in alone and alone["appearance"]["url"] == PAGE_URL


def test_a_much_repeated_statement_names_its_first_ten_reports_and_this_one():
    sources = [source(f"s{k:02d}.txt", date=f"2019-01-{k + 1:02d}") for k in range(12)]
    cat = build_catalogue(corpus(*sources))
    claim = json_ld(sources[-1], PAGE_URL, cat, Links())["hasPart"][0]
    assert [a["headline"] for a in claim["appearance"]] == [f"Title of s{k:02d}.txt" for k in (*range(10), 11)]
    assert claim["firstAppearance"]["headline"] == "Title of s00.txt"
