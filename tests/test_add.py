"""`python -m build_scripts add URL…`: pages downloaded from a local HTTP server only.

The server on 127.0.0.1 answers each path as a kind of real site would: a page, a redirect
chain, an error status, a server that never answers, a non-HTML type, an oversized body, a
redirect loop. Every failure is one line naming the URL; the other URLs are still saved.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import http.server
import re
import threading

import pytest

from build_scripts import pipeline
from build_scripts.commands import load_configuration, main
from build_scripts.commands.add import AddError, Page, free_name, normalised_url, seed_stem
from build_scripts.extract import read
from build_scripts.extract.curate import parse_curated
from tests.conftest import run_cli

PAGE = ("<!doctype html><html><head><meta charset=\"utf-8\"><title>Acme opens its audit lab | Example News</title>"
        "</head><body><article><h1>Acme opens its audit lab</h1><p>Acme said on Monday that outside "
        "reviewers may inspect its source code.</p></article></body></html>").encode("utf-8")
BIG = b"<html><body>" + b"<p>padding words for a long page</p>" * 100 + b"</body></html>"  # 3,626 bytes
ARTICLE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Acme invites outside auditors into its code lab | Harbour Gazette</title>
<link rel="canonical" href="http://{host}/world/acme-invites-auditors">
<meta property="og:site_name" content="Harbour Gazette">
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",
 "headline": "Acme invites outside auditors into its code lab", "datePublished": "2021-04-06T09:00:00Z",
 "author": {"@type": "Person", "name": "Mara Lindqvist"}, "publisher": {"@type": "Organization", "name": "Harbour Gazette"}}
</script></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Acme invites outside auditors into its code lab</h1>
<p>By Mara Lindqvist</p>
<p>Acme, the maker of network switches, said on Tuesday that independent reviewers will be able to read the
source code of its products in a new laboratory near the harbour, a step it described as overdue.</p>
<p>"We will never build a hidden entrance into our equipment, and anyone who doubts it may check for themselves,"
said Jan Novak, the company's chief executive, at the opening of the laboratory.</p>
<p>The company said the reviewers would work under a written agreement and publish their findings each year.
Critics said a laboratory was welcome but that the reviews would only be as good as the access granted.</p>
</article><footer>Copyright Harbour Gazette</footer></body></html>
"""
NEVER = threading.Event()  # the slow path waits on it: set only when the server stops


class Site(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    routes = {
        "/news/2024/acme-opens-audit-lab.html": (200, {"Content-Type": "text/html; charset=utf-8"}, PAGE),
        "/xhtml/index.html": (200, {"Content-Type": "application/xhtml+xml"}, PAGE),
        "/short/1": (302, {"Location": "/short/2"}, b""),
        "/short/2": (301, {"Location": "http://{host}/stories/audit-results-out"}, b""),
        "/stories/audit-results-out": (200, {"Content-Type": "text/html"}, PAGE),
        "/missing": (404, {"Content-Type": "text/html"}, b"<p>gone</p>"),
        "/broken": (500, {"Content-Type": "text/html"}, b"<p>oops</p>"),
        "/data.json": (200, {"Content-Type": "application/json"}, b"{}"),
        "/untyped": (200, {}, PAGE),
        "/big": (200, {"Content-Type": "text/html"}, BIG),
        "/loop/a": (302, {"Location": "/loop/b"}, b""),
        "/loop/b": (307, {"Location": "/loop/a"}, b""),
        "/to-file": (302, {"Location": "file:///etc/passwd"}, b""),
        "/world/acme-invites-auditors?utm_source=feed": (200, {"Content-Type": "text/html; charset=utf-8"},
                                                         ARTICLE.encode()),
        "/bomb": (200, {"Content-Type": "text/html", "Content-Encoding": "gzip"}, gzip.compress(b" " * 10**6, mtime=0)),
        "/brotli": (200, {"Content-Type": "text/html", "Content-Encoding": "br"}, b"xx"),
        "/zipped/compressed-page": (200, {"Content-Type": "text/html", "Content-Encoding": "gzip"}, gzip.compress(PAGE, mtime=0)),
    }

    def do_GET(self):
        if self.path == "/slow":
            NEVER.wait(60)
            return
        if self.path.startswith("/chain/"):  # /chain/0 -> /chain/1 -> … -> /chain/20
            number = int(self.path.rsplit("/", 1)[1])
            self.send_response(302 if number < 20 else 200)
            self.send_header("Location", f"/chain/{number + 1}")
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(PAGE)))
            self.end_headers()
            self.wfile.write(PAGE)
            return
        if self.path == "/stalls":  # the headers, a little of the body, then nothing
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "5000")
            self.end_headers()
            self.wfile.write(PAGE[:50])
            self.wfile.flush()
            NEVER.wait(60)
            return
        if self.path == "/big-unsized":  # no Content-Length: the body ends when the connection closes
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(BIG)
            self.close_connection = True
            return
        status, headers, body = self.routes.get(self.path, (404, {}, b""))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value.replace("{host}", self.headers["Host"]))
        body = body.replace(b"{host}", self.headers["Host"].encode()) if b"<html" in body else body
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Site)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    NEVER.set()
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def seeds(tmp_path, monkeypatch):
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    folder = tmp_path / "seeds"
    folder.mkdir()
    return folder


def add(capsys, seeds, *argv):
    status = main(["add", "--seeds", str(seeds), *argv])
    out, err = capsys.readouterr()
    return status, out, err


def files(folder):
    return sorted(p.name for p in folder.iterdir())


def curated(folder, name):
    values, problems = parse_curated(name, (folder / name).read_text(), dt.date.today() + dt.timedelta(days=1), set())
    assert problems == []
    return values


def retrieval_days():
    return {(dt.datetime.now(dt.timezone.utc) + dt.timedelta(minutes=m)).date().isoformat() for m in (-5, 0)}


def test_a_page_is_saved_verbatim_with_its_url_and_retrieval_day(server, seeds, capsys):
    before = retrieval_days()
    status, out, err = add(capsys, seeds, f"{server}/news/2024/acme-opens-audit-lab.html")
    assert (status, err) == (0, "")
    assert files(seeds) == ["acme-opens-audit-lab.html", "acme-opens-audit-lab.yml"]
    assert (seeds / "acme-opens-audit-lab.html").read_bytes() == PAGE
    values = curated(seeds, "acme-opens-audit-lab.yml")
    assert values.keys() == {"url", "retrieved"}  # not redirected: no requested_url
    assert values["url"] == f"{server}/news/2024/acme-opens-audit-lab.html"
    assert values["retrieved"] in before | retrieval_days()
    assert out == (f"saved {server}/news/2024/acme-opens-audit-lab.html as acme-opens-audit-lab.html "
                   f"({len(PAGE):,} bytes) and acme-opens-audit-lab.yml\n")


def test_a_redirect_chain_is_followed_and_recorded(server, seeds, capsys):
    status, out, err = add(capsys, seeds, f"{server}/short/1")
    assert (status, err) == (0, "")
    assert files(seeds) == ["audit-results-out.html", "audit-results-out.yml"]  # named from the final URL
    values = curated(seeds, "audit-results-out.yml")
    assert (values["url"], values["requested_url"]) == (f"{server}/stories/audit-results-out", f"{server}/short/1")
    assert out.startswith(f"saved {server}/short/1 -> {server}/short/2 -> {server}/stories/audit-results-out as ")


@pytest.mark.parametrize("path, options, message", [
    ("/missing", (), "HTTP 404 Not Found"),
    ("/broken", (), "HTTP 500 Internal Server Error"),
    ("/slow", ("--timeout", "0.3"), "timed out after 0.3 s"),
    ("/data.json", (), "content type application/json, not an HTML page (text/html or application/xhtml+xml)"),
    ("/untyped", (), "no Content-Type: not saved (an HTML page says text/html)"),
    ("/big", ("-o", "max_seed_mb=0.001"), "3,626 bytes is over the 1,000 bytes seed size limit (claimline max_seed_mb)"),
    ("/big-unsized", ("-o", "max_seed_mb=0.001"), "1,001 bytes is over the 1,000 bytes seed size limit (claimline max_seed_mb)"),
    ("/loop/a", (), "redirect loop: {server}/loop/a -> {server}/loop/b -> {server}/loop/a"),
    ("/to-file", (), "redirected to file:///etc/passwd: not an http(s) URL (scheme 'file')"),
    ("/chain/0", (), "more than 10 redirects"),
    ("/stalls", ("--timeout", "0.3"), "timed out after 0.3 s"),
    ("/bomb", ("-o", "max_seed_mb=0.001"), "1,001 bytes is over the 1,000 bytes seed size limit (claimline max_seed_mb)"),
    ("/brotli", (), "Content-Encoding br is not supported"),
])
def test_each_failure_is_one_line_naming_the_url_and_nothing_is_written(server, seeds, capsys, path, options, message):
    status, out, err = add(capsys, seeds, *options, f"{server}{path}")
    assert (status, out, err) == (1, "", f"{server}{path}: {message.format(server=server)}\n")
    assert files(seeds) == []


@pytest.mark.parametrize("url, message", [
    ("ftp://127.0.0.1/page.html", "not an http(s) URL (scheme 'ftp')"),
    ("file:///etc/passwd", "not an http(s) URL (scheme 'file')"),
    ("javascript:alert(1)", "not an http(s) URL (scheme 'javascript')"),
    ("example.org/page", "not an http(s) URL (no scheme)"),
    ("http://user:secret@127.0.0.1/", "a URL with a user name or password is not fetched (it would be recorded in "
                                      "the curated file)"),
    ("http:///nohost", "not a valid URL (no host)"),
])
def test_a_url_that_is_not_http_is_refused_before_any_request(seeds, capsys, url, message):
    assert add(capsys, seeds, url) == (1, "", f"{url}: {message}\n")


def test_the_good_urls_are_saved_when_others_fail(server, seeds, capsys):
    status, out, err = add(capsys, seeds, f"{server}/missing", f"{server}/news/2024/acme-opens-audit-lab.html",
                           "ftp://127.0.0.1/x", f"{server}/xhtml/index.html")
    assert status == 1
    assert err == f"{server}/missing: HTTP 404 Not Found\nftp://127.0.0.1/x: not an http(s) URL (scheme 'ftp')\n"
    assert out.count("\n") == 2
    # index.html names nothing: the page title does
    assert files(seeds) == ["acme-opens-audit-lab.html", "acme-opens-audit-lab.yml",
                            "acme-opens-its-audit-lab-example-news.html", "acme-opens-its-audit-lab-example-news.yml"]


def test_a_name_in_use_gets_a_suffix_and_nothing_is_overwritten(server, seeds, capsys):
    (seeds / "acme-opens-audit-lab.txt").write_text("an earlier copy\n")
    (seeds / "acme-opens-audit-lab-2.yml").write_text("title: x\n")
    assert add(capsys, seeds, f"{server}/news/2024/acme-opens-audit-lab.html")[0] == 0
    assert files(seeds) == ["acme-opens-audit-lab-2.yml", "acme-opens-audit-lab-3.html", "acme-opens-audit-lab-3.yml",
                            "acme-opens-audit-lab.txt"]
    assert (seeds / "acme-opens-audit-lab.txt").read_text() == "an earlier copy\n"


def test_a_url_already_in_the_seeds_folder_is_refused(server, seeds, capsys):
    url = f"{server}/short/1"
    assert add(capsys, seeds, url)[0] == 0
    final = f"{server}/stories/audit-results-out"
    assert add(capsys, seeds, url, final) == (1, "", (
        f"{url}: already in the seeds folder (audit-results-out.yml)\n"
        f"{final}: already in the seeds folder (audit-results-out.yml)\n"))
    assert files(seeds) == ["audit-results-out.html", "audit-results-out.yml"]


def test_ten_redirects_are_followed(server, seeds, capsys):
    status, out, err = add(capsys, seeds, f"{server}/chain/10")
    assert (status, err) == (0, "")
    assert out.count(" -> ") == 10 and f"{server}/chain/20 as " in out


def test_a_compressed_body_is_saved_decompressed(server, seeds, capsys):
    assert add(capsys, seeds, f"{server}/zipped/compressed-page")[0] == 0
    assert (seeds / "compressed-page.html").read_bytes() == PAGE


def test_a_missing_seeds_folder_and_a_bad_timeout_are_one_line(server, seeds, capsys):
    assert add(capsys, seeds / "nope", f"{server}/missing") == (1, "", f"{seeds / 'nope'}: seeds folder does not exist\n")
    with pytest.raises(SystemExit) as stop:
        main(["add", "--timeout", "0", f"{server}/missing"])
    assert stop.value.code == 2
    assert "expected seconds above 0 and at most 3600, got '0'" in capsys.readouterr().err


def test_the_command_line_exits_1_with_one_line_per_failure_and_no_traceback(server, seeds):
    result = run_cli("add", "--seeds", str(seeds), "--timeout", "0.3", f"{server}/slow", f"{server}/broken",
                     f"{server}/news/2024/acme-opens-audit-lab.html", env={"NO_PROXY": "127.0.0.1", "no_proxy": "127.0.0.1"})
    assert result.returncode == 1
    assert result.stderr == f"{server}/slow: timed out after 0.3 s\n{server}/broken: HTTP 500 Internal Server Error\n"
    assert re.fullmatch(r"saved \S+ as acme-opens-audit-lab\.html \([0-9,]+ bytes\) and acme-opens-audit-lab\.yml\n",
                        result.stdout)


@pytest.mark.skipif(".html" not in read.SEED_SUFFIXES, reason="HTML seeds are not read yet")
def test_a_page_added_is_read_by_check_with_its_own_date_not_the_retrieval_day(server, seeds, capsys, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)  # the retrieval day is today, not the tests' fixed day
    url = f"{server}/world/acme-invites-auditors?utm_source=feed"  # the page's canonical link has no query
    assert add(capsys, seeds, url)[0] == 0
    # --strict: the downloaded-from URL differing from the canonical one is no contradiction warning
    status, out, err = main(["check", "--strict", "--seeds", str(seeds)]), *capsys.readouterr()
    assert (status, err) == (0, "")
    assert out.startswith("ok: 1 sources, ")
    args = argparse.Namespace(options=[], seeds=seeds)
    assert load_configuration(args)
    [source] = pipeline.load(seeds, args.vocabulary, pipeline.options_for(args.config, args.settings)).sources
    assert (source.title, source.outlet, source.date, source.url) == (
        "Acme invites outside auditors into its code lab", "Harbour Gazette", "2021-04-06", url)


def _page(url, title=""):
    return Page(url, url, (), f"<title>{title}</title>".encode(), "text/html", None)


@pytest.mark.parametrize("url, title, stem", [
    ("https://ex.org/world/2024/05/acme-opens-audit-lab/", "", "acme-opens-audit-lab"),
    ("https://ex.org/news/Acme_Opens_Lab.aspx?id=4", "", "acme-opens-lab"),
    ("https://ex.org/article/12345", "Acme &amp; the audit", "acme-the-audit"),
    ("https://ex.org/news/index.html", "", "news"),
    ("https://ex.org/", "", "ex-org"),
    ("https://ex.org/%C3%A9t%C3%A9-report", "", "ete-report"),
])
def test_the_name_comes_from_the_path_else_the_title_else_the_host(url, title, stem):
    assert seed_stem(_page(url, title)) == stem


def test_urls_are_recorded_in_ascii_without_their_fragment():
    assert normalised_url(" HTTPS://Bücher.example/a b/ü?q=x y#top ") == (
        "https://xn--bcher-kva.example/a%20b/%C3%BC?q=x%20y")
    with pytest.raises(AddError, match="not a valid URL"):
        normalised_url("http://127.0.0.1:99999/")


def test_free_name_skips_every_suffix_in_use(tmp_path):
    assert free_name("a", tmp_path) == "a"
    (tmp_path / "a.HTM").write_text("")
    (tmp_path / "a-2.yaml").write_text("")
    assert free_name("a", tmp_path) == "a-3"
