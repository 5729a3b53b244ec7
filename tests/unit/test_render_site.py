"""render/site.py: everything a build adds, and the HTML kept out of Markdown's way."""

from __future__ import annotations

from build_scripts.render.markup import Links, after_markdown
from build_scripts.render.site import put_back_after_markdown, render_site, split_after_markdown
from handmade import corpus, source


def test_split_leaves_numbered_markers_and_put_back_restores_the_page():
    page = f"# T\n\n{after_markdown('<p>one</p>')}\n\n## H\n\n{after_markdown('<p>two</p>')}\n"
    markdown, after = split_after_markdown({"x.md": page, "plain.md": "# P\n"})
    assert markdown == {"x.md": "# T\n\n<!-- claimline:after-markdown 0 -->\n\n## H\n\n"
                                "<!-- claimline:after-markdown 1 -->\n",
                        "plain.md": "# P\n"}
    assert after == {"x.md": ["<p>one</p>", "<p>two</p>"]}
    assert put_back_after_markdown(markdown["x.md"], after["x.md"]) == "# T\n\n<p>one</p>\n\n## H\n\n<p>two</p>\n"


def test_render_site_gives_every_page_and_static_file():
    a, b = source("a.txt", raw=b"raw a"), source("b.txt", date=None, raw=b"raw b", outlet=None)
    site = render_site(corpus(a, b), Links())
    assert sorted(site.pages) == [
        "outlets/daily-ledger.md", "outlets/index.md", "sources/a.md", "sources/b.md", "sources/index.md",
        "speakers/index.md", "speakers/jan-novak.md", "timeline.md", "topics/index.md", "topics/no-backdoors.md",
        "topics/privacy.md"]
    assert sorted(p for p in site.static if not p.startswith("data/timeline/")) == [
        "data/claimline.db", "data/claims.csv", "data/claims.json", "data/sources.json", "feed.xml",
        "sources/a/original.txt", "sources/b/original.txt"]
    assert "data/timeline/facets.json" in site.static and "data/timeline/items-0.json" in site.static
    assert site.static["sources/b/original.txt"] == b"raw b"
    assert site.static["feed.xml"].startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    assert "claimline:after-markdown 0" in site.pages["sources/a.md"]
    complete = site.complete_markdown("sources/a.md")
    assert "claimline:after-markdown" not in complete and '<div class="cl-article">' in complete
    assert site.after_markdown.keys() <= site.pages.keys()
