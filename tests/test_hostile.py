"""Broken, odd and hostile input: clear errors, nothing lost, inert pages, reproducible builds."""

from __future__ import annotations

import codecs
import hashlib
import json
import re
import time
from pathlib import Path

import pytest

from build_scripts.extract.read import decode_seed
from conftest import SEEDS, build_site, run_cli
from html_tools import parse

ARTICLE = ('Acme pledges open audits\n\n"We will open every line of our code to auditors," said Jan Novak, '
           'chief executive of Acme.\n\nNovak said the audits would begin in June.\n')


def corpus(tmp_path: Path, files: dict[str, bytes | str]) -> Path:
    folder = tmp_path / "seeds"
    folder.mkdir(exist_ok=True)
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return folder


def check(folder: Path):
    return run_cli("check", "--seeds", str(folder))


@pytest.mark.parametrize("content,message", [
    (b"", "empty file"),
    (b"  \n\t\n  ", "only whitespace"),
    (b"Learn More\nShare\n04:24\n[]\n", "nothing is left after removing page furniture"),
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "binary file (a PNG image)"),
    (b"Title\n\nSome text\x00 with a NUL byte.\n", "NUL byte at byte offset 16"),
])
def test_unusable_files_are_one_line_errors(tmp_path, content, message):
    folder = corpus(tmp_path, {"good.txt": ARTICLE, "bad.txt": content})
    result = check(folder)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("bad.txt: ") and message in lines[0]
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("encode", [
    lambda t: t.encode("latin-1"),
    lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"),
    lambda t: t.encode("utf-16-le"),
    lambda t: t.encode("utf-16-be"),
    lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
    lambda t: t.replace("\n", "\r\n").encode("utf-8"),
    lambda t: t.replace("\n", "\r").encode("utf-8"),
], ids=["latin-1", "utf-16-bom", "utf-16-le", "utf-16-be", "utf-8-bom", "crlf", "cr"])
def test_encodings_and_line_endings_decode(encode):
    text = ARTICLE.replace("Jan Novak", "José Núñez").replace("Novak said", "Núñez said")
    seed, problems = decode_seed("x.txt", encode(text))
    assert seed is not None and seed.text == text
    assert all(p.severity == "warning" for p in problems)


def test_ten_megabyte_file_in_bounded_time_and_memory(tmp_path):
    import subprocess
    import sys

    paragraph = ('"We will never install backdoors in our products," said Jan Novak, chief executive of Acme. '
                 "The company denied the report. Analysts were not convinced by the statement.\n\n")
    big = ("A very long report\n\n" + paragraph * (10_000_000 // len(paragraph))).encode()
    folder = corpus(tmp_path, {"big.txt": big})
    start = time.monotonic()
    code = ("import resource,sys;from pathlib import Path;from build_scripts import pipeline;"
            f"c=pipeline.load(Path({str(folder)!r}));"
            "print(len(c.sources[0].claims), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=SEEDS.parent)
    elapsed = time.monotonic() - start
    assert out.returncode == 0, out.stderr
    claims, peak_kb = map(int, out.stdout.split())
    print(f"10 MB seed: {elapsed:.1f} s, peak RSS {peak_kb / 1024:.0f} MiB, {claims} claims")
    assert claims > 50_000
    assert peak_kb < 3 * 1024 * 1024  # bounded: well under 3 GiB
    assert elapsed < 300


HOSTILE = """---
title: injected
layout: evil
---
{{ config.site_name }} {% include 'x' %} [click](javascript:alert(1)) ![img](http://evil.example/x.png)
<script>alert("x")</script> <img src=x onerror="alert(1)"> <iframe src="http://evil.example"></iframe>
<a href="javascript:alert(2)">link</a>

"We will never sell <b>user data</b> or run javascript:alert(3) code," said Jan Novak, chief executive of Acme.
"""


def test_hostile_text_is_inert(tmp_path):
    folder = corpus(tmp_path, {"hostile.txt": HOSTILE, "good.txt": ARTICLE})
    site = tmp_path / "site"
    result = build_site(folder, site)
    assert result.returncode == 0, result.stderr
    pages = [p for p in site.rglob("*.html")]
    for page in pages:
        doc = parse(page.read_text())
        for tag, attrs in doc.elements:
            assert tag not in ("iframe", "b", "img"), (page, tag, attrs)
            assert not any(k.startswith("on") for k in attrs), (page, tag, attrs)
            for key in ("href", "src"):
                value = attrs.get(key) or ""
                assert not value.strip().lower().startswith("javascript:"), (page, tag, attrs)
                assert "evil.example" not in value, (page, tag, attrs)
            if tag == "script" and "src" in attrs:
                assert attrs["src"].endswith(".js")
        for script in doc.scripts:
            assert "alert(" not in script or script.lstrip().startswith("{"), page
    source = json.loads((site / "data/sources.json").read_text())
    hostile = next(s for s in source if s["file"] == "hostile.txt")
    page = (site / hostile["url"] / "index.html").read_text()
    assert "{{ config.site_name }}" in page and "&lt;script&gt;" in page
    assert hostile["title"] != "injected"  # the leading --- block was not read as front matter
    assert "layout: evil" in page


def test_titles_and_file_names_make_distinct_stable_slugs(tmp_path):
    titles = {
        "a.txt": "Same title\n\nAcme said it will never sell data.",
        "b.txt": "Same title\n\nAcme said it will always protect data.",
        "c d é.txt": "../../etc/passwd and a/b.c\n\nAcme said it is fine.",
        "日本.txt": "日本の会社はデータを売らないと述べた\n\nAcme said nothing else.",
        "emoji.txt": "🔒🔒🔒\n\nAcme said it uses locks.",
        "index.txt": "Index\n\nAcme said it is an index.",
        "page.txt": "Page 2\n\nAcme said it is a page.",
        "long.txt": ("Very long headline " * 16).strip() + "\n\nAcme said it was long.",
        ".hidden.txt": ARTICLE,
        "notes.md": ARTICLE,
        "sub/inner.txt": ARTICLE,
    }
    folder = corpus(tmp_path, titles)
    site = tmp_path / "site"
    result = build_site(folder, site)
    assert result.returncode == 0, result.stderr
    sources = json.loads((site / "data/sources.json").read_text())
    assert sorted(s["file"] for s in sources) == sorted(n for n in titles if "/" not in n and n.endswith(".txt") and not n.startswith("."))
    urls = [s["url"] for s in sources]
    assert len(set(urls)) == len(urls)
    for url in urls:
        assert re.fullmatch(r"sources/[a-z0-9-]{1,80}/", url), url
        assert url not in ("sources/index/", "sources/page-2/"), url
        assert (site / url / "index.html").is_file()
    for notice in (".hidden.txt (hidden file)", "sub/ (sub-folder)", "notes.md (not a .txt seed"):
        assert notice in run_cli("check", "--seeds", str(folder)).stderr
    again = tmp_path / "site2"
    build_site(folder, again)
    assert json.loads((again / "data/sources.json").read_text()) == sources


@pytest.mark.parametrize("yml,message", [
    ("title: [unclosed\n", "a.yml:2: malformed YAML"),
    ("colour: red\n", "a.yml:1: unknown key 'colour'"),
    ("title: Fine\ndate: 12\n", "a.yml:2: 'date' must be a date"),
    ("date: 2019-02-30\n", "a.yml:1: 'date' '2019-02-30' is not a real date"),
    ("date: 2999-01-01\n", "a.yml:1: 'date' '2999-01-01' is in the future"),
    ("speakers:\n  - {name: X, age: 3}\n", "a.yml:2: unknown key 'speakers.age'"),
    ("url: javascript:alert(1)\n", "a.yml:1: 'url' must be an http(s) URL"),
    ("topics: [made-up]\n", "a.yml:1: unknown topic 'made-up'"),
])
def test_bad_curated_files_name_file_and_line(tmp_path, yml, message):
    folder = corpus(tmp_path, {"a.txt": ARTICLE, "a.yml": yml})
    result = check(folder)
    assert result.returncode == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_orphan_and_contradicting_curated_files(tmp_path):
    folder = corpus(tmp_path, {"a.txt": ARTICLE, "a.yml": "title: Something else entirely\n", "ghost.yml": "title: x\n"})
    result = check(folder)
    assert "ghost.yml: curated metadata with no matching seed (ghost.txt)" in result.stderr
    assert "a.txt: warning: curated title 'Something else entirely' contradicts the text's 'Acme pledges open audits'" in result.stderr


def test_every_problem_in_one_run_and_pages_equal_valid_seeds(tmp_path):
    files = {f"good{i}.txt": ARTICLE.replace("Acme", f"Acme{i}") for i in range(12)}
    files.update({"empty.txt": b"", "nul.txt": b"a\x00b", "img.txt": b"\x89PNG....", "bad.yml": "nope: 1\n",
                  "good3.yml": "date: 2019-13-01\n"})
    folder = corpus(tmp_path, files)
    result = check(folder)
    named = {line.split(":")[0] for line in result.stderr.splitlines()}
    assert {"empty.txt", "nul.txt", "img.txt", "bad.yml", "good3.yml"} <= named
    site = tmp_path / "site"
    assert build_site(folder, site).returncode == 1
    assert not site.exists()
    for bad in ("empty.txt", "nul.txt", "img.txt", "bad.yml"):
        (folder / bad).unlink()
    (folder / "good3.yml").write_text("date: 2019-12-01\n")
    assert build_site(folder, site).returncode == 0
    built = {s["file"] for s in json.loads((site / "data/sources.json").read_text())}
    assert built == {p.name for p in folder.glob("*.txt")}


def test_failed_build_leaves_previous_site_untouched(tmp_path):
    folder = corpus(tmp_path, {"a.txt": ARTICLE})
    site = tmp_path / "site"
    assert build_site(folder, site).returncode == 0
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    (folder / "broken.txt").write_bytes(b"")
    result = build_site(folder, site)
    assert result.returncode == 1 and "broken.txt: empty file" in result.stderr
    assert "Traceback" not in result.stderr
    after = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert after == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site")]


def test_verbatim_original_is_reachable_and_matches(site):
    for record in json.loads((site / "data/sources.json").read_text()):
        page = (site / record["url"] / "index.html").read_text()
        assert 'href="original.txt"' in page and record["sha256"] in page
        original = (site / record["url"] / "original.txt").read_bytes()
        assert hashlib.sha256(original).hexdigest() == record["sha256"]
        assert original == (SEEDS / record["file"]).read_bytes()


def test_two_builds_are_byte_identical(tmp_path):
    first, second = tmp_path / "one", tmp_path / "two"
    assert build_site(SEEDS, first).returncode == 0
    assert build_site(SEEDS, second).returncode == 0
    files1 = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    files2 = sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert files1 == files2 and Path("data/claimline.db") in files1  # the SQLite export too: no timestamp in it
    different = [str(p) for p in files1 if (first / p).read_bytes() != (second / p).read_bytes()]
    assert different == []
    for p in files1:
        if p.suffix in (".html", ".json", ".xml", ".csv"):
            assert str(first) not in (first / p).read_text(errors="replace")
