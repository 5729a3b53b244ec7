"""Pagefind: a chunked static search index, so one query downloads kilobytes, not the
whole corpus. Runs after MkDocs has written the site, through Pagefind's Python API: the
source and speaker pages as HTML and every claim as a custom record with its facts as
metadata and filters, or, for a corpus with too many claims for that, a record per page
made from the catalogue (`render/search.py`), which costs a tenth of reading the page."""

from __future__ import annotations

import asyncio
import base64
import gzip
import hashlib
import json
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from mkdocs.exceptions import PluginError

from build_scripts.model import one_line

# Source and speaker pages are what a reader searches for; index pages repeat them.
GLOB = "{sources,speakers}/**/*.html"
ROOT_SELECTOR = "article.md-content__inner"
# Lists that repeat other pages, provenance badges and table headings (labels run into the
# text), and a source page's claim cards (each claim is its own record).
EXCLUDE = ("[data-search-exclude]", ".headerlink", ".cl-pager", ".md-source-file", ".cl-related", ".cl-related-h",
           ".cl-neighbours", ".cl-claims-table", ".cl-claims", ".cl-prov", "thead")
OUTPUT = "pagefind"
ROOT_TAG = '<article class="md-content__inner md-typeset">'
CLAIM_RECORDS_UP_TO = 8_000
"""A record per claim costs every query about 8 bytes of Pagefind's page list (loaded
whole) and each filter file a few more: measured at 1,000 sources (6,400 claims), one
query moved 238-283 KB against 200-246 KB with pages alone. Above this many claims the
claims stay on their pages: one record per page, its claims' speakers, outlets, topics
and years as the page's filters, so one query stays under 300 KB at 10,000 sources."""


def run_pagefind(site_dir: Path, records: list[dict], pages: bool = True, output: Path | None = None) -> None:
    """Index RECORDS (keyword arguments of `add_custom_record`) and, with PAGES, SITE_DIR's
    source and speaker pages as HTML, into OUTPUT (default SITE_DIR/pagefind). Without
    PAGES the records are the pages' own (`search.page_records`): nothing is read from disk,
    so the index can be made while the site is rebuilt. Any failure is one MkDocs error line."""
    output = output or site_dir / OUTPUT
    try:
        # In a thread of its own: the caller's thread may already run an event loop.
        with ThreadPoolExecutor(1) as worker:
            worker.submit(asyncio.run, _index(site_dir, records, pages, output)).result()
    except Exception as error:  # the indexer is another program: whatever it raises, one line
        raise PluginError(f"Pagefind could not index the site: {one_line(str(error)) or type(error).__name__}") from None
    if not (output / "pagefind.js").is_file():
        raise PluginError("Pagefind could not index the site: no output")
    canonical_filters(output)


HEADER = b"pagefind_dcd"


def canonical_filters(bundle: Path) -> None:
    """Pagefind writes a filter's values in a random order (a hash map's), so two builds of
    the same site differ in the filter files, their names and the index metadata naming them.
    Each filter file is rewritten with its values sorted, named by its content, and the
    metadata and entry file follow: the same site gives the same bytes."""
    renamed = {}
    for path in sorted((bundle / "filter").glob("*.pf_filter")):
        data = gzip.decompress(path.read_bytes())
        name, values = _cbor(data, len(HEADER))[0]
        if HEADER + _cbor_bytes([name, values]) != data:  # not the layout this reads: leave it
            return
        content = HEADER + _cbor_bytes([name, sorted(values, key=lambda v: v[0])])
        language = path.stem.split("_", 1)[0]
        new = f"{language}_{hashlib.sha256(content).hexdigest()[:len(path.stem) - len(language) - 1]}"
        path.unlink()
        (bundle / "filter" / f"{new}.pf_filter").write_bytes(gzip.compress(content, mtime=0))
        renamed[path.stem] = new
    if not renamed:
        return
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language in entry["languages"].values():
        meta_path = bundle / f"pagefind.{language['hash']}.pf_meta"
        meta = gzip.decompress(meta_path.read_bytes())
        for old, new in renamed.items():
            meta = meta.replace(old.encode(), new.encode())  # same length: the CBOR around it is unchanged
        meta = _filters_sorted(meta, set(renamed.values()))
        prefix = language["hash"].split("_", 1)[0]
        language["hash"] = f"{prefix}_{hashlib.sha256(meta).hexdigest()[:len(language['hash']) - len(prefix) - 1]}"
        meta_path.unlink()
        (bundle / f"pagefind.{language['hash']}.pf_meta").write_bytes(gzip.compress(meta, mtime=0))
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _filters_sorted(meta: bytes, filter_files: set[str]) -> bytes:
    """The index metadata with its list of filters ([name, file] pairs, in hash-map order)
    sorted by name; unchanged if it is not made of what `_cbor` reads."""
    try:
        value, end = _cbor(meta, len(HEADER))
    except (ValueError, IndexError, UnicodeDecodeError):
        return meta
    if end != len(meta) or HEADER + _cbor_bytes(value) != meta:
        return meta

    def sort_filters(item):
        if isinstance(item, list):
            if item and all(isinstance(x, list) and len(x) == 2 and isinstance(x[1], str) and x[1] in filter_files
                            for x in item):
                return sorted(item)
            return [sort_filters(x) for x in item]
        return item

    return HEADER + _cbor_bytes(sort_filters(value))


def _cbor(data: bytes, at: int):
    """(value, next position) of the CBOR item at AT: the unsigned integers, text and
    arrays Pagefind's filter files are made of."""
    major, info = data[at] >> 5, data[at] & 31
    at += 1
    if info < 24:
        n = info
    elif info <= 27:
        width = 1 << (info - 24)
        n, at = int.from_bytes(data[at:at + width], "big"), at + width
    else:
        raise ValueError("unexpected CBOR item")
    if major == 0:
        return n, at
    if major == 3:
        return data[at:at + n].decode("utf-8"), at + n
    if major == 4:
        items = []
        for _ in range(n):
            item, at = _cbor(data, at)
            items.append(item)
        return items, at
    raise ValueError("unexpected CBOR item")


def _cbor_bytes(value) -> bytes:
    if isinstance(value, int):
        return _cbor_head(0, value)
    if isinstance(value, str):
        encoded = value.encode("utf-8")
        return _cbor_head(3, len(encoded)) + encoded
    return _cbor_head(4, len(value)) + b"".join(_cbor_bytes(v) for v in value)


def _cbor_head(major: int, n: int) -> bytes:
    if n < 24:
        return bytes([major << 5 | n])
    info = next(i for i, limit in ((24, 1 << 8), (25, 1 << 16), (26, 1 << 32), (27, 1 << 64)) if n < limit)
    return bytes([major << 5 | info]) + n.to_bytes(1 << (info - 24), "big")


IN_FLIGHT = 64  # requests sent ahead of their answers: Pagefind works on the next one meanwhile


async def _index(site_dir: Path, records: list[dict], pages: bool, output: Path) -> None:
    from pagefind.index import IndexConfig  # imported here: only large sites need it

    config = IndexConfig(root_selector=ROOT_SELECTOR, exclude_selectors=list(EXCLUDE), force_language="en",
                         output_path=str(output))
    index, close = await _open_index(config)
    try:
        if pages:
            await index.add_directory(str(site_dir), glob=GLOB)
        for start in range(0, len(records), IN_FLIGHT):  # in order: Pagefind answers in order
            await asyncio.gather(*(index.add_custom_record(**r) for r in records[start:start + IN_FLIGHT]))
        # The bundle comes back in the answer and is written here: Pagefind's own writing can
        # answer before its last file is complete (an empty pagefind-highlight.js, now and then).
        files = await index.get_files()
    finally:
        await close()
    for file in sorted(files, key=lambda f: f["path"]):
        target = output / file["path"]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(file["content"])


async def _open_index(config):
    """A new index in a Pagefind service of its own, and the coroutine function that stops it."""
    service = await _prompt_service().launch()

    async def close() -> None:
        """Let the service finish and leave: its answer to "write the files" can come before the
        last file is complete (a terminated service once left pagefind-modular-ui.css empty)."""
        service._poll_task.cancel()
        service._backend.stdin.close()
        try:
            await asyncio.wait_for(service._backend.wait(), 60)
        except asyncio.TimeoutError:
            service._backend.kill()
            await service._backend.wait()

    try:
        return await service.create_index(config), close
    except BaseException:
        await close()
        raise


def _prompt_service():
    """Pagefind's own client (1.5) sleeps 0.1 s before reading each answer, so it indexes ten
    records a second: 2,000 sources took minutes. This one reads each answer as it arrives;
    what it does with an answer is what the client does (`_answer`)."""
    from pagefind.service import PagefindService

    class PromptService(PagefindService):
        async def launch(self) -> "PromptService":
            """As Pagefind's client launches the service, with room for an answer as large
            as the whole bundle (its client's 2 MiB would stop at a few hundred pages)."""
            self._backend = await asyncio.create_subprocess_exec(
                self._bin, "--service", cwd=os.getcwd(), stdin=asyncio.subprocess.PIPE,
                stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT, limit=1 << 31)
            self._poll_task = self._loop.create_task(self._wait_for_responses())
            return self

        async def _wait_for_responses(self) -> None:
            while True:
                _answer(self, await self._backend.stdout.readuntil(b","))

    return PromptService()


def _answer(service, output: bytes) -> None:
    """Resolve the request OUTPUT answers, as `PagefindService._wait_for_responses` does."""
    response = json.loads(base64.b64decode(output[:-1]))
    if response is None:
        return
    message_id = response.get("message_id")
    payload = response["payload"]
    if message_id is None and (original := payload.get("original_message")) is not None:
        message_id = (json.loads(original) or {}).get("message_id")
    future = service._responses.get(message_id) if message_id is not None else None
    if future is None or future.done():
        return
    if payload["type"] == "Error":
        future.set_exception(Exception(payload["message"], payload.get("original_message")))
    else:
        future.set_result(payload)
