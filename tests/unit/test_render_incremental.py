"""render.site with the last render: a source's or speaker's pages are reused only when what
they show is unchanged, so an incremental render equals a fresh one, edit after edit."""

from __future__ import annotations

import pytest

from build_scripts import pipeline
from build_scripts.catalogue import REPORTS_SHOWN
from build_scripts.render import head, pages
from build_scripts.tools.synthetic import corpus


def _edits(folder):
    """Edits a maintainer makes, each on the folder as the last one left it."""
    names = sorted(p.name for p in folder.glob("*.txt"))
    first, second, third = (folder / n for n in names[:3])
    yield "a quote added", lambda: first.write_text(first.read_text() + '\n"We will open every audit to the public," Anna Andersen said.\n')
    yield "a headline changed", lambda: second.write_text("A new headline for this report\n\n" + second.read_text())
    yield "a seed removed", lambda: third.unlink()
    yield "a seed added that repeats another's quotes", lambda: (folder / "zz-new.txt").write_text(
        (folder / names[4]).read_text() + "\nThe company said it had nothing to add.\n")
    yield "a curated outlet", lambda: (folder / names[5].replace(".txt", ".yml")).write_text("outlet: Curated Wire\n")
    yield "a curated date", lambda: (folder / names[6].replace(".txt", ".yml")).write_text("date: 2001-02-03\n")
    yield "a curated status on a later report of a statement", lambda: (folder / "zz-new.yml").write_text(
        "statuses:\n  - claim: " + _quoted(folder / names[4]) + "\n    history:\n      - {date: 2002-03-04, status: broken}\n")


def _showing(site, words: str) -> int:
    """How many pages show these words."""
    return sum(words in site.complete_markdown(path) for path in site.pages)


def _quoted(seed) -> str:
    """The first quote of a seed, as a status names its claim."""
    words = seed.read_text().split("\u201c")[1].split("\u201d")[0]
    return '"' + words.rstrip(",. ") + '"'


@pytest.fixture
def seeds(tmp_path):
    folder = tmp_path / "seeds"
    folder.mkdir()
    for name, data in corpus(60, 3).items():
        (folder / name).write_bytes(data)
    return folder


def test_every_incremental_render_equals_a_fresh_one_and_reuses_the_rest(seeds):
    previous = pipeline.run(seeds).site
    for what, edit in _edits(seeds):
        edit()
        result = pipeline.run(seeds)
        assert not result.corpus.errors, (what, [str(e) for e in result.corpus.errors])
        fresh = result.site
        again = pipeline.run(seeds, previous=previous).site
        assert again.pages == fresh.pages, what
        assert again.after_markdown == fresh.after_markdown, what
        assert again.static == fresh.static, what
        assert 0 < again.rendered < len(again.units) / 2, what
        if "status" in what:  # the other report's rows show the new status too
            assert _showing(again, "promise: broken") > _showing(previous, "promise: broken") + 2, what
        previous = again


def test_deferred_downloads_are_the_fresh_ones_when_made(seeds):
    previous = pipeline.run(seeds).site
    seed = sorted(seeds.glob("*.txt"))[0]
    seed.write_text(seed.read_text() + "\nThe company said it had nothing to add.\n")
    fresh = pipeline.run(seeds).site
    again = pipeline.run(seeds, previous=previous, defer=("data", "database")).site
    from build_scripts.render.site import render_downloads
    later = {path: body for files in render_downloads(again).values() for path, body in files.items()}
    assert later and set(later) == set(fresh.static) - set(again.static)
    assert {path: fresh.static[path] for path in later} == later
    assert {kind: tuple(sorted(files)) for kind, files in render_downloads(again).items()} == {
        kind: fresh.parts[kind] for kind in again.deferred}


def test_the_facts_hold_more_reports_than_any_page_lists():
    assert pages.ALSO_REPORTED_SHOWN < REPORTS_SHOWN and head.APPEARANCES_LISTED < REPORTS_SHOWN


def test_a_report_far_away_in_time_still_updates_the_pages_listing_it(tmp_path):
    """Fifteen reports of one statement, a year apart: the last page lists the first report
    among its "also reported by" (not among its ten nearest related sources), so a new
    headline on the first report must reach it through the statement alone."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for k in range(15):
        (seeds / f"report-{k:02d}.txt").write_text(
            f"Acme report number {k} from the annual meeting\n\nBy Lee Park, Northwire\n{2001 + k}-05-04\n\n"
            '"We will never build a backdoor into any of our products," said Ana Ruiz, chief executive of Acme.\n')
    previous = pipeline.run(seeds).site
    first = seeds / "report-00.txt"
    first.write_text(first.read_text().replace("Acme report number 0 from", "A renamed first report from"))
    fresh = pipeline.run(seeds).site
    again = pipeline.run(seeds, previous=previous).site
    last = next(path for path in fresh.pages if "number-14" in path)
    assert "A renamed first report" in fresh.complete_markdown(last)
    assert again.pages == fresh.pages and again.after_markdown == fresh.after_markdown
