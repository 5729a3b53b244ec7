"""commands/publish.py: a built site is put in place without ever losing anything."""

from __future__ import annotations

import errno
import os
import stat

import pytest

from build_scripts.commands.publish import (MARKER, describe, finish, is_earlier_build, overlap_refusal, refusal,
                                            site_lock, swap_in, temp_beside)


@pytest.fixture
def project(tmp_path):
    """A project folder with its seeds and docs folders and its config."""
    for name in ("seeds", "docs"):
        (tmp_path / name).mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n")
    return tmp_path


def refused(project, site, verb="build"):
    return overlap_refusal(site, project / "seeds", project / "docs", project, verb)


def test_earlier_build_by_marker_or_by_signature(tmp_path):
    assert not is_earlier_build(tmp_path)
    (tmp_path / MARKER).write_text("")
    assert is_earlier_build(tmp_path)
    old = tmp_path / "old"
    (old / "data").mkdir(parents=True)
    for name in ("index.html", "sitemap.xml", "data/sources.json"):
        assert not is_earlier_build(old)
        (old / name).write_text("")
    assert is_earlier_build(old)


def test_overlap_with_the_inputs_is_refused_in_one_line_naming_the_folder(project):
    seeds, docs = project / "seeds", project / "docs"
    assert refused(project, seeds) == f"{seeds}: refusing to build here: it is the seeds folder"
    assert refused(project, docs, "convert") == f"{docs}: refusing to convert here: it is the docs folder"
    assert refused(project, project) == f"{project}: refusing to build here: it is the folder of the MkDocs config"
    assert refused(project, project.parent) == (
        f"{project.parent}: refusing to build here: it contains the seeds folder ({seeds})")
    assert refused(project, seeds / "out") == f"{seeds / 'out'}: refusing to build here: it is inside the seeds folder ({seeds})"
    assert refused(project, project / "mkdocs.yml") == f"{project / 'mkdocs.yml'}: refusing to build here: it is not a folder"
    assert refused(project, project / "site") is None  # the default site/ beside mkdocs.yml


def test_a_link_is_named_as_given_and_judged_by_where_it_leads(project):
    (project / "site").symlink_to(project / "docs")
    assert refused(project, project / "site") == (
        f"{project / 'site'}: refusing to build here: it is the docs folder ({project / 'docs'})")


def test_build_refuses_a_folder_of_other_files_but_not_an_earlier_build(project):
    site = project / "site"
    args = (project / "seeds", project / "docs", project)
    assert refusal(site, *args) is None
    site.mkdir()
    assert refusal(site, *args) is None
    (site / "notes.txt").write_text("mine")
    assert refusal(site, *args) == (f"{site}: refusing to build here: the folder holds files and is not an "
                                    f"earlier build (no {MARKER}); choose a new or empty folder")
    (site / MARKER).write_text("")
    assert refusal(site, *args) is None


def test_lock_is_taken_without_waiting_and_its_file_removed(tmp_path):
    site = tmp_path / "site"
    waits = []
    with site_lock(site, on_wait=lambda: waits.append(1)):
        assert (tmp_path / ".site.lock").is_file()
    assert waits == [] and not (tmp_path / ".site.lock").exists()


def test_lock_in_a_folder_that_cannot_be_written_names_the_folder(tmp_path):
    with pytest.raises(OSError) as raised:
        with site_lock(tmp_path / "missing" / "site", on_wait=lambda: None):
            pass
    assert (raised.value.errno, raised.value.filename) == (errno.ENOENT, str(tmp_path / "missing"))


def test_temporary_folder_is_beside_the_site(tmp_path):
    temp = temp_beside(tmp_path / "site")
    assert temp.parent == tmp_path and temp.name.startswith(".site.") and temp.is_dir() and not any(temp.iterdir())


def test_finish_marks_the_tree_and_makes_it_readable_by_everyone(tmp_path):
    (tmp_path / "a").mkdir(mode=0o700)
    (tmp_path / "a" / "f.html").write_text("x")
    os.chmod(tmp_path / "a" / "f.html", 0o600)
    (tmp_path / "link").symlink_to("a/f.html")
    finish(tmp_path)
    assert (tmp_path / MARKER).read_text().startswith("Made by `python -m build_scripts build`")
    assert stat.S_IMODE((tmp_path / "a").stat().st_mode) == 0o755
    assert stat.S_IMODE((tmp_path / "a" / "f.html").stat().st_mode) == 0o644
    assert stat.S_IMODE((tmp_path / MARKER).stat().st_mode) == 0o644


def test_swap_in_replaces_the_old_site_and_leaves_nothing_beside_it(tmp_path):
    site, new = tmp_path / "site", tmp_path / "new"
    new.mkdir()
    (new / "index.html").write_text("first")
    swap_in(new, site)
    assert (site / "index.html").read_text() == "first" and not new.exists()
    new.mkdir()
    (new / "index.html").write_text("second")
    swap_in(new, site)
    assert (site / "index.html").read_text() == "second"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_refused_second_rename_puts_the_old_site_back(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("old")
    with pytest.raises(FileNotFoundError):
        swap_in(tmp_path / "missing", site)
    assert (site / "index.html").read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_describe_names_the_path_in_the_site_not_in_the_temporary_folder(tmp_path):
    site, temp = tmp_path / "site", tmp_path / ".site.x"
    full = OSError(errno.ENOSPC, "No space left on device", str(temp / "sources" / "a.html"))
    assert describe(full, temp, site) == f"{site / 'sources' / 'a.html'}: No space left on device"
    assert describe(OSError(errno.EACCES, "Permission denied", "/x"), None, site) == "/x: Permission denied"
    assert describe(OSError(errno.EIO, None), temp, site) == f"{site}: {os.strerror(errno.EIO)}"
