"""Lighthouse scores for the built site: a maintainer's script, not a test.

    python -m build_scripts.tools.lighthouse [--site site] [--out lighthouse-results]

Serves the site on 127.0.0.1 (gzip, as a static host would), runs npm's `lighthouse` (fetched by npx on first use) in
Debian's Chromium on the home page, the timeline and a source page, and prints the
performance, accessibility, best-practices and SEO scores.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import io
import http.server
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

LIGHTHOUSE = "lighthouse@13.5.0"
COMPRESSIBLE = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".csv"}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking "
         "--disable-component-update --disable-sync")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m build_scripts.tools.lighthouse", description=__doc__)
    parser.add_argument("--site", type=Path, default=Path("site"))
    parser.add_argument("--out", type=Path, default=Path("lighthouse-results"))
    args = parser.parse_args(argv)
    sources = json.loads((args.site / "data" / "sources.json").read_text())
    pages = {"home": "", "timeline": "timeline/", "source": sources[0]["url"] if sources else ""}

    class Quiet(http.server.SimpleHTTPRequestHandler):
        """Serves text gzip-compressed and cacheable, as a static host would."""

        def log_message(self, *a):
            pass

        def send_head(self):
            path = Path(self.translate_path(self.path))
            if path.is_dir():
                path = path / "index.html"
            if path.suffix not in COMPRESSIBLE or "gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file():
                return super().send_head()
            body = gzip.compress(path.read_bytes(), 6)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "max-age=3600")
            self.end_headers()
            return io.BytesIO(body)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(args.site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    args.out.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    print(f"{'page':<10}" + "".join(f"{c:>16}" for c in CATEGORIES))
    status = 0
    try:
        for name, path in pages.items():
            report = args.out / f"{name}.json"
            result = subprocess.run(
                ["npx", "--yes", LIGHTHOUSE, base + path, "--quiet", "--output=json", f"--output-path={report}",
                 f"--chrome-flags={FLAGS}", "--only-categories=" + ",".join(CATEGORIES)],
                env=env, capture_output=True, text=True)
            if result.returncode != 0 or not report.exists():
                print(f"{name}: lighthouse failed: {result.stderr.strip().splitlines()[-1:]}", file=sys.stderr)
                status = 1
                continue
            scores = json.loads(report.read_text())["categories"]
            print(f"{name:<10}" + "".join(f"{round(scores[c]['score'] * 100):>16}" for c in CATEGORIES))
    finally:
        server.shutdown()
    return status


if __name__ == "__main__":
    sys.exit(main())
