#!/usr/bin/env python3
"""Writes Data/england/ehcp.csv and Data/england/ehcp-placements.csv from the DfE SEN2 release
"Education, health and care plans" 2022 (Department for Education, Open Government Licence v3), copied to
shared/data/sen2/education-health-and-care-plans_2022.zip from the public repository MastodonC/witan.sen2
(commit 3ddb8c31, data/education-health-and-care-plans/); provenance in that folder's README. Python
standard library only (csv, zipfile).
   python3 Scripts/make-send-data.py [--shared SHARED_DATA_DIR] [--out OUT_DIR]
SHARED_DATA_DIR defaults to ../shared/data beside the repository, OUT_DIR to Data/england.

Which figure: the zip's data-guidance/data-guidance.txt defines Total_all = "Number of statements and EHC
plans combined", Total_ehc = EHC plans only, Total_st = statements only (statements were converted to EHC plans
2014-2018; from 2019 Total_st is `z`). The caseload written is Total_all, the all-plans total, so the series
does not jump as statements became EHC plans.

Year: the release's "calendar year" Y is the caseload in January Y (the guidance: "active EHC plans at January
of the calendar year"), i.e. academic year (Y-1)/Y, written as year Y-1 like Data/england/rolls.csv (year
2011 = 2011/12, January 2012 census). Calendar years 2010-2022 become years 2009-2021.

1. ehcp.csv (year, area, age, plans) from data/sen2_age_caseload.csv, local-authority rows: age is
   `under-5` (source "Under 5"), `5-10` ("Age 5 to 10"), `11-15` ("Age 11 to 15"), `16-19` ("Age 16 to 19"),
   `20-25` ("Age 20 to 25"; collected from calendar 2015 only, with the Children and Families Act 2014); the
   source's `Total` row is left out (the script checks that the bands add up to it). Only authorities in
   Data/england/rolls.csv, on its codes:
   - Northumberland E06000048 -> E06000057, Gateshead E08000020 -> E08000037 (code changes only);
     Buckinghamshire county E10000002 -> unitary E06000060 (same boundary);
   - Dorset county E10000009 -> E06000059 and Bournemouth E06000028 + Poole E06000029 -> E06000058 before
     the 2019 reorganisation: rolls.csv keeps the old boundaries under the new codes before 2019/20 (Christchurch
     in Dorset; area-changes.csv restates them), and so does this file;
   - North Northamptonshire E06000061 + West Northamptonshire E06000062 (calendar 2022) -> E10000021:
     Data/england keeps Northamptonshire whole under E10000021 for every year.
   A year in which an area's source authorities are not all there (a merged area with a part missing) or
   overlap (old and new code both) is left out for that area and counted; a suppressed or missing value
   (`c`, `x`, `z`, `:`, `low`, empty) leaves out that row (for a merged area, if any part's value is).
   Rows sorted by area, year, then age band in the order above.
2. ehcp-placements.csv (year, placement, plans, share) from data/sen2_estab_caseload.csv, National rows,
   calendar years 2015-2022 (years 2014-2021): each establishment_type (never the Total rows) goes to
   exactly one placement class (CLASSES below; printed with its count for checking). Non-maintained special
   schools are counted as `special-school`: DfE counts them with state-funded special schools (school census
   "special schools"), they are not-for-profit schools approved by the Secretary of State and take only
   children placed (and paid for) by local authorities, with no fee-paying private intake; the script prints
   the 2022 `independent` share with them moved there as well. "Specialist post-16 institutions" (2016 on) is
   the new name of "Independent specialist providers" (2015) and goes to `independent` with it. Hospital
   schools (a special school in law, in the source's special-school group) go to `special-school`. Shares are
   plans / year total, rounded to 5 decimals by largest remainder so that each year's shares add to exactly 1.
   The file has no age breakdown of placements, so shares restricted to school-age children cannot be
   computed; the script prints an approximation instead (placements that are never school-age left out).
"""
import argparse
import csv
import io
import os
import sys
import zipfile
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
ZIP = os.path.join("sen2", "education-health-and-care-plans_2022.zip")

AGES = [("Under 5", "under-5"), ("Age 5 to 10", "5-10"), ("Age 11 to 15", "11-15"),
        ("Age 16 to 19", "16-19"), ("Age 20 to 25", "20-25")]
AGE_ORDER = {ours: i for i, (_, ours) in enumerate(AGES)}
MISSING = {"c", "x", "z", ":", "low", "u", ""}

# Source new_la_code -> Data/england code. Codes not listed map to themselves.
RECODE = {
    "E06000048": "E06000057",  # Northumberland (code changed 2013/14)
    "E08000020": "E08000037",  # Gateshead (code changed 2013/14)
    "E10000002": "E06000060",  # Buckinghamshire county -> unitary 2020, same boundary
    "E10000009": "E06000059",  # Dorset county, old boundary with Christchurch (as rolls.csv before 2019)
    "E06000028": "E06000058",  # Bournemouth  } together: BCP before 2019 without Christchurch
    "E06000029": "E06000058",  # Poole        } (as rolls.csv before 2019)
    "E06000061": "E10000021",  # North Northamptonshire } together: Northamptonshire, which
    "E06000062": "E10000021",  # West Northamptonshire  } Data/england keeps whole
}
# Areas made of more than one source authority in some years: every part must be there.
PARTS = [{"E06000028", "E06000029"}, {"E06000061", "E06000062"}]

PLACEMENTS = ["special-school", "resourced-provision", "mainstream", "independent", "other"]
CLASSES = {
    "Special - LA maintained": "special-school",
    "Special - Academy": "special-school",
    "Special - Free school": "special-school",
    "Special - Academy/free": "special-school",
    "Special - Non-maintained": "special-school",
    "Hospital School": "special-school",
    "Mainstream - LA maintained - SEN unit": "resourced-provision",
    "Mainstream - LA maintained - Resourced provision": "resourced-provision",
    "Mainstream - Academy - SEN unit": "resourced-provision",
    "Mainstream - Academy - Resourced Provision": "resourced-provision",
    "Mainstream - Free school - SEN unit": "resourced-provision",
    "Mainstream - Free school - Resourced provision": "resourced-provision",
    "Mainstream - LA maintained": "mainstream",
    "Mainstream - Academy": "mainstream",
    "Mainstream - Free school": "mainstream",
    "Mainstream - Independent": "independent",
    "Special - Independent": "independent",
    "Independent specialist providers": "independent",
    "Specialist post-16 institutions": "independent",
    "AP/PRU - LA maintained": "other",
    "AP/PRU - Academy": "other",
    "AP/PRU - Free school": "other",
    "General FE and tertiary colleges/HE": "other",
    "Other FE": "other",
    "Sixth form college": "other",
    "Non-maintained early years": "other",
    "NEET": "other",
    "Other": "other",
    "Awaiting provision - total": "other",
    "Awaiting provision - above compulsory school age and in education": "other",
    "Awaiting provision - above compulsory school age and not in education": "other",
    "Awaiting provision - below compulsory school age and in education": "other",
    "Awaiting provision - below compulsory school age and not in education": "other",
    "Awaiting provision - compulsory school age and in education": "other",
    "Awaiting provision - compulsory school age and not in education": "other",
    "Elective home education": "other",
    "Other arrangements by local authority": "other",
    "Other arrangements by parents": "other",
    "Permanently excluded": "other",
    "Work-based learning": "other",
    "Apprenticeship": "other",
    "Supported Internship": "other",
    "Traineeship": "other",
}
# Placements that are never of compulsory school age (for the approximate school-age shares).
NOT_SCHOOL_AGE_GROUPS = {"Non-maintained early years", "Further education", "NEET", "Unknown"}
NOT_SCHOOL_AGE_TYPES = {t for t in CLASSES if t.startswith("Awaiting provision - above")
                        or t.startswith("Awaiting provision - below")}


def read_member(zf, name):
    with zf.open(name) as raw:
        return list(csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")))


def round_shares(counts, places=5):
    """Shares of the total rounded to `places` decimals by largest remainder, adding to exactly 1."""
    unit = 10 ** places
    total = sum(counts.values())
    exact = {k: v * unit / total for k, v in counts.items()}
    units = {k: int(x) for k, x in exact.items()}
    for k in sorted(exact, key=lambda k: exact[k] - units[k], reverse=True)[:unit - sum(units.values())]:
        units[k] += 1
    return {k: u / unit for k, u in units.items()}


def ehcp(rows, areas, out):
    la = [r for r in rows if r["geographic_level"] == "Local authority"]
    print(f"sen2_age_caseload.csv: {len(rows)} rows, {len(la)} local-authority rows "
          f"(national and regional rows not used)")
    unknown_ages = {r["characteristic_age"] for r in la} - {a for a, _ in AGES} - {"Total"}
    if unknown_ages:
        sys.exit(f"unexpected characteristic_age {sorted(unknown_ages)}")
    label = dict(AGES)

    # (area, year) -> source code -> {age label: raw value}
    cells = defaultdict(lambda: defaultdict(dict))
    not_ours = Counter()
    for r in la:
        area = RECODE.get(r["new_la_code"], r["new_la_code"])
        if area not in areas:
            not_ours[(r["new_la_code"], r["la_name"])] += 1
            continue
        year = int(r["time_period"]) - 1
        cells[(area, year)][r["new_la_code"]][r["characteristic_age"]] = r["Total_all"].strip()
    for (code, name), n in sorted(not_ours.items()):
        print(f"  left out: {code} {name} ({n} rows), not an area of Data/england")

    out_rows, left = [], Counter()
    bands_checked = bands_mismatched = 0
    years = sorted({y for _, y in cells})
    for area in sorted(areas):
        for year in years:
            sources = cells.get((area, year))
            if not sources:
                left["area-year not in source"] += 1
                print(f"  left out: {area} {year}, not in the source")
                continue
            codes = set(sources)
            whole = [s for s in PARTS if codes & s]
            if len(codes) > 1 and not (len(whole) == 1 and codes == whole[0]) or \
                    len(codes) == 1 and whole and codes != whole[0]:
                n = sum(1 for c in sources.values() for a in c if a != "Total")
                left["area-year not on Data/england's codes (parts missing or overlapping)"] += n
                print(f"  left out: {area} {year}, source authorities {sorted(codes)} do not make the area")
                continue
            # Check the bands add up to the Total row wherever all of them are published.
            for code, values in sources.items():
                bands = [values[a] for a, _ in AGES if a in values]
                if values.get("Total", "").isdigit() and all(v.isdigit() for v in bands):
                    bands_checked += 1
                    if sum(map(int, bands)) != int(values["Total"]):
                        bands_mismatched += 1
                        print(f"  note: {code} {year + 1}: bands add to {sum(map(int, bands))}, "
                              f"Total {values['Total']}")
            for src_age, _ in AGES:
                present = [v[src_age] for v in sources.values() if src_age in v]
                if not present:
                    continue  # band not collected (20-25 before calendar 2015): no row to leave out
                if len(present) < len(sources) or any(v in MISSING or not v.isdigit() for v in present):
                    bad = ",".join(sorted({v or "empty" for v in present if not v.isdigit()})) or "part missing"
                    left[f"suppressed or missing value ({bad})"] += 1
                    continue
                out_rows.append((area, year, AGE_ORDER[label[src_age]], sum(map(int, present))))
    out_rows.sort()
    path = os.path.join(out, "ehcp.csv")
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["year", "area", "age", "plans"])
        for area, year, age, plans in out_rows:
            w.writerow([year, area, AGES[age][1], plans])

    merged = sorted({(a, y) for (a, y), s in cells.items() if len(s) > 1})
    recoded = Counter(RECODE[c] for (a, y), s in cells.items() for c in s if c in RECODE and len(s) == 1)
    print(f"ehcp.csv: {len(out_rows)} rows, {len({r[0] for r in out_rows})} areas "
          f"(of {len(areas)} in rolls.csv), years {min(r[1] for r in out_rows)}-{max(r[1] for r in out_rows)} "
          f"({len({r[1] for r in out_rows})} years), value = Total_all (statements + EHC plans)")
    print(f"  area-years recoded from an old code: {sum(recoded.values())} "
          f"({', '.join(f'{k} {v}' for k, v in sorted(recoded.items()))}); "
          f"summed from two authorities: {len(merged)} "
          f"({', '.join(sorted({a for a, _ in merged}))})")
    print(f"  bands checked against the Total row: {bands_checked} authority-years, {bands_mismatched} differ")
    print(f"  rows left out: {sum(left.values())}" + "".join(f"; {k}: {v}" for k, v in sorted(left.items())))
    by_year = Counter()
    for area, year, age, plans in out_rows:
        by_year[year] += plans
    nat = {int(r["time_period"]) - 1: int(r["Total_all"]) for r in rows
           if r["geographic_level"] == "National" and r["characteristic_age"] == "Total"}
    print("  plans by year, Data/england areas (England national total in brackets): " +
          ", ".join(f"{y} {by_year[y]} ({nat.get(y)})" for y in sorted(by_year)))


def placements(rows, out, age_totals):
    nat = [r for r in rows if r["geographic_level"] == "National"]
    unknown = {r["establishment_type"] for r in nat if r["establishment_type"] != "Total"} - set(CLASSES)
    if unknown:
        sys.exit(f"establishment_type with no placement class: {sorted(unknown)}")
    counts = defaultdict(Counter)          # year -> placement -> plans
    types = defaultdict(dict)              # year -> (group, type) -> plans
    totals = {}
    for r in nat:
        cal = int(r["time_period"])
        if r["establishment_group"] == "Total" and r["establishment_type"] == "Total":
            totals[cal] = int(r["Total_all"])
            continue
        if r["establishment_type"] == "Total":
            continue
        v = r["Total_all"].strip()
        if not v.isdigit():
            sys.exit(f"unexpected value {v!r} in {r}")
        counts[cal][CLASSES[r["establishment_type"]]] += int(v)
        types[cal][(r["establishment_group"], r["establishment_type"])] = int(v)
    years = [y for y in sorted(counts) if 2015 <= y <= 2022]
    path = os.path.join(out, "ehcp-placements.csv")
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["year", "placement", "plans", "share"])
        for cal in years:
            shares = round_shares({p: counts[cal][p] for p in PLACEMENTS})
            if sum(counts[cal].values()) != totals[cal]:
                print(f"  note: calendar {cal}: types add to {sum(counts[cal].values())}, Total row {totals[cal]}")
            if totals[cal] != age_totals.get(cal):
                print(f"  note: calendar {cal}: National total {totals[cal]} here, {age_totals.get(cal)} in "
                      f"sen2_age_caseload.csv (the source's two tables differ; shares use this table)")
            for p in PLACEMENTS:
                w.writerow([cal - 1, p, counts[cal][p], f"{shares[p]:.5f}"])
    print(f"ehcp-placements.csv: {len(years) * len(PLACEMENTS)} rows, National, calendar {years[0]}-{years[-1]} "
          f"written as years {years[0] - 1}-{years[-1] - 1}; value = Total_all")

    print("  establishment types, January 2022 (calendar 2022 = year 2021), class and plans:")
    for (group, typ), v in sorted(types[2022].items(), key=lambda kv: (PLACEMENTS.index(CLASSES[kv[0][1]]), kv[0])):
        print(f"    {CLASSES[typ]:<20} {v:>7}  {group} / {typ}")
    older = sorted({k for y in years for k in types[y]} - set(types[2022]))
    for group, typ in older:
        seen = [y for y in years if (group, typ) in types[y]]
        print(f"    {CLASSES[typ]:<20} {'-':>7}  {group} / {typ} (only {seen[0]}-{seen[-1]})")

    print("  shares by calendar year (January caseload), all placements:")
    print("    " + "year".ljust(6) + "".join(p.rjust(21) for p in PLACEMENTS) + "total".rjust(9))
    for cal in years:
        shares = round_shares({p: counts[cal][p] for p in PLACEMENTS})
        print(f"    {cal:<6}" + "".join(f"{shares[p]:>21.5f}" for p in PLACEMENTS) + f"{sum(counts[cal].values()):>9}")
    c22 = counts[2022]
    s22 = round_shares(dict(c22))
    print("  2022 (January 2022, year 2021): " + ", ".join(f"{p} {s22[p]:.5f} ({c22[p]})" for p in PLACEMENTS) +
          f"; total {sum(c22.values())}")
    nmss = types[2022][("Special school", "Special - Non-maintained")]
    alt = dict(c22)
    alt["special-school"] -= nmss
    alt["independent"] += nmss
    alt_s = round_shares(alt)
    print(f"  2022 with non-maintained special schools ({nmss}) counted as independent instead: "
          f"special-school {alt_s['special-school']:.5f}, independent {alt_s['independent']:.5f}")

    school = Counter()
    for (group, typ), v in types[2022].items():
        if group in NOT_SCHOOL_AGE_GROUPS or typ in NOT_SCHOOL_AGE_TYPES:
            continue
        school[CLASSES[typ]] += v
    ss = round_shares({p: school[p] for p in PLACEMENTS})
    print("  2022 school-age shares: not possible exactly, sen2_estab_caseload.csv has no age breakdown. "
          "Approximation, leaving out placements that are never of compulsory school age (early years, "
          "further education, NEET, awaiting provision above/below compulsory school age), so school sixth "
          "forms and post-16 special-school pupils stay in:")
    print("    " + ", ".join(f"{p} {ss[p]:.5f} ({school[p]})" for p in PLACEMENTS) + f"; total {sum(school.values())}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared", "data"))
    ap.add_argument("--out", default=os.path.join(ROOT, "Data", "england"))
    args = ap.parse_args()
    with open(os.path.join(args.out, "rolls.csv"), newline="", encoding="utf-8") as f:
        areas = {r["area"] for r in csv.DictReader(f)}
    with zipfile.ZipFile(os.path.join(args.shared, ZIP)) as zf:
        age_rows = read_member(zf, "data/sen2_age_caseload.csv")
        estab_rows = read_member(zf, "data/sen2_estab_caseload.csv")
    ehcp(age_rows, areas, args.out)
    age_totals = {int(r["time_period"]): int(r["Total_all"]) for r in age_rows
                  if r["geographic_level"] == "National" and r["characteristic_age"] == "Total"}
    placements(estab_rows, args.out, age_totals)
    return 0


if __name__ == "__main__":
    sys.exit(main())
