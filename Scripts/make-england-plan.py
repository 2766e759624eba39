#!/usr/bin/env python3
"""Rebuild Data/england (a PlacePlan plan folder) from shared/data/england-la.

Usage: Scripts/make-england-plan.py [SOURCE_DIR] [OUT_DIR]
  SOURCE_DIR defaults to ../shared/data/england-la (beside the repository)
  OUT_DIR    defaults to Data/england

What it does, so the conversion can be reviewed:
- pupils_la_ncyear.csv -> rolls.csv: year = year_start, area = la_code, area_name = la_name,
  year_group = nc_year, pupils = headcount.  Y14 rows are left out because the England ladder
  ends at Y13 (Y14 is almost always 0 in this data); the script prints how many rows and pupils
  that removes.  Every other row is kept exactly.
- births_la_midyear.csv -> births.csv: year = year_ending_mid (the births basis is mid-year,
  July-June, keyed by the year the twelve months end), area = la_code, births = annual_births,
  type (actual / predicted) kept as an extra column that the engine ignores.
- ../admissions/ees_apps_offers_by_la_2014_2021.csv (DfE "Primary and secondary school
  applications and offers", local-authority rows, Reception) -> applications.csv: year = the
  first four digits of time_period (201920 -> 2019, entry in September 2019), area =
  new_la_code, applications = applications_received.  Only areas with rolls, and only entry
  years up to the last census + 1 (applications for later entry were not made by then); a
  suppressed or missing count is left out, and the script prints how many rows each rule drops.
Rows are written sorted (area, year, year group) so that the output is reproducible.
"""
import csv
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
LADDER = ["R"] + [f"Y{i}" for i in range(1, 14)]


def main() -> int:
    source = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "..", "shared", "data", "england-la")
    out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, "Data", "england")
    os.makedirs(out, exist_ok=True)

    rolls, dropped, dropped_pupils = [], 0, 0
    with open(os.path.join(source, "pupils_la_ncyear.csv"), newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["nc_year"] == "Y14":
                dropped += 1
                dropped_pupils += int(row["headcount"])
                continue
            if row["nc_year"] not in LADDER:
                sys.exit(f"unexpected nc_year {row['nc_year']!r} in {row}")
            rolls.append((row["la_code"], int(row["year_start"]), LADDER.index(row["nc_year"]),
                          row["la_name"], int(row["headcount"])))
    rolls.sort()
    with open(os.path.join(out, "rolls.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["year", "area", "area_name", "year_group", "pupils"])
        for code, year, g, name, pupils in rolls:
            w.writerow([year, code, name, LADDER[g], pupils])

    births = []
    with open(os.path.join(source, "births_la_midyear.csv"), newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            value = float(row["annual_births"])
            births.append((row["la_code"], int(row["year_ending_mid"]),
                           int(value) if value.is_integer() else value, row["type"]))
    births.sort()
    with open(os.path.join(out, "births.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["year", "area", "births", "type"])
        for code, year, value, kind in births:
            w.writerow([year, code, value, kind])

    # The source's README ("Known quirks"): Christchurch moved from Dorset (E06000059) to
    # Bournemouth, Christchurch and Poole (E06000058) in 2019, and the births are on the new
    # boundaries throughout. Recorded so that the engine restates the rolls before 2019/20 on
    # the new boundaries; the share moved is left empty for the engine to estimate.
    with open(os.path.join(out, "area-changes.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["year", "area", "change", "to", "share"])
        w.writerow([2019, "E06000059", "transfer", "E06000058", ""])

    # Applications for Reception, from the admissions folder beside the England one.
    admissions = os.path.join(source, "..", "admissions", "ees_apps_offers_by_la_2014_2021.csv")
    codes = {r[0] for r in rolls}
    latest = max(r[1] for r in rolls) + 1
    applications, skipped = [], {"no rolls": 0, "after the last census + 1": 0, "no count": 0}
    with open(admissions, newline="", encoding="utf-8-sig") as f:
        for row in csv.DictReader(f):
            if row["geographic_level"] != "Local authority" or row["NC_year_admission"] != "R":
                continue
            year, code = int(row["time_period"][:4]), row["new_la_code"]
            if code not in codes:
                skipped["no rolls"] += 1
            elif year > latest:
                skipped["after the last census + 1"] += 1
            elif not row["applications_received"].isdigit():
                skipped["no count"] += 1
            else:
                applications.append((code, year, int(row["applications_received"])))
    applications.sort()
    with open(os.path.join(out, "applications.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["year", "area", "year_group", "applications"])
        for code, year, value in applications:
            w.writerow([year, code, "R", value])

    areas = len({r[0] for r in rolls})
    print(f"rolls.csv: {len(rolls)} rows, {areas} areas; left out {dropped} Y14 rows ({dropped_pupils} pupils)")
    print(f"births.csv: {len(births)} rows")
    print(f"applications.csv: {len(applications)} rows; left out " + ", ".join(f"{n} ({why})" for why, n in skipped.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
