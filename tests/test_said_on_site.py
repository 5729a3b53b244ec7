"""When each claim was said, in a built site's data downloads: seeds written here (invented
people, companies and outlets), built with the CLI as a maintainer would."""

from __future__ import annotations

import csv
import json

from conftest import build_site

DEPOT = """Brantwood opens its northern depot
Harbour Ledger
Published: 16 June 2021

"The depot is ready for the winter," Lena Okafor, chief executive of Brantwood Freight, said on Monday.

"We have checked every crane twice."

The depot opened in 2019, Okafor said, and has since doubled its staff.

Brantwood Freight said last week that it would hire forty drivers before October.
"""

CURATED = """claims:
  - text: it would hire forty drivers before October
    speaker: Brantwood Freight
    said_on: 2021-06
"""

UNDATED = """Ferry crews ask for a new rota

"Nobody asked the crews about the new rota," said Tomas Reyes on Monday.

Reyes said in March 2020 that the union had written to the operator twice.
"""


def test_claims_json_and_csv_say_when_each_claim_was_said(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "depot.txt").write_text(DEPOT)
    (seeds / "ferry.txt").write_text(UNDATED)
    (seeds / "depot.yml").write_text(CURATED)
    site = tmp_path / "site"
    result = build_site(seeds, site)
    assert result.returncode == 0, result.stderr
    claims = json.loads((site / "data/claims.json").read_text())
    said = {(c["source_file"], c["text"][:24]): (c["date"], c["said_on"], c["said_precision"], c["said_note"])
            for c in claims}
    assert said[("depot.txt", "The depot is ready for t")] == (
        "2021-06-16", "2021-06-14", "day", "inferred from 'on Monday'")
    assert said[("depot.txt", "We have checked every cr")] == (  # the quotation continues the one before
        "2021-06-16", "2021-06-14", "day", "inferred from 'on Monday'")
    assert said[("depot.txt", "it would hire forty driv")] == ("2021-06-16", "2021-06", "month", "curated")
    assert said[("depot.txt", "Brantwood Freight said l")] == ("2021-06-16", "2021-06-07", "week", "inferred from 'last week'")
    # "in 2019" belongs to the depot's opening, not to when Okafor spoke: no said-on at all
    assert said[("depot.txt", "The depot opened in 2019")] == ("2021-06-16", None, None, None)
    # no publication date: "on Monday" cannot be placed, "in March 2020" names its year
    assert said[("ferry.txt", "Nobody asked the crews a")] == (None, None, None, None)
    assert said[("ferry.txt", "Reyes said in March 2020")] == (None, "2020-03", "month", "inferred from 'in March 2020'")
    rows = {(r["source_file"], r["text"][:24]): r for r in csv.DictReader((site / "data/claims.csv").open())}
    assert len(rows) == len(claims)
    for claim in claims:
        row = rows[(claim["source_file"], claim["text"][:24])]
        assert [row["said_on"], row["said_precision"], row["said_note"]] == [
            claim["said_on"] or "", claim["said_precision"] or "", claim["said_note"] or ""]
