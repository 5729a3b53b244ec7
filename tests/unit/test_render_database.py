"""render/database.py: the SQLite export, with keys and indexes, the same bytes every time."""

from __future__ import annotations

import sqlite3

from build_scripts.catalogue import build_catalogue
from build_scripts.model import Claim
from build_scripts.render.database import render_database
from build_scripts.render.markup import Links
from handmade import corpus, source


def _open(data: bytes) -> sqlite3.Connection:
    connection = sqlite3.connect(":memory:")
    connection.deserialize(data)
    return connection


def _catalogue():
    early = source("early.txt", date="2019-01-02", url="https://paper.example/early")
    late = source("late.txt", date="2019-05-06", outlet="Wire Desk", claims=(
        Claim("We build no backdoor.", "Jan Novak", True, 0, 10), Claim("Acme will hire 40 engineers in Brno", "Jan Novak", False, 11, 20)))
    return build_catalogue(corpus(late, early))


def test_tables_keys_and_indexes():
    db = _open(render_database(_catalogue(), Links()))
    tables = {name: sql for name, sql in db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'")}
    assert sorted(tables) == ["appearances", "claim_topics", "claims", "sources", "speakers", "statuses"]
    assert "id INTEGER PRIMARY KEY" in tables["claims"] and "REFERENCES sources(id)" in tables["claims"]
    assert [c[1] for c in db.execute("PRAGMA table_info(statuses)")] == [
        "claim_id", "position", "status", "date", "note", "evidence_urls"]
    indexes = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")}
    assert {"claims_source", "claims_speaker", "claims_statement", "sources_date"} <= indexes
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


def test_rows_follow_the_corpus_with_each_claims_statement():
    db = _open(render_database(_catalogue(), Links(site_url="https://ex.org/")))
    assert db.execute("SELECT slug, date, original_url, archived_url, page_url FROM sources ORDER BY id").fetchall() == [
        ("early", "2019-01-02", "https://paper.example/early", "https://web.archive.org/web/20190102/https://paper.example/early",
         "https://ex.org/sources/early/"),
        ("late", "2019-05-06", None, None, "https://ex.org/sources/late/")]
    assert db.execute("SELECT count(*) FROM claims").fetchone() == (4,)
    assert db.execute("SELECT count(*) FROM appearances").fetchone() == (4,)
    first = "early#claim-we-build-no-backdoor-b4f72f"
    assert db.execute("SELECT c.claim_id, a.position FROM appearances a JOIN claims c ON c.id = a.claim_id "
                      "JOIN claims s ON s.id = a.statement_id WHERE s.claim_id = ? ORDER BY a.position", (first,)).fetchall() == [
        (first, 1), ("late#claim-we-build-no-backdoor-b4f72f", 2)]
    assert db.execute("SELECT s.slug, p.slug, c.speaker_role, c.quote FROM claims c JOIN speakers s ON s.id = c.speaker_id "
                      "JOIN sources p ON p.id = c.source_id WHERE c.claim_id = ?", (first,)).fetchone() == (
        "jan-novak", "early", "chief executive, Acme", 1)
    assert db.execute("SELECT count(*) FROM statuses").fetchone() == (0,)


def test_the_same_corpus_gives_the_same_bytes():
    assert render_database(_catalogue(), Links()) == render_database(_catalogue(), Links())


def test_a_promise_history_is_one_row_per_dated_change():
    from build_scripts.model import StatusChange
    history = (StatusChange("2019-02", "in-progress", "First audit under way", ("https://a.example/1",)),
               StatusChange("2020-03-01", "kept", None, ("https://a.example/2", "https://b.example/3")))
    pledged = source("pledge.txt", date="2019-01-02", claims=(
        Claim("Acme will publish every audit it commissions", "Jan Novak", True, 0, 10, status_history=history),))
    db = _open(render_database(build_catalogue(corpus(pledged)), Links()))
    assert db.execute("SELECT position, status, date, note, evidence_urls FROM statuses ORDER BY position").fetchall() == [
        (1, "in-progress", "2019-02", "First audit under way", "https://a.example/1"),
        (2, "kept", "2020-03-01", None, "https://a.example/2 https://b.example/3")]
