"""render/markup.py: inert text, relative links as MkDocs publishes them, dates and badges."""

from __future__ import annotations

import datetime as dt

import pytest

from build_scripts.render.markup import (Links, after_markdown, badge, human_date, inert_front_matter, iso_date,
                                         outlet_path, source_path, speaker_path, text, time_tag, topic_path)


def test_text_escapes_markup_quotes_and_newlines():
    assert text('<a href="x">&\'\nnext') == "&lt;a href=&quot;x&quot;&gt;&amp;&#x27;&#10;next"


def test_long_text_is_escaped_the_same_way():
    long = "<b>" + "x" * 400 + "\n"
    assert text(long) == "&lt;b&gt;" + "x" * 400 + "&#10;"


def test_text_of_other_values_is_their_string():
    assert (text(3), text(None)) == ("3", "None")


def test_generated_paths():
    assert [source_path("a"), speaker_path("b"), outlet_path("c"), topic_path("d")] == [
        "sources/a.md", "speakers/b.md", "outlets/c.md", "topics/d.md"]


@pytest.mark.parametrize("path, directory_url, file_url", [
    ("sources/acme.md", "sources/acme/", "sources/acme.html"),
    ("index.md", "", "index.html"),
    ("sources/index.md", "sources/", "sources/index.html"),
    ("data/claims.csv", "data/claims.csv", "data/claims.csv"),
])
def test_url_of_a_generated_file(path, directory_url, file_url):
    assert Links(use_directory_urls=True).url_of(path) == directory_url
    assert Links(use_directory_urls=False).url_of(path) == file_url


@pytest.mark.parametrize("here, there, directory_href, file_href", [
    ("sources/a.md", "sources/b.md", "../b/", "b.html"),
    ("timeline.md", "sources/a.md", "../sources/a/", "sources/a.html"),
    ("index.md", "sources/a.md", "sources/a/", "sources/a.html"),
    ("sources/a.md", "index.md", "../..", "../index.html"),  # as MkDocs writes it
    ("sources/a.md", "sources/index.md", "../", "index.html"),
    ("sources/a.md", "sources/a.md", "./", "a.html"),
    ("topics/privacy/page-2.md", "topics/privacy.md", "../", "../privacy.html"),
])
def test_relative_links_between_pages(here, there, directory_href, file_href):
    assert Links(True).href(here, there) == directory_href
    assert Links(False).href(here, there) == file_href


def test_link_with_anchor_class_and_escaped_label():
    assert Links().a("sources/a.md", "sources/b.md", "<B> & co", anchor="claim-2", cls="cl-topic") == (
        '<a href="../b/#claim-2" class="cl-topic">&lt;B&gt; &amp; co</a>')


@pytest.mark.parametrize("date, precision, shown", [
    ("2019-03-05", "day", "5 March 2019"),
    ("2019-03-05", "month", "March 2019"),
    ("2019-03-05", "year", "2019"),
    ("2019-12", "day", "December 2019"),
    ("2019", None, "2019"),
    (None, "day", "undated"),
])
def test_human_date_shows_only_the_known_precision(date, precision, shown):
    assert human_date(date, precision) == shown


def test_time_tag():
    assert time_tag("2019-03") == '<time datetime="2019-03">March 2019</time>'
    assert time_tag(None) == '<span class="cl-undated">undated</span>'


def test_iso_date_takes_the_first_day_of_a_month_or_year():
    assert [iso_date("2019-03-05"), iso_date("2019-03"), iso_date("2019")] == [
        dt.date(2019, 3, 5), dt.date(2019, 3, 1), dt.date(2019, 1, 1)]


def test_badge_says_where_a_value_came_from():
    assert badge(None) == ""
    assert badge("extracted") == (' <span class="cl-prov cl-prov-extracted" title="read from the source text">'
                                  "extracted</span>")
    assert badge("curated") == (' <span class="cl-prov cl-prov-curated" title="added by an editor in the '
                                'curated metadata file">curated</span>')


def test_after_markdown_marks_the_block():
    assert after_markdown("<p>x</p>") == "<!-- claimline:html --><p>x</p><!-- /claimline:html -->"


def test_inert_front_matter_escapes_every_string_and_the_title_as_heading_text():
    meta = {"title": 'A <b> & "q"', "description": '<i>"', "tags": ["<x>", 2], "nested": {"k": "&"}, "n": 3}
    assert inert_front_matter(meta) == {
        "title": 'A &lt;b&gt; &amp; "q"',
        "description": "&lt;i&gt;&quot;",
        "tags": ["&lt;x&gt;", 2],
        "nested": {"k": "&amp;"},
        "n": 3,
    }
    assert meta["title"] == 'A <b> & "q"'  # the page's own front matter is left as it was
