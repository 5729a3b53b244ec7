"""One pipeline: what `convert` writes is what `build` renders, page for page, in both
URL styles, and it is exactly `pipeline.run`'s output."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import frontmatter
import markdown
import pytest

from build_scripts import pipeline
from conftest import EPOCH, ROOT, SEEDS, build_site, run_cli
from html_tools import parse


def converted(out: Path, *extra: str) -> dict[str, bytes]:
    """`convert --out OUT` of the shipped seeds: every file written, by its path under OUT."""
    result = run_cli("convert", "--seeds", str(SEEDS), "--out", str(out), *extra)
    assert result.returncode == 0, result.stderr
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def html_path(page: str, directory_urls: bool) -> str:
    """Where MkDocs writes the HTML of the Markdown page `page`."""
    stem = page[: -len(".md")]
    if not directory_urls:
        return stem + ".html"
    return stem + ".html" if stem == "index" or stem.endswith("/index") else stem + "/index.html"


def markdown_renderer() -> markdown.Markdown:
    """Python-Markdown with the extensions and settings MkDocs gives it for this project."""
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"))
    return markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)


def article(html: str) -> str:
    """The built page's article: what Markdown and the plugin made of the page."""
    start = html.index("<article")
    return html[html.index(">", start) + 1 : html.index("</article>")]


def elements_and_text(html: str) -> tuple[list, str]:
    """Every element with its attributes, and the words (white space between blocks differs)."""
    doc = parse(html)
    return doc.elements, " ".join(" ".join(doc.text).split())


def hand_written_pages(directory_urls: bool) -> set[str]:
    return {html_path(p.relative_to(ROOT / "docs").as_posix(), directory_urls) for p in (ROOT / "docs").rglob("*.md")}


def assert_convert_is_what_build_renders(files: dict[str, bytes], site: Path, directory_urls: bool) -> None:
    pages = {path: data.decode("utf-8") for path, data in files.items() if path.endswith(".md")}
    built = {p.relative_to(site).as_posix() for p in site.rglob("*.html")}
    expected = {html_path(path, directory_urls) for path in pages}
    assert len(pages) > 20
    assert built - hand_written_pages(directory_urls) - {"404.html"} == expected
    for path, data in files.items():  # data, feed, originals: the same bytes
        if not path.endswith(".md"):
            assert (site / path).read_bytes() == data, path
    renderer = markdown_renderer()
    for path, page in sorted(pages.items()):
        post = frontmatter.loads(page)
        renderer.reset()
        want_elements, want_text = elements_and_text(renderer.convert(post.content))
        got = article((site / html_path(path, directory_urls)).read_text(encoding="utf-8"))
        title, _, rest = got.partition("</h1>")  # Material's heading from the front matter's title
        assert elements_and_text(title + "</h1>")[1] == " ".join(post["title"].split()), path
        got_elements, got_text = elements_and_text(rest)
        assert got_text == want_text, path
        assert got_elements == want_elements, path  # same tags, classes, ids and links, in order


def test_convert_writes_the_pages_build_renders(site, tmp_path):
    files = converted(tmp_path / "out")
    assert_convert_is_what_build_renders(files, site, directory_urls=True)
    assert b'href="../../speakers/' in files["sources/huawei-would-sign-no-spy-contract.md"]


def test_offline_convert_writes_the_pages_the_offline_build_renders(tmp_path):
    """The offline copy has no directory URLs: `convert --offline` links as it does."""
    site = tmp_path / "site"
    result = build_site(SEEDS, site, "--offline")
    assert result.returncode == 0, result.stderr
    files = converted(tmp_path / "out", "--offline")
    assert_convert_is_what_build_renders(files, site, directory_urls=False)
    assert b'href="../speakers/liang-hua.html"' in files["sources/huawei-would-sign-no-spy-contract.md"]


@pytest.mark.parametrize("offline", [False, True], ids=["site", "offline"])
def test_convert_writes_pipeline_run_pages_completed(tmp_path, offline):
    files = converted(tmp_path / "out", *(["--offline"] if offline else []))
    today = dt.datetime.fromtimestamp(int(EPOCH), tz=dt.timezone.utc).date()
    result = pipeline.run(SEEDS, options=pipeline.Options(use_directory_urls=not offline, today=today))
    site = result.site
    expected = {path: site.complete_markdown(path).encode("utf-8") for path in site.pages}
    expected.update(site.static)
    assert files == expected
    assert all(b"claimline:" not in data for path, data in files.items() if path.endswith(".md"))  # no marker left
