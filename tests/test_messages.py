"""Every problem is one line that reads as written, whatever the file is called."""

from __future__ import annotations

from conftest import run_cli


def test_file_names_with_newlines_and_bidi_controls_stay_one_readable_line(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "empty\nsecond line.txt").write_bytes(b"")
    (seeds / "report\u202etxt.exe.txt").write_bytes(b"\x00\x01")
    (seeds / "fine.txt").write_text('Lind pledge\n\n"We will publish every audit in full," said Ada Lind, head of Corvo.\n')
    result = run_cli("check", "--seeds", str(seeds))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2, lines
    assert lines[0].startswith("empty\\nsecond line.txt: empty file")
    assert lines[1].startswith("report\\u202etxt.exe.txt: ")
    assert "\u202e" not in result.stderr
