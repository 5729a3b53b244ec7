"""The data a reader takes away: the SQLite export beside the JSON and CSV, the same
statement reported by several sources, links out to the original and its archived copy,
and absolute URLs in the feed, the sitemap and the data when `site_url` is set."""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import yaml

from conftest import EPOCH, ROOT

SITE_URL = "https://claims.example.org/tracker/"
FIRST = """Corvo opens its code to auditors

By Mina Falk

Published: 3 March 2021

"We will publish every audit report in full, without exception, as soon as it is final," said Ada Lind, chief executive of Corvo.

Lind said the company had hired two outside firms.
"""
SECOND = """Corvo chief repeats audit pledge

By Tarik Osei

Published: 9 April 2021

Corvo's chief executive repeated her promise on Friday. "We will publish every audit report in full, without exception, as soon as it is final," Ada Lind said.

"We will publish every audit report in part," a rival said, but Lind disagreed.
"""


def _open(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def test_sqlite_export_holds_every_claim_and_source_of_the_json(site):
    claims = json.loads((site / "data/claims.json").read_text())
    sources = json.loads((site / "data/sources.json").read_text())
    db = _open(site / "data/claimline.db")
    tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables == {"claims", "sources", "speakers", "appearances", "statuses", "claim_topics"}
    assert [row[0] for row in db.execute("SELECT claim_id FROM claims ORDER BY id")] == [c["id"] for c in claims]
    assert db.execute("SELECT count(*) FROM sources").fetchone() == (len(sources),)
    assert db.execute("SELECT count(*) FROM appearances").fetchone() == (len(claims),)
    assert {row[0]: row[1] for row in db.execute(
        "SELECT c.claim_id, s.claim_id FROM claims c JOIN claims s ON s.id = c.statement_id")} == {
        c["id"]: c["statement"] for c in claims}
    assert {row[0]: row[1:] for row in db.execute(
        "SELECT c.claim_id, a.position, (SELECT count(*) FROM appearances b WHERE b.statement_id = a.statement_id) "
        "FROM appearances a JOIN claims c ON c.id = a.claim_id")} == {
        c["id"]: (c["appearance"], c["appearances"]) for c in claims}
    assert db.execute("SELECT count(*) FROM claims WHERE speaker_id IS NULL OR speaker_id NOT IN (SELECT id FROM speakers)"
                      ).fetchone() == (0,)
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")} >= {
        "claims_source", "claims_speaker", "claims_statement"}


def _build_with_site_url(tmp_path: Path) -> Path:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "first.txt").write_text(FIRST, encoding="utf-8")
    (seeds / "first.yml").write_text("url: https://news.example.net/corvo-audits?id=7&ref=a\n", encoding="utf-8")
    (seeds / "second.txt").write_text(SECOND, encoding="utf-8")
    (seeds / "second.yml").write_text("url: https://wire.example.com/corvo\nretrieved: 2021-04-10\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text(yaml.safe_dump({
        "INHERIT": str(ROOT / "mkdocs.yml"), "site_url": SITE_URL, "docs_dir": str(ROOT / "docs"),
        "theme": {"custom_dir": str(ROOT / "overrides")},
        "plugins": ["search", {"claimline": {"seeds_dir": str(seeds)}}]}), encoding="utf-8")
    out = tmp_path / "site"
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(out)],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return out


def test_a_site_url_gives_absolute_urls_and_one_statement_is_linked_from_each_report(tmp_path):
    site = _build_with_site_url(tmp_path)
    locs = [loc.text for loc in ET.parse(site / "sitemap.xml").getroot().iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert locs and all(loc.startswith(SITE_URL) for loc in locs)
    feed = (site / "feed.xml").read_text()
    assert all(href.startswith(SITE_URL) for href in re.findall(r'href="([^"]+)"', feed))
    claims = json.loads((site / "data/claims.json").read_text())
    assert all(c["url"].startswith(SITE_URL + "sources/") for c in claims)
    assert all(s["url"].startswith(SITE_URL) for s in json.loads((site / "data/sources.json").read_text()))
    db = _open(site / "data/claimline.db")
    assert all(url.startswith(SITE_URL) for (url,) in db.execute("SELECT page_url FROM sources"))

    pledge = [c for c in claims if c["text"].startswith("We will publish every audit report in full")]
    assert len(pledge) == 2 and pledge[0]["statement"] == pledge[1]["statement"]
    first = next(c for c in pledge if c["source_file"] == "first.txt")
    assert pledge[0]["statement"] == first["id"] and first["appearance"] == 1
    assert [c["appearances"] for c in pledge] == [2, 2] and sorted(c["appearance"] for c in pledge) == [1, 2]
    rival = [c for c in claims if "in part" in c["text"]]
    assert all(c["statement"] == c["id"] for c in rival)  # other words: its own statement

    pages = {s["file"]: s["url"].replace(SITE_URL, "") for s in json.loads((site / "data/sources.json").read_text())}
    page = site / pages["second.txt"] / "index.html"
    html = page.read_text()
    assert re.search(r'<div class="cl-appearances"[^>]*>Also reported by 1 other source:<ul><li><a href="[^"]+#'
                     + re.escape(first["id"].split("#")[1]), html)
    assert ('<a href="https://wire.example.com/corvo" class="cl-link-out" rel="nofollow noopener">' in html
            and 'href="https://web.archive.org/web/20210409/https://wire.example.com/corvo"' in html)
    ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html).group(1))
    claim = next(c for c in ld["hasPart"] if c["text"] == pledge[0]["text"])
    assert claim["firstAppearance"]["url"] == "https://news.example.net/corvo-audits?id=7&ref=a"
    assert [a["url"] for a in claim["appearance"]] == ["https://news.example.net/corvo-audits?id=7&ref=a",
                                                       "https://wire.example.com/corvo"]
