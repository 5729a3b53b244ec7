"""extract/html.py: a saved page's main text, visible text and declared metadata."""

from __future__ import annotations

from build_scripts.extract.html import json_ld_articles, page_metadata, parse_html, read_page, visible_text
from build_scripts.extract.read import is_html_seed

ARTICLE = "<p>" + "The council said the bridge would reopen in May after the repairs were finished. " * 4 + "</p>"


def test_html_seed_names():
    assert is_html_seed("a.html") and is_html_seed("B.HTM") and not is_html_seed("a.txt")
    assert not is_html_seed("a.html.txt")


def test_unparsable_text_gives_no_tree():
    assert parse_html("") is None and parse_html("   ") is None and parse_html("<!-- c -->") is None
    assert parse_html("<?xml version='1.0' encoding='utf-8'?>\n<html><body><p>x</p></body></html>") is not None


def test_visible_text_is_one_line_a_block_without_scripts_or_styles():
    tree = parse_html("<html><head><title>T</title><style>p{}</style></head><body><nav><a>Home</a> <a>News</a></nav>"
                      "<script>var secret = 1;</script><p>First <b>bold</b> words</p><div>Second<br>line</div>"
                      "<noscript><img src=x></noscript><iframe>inner</iframe><p>Last</p></body></html>")
    assert visible_text(tree) == "Home News\nFirst bold words\nSecond\nline\nLast"


def test_json_ld_articles_in_graphs_and_lists_only_of_article_types():
    tree = parse_html('<html><head><script type="application/ld+json">{"@graph": [{"@type": "WebSite", "name": "W"},'
                      '{"@type": "BlogPosting", "headline": "B"}]}</script>'
                      '<script type="application/ld+json">[{"@type": ["Thing", "NewsArticle"], "headline": "N"}]</script>'
                      '<script type="application/ld+json">{broken</script></head><body></body></html>')
    assert [a["headline"] for a in json_ld_articles(tree)] == ["B", "N"]


def test_metadata_candidates_in_order_with_where_each_was_found():
    tree = parse_html('<html lang="fr"><head><title>Le titre | Le Site</title>'
                      '<meta property="og:title" content="Le titre">'
                      '<meta name="author" content="Anne Martin"><meta property="article:author" content="https://x.example/anne">'
                      '<meta name="dc.date" content="2020-05-06"><link rel="canonical" href="/relative">'
                      '<meta property="og:url" content="https://le-site.example/titre"></head><body></body></html>')
    meta = page_metadata(tree)
    assert meta["title"] == [("og:title", "Le titre"), ("<title>", "Le titre | Le Site")]
    assert meta["author"] == [("meta author", "Anne Martin")]  # a URL is not a name
    assert meta["date"] == [("meta dc.date", "2020-05-06")]
    assert meta["url"] == [("og:url", "https://le-site.example/titre")]  # a relative canonical is no address
    assert meta["language"] == [("html lang", "fr")]


def test_date_modified_is_never_the_publication_date():
    page, _ = read_page("p.html", '<html><head><script type="application/ld+json">{"@type": "NewsArticle", '
                                  '"dateModified": "2022-02-02"}</script></head><body><article>' + ARTICLE
                                  + "</article></body></html>")
    assert page.date is None and "date" not in page.sources


def test_read_page_problems_are_one_line():
    page, problems = read_page("e.html", "<html><body></body></html>")
    assert page is None and [str(p) for p in problems] == [
        "e.html: no article text found in the page (trafilatura extracted nothing)"]
    page, problems = read_page("c.html", "<!-- nothing -->")
    assert page is None and [str(p) for p in problems] == ["c.html: not an HTML page: no element could be parsed"]
