"""tools/bench.py: what the benchmark builds its floor and its `mkdocs serve` run from, how
it reads the server's log and how it holds each figure against its target."""

from __future__ import annotations

import yaml
from handmade import BODY, source

from build_scripts.tools.bench import (
    ROOT, ServeLog, build_seconds, floor_config, floor_pages, page_sizes, pages_built, project_config,
    serve_config, summary, targets,
)


def test_the_floor_is_each_source_title_and_body_and_nothing_claimline_adds():
    pages = floor_pages([source("a.txt", title="Acme pledges"), source("b.txt")])
    assert sorted(pages) == ["index.md", "sources/a.md", "sources/b.md"]
    assert pages["sources/a.md"] == f"# Acme pledges\n\n{BODY}\n"
    assert "Jan Novak" not in pages["index.md"]  # no speaker, outlet or topic pages, no claim lists


def test_the_floor_has_the_project_theme_without_overrides_and_search_alone():
    project = project_config()
    floor = yaml.safe_load(floor_config(project))
    assert floor["plugins"] == ["search"]
    assert "custom_dir" not in floor["theme"]
    assert floor["theme"] == {k: v for k, v in project["theme"].items() if k != "custom_dir"}
    assert floor["theme"]["name"] == "material" and floor["theme"]["font"] is False
    assert floor["nav"] == [{"Home": "index.md"}]


def test_the_served_configuration_keeps_every_project_option_but_the_seeds(tmp_path):
    served = yaml.safe_load(serve_config(project_config(), tmp_path / "seeds"))
    assert served["INHERIT"] == str(ROOT / "mkdocs.yml")
    assert served["theme"] == {"custom_dir": str(ROOT / "overrides")}
    claimline = next(p["claimline"] for p in served["plugins"] if isinstance(p, dict) and "claimline" in p)
    assert claimline["seeds_dir"] == str(tmp_path / "seeds")
    assert claimline["pagefind_from"] == 500  # the project's own option is not lost
    assert "search" in served["plugins"]


LOG = """INFO    -  Detected file changes
DEBUG   -  Building page index.md
DEBUG   -  Running `page_markdown` event from plugin 'claimline'
DEBUG   -  Building page sources/a.md
INFO    -  Documentation built in 2.50 seconds
INFO    -  Detected file changes
DEBUG   -  Building page sources/a.md
INFO    -  Documentation built in 0.40 seconds
"""


def test_pages_and_seconds_of_the_first_build_in_a_log_excerpt():
    assert pages_built(LOG) == 2
    assert build_seconds(LOG) == 2.5
    second = LOG.split("seconds\n", 1)[1]
    assert pages_built(second) == 1 and build_seconds(second) == 0.4
    assert build_seconds("DEBUG   -  Building page index.md\n") is None


def test_the_server_log_is_read_a_whole_line_at_a_time(tmp_path):
    path = tmp_path / "serve.log"
    path.write_bytes("INFO    -  Serving on\nDEBUG   -  Buil".encode())
    log = ServeLog(path)
    assert log.read() == "INFO    -  Serving on\n"
    with path.open("ab") as out:
        out.write("ding page é.md\n".encode())
    assert log.read() == "INFO    -  Serving on\nDEBUG   -  Building page é.md\n"


def test_a_figure_meets_its_target_only_when_measured_and_within_it():
    rows = [{"sources": 1000, "edit_seed_s": 2.9, "edit_curated_s": None, "build_vs_floor": 1.6,
             "build_peak_mib": 300.0, "search_query_bytes": 300_000}]
    met = {line["figure"]: line["met"] for line in summary(rows)}
    assert met == {"edit_seed_s": True, "edit_curated_s": False, "build_vs_floor": False,
                   "build_peak_mib": True, "search_query_bytes": True}
    assert dict((n, limit) for n, limit, _ in targets(2000))["edit_seed_s"] == 3.0
    assert dict((n, limit) for n, limit, _ in targets(10_000))["edit_seed_s"] == 5.0


def test_page_sizes_per_kind(tmp_path):
    for name, size in {"sources/a/index.html": 10, "sources/b/index.html": 30, "sources/c/index.html": 20,
                       "sources/index.html": 99, "sources/page-2/index.html": 98, "timeline/index.html": 7,
                       "timeline/page-2/index.html": 5, "speakers/ana/page-2/index.html": 3}.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"x" * size)
    sizes = page_sizes(tmp_path)
    assert (sizes["source_pages"], sizes["source_page_median_bytes"], sizes["source_page_max_bytes"]) == (3, 20, 30)
    assert (sizes["timeline_pages"], sizes["timeline_page_max_bytes"]) == (2, 7)
    assert (sizes["list_pages"], sizes["list_page_max_bytes"]) == (4, 99)  # sources' and the timeline's
    assert (sizes["continued_pages"], sizes["speaker_pages"]) == (1, 0)
    assert sizes["search_payload_bytes"] == 0
    assert sizes["site_bytes"] == 10 + 30 + 20 + 99 + 98 + 7 + 5 + 3
