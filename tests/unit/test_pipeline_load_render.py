"""pipeline.py: `load`, `render` and `run` with their options, on a seeds folder written here.
(Named so as not to clash with tests/test_pipeline.py, which builds sites.)"""

from __future__ import annotations

import datetime as dt

from build_scripts import pipeline
from build_scripts.config.vocabulary import load_vocabulary

SEED = ("Acme pledges open audits\nTechRadar\nPublished: 5 March 2019\n\n"
        '"We will never build a backdoor into our products," said Jan Novak, chief executive of Acme.\n')
OPTIONS = pipeline.Options(today=dt.date(2023, 11, 14))


def seeds_folder(tmp_path, **files):
    folder = tmp_path / "seeds"
    folder.mkdir()
    for name, text in files.items():
        (folder / name.replace("_", ".")).write_text(text)
    return folder


def test_run_gives_the_corpus_its_site_and_links(tmp_path):
    result = pipeline.run(seeds_folder(tmp_path, a_txt=SEED), load_vocabulary(), OPTIONS)
    assert [s.file for s in result.corpus.sources] == ["a.txt"]
    assert "sources/acme-pledges-open-audits.md" in result.site.pages
    assert result.site.static["sources/acme-pledges-open-audits/original.txt"] == SEED.encode()
    assert result.links.url_of("sources/x.md") == "sources/x/"


def test_file_urls_when_the_site_has_no_directory_urls(tmp_path):
    options = pipeline.Options(use_directory_urls=False, today=OPTIONS.today)
    result = pipeline.run(seeds_folder(tmp_path, a_txt=SEED), options=options)
    assert result.links.url_of("sources/x.md") == "sources/x.html"
    assert 'href="../speakers/jan-novak.html"' in result.site.complete_markdown("sources/acme-pledges-open-audits.md")


def test_a_corpus_with_an_error_renders_nothing(tmp_path):
    result = pipeline.run(seeds_folder(tmp_path, a_txt=SEED, b_yml="title: B\n"), options=OPTIONS)
    assert [str(p) for p in result.corpus.errors] == ["b.yml: curated metadata with no matching seed (b.txt)"]
    assert result.site is None


def test_options_choose_today_the_curated_files_and_the_size_limit(tmp_path):
    folder = seeds_folder(tmp_path, a_txt=SEED, a_yml="outlet: BBC\n")
    assert pipeline.load(folder, options=OPTIONS).sources[0].outlet == "BBC"
    uncurated = pipeline.Options(today=OPTIONS.today, curated=False)
    assert pipeline.load(folder, options=uncurated).sources[0].outlet == "TechRadar Pro"
    before = pipeline.Options(today=dt.date(2019, 3, 4), curated=False)
    assert pipeline.load(folder, options=before).sources[0].date is None  # a date after "today" is left out
    small = pipeline.Options(today=OPTIONS.today, max_seed_bytes=10)
    assert [p.message for p in pipeline.load(folder, options=small).errors] == [
        f"{len(SEED.encode()):,} bytes is over the 10 bytes seed size limit (claimline max_seed_mb)",
        "12 bytes is over the 10 bytes seed size limit (claimline max_seed_mb)"]  # the curated file too


def test_the_seeds_folders_ledger_keeps_old_anchors_and_a_bad_one_stops_the_build(tmp_path):
    ledger = ('sources:\n  acme-pledges-open-audits:\n    claim-1: "We will never build a backdoor into our products"\n'
              '    claim-2: "a sentence that is nowhere"\n')
    folder = seeds_folder(tmp_path, a_txt=SEED)
    (folder / ".published-anchors.yml").write_text(ledger)
    result = pipeline.run(folder, load_vocabulary(), OPTIONS)
    assert [str(p) for p in result.corpus.problems] == [
        ".published-anchors.yml:4: warning: sources/acme-pledges-open-audits/#claim-2 (“a sentence that is nowhere”) "
        "no longer lands on its claim: its words are no longer on the page"]
    assert result.corpus.ignored == ()  # the ledger is read, not ignored
    page = result.site.pages["sources/acme-pledges-open-audits.md"]
    assert '<span id="claim-1" class="cl-anchor cl-legacy"' in "".join(result.site.after_markdown[
        "sources/acme-pledges-open-audits.md"]) and "claim-1" not in page
    (folder / ".published-anchors.yml").write_text("sources:\n  Acme:\n    claim-1: x\n")
    (problem,) = pipeline.load(folder, options=OPTIONS).errors
    assert str(problem).startswith(".published-anchors.yml:2: sources: 'Acme' is not a source page's slug")
