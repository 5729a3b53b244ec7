"""`python -m build_scripts add URL [URL…]`: download web pages into the seeds folder.

Each page is saved verbatim as `seeds/NAME.html` beside a curated file `seeds/NAME.yml`
that records where and when it was taken:

```yaml
url: https://example.org/news/acme-pledges-audits      # the final URL, after redirects
requested_url: https://example.org/r/123               # only when the server redirected
retrieved: 2024-05-02                                  # the retrieval date (UTC), not the publication date
```

What is refused, each as one line `URL: message` (the other URLs are still saved; the
exit code is 1 when any failed): a URL that is not http(s) or carries a user name or
password; an HTTP error status (4xx, 5xx); no answer within the timeout (connection,
every read, and the whole download with its redirects); a content type other than
`text/html` or `application/xhtml+xml`; a body over the plugin's `max_seed_mb` (from its
Content-Length before anything is read, else while reading); more than MAX_REDIRECTS
redirects, a redirect loop or a redirect to a scheme other than http(s); a URL already
in the seeds folder (no two sources may share one).

NAME comes from the final URL's path (its last segment that reads as words: not `index`,
not a bare number, the file extension dropped), else the page's `<title>`, else the host,
slugified; it never replaces a file: when NAME is taken by any file in the seeds folder,
`-2`, `-3`… is added. Both files appear whole (written aside, then linked in), so a
running `mkdocs serve` never reads half a page.
"""

from __future__ import annotations

import datetime as dt
import html.parser
import http.client
import os
import re
import socket
import ssl
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from build_scripts.extract.curate import Refused, read_yaml
from build_scripts.extract.read import too_big
from build_scripts.model.slugs import slug_base
from build_scripts.model import one_line

DEFAULT_TIMEOUT = 30.0
MAX_REDIRECTS = 10
HTML_TYPES = ("text/html", "application/xhtml+xml")
REDIRECT_CODES = (301, 302, 303, 307, 308)
USER_AGENT = "claimline-add/1 (a maintainer saving one page)"
CHUNK = 64 * 1024
GENERIC_SEGMENTS = {"index", "default", "main", "home", "amp"}
TAKEN_SUFFIXES = (".html", ".htm", ".txt", ".yml", ".yaml")
FILE_EXTENSION = re.compile(r"\.[A-Za-z0-9]{1,5}$")
URL_SAFE = "/:@!$&()*+,;=~-._?%"  # what a URL keeps unquoted; quotes, spaces, <> and non-ASCII become %XX


class AddError(Exception):
    """A URL that is not saved; the message is the reason, without the URL."""


@dataclass(frozen=True)
class Page:
    """A downloaded page: the URL asked for, the URL it came from, every URL redirected
    from on the way (in order), its bytes and content type."""

    requested: str
    url: str
    redirects: tuple[str, ...]
    data: bytes
    content_type: str
    charset: str | None


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """Redirects come back as responses: `fetch` follows them itself, checking each hop."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


def normalised_url(url: str) -> str:
    """An http(s) URL as it is requested and recorded: ASCII (the host in IDNA, the rest
    percent-encoded), no fragment. AddError for another scheme, no host or credentials."""
    try:
        parts = urllib.parse.urlsplit(url.strip())
        port = parts.port
    except ValueError as error:
        raise AddError(f"not a valid URL ({error})") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise AddError(f"not an http(s) URL (scheme '{scheme}')" if scheme else "not an http(s) URL (no scheme)")
    if not parts.hostname:
        raise AddError("not a valid URL (no host)")
    if parts.username is not None or parts.password is not None:
        raise AddError("a URL with a user name or password is not fetched (it would be recorded in the curated file)")
    try:
        host = parts.hostname.encode("idna").decode("ascii")
    except UnicodeError:
        raise AddError("not a valid URL (the host name cannot be encoded)") from None
    if ":" in host:
        host = f"[{host}]"
    netloc = host if port is None else f"{host}:{port}"
    path = urllib.parse.quote(parts.path or "/", safe=URL_SAFE)
    query = urllib.parse.quote(parts.query, safe=URL_SAFE)
    return urllib.parse.urlunsplit((scheme, netloc, path, query, ""))


def fetch(url: str, *, timeout: float = DEFAULT_TIMEOUT, max_bytes: int, max_redirects: int = MAX_REDIRECTS,
          opener: urllib.request.OpenerDirector | None = None) -> Page:
    """Download one HTML page, following up to `max_redirects` redirects; AddError says why not."""
    opener = opener or urllib.request.build_opener(_NoRedirects)
    requested = current = normalised_url(url)
    deadline = time.monotonic() + timeout
    visited: list[str] = []
    while True:
        visited.append(current)
        response = _open(opener, current, deadline, timeout)
        if response.status in REDIRECT_CODES:
            location = response.headers.get("Location")
            response.close()
            if not location:
                raise AddError(f"HTTP {response.status} redirect without a Location")
            try:
                target = normalised_url(urllib.parse.urljoin(current, location.strip()))
            except AddError as error:
                raise AddError(f"redirected to {one_line(location.strip()[:200])}: {error}") from None
            if target in visited:
                raise AddError("redirect loop: " + " -> ".join(visited + [target]))
            if len(visited) > max_redirects:
                raise AddError(f"more than {max_redirects} redirects")
            current = target
            continue
        try:
            return _page(response, requested, current, tuple(visited[:-1]), deadline, timeout, max_bytes)
        finally:
            response.close()


def _open(opener, url: str, deadline: float, timeout: float):
    """The response to GET url (a redirect is a response too); AddError for an error status,
    a timeout or a failed connection."""
    request = urllib.request.Request(url, headers={
        "User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
        "Accept-Encoding": "gzip, deflate, identity"})
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise AddError(f"timed out after {timeout:g} s")
    try:
        return opener.open(request, timeout=remaining)
    except urllib.error.HTTPError as error:
        with error:
            if error.code in REDIRECT_CODES:  # _NoRedirects: urllib hands the redirect back as an error
                return _Redirect(error.code, error.headers)
            raise AddError(f"HTTP {error.code} {error.reason}".rstrip()) from None
    except urllib.error.URLError as error:
        raise _network_error(error.reason, timeout) from None
    except (OSError, http.client.HTTPException, ValueError) as error:
        raise _network_error(error, timeout) from None


@dataclass
class _Redirect:
    status: int
    headers: object

    def close(self) -> None:
        pass


def _network_error(reason: object, timeout: float) -> AddError:
    if isinstance(reason, (TimeoutError, socket.timeout)) or "timed out" in str(reason):
        return AddError(f"timed out after {timeout:g} s")
    if isinstance(reason, socket.gaierror):
        return AddError(f"cannot resolve the host name ({reason.strerror or reason})")
    if isinstance(reason, ssl.SSLError):
        return AddError(f"TLS failed ({getattr(reason, 'reason', None) or reason})")
    if isinstance(reason, http.client.HTTPException):
        return AddError(f"the server's answer is malformed ({type(reason).__name__})")
    if isinstance(reason, OSError):
        return AddError(f"cannot connect ({reason.strerror or reason})")
    return AddError(f"cannot be fetched ({reason})")


def _page(response, requested: str, url: str, redirects: tuple[str, ...], deadline: float, timeout: float,
          max_bytes: int) -> Page:
    headers = response.headers
    raw_type = headers.get("Content-Type")
    if not raw_type:
        raise AddError("no Content-Type: not saved (an HTML page says text/html)")
    content_type = headers.get_content_type()
    if content_type not in HTML_TYPES:
        raise AddError(f"content type {content_type}, not an HTML page (text/html or application/xhtml+xml)")
    encoding = (headers.get("Content-Encoding") or "identity").strip().lower()
    if encoding not in ("identity", "gzip", "x-gzip", "deflate"):
        raise AddError(f"Content-Encoding {encoding} is not supported")
    length = headers.get("Content-Length")
    if encoding == "identity" and length and length.strip().isdigit() and int(length) > max_bytes:
        raise AddError(_too_big(int(length), max_bytes))
    data = _read(response, deadline, timeout, max_bytes if encoding == "identity" else max_bytes * 2)
    if encoding != "identity":
        data = _decompress(data, encoding, max_bytes)
    if len(data) > max_bytes:
        raise AddError(_too_big(len(data), max_bytes))
    return Page(requested, url, redirects, data, content_type, headers.get_content_charset())


def _read(response, deadline: float, timeout: float, limit: int) -> bytes:
    """At most limit + 1 bytes (one more says it is too big), within the deadline."""
    chunks, size = [], 0
    try:
        while size <= limit:
            if time.monotonic() > deadline:
                raise AddError(f"timed out after {timeout:g} s")
            chunk = response.read(min(CHUNK, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except (OSError, http.client.HTTPException, ValueError) as error:
        raise _network_error(error, timeout) from None
    return b"".join(chunks)


def _decompress(data: bytes, encoding: str, max_bytes: int) -> bytes:
    """gzip or deflate, never inflating past max_bytes + 1 (a small bomb stays small)."""
    wbits = 16 + zlib.MAX_WBITS if "gzip" in encoding else zlib.MAX_WBITS
    try:
        inflater = zlib.decompressobj(wbits)
        try:
            out = inflater.decompress(data, max_bytes + 1)
        except zlib.error:
            if "gzip" in encoding:
                raise
            inflater = zlib.decompressobj(-zlib.MAX_WBITS)  # raw deflate, as some servers send it
            out = inflater.decompress(data, max_bytes + 1)
    except zlib.error:
        raise AddError(f"the {encoding} body cannot be decompressed") from None
    return out


def _too_big(size: int, max_bytes: int) -> str:
    return too_big("", size, max_bytes).message


class _TitleParser(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.inside, self.done, self.parts = False, False, []

    def handle_starttag(self, tag, attrs):
        if tag == "title" and not self.done:
            self.inside = True

    def handle_endtag(self, tag):
        if tag == "title" and self.inside:
            self.inside, self.done = False, True

    def handle_data(self, data):
        if self.inside:
            self.parts.append(data)


def page_title(page: Page) -> str:
    """The text of the page's first <title>, or ''."""
    head = page.data[:256 * 1024]
    charset = page.charset
    if not charset:
        meta = re.search(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_.:-]+)""", head[:4096], re.I)
        charset = meta.group(1).decode("ascii") if meta else "utf-8"
    try:
        text = head.decode(charset, errors="replace")
    except LookupError:
        text = head.decode("utf-8", errors="replace")
    parser = _TitleParser()
    try:
        parser.feed(text)
    except Exception:  # html.parser is lenient; a name is not worth a traceback
        pass
    return " ".join("".join(parser.parts).split())


def _slug(text: str) -> str:
    return slug_base(text, "")


def seed_stem(page: Page) -> str:
    """The readable part of NAME: the final URL's last segment that reads as words (two or
    more), else the page title, else a one-word segment, else the host."""
    parts = urllib.parse.urlsplit(page.url)
    segments = [urllib.parse.unquote(s) for s in parts.path.split("/") if s]
    from_path = ""
    for segment in reversed(segments):
        slug = _slug(FILE_EXTENSION.sub("", segment))
        if slug and slug not in GENERIC_SEGMENTS and re.search("[a-z]", slug):
            from_path = slug
            break
    if from_path.count("-") >= 1:
        return from_path
    return _slug(page_title(page)) or from_path or _slug(parts.hostname or "") or "page"


def free_name(stem: str, folder: Path) -> str:
    """stem, or stem-2, stem-3…: the first that no file in the folder starts with, whatever its suffix."""
    taken = {name.lower() for name in os.listdir(folder)}
    for number in range(1, 10_000):
        name = stem if number == 1 else f"{stem}-{number}"
        if not any(f"{name}{suffix}" in taken for suffix in TAKEN_SUFFIXES):
            return name
    raise AddError(f"no free name for {stem} in {folder}")


def known_urls(folder: Path) -> dict[str, str]:
    """The URLs the curated files in the folder already record (url and requested_url), by URL."""
    found: dict[str, str] = {}
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in (".yml", ".yaml") or path.name.startswith(".") or not path.is_file():
            continue
        try:
            _, data, _ = read_yaml(path.read_text(encoding="utf-8-sig"))
        except (Refused, OSError, UnicodeDecodeError):
            continue  # `check` reports it
        if isinstance(data, dict):
            for key in ("url", "requested_url"):
                if isinstance(data.get(key), str):
                    found.setdefault(data[key].strip(), path.name)
    return found


def curated_text(page: Page, retrieved: dt.date) -> str:
    lines = ["# Saved by `python -m build_scripts add`: where the page was taken from, and when.",
             f"url: {page.url}"]
    if page.requested != page.url:
        lines.append(f"requested_url: {page.requested}")
    lines.append(f"retrieved: {retrieved.isoformat()}  # the retrieval date, not the publication date")
    return "\n".join(lines) + "\n"


def _link_in(folder: Path, name: str, data: bytes) -> None:
    """Write data to folder/name whole and only if no such file exists (FileExistsError)."""
    descriptor, temp = tempfile.mkstemp(dir=folder, prefix=".add-", suffix=".part")
    try:
        with os.fdopen(descriptor, "wb") as out:
            out.write(data)
        os.chmod(temp, 0o644)
        try:
            os.link(temp, folder / name)
        except FileExistsError:
            raise
        except OSError:  # a file system without hard links: exclusive create
            with open(folder / name, "xb") as out:
                out.write(data)
    finally:
        os.unlink(temp)


def save(page: Page, folder: Path, retrieved: dt.date) -> str:
    """Write NAME.html and NAME.yml under a free NAME; the name written."""
    stem = seed_stem(page)
    curated = curated_text(page, retrieved).encode("utf-8")
    while True:
        name = free_name(stem, folder)
        try:
            _link_in(folder, f"{name}.html", page.data)
        except FileExistsError:
            continue  # taken since we looked: the next name
        try:
            _link_in(folder, f"{name}.yml", curated)
        except FileExistsError:
            os.unlink(folder / f"{name}.html")
            continue
        except BaseException:
            os.unlink(folder / f"{name}.html")
            raise
        return name


def add(urls: list[str], folder: Path, *, timeout: float, max_bytes: int,
        today: Callable[[], dt.date] = lambda: dt.datetime.now(dt.timezone.utc).date(),
        out: Callable[[str], None] = print, err: Callable[[str], None] = print) -> int:
    """Download each URL into the folder; 1 when any failed (each failure one line), else 0."""
    if not folder.is_dir():
        err(one_line(f"{folder}: seeds folder does not exist"))
        return 1
    failed = False
    for url in urls:
        try:
            known = known_urls(folder)
            wanted = normalised_url(url)
            if wanted in known:
                raise AddError(f"already in the seeds folder ({known[wanted]})")
            page = fetch(url, timeout=timeout, max_bytes=max_bytes)
            for seen in (page.url, page.requested):
                if seen in known:
                    raise AddError(f"already in the seeds folder ({known[seen]}, as {seen})")
            name = save(page, folder, today())
        except AddError as error:
            err(one_line(f"{url}: {error}"))
            failed = True
            continue
        except OSError as error:
            err(one_line(f"{error.filename or folder}: cannot be written: {error.strerror or error}"))
            failed = True
            continue
        hops = "".join(f"{hop} -> " for hop in page.redirects)
        out(one_line(f"saved {hops}{page.url} as {name}.html ({len(page.data):,} bytes) and {name}.yml"))
    return 1 if failed else 0
