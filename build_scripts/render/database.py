"""The data as one SQLite file, `data/claimline.db`, beside the JSON and CSV: claims, sources,
speakers, appearances (every report of a statement) and statuses, with keys and indexes,
ready for `datasette data/claimline.db`.

Built in memory and returned as bytes; the same corpus gives the same bytes (a fixed page
size, rows inserted in a fixed order, no timestamp, `VACUUM`ed), so a reproducible build
stays reproducible.
"""

from __future__ import annotations

import sqlite3

from build_scripts.catalogue import Catalogue, ClaimRef
from build_scripts.catalogue.anchors import claim_anchors
from build_scripts.render.indexes import appearance_positions
from build_scripts.render.markup import Links, source_path, speaker_path
from build_scripts.render.pages import archive_url, role_of

DATABASE_PATH = "data/claimline.db"
PAGE_SIZE = 4096

SCHEMA = """
CREATE TABLE sources (
    id INTEGER PRIMARY KEY,         -- 1, 2, … in corpus order (date order, undated last)
    slug TEXT NOT NULL UNIQUE,      -- the source page's name
    file TEXT NOT NULL UNIQUE,      -- the seed file
    title TEXT NOT NULL,
    date TEXT,                      -- publication date, YYYY-MM-DD, YYYY-MM or YYYY
    date_precision TEXT,            -- day | month | year
    date_provenance TEXT,           -- extracted | page | curated
    outlet TEXT,
    via TEXT,
    author TEXT,
    original_url TEXT,              -- the article's own address, when known
    archived_url TEXT,              -- its Internet Archive copy
    retrieved TEXT,                 -- the day the page was downloaded, when known
    page_url TEXT NOT NULL,         -- the source page on this site
    sha256 TEXT NOT NULL,
    bytes INTEGER NOT NULL,
    encoding TEXT NOT NULL
);
CREATE TABLE speakers (
    id INTEGER PRIMARY KEY,         -- in name order
    slug TEXT NOT NULL UNIQUE,      -- the speaker page's name
    name TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,             -- person | organisation
    page_url TEXT NOT NULL
);
CREATE TABLE claims (
    id INTEGER PRIMARY KEY,         -- in corpus order, then order in the source
    claim_id TEXT NOT NULL UNIQUE,  -- the id in claims.json and claims.csv: source slug # claim anchor
    source_id INTEGER NOT NULL REFERENCES sources(id),
    position INTEGER NOT NULL,      -- 1 for the first claim of its source
    speaker TEXT NOT NULL,
    speaker_id INTEGER REFERENCES speakers(id),
    speaker_role TEXT,              -- role and organisation as this source gives them
    text TEXT NOT NULL,
    quote INTEGER NOT NULL,         -- 1: the exact words inside quotation marks; 0: reported speech
    topics TEXT NOT NULL,           -- topic slugs, space-separated (also in claim_topics)
    said_on TEXT,
    said_precision TEXT,            -- day | week | month | year
    said_note TEXT,
    provenance TEXT NOT NULL,       -- extracted | curated
    url TEXT NOT NULL,              -- the passage on this site
    statement_id INTEGER NOT NULL REFERENCES claims(id)  -- the first report of the same statement
);
CREATE TABLE claim_topics (
    claim_id INTEGER NOT NULL REFERENCES claims(id),
    topic TEXT NOT NULL,
    PRIMARY KEY (claim_id, topic)
);
CREATE TABLE appearances (
    statement_id INTEGER NOT NULL REFERENCES claims(id),  -- the statement's first report
    claim_id INTEGER NOT NULL UNIQUE REFERENCES claims(id),
    position INTEGER NOT NULL,      -- 1 for the first said or published
    PRIMARY KEY (statement_id, position)
);
CREATE TABLE statuses (
    claim_id INTEGER NOT NULL REFERENCES claims(id),
    position INTEGER NOT NULL,      -- 1 for the earliest change
    status TEXT NOT NULL,           -- kept | broken | in progress | disputed | unverified
    date TEXT,
    note TEXT,
    evidence_urls TEXT,             -- the change's evidence links, space-separated (URLs hold no spaces)
    PRIMARY KEY (claim_id, position)
);
CREATE INDEX sources_date ON sources(date);
CREATE INDEX sources_outlet ON sources(outlet);
CREATE INDEX claims_source ON claims(source_id);
CREATE INDEX claims_speaker ON claims(speaker_id);
CREATE INDEX claims_said_on ON claims(said_on);
CREATE INDEX claims_statement ON claims(statement_id);
CREATE INDEX claim_topics_topic ON claim_topics(topic);
CREATE INDEX statuses_status ON statuses(status);
"""


def _rows(cat: Catalogue, links: Links) -> dict[str, list[tuple]]:
    """Every table's rows, in the order they are inserted (corpus order, then position);
    keys are whole numbers (small and fast to join), each row also carries its public id."""
    rows: dict[str, list[tuple]] = {t: [] for t in ("sources", "speakers", "claims", "claim_topics", "appearances", "statuses")}
    speaker_ids = {name: k for k, name in enumerate(cat.speakers, 1)}
    for entry in cat.speakers.values():
        rows["speakers"].append((speaker_ids[entry.name], entry.slug, entry.name, entry.kind,
                                 links.absolute(speaker_path(entry.slug))))
    claim_ids = {ref: k for k, ref in enumerate((ClaimRef(s, i) for s in cat.sources for i in range(len(s.claims))), 1)}
    positions = appearance_positions(cat)
    for source_id, s in enumerate(cat.sources, 1):
        rows["sources"].append((
            source_id, s.slug, s.file, s.title, s.date, s.date_precision, s.provenance.get("date") if s.date else None,
            s.outlet, s.via, s.author, s.url, archive_url(s), s.retrieved, links.absolute(source_path(s.slug)),
            s.sha256, s.size, s.encoding))
        page = source_path(s.slug)
        for index, (anchor, c) in enumerate(zip(claim_anchors(s), s.claims)):
            ref = ClaimRef(s, index)
            ident = claim_ids[ref]
            statement = claim_ids[cat.appearances(ref)[0]]
            rows["claims"].append((
                ident, f"{s.slug}#{anchor}", source_id, index + 1, c.speaker, speaker_ids.get(c.speaker),
                role_of(s, c.speaker) or None, c.text, int(c.quote), " ".join(c.topics), c.said_on, c.said_precision,
                c.said_note, c.provenance, links.absolute(page, anchor), statement))
            rows["claim_topics"].extend((ident, t) for t in dict.fromkeys(c.topics))
            rows["appearances"].append((statement, ident, positions[ref]))
            rows["statuses"].extend((ident, k, *change) for k, change in enumerate(_status_history(cat, ref), 1))
    return rows


def _status_history(cat: Catalogue, ref: ClaimRef) -> list[tuple]:
    """(status, date, note, evidence urls) for each curated change, earliest first."""
    return [(change.status, change.on, change.note, " ".join(change.evidence) or None)
            for change in cat.status_history(ref)]


def render_database(cat: Catalogue, links: Links) -> bytes:
    connection = sqlite3.connect(":memory:")
    try:
        connection.execute(f"PRAGMA page_size = {PAGE_SIZE}")
        connection.executescript(SCHEMA)
        with connection:
            for table, rows in _rows(cat, links).items():
                if rows:
                    marks = ", ".join("?" * len(rows[0]))
                    connection.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)
        connection.execute("VACUUM")
        return connection.serialize()
    finally:
        connection.close()
