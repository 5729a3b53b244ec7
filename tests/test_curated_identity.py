"""Curated YAML that cannot crash or hang a check; one identity per name, title and slug.

Every hostile curated file is one line, `FILE:LINE: message`, and exit status 1: never a
traceback, never a silent choice. Names and titles that a reader cannot tell apart are
one name (NFC, invisible characters removed); no two sources ever share a URL.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from conftest import EPOCH, ROOT, build_site, run_cli

ARTICLE = ('{title}\n\n"We will open every line of our code to auditors," said Jan Novak, chief executive of Acme.'
           "\n\nNovak said the audits would begin in June.\n")


def article(title: str) -> str:
    return ARTICLE.format(title=title)


def corpus(tmp_path: Path, files: dict[str, bytes | str]) -> Path:
    folder = tmp_path / "seeds"
    folder.mkdir(exist_ok=True)
    for name, content in files.items():
        (folder / name).write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return folder


def check(folder: Path) -> subprocess.CompletedProcess:
    """`check`, with a time limit only as a guard for CI: a refusal happens before any
    expansion, so a bomb costs no more than a normal file."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    return subprocess.run([sys.executable, "-m", "build_scripts", "check", "--seeds", str(folder)], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=60)


def alias_bomb(levels: int = 9, width: int = 9) -> str:
    """The 'billion laughs': each level lists the previous one `width` times, so `date`
    would expand to width**(levels+1) strings (about 3.5 billion here)."""
    rows = ["l0: &l0 [" + ", ".join(["lol"] * width) + "]"]
    rows += [f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * width) + "]" for i in range(1, levels + 1)]
    return "\n".join(rows) + f"\ndate: *l{levels}\n"


YAML_ATTACKS = [
    pytest.param(alias_bomb(), "a.yml:1: anchors and aliases (& and *) are not allowed", id="alias-bomb"),
    pytest.param("title: !!int abc\n", "a.yml:1: explicit tag '!!int' is not allowed", id="int-tag"),
    pytest.param("date: !!timestamp 2019-02-30\n", "a.yml:1: explicit tag '!!timestamp' is not allowed", id="timestamp-tag"),
    pytest.param("title: Fine\nauthor: !reporter Ann\n", "a.yml:2: explicit tag '!reporter' is not allowed", id="custom-tag"),
    pytest.param("title: !!python/object/apply:os.system [ls]\n", "a.yml:1: explicit tag '!!python/object/apply:os.system'",
                 id="python-tag"),
    pytest.param("speakers:\n  - <<: {name: Jan Novak}\n    kind: person\n", "a.yml:2: merge keys (<<) are not allowed",
                 id="merge-key"),
    pytest.param("title: First title\nauthor: Ann\ntitle: Second title\n", "a.yml:3: duplicate key 'title' (first at line 1)",
                 id="duplicate-key"),
    pytest.param("'title': First title\n\"title\": Second title\n", "a.yml:2: duplicate key 'title' (first at line 1)",
                 id="duplicate-key-quoted"),
    pytest.param("speakers:\n  - name: Jan Novak\n    role: chief executive\n    name: Ann Other\n",
                 "a.yml:4: duplicate key 'name' (first at line 2)", id="duplicate-nested-key"),
    pytest.param("topics: " + "[" * 5000 + "]" * 5000 + "\n", "a.yml:1: nested more than 20 levels deep", id="deep-flow"),
    pytest.param("".join("  " * i + f"level{i}:\n" for i in range(600)) + "  " * 600 + "end\n",
                 "a.yml:21: nested more than 20 levels deep", id="deep-block"),
    pytest.param("title: " + "9" * 5000 + "\n", "a.yml:1: a number longer than 100 characters", id="huge-integer"),
    pytest.param("title: Fine\ndate_note: " + "word " * 5000 + "\n", "a.yml:2: a value longer than 20000 characters",
                 id="huge-value"),
    pytest.param("title: Fine\nauthor: Ann\x07Other\n", "a.yml:2: malformed YAML: character U+0007 is not allowed",
                 id="control-character"),
    pytest.param("date: ٢٠١٩-٠١-٠١\n", "a.yml:1: 'date' must be a date as YYYY-MM-DD", id="arabic-indic-date"),
    pytest.param("date: ２０１９-０１\n", "a.yml:1: 'date' must be a date as YYYY-MM-DD", id="fullwidth-date"),
    pytest.param('title: "\\u200b\\u202e\\u2060\\u00ad"\n', "a.yml:1: 'title' must be non-empty text", id="invisible-title"),
    pytest.param('speakers:\n  - name: "\\u200d\\u2066"\n', "a.yml:2: 'speakers.name' must be non-empty text",
                 id="invisible-speaker"),
]


@pytest.mark.parametrize("yml,expected", YAML_ATTACKS)
def test_hostile_curated_yaml_is_one_line_error(tmp_path, yml, expected):
    folder = corpus(tmp_path, {"a.txt": article("Acme pledges open audits"), "a.yml": yml})
    result = check(folder)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("a.yml")]
    assert len(lines) == 1 and lines[0].startswith(expected), result.stderr


def test_yaml_beside_yml_is_an_error_naming_both(tmp_path):
    folder = corpus(tmp_path, {"a.txt": article("Acme pledges open audits"),
                               "a.yml": "title: From the yml file\n", "a.yaml": "title: From the yaml file\n"})
    result = check(folder)
    assert result.returncode == 1
    assert result.stderr.splitlines() == ["a.yaml: curated metadata for a.txt is in a.yaml and a.yml: keep one file"]


def suffix(key: str) -> str:
    """The suffix a clash gets: 8 hex digits of the SHA-1 of the page's file name."""
    return hashlib.sha1(key.encode()).hexdigest()[:8]


IDENTITY = {
    # One person, two Unicode spellings (precomposed and combining accents).
    "nfc.txt": article("Acme opens its code").replace("Jan Novak", "José Núñez").replace("Novak said", "Núñez said"),
    "nfd.txt": unicodedata.normalize("NFD", article("Acme repeats its audit pledge")
                                     .replace("Jan Novak", "José Núñez").replace("Novak said", "Núñez said")),
    # Bidirectional controls, zero-width characters and a soft hyphen inside a title.
    "bidi.txt": article("\u202eAcme pledges\u00ad third\u200b-party audits\u2069"),
    # A title line of invisible characters only: the first visible sentence stands in.
    "blank.txt": article("\u200b\u200e\u2060\u202e\ufeff"),
    # Emoji (one of them a ZWJ sequence) behind a bidi override.
    "emoji.txt": article("\u202e🔒 Acme locks down user data 👩\u200d💻"),
    # Dates: one after SOURCE_DATE_EPOCH's day (2023-11-14), one in Arabic-Indic digits.
    "future.txt": article("Acme schedules audits\n\nPublished 3 March 2031"),
    "arabic.txt": article("Acme reports audit progress\n\nPublished ٥ March ٢٠١٩"),
    # A curated speaker name with invisible characters is the extracted Jan Novak.
    "curated.txt": article("Acme names its auditor"),
    "curated.yml": ('speakers:\n  - name: "Jan\\u200b Nov\\u200dak\\u202c"\n    role: chief executive\n'
                    'outlet: "\\u2067Daily\\u200b Planet\\u2069"\n'),
    # Adversarial titles: three alike, one spelling the suffix the second clash gets (and
    # sorting before it), reserved index and pagination names, the fallback word.
    "q1.txt": article("Quarterly statement"),
    "q2.txt": article(f"Quarterly statement {suffix('q3.txt')}"),
    "q3.txt": article("Quarterly statement"),
    "q4.txt": article("Quarterly statement"),
    "r0.txt": article(f"Index {suffix('r1.txt')}"),
    "r1.txt": article("Index"),
    "r2.txt": article(f"Source {suffix('r3.txt')}"),
    "r3.txt": article("Source"),
    "r4.txt": article("Page 7"),
}


@pytest.fixture(scope="module")
def identity_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("identity")
    folder = corpus(root, IDENTITY)
    site = root / "site"
    result = build_site(folder, site)
    assert result.returncode == 0, result.stderr
    records = {r["file"]: r for r in json.loads((site / "data/sources.json").read_text(encoding="utf-8"))}
    return site, records, run_cli("check", "--seeds", str(folder))


def h1_text(page: Path) -> str:
    match = re.search(r"<h1[^>]*>(.*?)</h1>", page.read_text(encoding="utf-8"), re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", match.group(1))).strip()


def test_one_speaker_page_for_two_spellings_of_a_name(identity_site):
    site, records, _ = identity_site
    names = {s["name"] for f in ("nfc.txt", "nfd.txt") for s in records[f]["speakers"]}
    assert names == {"José Núñez"} and unicodedata.is_normalized("NFC", "José Núñez")
    pages = [p.name for p in (site / "speakers").iterdir() if p.name.startswith("jose")]
    assert pages == ["jose-nunez"]
    assert re.findall(r'href="(jose[^"]*)"', (site / "speakers/index.html").read_text(encoding="utf-8")) == ["jose-nunez/"]


def test_invisible_characters_leave_names_and_titles(identity_site):
    site, records, _ = identity_site
    assert records["curated.txt"]["speakers"] == [
        {"name": "Jan Novak", "kind": "person", "role": "chief executive", "organisation": "Acme"}]
    assert records["curated.txt"]["outlet"] == "Daily Planet"
    bidi = records["bidi.txt"]
    assert bidi["title"] == "Acme pledges third-party audits"
    assert bidi["url"] == "sources/acme-pledges-third-party-audits/"
    assert h1_text(site / bidi["url"] / "index.html") == "Acme pledges third-party audits"


def test_invisible_title_counts_as_missing(identity_site):
    site, records, _ = identity_site
    first_sentence = '"We will open every line of our code to auditors," said Jan Novak, chief…'  # 14 words
    assert records["blank.txt"]["title"] == first_sentence
    assert h1_text(site / records["blank.txt"]["url"] / "index.html") == first_sentence


def test_title_with_emoji_keeps_them(identity_site):
    site, records, _ = identity_site
    title = "🔒 Acme locks down user data 👩\u200d💻"
    record = records["emoji.txt"]
    assert record["title"] == title
    assert record["url"] == "sources/acme-locks-down-user-data/"
    assert h1_text(site / record["url"] / "index.html") == title


def test_dates_are_ascii_and_never_in_the_future(identity_site):
    _, records, checked = identity_site
    assert records["future.txt"]["date"] is None and records["arabic.txt"]["date"] is None
    assert "future.txt: warning: date '2031-03-03' read from the text is after today: left out" in checked.stderr
    assert "arabic.txt" not in checked.stderr


def test_no_two_sources_share_a_url(identity_site):
    site, records, _ = identity_site
    assert set(records) == {name for name in IDENTITY if name.endswith(".txt")}
    urls = [r["url"] for r in records.values()]
    assert len(set(urls)) == len(urls)
    for record in records.values():
        assert re.fullmatch(r"sources/[a-z0-9-]{1,80}/", record["url"]), record["url"]
        assert record["url"] not in ("sources/index/", "sources/page-7/", "sources/source/")
        assert h1_text(site / record["url"] / "index.html") == record["title"]  # each page is its own source's
