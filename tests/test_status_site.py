"""Promises followed over time and outlet types, in a site built with the CLI as a maintainer
would: seeds written here (invented people, companies and outlets) and the shipped seeds."""

from __future__ import annotations

import csv
import json
import re

from conftest import build_site, run_cli

PLEDGE = """Veldmark Rail promises a night train to the coast
Northgate Courier
Published: 4 March 2021

"We will run a night train to the coast before the summer of 2022," Ines Marlow, chief executive of Veldmark Rail, said on Thursday.

Marlow said the company would also repaint every station on the eastern line.

"Tickets will cost less than a bus fare," said Marlow.
"""

CURATED = """outlet: Northgate Courier
outlet_type: newspaper
statuses:
  - claim: run a night train to the coast
    history:
      - date: 2021-03
        status: in-progress
        note: Timetable consultation opened.
        evidence: [https://courier.example/consultation]
      - date: 2022-09-01
        status: broken
        note: No night train ran by the end of summer 2022.
        evidence: [https://courier.example/no-train, https://archive.example/timetable]
  - claim: Tickets will cost less than a bus fare
    history:
      - {date: 2022, status: kept}
"""


def _build(tmp_path, curated: str = CURATED):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "pledge.txt").write_text(PLEDGE)
    (seeds / "pledge.yml").write_text(curated)
    site = tmp_path / "site"
    return seeds, site, build_site(seeds, site, "--strict")


def test_statuses_on_the_claim_cards_the_speakers_meter_and_the_exports(tmp_path):
    _, site, result = _build(tmp_path)
    assert result.returncode == 0, result.stderr
    page = (site / "sources/veldmark-rail-promises-a-night-train-to-the-coast/index.html").read_text()
    cards = {re.search(r'<q>(.*?)</q>|<span class="cl-reported">(.*?)</span>', card).group(0)[:30]: card
             for card in page.split('class="cl-claim"')[1:]}
    night, fare = (next(c for k, c in cards.items() if words in k) for words in ("night train", "Tickets"))
    assert "promise: broken</span>" in night and "promise: kept</span>" in fare
    assert "Status history (2 changes)" in night
    assert re.findall(r'class="cl-evidence" href="([^"]+)"', night) == [
        "https://courier.example/consultation", "https://courier.example/no-train", "https://archive.example/timetable"]
    assert '<span class="cl-outlet-type" title="what this outlet is">newspaper</span>' in page
    speaker = (site / "speakers/ines-marlow/index.html").read_text()
    assert "2 claims of 3 with a promise status: 1 kept, 1 broken." in speaker
    assert re.findall(r'cl-status-count">([^<]+)<', speaker) == ["1 of 2", "1 of 2"]
    claims = json.loads((site / "data/claims.json").read_text())
    by_text = {c["text"][:20]: c for c in claims}
    assert by_text["We will run a night "]["status"] == "broken"
    assert [x["status"] for x in by_text["We will run a night "]["status_history"]] == ["in-progress", "broken"]
    assert by_text["Tickets will cost le"]["status_history"] == [{"date": "2022", "status": "kept", "note": None, "evidence": []}]
    rows = list(csv.DictReader((site / "data/claims.csv").open()))
    assert sorted(r["status"] for r in rows) == ["", "broken", "kept"]
    sources = json.loads((site / "data/sources.json").read_text())
    assert [s["outlet_type"] for s in sources] == ["newspaper"]


def test_a_wrong_status_stops_the_build_with_one_line_naming_file_and_line(tmp_path):
    wrong = CURATED.replace("status: broken", "status: abandoned").replace("2022-09-01", "2020-01-01")
    seeds, site, result = _build(tmp_path, wrong)
    assert result.returncode != 0 and not site.exists()
    check = run_cli("check", "--seeds", str(seeds))
    assert check.returncode == 1
    assert check.stderr.splitlines() == [
        "pledge.yml:11: 'statuses.history.status' must be one of kept, broken, in-progress, disputed, unverified"]
    missing = CURATED.replace("run a night train to the coast", "run a night ferry to the islands")
    seeds2 = tmp_path / "two"
    seeds2.mkdir()
    (seeds2 / "pledge.txt").write_text(PLEDGE)
    (seeds2 / "pledge.yml").write_text(missing)
    check = run_cli("check", "--seeds", str(seeds2))
    assert check.returncode == 1
    assert check.stderr.splitlines() == [
        "pledge.yml:4: status for a claim this source does not have: 'run a night ferry to the islands'"]
    assert "Traceback" not in check.stdout + check.stderr


def test_the_shipped_seeds_follow_one_promise_and_name_their_outlets_types(site):
    page = next(site.glob("sources/huawei-ceo-on-the-company-s-commitment-to-security/index.html")).read_text()
    assert "promise: unverified</span>" in page and "Status history (2 changes)" in page
    assert '<span class="cl-outlet-type" title="what this outlet is">state media</span>' in page
    sources = json.loads((site / "data/sources.json").read_text())
    assert {s["outlet"]: s["outlet_type"] for s in sources} == {
        "Huawei": "company newsroom", "CGTN": "state media", "TechRadar Pro": "online news",
        "Associated Press of Pakistan": "state media"}
    ren = (site / "speakers/ren-zhengfei/index.html").read_text()
    said = {c["statement"] for c in json.loads((site / "data/claims.json").read_text()) if c["speaker"] == "Ren Zhengfei"}
    assert f'1 claim of {len(said)} with a promise status: 1 unverified.' in ren
