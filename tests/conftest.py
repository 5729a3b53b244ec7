"""Shared fixtures: a site built once from the shipped seeds, served on 127.0.0.1."""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from hypothesis import settings

# CI runs each property on a fixed set of examples, so a change lands or not on its own merits;
# locally every run explores new examples.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
EPOCH = "1700000000"
CHROMIUM = "/usr/bin/chromium"  # Debian's, installed by bootstrap.py test
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


def run_cli(*args: str, env: dict | None = None, cwd: Path = ROOT, timeout: float | None = None) -> subprocess.CompletedProcess:
    full_env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    return subprocess.run([sys.executable, "-m", "build_scripts", *args], cwd=cwd, env=full_env,
                          capture_output=True, text=True, timeout=timeout)


def build_site(seeds: Path, site_dir: Path, *extra: str) -> subprocess.CompletedProcess:
    return run_cli("build", "--seeds", str(seeds), "--site-dir", str(site_dir), *extra)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site") / "site"
    result = build_site(SEEDS, out, "--strict")
    assert result.returncode == 0, result.stderr
    return out


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass


def serve(directory: Path):
    handler = functools.partial(_Quiet, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


@pytest.fixture(scope="session")
def site_url(site):
    server, url = serve(site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for every browser test."""
    playwright = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed: run python3 build_scripts/tools/bootstrap.py test")
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()
