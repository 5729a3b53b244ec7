"""Set-up from a fresh clone with nothing but Python 3.11 (and apt for the browser).

    python3 build_scripts/tools/bootstrap.py build   # .venv from pinned requirements and the project, then site/
    python3 build_scripts/tools/bootstrap.py test    # .venv with test tools, Chromium, axe-core, then pytest

Standard library only: it runs before any dependency is installed.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENV = ROOT / ".venv"
PY = VENV / "bin" / "python"


def run(*cmd: str, **kw) -> None:
    print("+", " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True, cwd=ROOT, **kw)


def ensure_venv(requirements: str) -> None:
    """Create or update .venv when the pinned requirements or the project's metadata change:
    the pinned requirements, then the project itself, editable (`pip install -e .`), so that
    MkDocs finds the claimline plugin through its entry point and no path needs editing."""
    files = [ROOT / "requirements.txt", ROOT / requirements, ROOT / "pyproject.toml"]
    digest = hashlib.sha256(b"".join(f.read_bytes() for f in files)).hexdigest()
    stamp = VENV / f".stamp-{requirements}"
    if stamp.exists() and stamp.read_text() == digest and PY.exists():
        return
    if not PY.exists():
        run(sys.executable, "-m", "venv", str(VENV))
    pip = [str(PY), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    run(*pip, "-r", str(ROOT / requirements))
    run(*pip, "--no-deps", "-e", str(ROOT))  # its dependencies are the pins just installed
    stamp.write_text(digest)


def ensure_chromium() -> None:
    if Path("/usr/bin/chromium").exists():
        return
    apt = ["apt-get"] if os.geteuid() == 0 else ["sudo", "apt-get"]
    run(*apt, "update", "-qq")
    run(*apt, "install", "-y", "-qq", "chromium", env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})


def ensure_node_tools() -> None:
    if (ROOT / "node_modules" / "axe-core" / "axe.min.js").exists():
        return
    if shutil.which("npm") is None:
        apt = ["apt-get"] if os.geteuid() == 0 else ["sudo", "apt-get"]
        run(*apt, "install", "-y", "-qq", "npm")
    run("npm", "ci", "--no-audit", "--no-fund")


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("build", "test"):
        print(__doc__, file=sys.stderr)
        return 2
    command, rest = argv[0], argv[1:]
    if command == "build":
        ensure_venv("requirements.txt")
        return subprocess.run([str(PY), "-m", "build_scripts", "build", *rest], cwd=ROOT).returncode
    ensure_venv("requirements-dev.txt")
    ensure_chromium()
    ensure_node_tools()
    return subprocess.run([str(PY), "-m", "pytest", *(rest or ["tests"])], cwd=ROOT).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
