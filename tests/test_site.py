"""Integration: build the shipped seeds and check the real output."""

from __future__ import annotations

import csv
import html
import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlparse

import frontmatter

from conftest import SEEDS, run_cli
from html_tools import parse

SEED_FILES = sorted(p.name for p in SEEDS.glob("*.txt"))


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def page_url(site: Path, path: Path) -> str:
    return "http://site/" + path.relative_to(site).as_posix()


def resolve(site: Path, url: str) -> Path | None:
    parsed = urlparse(url)
    if parsed.netloc != "site":
        return None
    target = site / parsed.path.lstrip("/")
    if parsed.path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target


def test_every_seed_has_a_page(site):
    sources = json.loads((site / "data/sources.json").read_text())
    assert sorted(s["file"] for s in sources) == SEED_FILES
    for record in sources:
        page = site / record["url"] / "index.html"
        assert page.is_file(), record
        assert html.escape(record["title"], quote=False) in page.read_text()


def test_generated_markdown_has_claim_speaker_outlet_front_matter(tmp_path):
    result = run_cli("convert", "--seeds", str(SEEDS), "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    pages = [p for p in (tmp_path / "sources").glob("*.md") if p.name != "index.md"]
    assert len(pages) == len(SEED_FILES)
    files = set()
    for path in pages:
        post = frontmatter.load(path)
        for key in ("title", "date", "claim", "speaker", "outlet", "speakers", "claims", "topics", "source", "provenance"):
            assert key in post.metadata, (path.name, key)
        assert post["claim"] and post["speaker"] and post["outlet"], path.name
        assert post["claim"] in [c["text"] for c in post["claims"]]
        assert set(post["source"]) >= {"file", "sha256", "bytes"}
        assert set(post["provenance"].values()) <= {"extracted", "curated"}
        assert '<h3 class="cl-related-h">' in post.content and "claimline:" not in post.content  # whole page
        files.add(post["source"]["file"])
    assert sorted(files) == SEED_FILES


def test_every_internal_link_and_anchor_resolves(site):
    ids: dict[Path, set[str]] = {}
    broken = []
    checked = 0
    for path in html_files(site):
        doc = parse(path.read_text())
        base = page_url(site, path)
        for tag, attrs in doc.elements:
            ref = attrs.get("href") if tag in ("a", "link") else attrs.get("src") if tag in ("script", "img") else None
            if not ref or ref.startswith(("mailto:", "data:")):
                continue
            absolute = urljoin(base, ref)
            target = resolve(site, absolute)
            if target is None:
                continue
            checked += 1
            if not target.exists():
                broken.append((path.relative_to(site).as_posix(), ref))
                continue
            fragment = urlparse(absolute).fragment
            if fragment and target.suffix == ".html":
                if target not in ids:
                    ids[target] = {a["id"] for _, a in parse(target.read_text()).elements if "id" in a}
                if fragment not in ids[target]:
                    broken.append((path.relative_to(site).as_posix(), ref))
    assert checked > 200
    assert broken == []


def test_no_resource_loads_from_another_host(site):
    offenders = []
    for path in html_files(site):
        for tag, attrs in parse(path.read_text()).elements:
            ref = (attrs.get("src") if tag in ("script", "img", "iframe") else
                   attrs.get("href") if tag == "link" else None)
            if ref and (urlparse(ref).netloc or ref.startswith("//")):
                offenders.append((path.name, tag, ref))
    for path in list(site.rglob("*.css")) + list(site.rglob("*.html")):
        text = path.read_text(errors="replace")
        for m in re.finditer(r"""url\(\s*['"]?([^'")]+)|@import\s+(?:url\()?['"]?([^'");\s]+)""", text):
            ref = m.group(1) or m.group(2)
            if ref.startswith(("http:", "https:", "//")):
                offenders.append((path.name, "css", ref))
    assert offenders == []


def test_search_index_contains_each_headline_claim(site):
    index = json.loads((site / "search/search_index.json").read_text())
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", d["text"])) for d in index["docs"])
    text = " ".join(text.split())
    for record in json.loads((site / "data/sources.json").read_text()):
        assert " ".join(record["claim"].split()) in text, record["file"]


def test_claims_data_json_and_csv_agree_and_anchor(site):
    claims = json.loads((site / "data/claims.json").read_text())
    rows = list(csv.DictReader((site / "data/claims.csv").open()))
    assert len(claims) == len(rows) > 20
    assert list(rows[0]) == ["id", "text", "speaker", "source_file", "url", "quote", "topics", "date", "outlet", "provenance",
                             "said_on", "said_precision", "said_note", "status", "speaker_role", "source_title",
                             "date_precision", "date_provenance", "statement", "appearance", "appearances"]
    for claim, row in zip(claims, rows):
        assert claim["text"] == row["text"] and str(claim["quote"]).lower() == row["quote"]
        page, _, anchor = claim["url"].partition("#")
        assert re.fullmatch(r"claim-[a-z0-9-]+-[0-9a-f]{6}(-[0-9]+)?", anchor)  # from the words, never positional
        assert f'id="{anchor}"' in (site / page / "index.html").read_text()
    assert {c["source_file"] for c in claims} == set(SEED_FILES)


def test_every_anchor_earlier_builds_published_is_on_its_page(site):
    """The ledger's old `#claim-N` anchors are ids on the pages, just before the passage
    (or on the card) holding the same words."""
    import yaml

    ledger = yaml.safe_load((SEEDS / ".published-anchors.yml").read_text())["sources"]
    assert sum(len(entries) for entries in ledger.values()) == 41
    for slug, entries in ledger.items():
        page = (site / "sources" / slug / "index.html").read_text()
        for legacy in entries:
            assert re.search(f'<span id="{legacy}" class="cl-anchor cl-legacy" data-claim="[^"]+"></span>', page), (slug, legacy)


def test_index_pages_exist_and_nav_lists_sections_not_sources(site):
    for path in ["timeline", "speakers", "outlets", "topics", "methodology", "sources"]:
        assert (site / path / "index.html").is_file()
    home = parse((site / "index.html").read_text())
    nav = [a.get("href", "") for tag, a in home.elements if tag == "a" and "md-nav__link" in a.get("class", "")]
    assert {"timeline/", "speakers/", "outlets/", "topics/", "methodology/"} <= set(nav)
    assert not [h for h in nav if re.match(r"sources/[^/]+/", h)]


def test_headline_claims_of_the_shipped_seeds(site):
    by_file = {s["file"]: s for s in json.loads((site / "data/sources.json").read_text())}
    assert by_file["001_a46b77040a673505.txt"]["claim"] == (  # a quote interrupted by "stressed Ren." is one claim
        "There is absolutely no backdoor for our company, […] We are willing to sign 'no-backdoor agreements' "
        "with all governments worldwide.")
    assert by_file["001_a46b77040a673505.txt"]["speaker"] == "Ren Zhengfei"
    assert by_file["004_fff547c20d525937.txt"]["speaker"] == "Liang Hua"
    assert "no-spy agreements" in by_file["004_fff547c20d525937.txt"]["claim"]
    # Huawei's announcement is a claim of its own (issue 13): three claims each, Huawei speaks first
    assert by_file["002_7c35e2db5e4d3bbd.txt"]["speaker"] == "Huawei"
    assert by_file["000_9120f36168017efc.txt"]["date"] is None


def test_build_summary_line_and_strict_zero_warnings(tmp_path):
    result = run_cli("build", "--site-dir", str(tmp_path / "s"), "--strict")
    assert result.returncode == 0, result.stderr
    assert re.search(r"claimline: 5 sources, \d+ claims, \d+ speakers, 0 warnings", result.stderr)


def test_html_after_markdown_is_put_in_place_and_its_ids_are_known_to_mkdocs():
    """Links from hand-written pages to anchors inside generated HTML are still checked."""
    from types import SimpleNamespace

    from build_scripts.plugin import ClaimlinePlugin
    from build_scripts.render.markup import after_markdown_marker

    blocks = ['<ol><li id="claim-1">a</li><li id="claim-2">b</li></ol>', '<section id="y2019">c</section>']
    plugin = ClaimlinePlugin()
    plugin.result = SimpleNamespace(site=SimpleNamespace(after_markdown={"sources/x.md": blocks}))
    page = SimpleNamespace(file=SimpleNamespace(src_uri="sources/x.md"), present_anchor_ids={"claims"})
    html = f'<h2 id="claims">Claims</h2>\n{after_markdown_marker(0)}\n<h2>More</h2>\n{after_markdown_marker(1)}'
    out = plugin.on_page_content(html, page, None, None)
    assert out == f'<h2 id="claims">Claims</h2>\n{blocks[0]}\n<h2>More</h2>\n{blocks[1]}'
    assert page.present_anchor_ids == {"claims", "claim-1", "claim-2", "y2019"}


def test_home_page_quotes_only_attributed_claims_linking_to_their_passage(site):
    """The site's own words never look like a quote: no blockquote on the home page, and each
    quotation there is a claim's exact text, with its speaker and a link to its passage."""
    page = (site / "index.html").read_text()
    article = page.split('<article class="md-content__inner', 1)[1].split("</article>", 1)[0]
    assert "<blockquote" not in article
    claims = {c["text"]: c for c in json.loads((site / "data/claims.json").read_text())}
    items = re.findall(r'<ol class="cl-latest">(.*?)</ol>', article)[0].split("</li>")[:-1]
    assert items
    quotes = [item for item in items if "<q>" in item]
    assert quotes
    for item in quotes:
        claim = claims[html.unescape(re.search(r"<q>(.*?)</q>", item).group(1))]
        assert f'href="speakers/' in item
        assert f'href="{claim["url"]}"' in item  # the home page sits at the site's root
