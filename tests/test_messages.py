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


def test_clean_reads_a_file_as_a_seed_is_read(tmp_path):
    """`clean FILE` never blocks on a FIFO and never follows a link out of FILE's folder."""
    import os

    (tmp_path / "pipe.txt").unlink(missing_ok=True)
    os.mkfifo(tmp_path / "pipe.txt")
    result = run_cli("clean", str(tmp_path / "pipe.txt"), timeout=60)
    assert result.returncode == 1
    assert result.stderr.strip() == "pipe.txt: a named pipe, not a regular file: not read"
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("Secret heading\n\nA private line that must not be printed.\n")
    inside = tmp_path / "seeds"
    inside.mkdir()
    (inside / "link.txt").symlink_to(outside / "secret.txt")
    result = run_cli("clean", str(inside / "link.txt"), timeout=60)
    assert result.returncode == 1 and "private line" not in result.stdout
    assert result.stderr.startswith("link.txt: ") and len(result.stderr.strip().splitlines()) == 1


def test_convert_refuses_to_write_over_the_project_and_reports_file_errors_in_one_line(tmp_path):
    from conftest import ROOT

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text('Lind pledge\n\n"We will publish every audit in full," said Ada Lind, head of Corvo.\n')
    before = (ROOT / "docs" / "index.md").read_bytes()
    for out, reason in ((ROOT / "docs", "it is the docs folder"), (seeds / "pages", f"it is inside the seeds folder ({seeds})"),
                        (ROOT, "it is the folder of the MkDocs config")):
        result = run_cli("convert", "--seeds", str(seeds), "--out", str(out))
        assert result.returncode == 1
        assert result.stderr.strip() == f"{out}: refusing to convert here: {reason}", result.stderr
    assert (ROOT / "docs" / "index.md").read_bytes() == before
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = run_cli("convert", "--seeds", str(seeds), "--out", str(blocker / "pages"))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.strip().startswith(f"{blocker}") and len(result.stderr.strip().splitlines()) == 1
