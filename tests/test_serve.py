"""`mkdocs serve` rebuilds when a seed changes, and reconverts only that seed."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

from conftest import ROOT, SEEDS


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(predicate, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.25)
    return False


def test_serve_rebuilds_on_seed_change(tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    port = _free_port()
    log = tmp_path / "serve.log"
    config = tmp_path / "mkdocs.yml"  # the project's, with its folders, and the seeds beside it
    config.write_text(f"INHERIT: {ROOT / 'mkdocs.yml'}\ndocs_dir: {ROOT / 'docs'}\n"
                      f"theme: {{custom_dir: {ROOT / 'overrides'}}}\nplugins: [search, {{claimline: {{seeds_dir: seeds}}}}]\n")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with log.open("w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "-a", f"127.0.0.1:{port}"],
                                cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        assert _wait(lambda: "Serving on" in log.read_text(), 60), log.read_text()
        assert "converted 5 seeds, 0 unchanged" in log.read_text()
        (seeds / "004_fff547c20d525937.txt").write_text(
            (seeds / "004_fff547c20d525937.txt").read_text() + "\nA freshly added closing line for the test.\n")
        assert _wait(lambda: "converted 1 seed, 4 unchanged (cached)" in log.read_text(), 60), log.read_text()

        def page_has_edit() -> bool:
            try:
                url = f"http://127.0.0.1:{port}/sources/huawei-would-sign-no-spy-contract/"
                return "A freshly added closing line for the test." in urllib.request.urlopen(url, timeout=5).read().decode()
            except OSError:
                return False

        assert _wait(page_has_edit, 30)
    finally:
        proc.terminate()
        proc.wait(timeout=20)
