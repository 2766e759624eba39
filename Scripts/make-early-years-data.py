#!/usr/bin/env python3
"""Writes Data/england/early-years.csv: children in funded early education and take-up, by authority,
from DfE's "Education provision: children under 5 years of age" (Department for Education, Open Government
Licence v3) as copied to shared/data/early-years/ (provenance in that folder's README):
- lait_early_years_takeup_and_ehcp_pct_by_la.csv, January 2018-2025, from DfE's Local Authority Interactive
  Tool (dfe-analytical-services/local-authority-interactive-tool, commit 2e30e395,
  01_data/02_prod/bds_long_0.parquet): `Short Desc` items `%_2yr_olds`, `No_2yr_olds`, `%_3&4yr_olds`,
  `No_3&4yr_olds` (value `-` = not applicable: an authority before it existed or after it ended);
- smapey_combined_long_data_2019.csv, January 2016-2019 (dfe-analytical-services/smapey-dashboard, commit
  844d3592): columns two_year_olds_Percent_2016..2019, two_year_olds_number_2018..2019,
  three_and_four_year_olds_Percent_2016..2019, three_and_four_year_olds_number_2018..2019; one row per
  statistical-neighbour pairing, the figures belonging to the row's LA_Number (the neighbour): de-duplicated
  by LA_Number, after checking the copies agree.
Python standard library only.
   python3 Scripts/make-early-years-data.py [--shared SHARED_DATA_DIR] [--out OUT_DIR]

Year: the figures are counts in the January early years and school censuses (DfE: "count of children aged 2
at 31 December in the previous calendar year"; the LAIT's own Ofsted items say "(as at Jan)"). January Y is in
academic year (Y-1)/Y, written as year Y-1 like Data/england/rolls.csv: January 2016-2025 -> years 2015-2024.

Rows (year, area, entitlement, children, percent): entitlement `two-year-olds` (percent = take-up among the
2-year-olds estimated eligible for the targeted 15 hours, DWP's estimate of the eligible) or
`three-four-year-olds` (percent = funded 3- and 4-year-olds, including 4-year-olds in state-funded reception
classes, as a share of ONS's population of 3- and 4-year-olds; small authorities exceed 100).
children = the number (blank where the source gives none: smapey 2016-2017). LAIT is used where it has the
authority-year; smapey only for the years LAIT lacks (2016-2017); the overlap 2018-2019 is compared.
Caution, printed by the script: the numbers agree, and so do the 2-year-old percents, but LAIT's
`%_3&4yr_olds` is some 3 points above smapey's for the same numbers (England 97.1 against 93.5 in January
2019); smapey's agrees with DfE's published take-up (January 2020 on EES: 1,271,544 of 1,369,923, 93%, LAIT
97.0), so LAIT's 3-and-4 percent has a smaller denominator than the published rate, and the
three-four-year-olds percent steps up by about 3 points between 2016 (smapey) and 2017 (LAIT). The numbers
(children) are consistent throughout. LAIT's data dictionary: "Children's age for each reporting year is
defined as how old they were on the preceding 31 December"; Year_Type "Academic Year". The January 2025
2-year-old figures (95,031, down from 115,852) appear to be the disadvantaged ("families receiving additional
support") entitlement only, without the working-parent entitlement for 2-year-olds that began in April 2024.

Authorities: LAIT's `LA Number` / smapey's LA_Number (old three-digit LA codes) are mapped to new_la_code by
the old_la_code/new_la_code pairs in shared/data/sen2 (education-health-and-care-plans_2022.zip,
data/sen2_age_caseload.csv), then to Data/england's codes as Scripts/make-send-data.py does: Buckinghamshire and
Northumberland / Gateshead code changes; Dorset (Pre LG, 835) -> E06000059 and Bournemouth (Pre LG, 837) +
Poole (Pre LG, 836) -> E06000058 before 2019/20, the old boundaries that rolls.csv keeps under the new codes;
North (940) + West (941) Northamptonshire -> E10000021 (Northamptonshire whole, as Data/england). Two codes
are newer than the sen2 release and are mapped here by hand: Cumberland (942) + Westmorland and Furness (943)
-> Cumbria E10000006 (their union is Cumbria's boundary; Data/england keeps Cumbria whole). Where two
authorities make one area, numbers are added and the percent is the added numbers over the added
denominators (each number / its percent); an area-year with a part missing is left out and counted.
Regions and England (970) are not areas; England's row is printed as the national take-up.

Also printed, not written: for each year the median over Data/england's authorities of funded children per
birth (Data/england/births.csv, births `year` K = the 12 months July K-1 to June K; Scripts/make-england-plan.py),
the default take-up rates. Two pairings:
- the engine's cohorts (EarlyYearsPlan: the child aged a at the start of academic year A is of the cohort
  entering Reception in A+4-a, whose births are births[A-a], as Reception in A pairs with births[A-4]):
  funded 2-year-olds / births[A-2]; funded 3- and 4-year-olds / (births[A-3] + births[A-4]). This is the
  pairing for the engine's defaults, which multiply these same births;
- DfE's ages (age on 31 December before the January census): the 2-year-olds counted in January A+1 were
  born in calendar year A-2, half of it in births year A-2 (Jan-Jun) and half in A-1 (Jul-Dec), so
  (births[A-2] + births[A-1]) / 2; the 3- and 4-year-olds were born in calendar years A-4 and A-3:
  births[A-4]/2 + births[A-3] + births[A-2]/2. Printed as a check: the two differ by a few per cent at most.
The 3- and 4-year-olds include 4-year-olds in Reception (DfE counts them), so that rate is for both cohorts.
BCP and Dorset are left out of the medians before 2019/20 (counts on the old boundaries, births on the new).
"""
import argparse
import csv
import io
import os
import statistics
import sys
import zipfile
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SEN2_ZIP = os.path.join("sen2", "education-health-and-care-plans_2022.zip")
LAIT = os.path.join("early-years", "lait_early_years_takeup_and_ehcp_pct_by_la.csv")
SMAPEY = os.path.join("early-years", "smapey_combined_long_data_2019.csv")
ENTITLEMENTS = ["two-year-olds", "three-four-year-olds"]
LAIT_ITEMS = {"%_2yr_olds": ("two-year-olds", "percent"), "No_2yr_olds": ("two-year-olds", "children"),
              "%_3&4yr_olds": ("three-four-year-olds", "percent"),
              "No_3&4yr_olds": ("three-four-year-olds", "children")}
SMAPEY_PREFIX = {"two-year-olds": "two_year_olds", "three-four-year-olds": "three_and_four_year_olds"}
ENGLAND = "970"

# As Scripts/make-send-data.py: source new_la_code -> Data/england code.
RECODE = {
    "E06000048": "E06000057", "E08000020": "E08000037", "E10000002": "E06000060",
    "E10000009": "E06000059", "E06000028": "E06000058", "E06000029": "E06000058",
    "E06000061": "E10000021", "E06000062": "E10000021",
}
# Old LA codes newer than the sen2 2022 release (April 2023 reorganisation of Cumbria).
BY_HAND = {"942": "E06000063", "943": "E06000064"}
RECODE_BY_HAND = {"E06000063": "E10000006", "E06000064": "E10000006"}
# Old LA codes that together make one Data/england area in some years: all must be there.
PARTS = [{"836", "837"}, {"940", "941"}, {"942", "943"}]


def number(text):
    text = text.strip()
    if text in ("", "-", "c", "x", "z", ":", ".", "..", "NA"):
        return None
    return float(text)


def la_number(text):
    return text.strip().split(".")[0]


def old_to_area(shared, areas):
    with zipfile.ZipFile(os.path.join(shared, SEN2_ZIP)) as zf, \
            zf.open("data/sen2_age_caseload.csv") as raw:
        rows = csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8-sig", newline=""))
        pairs = {(r["old_la_code"], r["new_la_code"]) for r in rows if r["geographic_level"] == "Local authority"}
    mapping = defaultdict(set)
    for old, new in pairs:
        mapping[old].add(RECODE.get(new, new))
    for old, new in BY_HAND.items():
        mapping[old].add(RECODE_BY_HAND.get(new, new))
    result = {}
    for old, targets in mapping.items():
        if len(targets) != 1:
            sys.exit(f"old LA code {old} maps to {sorted(targets)}")
        target = targets.pop()
        if target in areas:
            result[old] = target
    return result


def combine(parts):
    """parts: list of (children or None, percent or None) for the authorities making one area."""
    if len(parts) == 1:
        return parts[0]
    if any(c is None or p is None or p == 0 for c, p in parts):
        return None
    children = sum(c for c, _ in parts)
    denominator = sum(c * 100 / p for c, p in parts)
    return children, round(100 * children / denominator, 1)


def to_areas(source, mapping, label, left):
    """source: (old code, jan year, entitlement) -> (children, percent). Returns (area, jan year, ent) -> value."""
    grouped = defaultdict(dict)
    for (old, year, ent), value in source.items():
        if old == ENGLAND:
            continue
        if old not in mapping:
            continue
        grouped[(mapping[old], year, ent)][old] = value
    result = {}
    for key, olds in grouped.items():
        codes = set(olds)
        whole = [s for s in PARTS if codes & s]
        if len(codes) > 1 and not (len(whole) == 1 and codes == whole[0]) or \
                len(codes) == 1 and whole and codes != whole[0]:
            left[f"{label}: area-year with part of its authorities missing"] += 1
            continue
        value = combine([olds[c] for c in sorted(olds)])
        if value is None:
            left[f"{label}: merged area-year without the numbers to weight its percent"] += 1
            continue
        if value[1] is None:
            left[f"{label}: no percent"] += 1
            continue
        result[key] = value
    return result


def read_lait(path, mapping, unmapped):
    cells = defaultdict(dict)   # (old, jan year, ent) -> {"children"/"percent": float or None}
    names = {}
    descs = Counter()
    with open(path, newline="", encoding="utf-8-sig") as f:
        for r in csv.DictReader(f):
            descs[r["Short Desc"]] += 1
            if r["Short Desc"] not in LAIT_ITEMS:
                continue
            ent, what = LAIT_ITEMS[r["Short Desc"]]
            old = la_number(r["LA Number"])
            names[old] = r["LA and Regions"]
            cells[(old, int(r["Years"]), ent)][what] = number(r["Values"])
    print(f"lait: Short Desc values {dict(sorted(descs.items()))}; using {sorted(LAIT_ITEMS)}")
    source = {}
    for key, v in cells.items():
        if v.get("children") is None and v.get("percent") is None:
            continue                                   # `-`: authority not in existence that year
        source[key] = (v.get("children"), v.get("percent"))
    for old in sorted({k[0] for k in source}):
        if old not in mapping and old != ENGLAND:
            unmapped[("lait", old, names[old])] += 1
    return source, names


def read_smapey(path, mapping, unmapped):
    per_la = {}
    copies = Counter()
    with open(path, newline="", encoding="utf-8-sig") as f:
        reader = csv.DictReader(f)
        fields = reader.fieldnames
        for r in reader:
            old = r["LA_Number"].strip()
            values = {}
            for ent, prefix in SMAPEY_PREFIX.items():
                for year in range(2016, 2020):
                    n = f"{prefix}_number_{year}"
                    p = f"{prefix}_Percent_{year}"
                    values[(year, ent)] = (number(r[n]) if n in fields else None,
                                           number(r[p]) if p in fields else None)
            copies[old] += 1
            if old in per_la and per_la[old][1] != values:
                sys.exit(f"smapey: the copies of LA {old} disagree")
            per_la[old] = (r["LA_Name"], values, r["LA_Code"])
    print(f"smapey: {sum(copies.values())} rows, {len(per_la)} authorities after de-duplication "
          f"(copies per authority {min(copies.values())}-{max(copies.values())}, all identical)")
    source = {}
    for old, (name, values, code) in per_la.items():
        if old not in mapping:
            unmapped[("smapey", old, name)] += 1
        for (year, ent), v in values.items():
            if v != (None, None):
                source[(old, year, ent)] = v
    return source


def fmt(x):
    return "" if x is None else (str(int(x)) if float(x).is_integer() else f"{x:.1f}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared", "data"))
    ap.add_argument("--out", default=os.path.join(ROOT, "Data", "england"))
    args = ap.parse_args()
    with open(os.path.join(args.out, "rolls.csv"), newline="", encoding="utf-8") as f:
        areas = {r["area"] for r in csv.DictReader(f)}
    births, predicted = {}, set()
    with open(os.path.join(args.out, "births.csv"), newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            births[(r["area"], int(r["year"]))] = float(r["births"])
            if r["type"] != "actual":
                predicted.add(int(r["year"]))

    mapping = old_to_area(args.shared, areas)
    unmapped = Counter()
    lait_src, names = read_lait(os.path.join(args.shared, LAIT), mapping, unmapped)
    smapey_src = read_smapey(os.path.join(args.shared, SMAPEY), mapping, unmapped)
    for (which, old, name), n in sorted(unmapped.items()):
        print(f"  unmapped: {which} LA {old} {name} (not an authority of Data/england, or no code for it)")
    print(f"  mapped by hand (newer than the sen2 release): " +
          ", ".join(f"{o} {names.get(o, '?')} -> {RECODE_BY_HAND[BY_HAND[o]]}" for o in sorted(BY_HAND)))

    left = Counter()
    lait = to_areas(lait_src, mapping, "lait", left)
    smapey = to_areas(smapey_src, mapping, "smapey", left)

    rows = dict(lait)
    overlap = agree = 0
    worst = []
    for key, (children, percent) in smapey.items():
        if key in lait:
            overlap += 1
            diff = abs(lait[key][1] - percent)
            agree += diff <= 1
            worst.append((diff, key, lait[key][1], percent))
        else:
            rows[key] = (None, percent)    # smapey's numbers are only for 2018-2019, where LAIT has them
    left["smapey: authority-year also in lait (lait used)"] = overlap
    out_rows = sorted((area, year - 1, ENTITLEMENTS.index(ent), c, p) for (area, year, ent), (c, p) in rows.items())
    path = os.path.join(args.out, "early-years.csv")
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["year", "area", "entitlement", "children", "percent"])
        for area, year, ent, c, p in out_rows:
            w.writerow([year, area, ENTITLEMENTS[ent], fmt(c), fmt(p)])

    by_year = Counter((r[1], ENTITLEMENTS[r[2]]) for r in out_rows)
    print(f"early-years.csv: {len(out_rows)} rows, {len({r[0] for r in out_rows})} areas (of {len(areas)}), "
          f"years {min(r[1] for r in out_rows)}-{max(r[1] for r in out_rows)} (January {min(r[1] for r in out_rows) + 1}-"
          f"{max(r[1] for r in out_rows) + 1}); from lait {sum(1 for k in rows if k in lait)}, "
          f"from smapey {sum(1 for k in rows if k not in lait)} (2016-2017, percent only)")
    print("  rows per year (two-year-olds / three-four-year-olds): " +
          ", ".join(f"{y} {by_year[(y, ENTITLEMENTS[0])]}/{by_year[(y, ENTITLEMENTS[1])]}"
                    for y in sorted({r[1] for r in out_rows})))
    missing = [(a, y, e) for a in sorted(areas) for y in sorted({r[1] for r in out_rows}) for e in ENTITLEMENTS
               if (a, y + 1, e) not in rows]
    if missing:
        print(f"  area-years missing: {len(missing)}: " + ", ".join(f"{a} {y} {e}" for a, y, e in missing[:12]))
    print(f"  smapey vs lait, January 2018-2019: {overlap} overlapping authority-year-entitlements, "
          f"{agree} agree within 1 point:")
    for year in (2018, 2019):
        for ent in ENTITLEMENTS:
            ds = [lait[k][1] - smapey[k][1] for k in smapey if k in lait and k[1] == year and k[2] == ent]
            same_n = sum(1 for k in smapey if k in lait and k[1] == year and k[2] == ent
                         and smapey[k][0] is not None and abs(lait[k][0] - smapey[k][0]) < 0.5)
            print(f"    January {year} {ent}: {len(ds)} authorities, {sum(abs(d) <= 1 for d in ds)} within 1 point, "
                  f"median lait - smapey {statistics.median(ds):+.1f} points; numbers equal in {same_n}"
                  + (" (smapey's 2018 numbers are rounded to 10)" if year == 2018 else ""))
    print("    largest differences: " +
          ", ".join(f"{k[0]} {k[1]} {k[2]} lait {a} smapey {b}" for d, k, a, b in sorted(worst, reverse=True)[:4]))
    for k, n in sorted(left.items()):
        print(f"  left out: {k}: {n}")

    # Default take-up rates.
    years = sorted({r[1] for r in out_rows})
    print("\nfunded children per birth, median over Data/england authorities (n = authorities); "
          "births: Data/england/births.csv, year K = July K-1 to June K; * = uses the 2023 predicted births;"
          " A = year (January A+1), b = births")
    print("  year  2yo/births[A-2]  n    [DfE ages: 2yo/((b[A-2]+b[A-1])/2)]  3-4yo/(births[A-3]+births[A-4])  n"
          "    [DfE ages: 3-4yo/(b[A-4]/2+b[A-3]+b[A-2]/2)]   England totals: 2yo/births[A-2], 3-4yo/(births[A-3]+births[A-4])")
    for a in years:
        r2, r2p, r34, r34p = [], [], [], []
        tot = defaultdict(float)
        uses_pred = set()
        for area in sorted(areas):
            if area in ("E06000058", "E06000059") and a < 2019:
                continue
            b = {k: births.get((area, a + k)) for k in (-4, -3, -2, -1)}
            two = rows.get((area, a + 1, "two-year-olds"))
            if two and two[0] is not None and None not in (b[-2], b[-1]):
                r2.append(two[0] / ((b[-2] + b[-1]) / 2))
                r2p.append(two[0] / b[-2])
                if a - 1 in predicted:
                    uses_pred.add("2")
            tf = rows.get((area, a + 1, "three-four-year-olds"))
            if tf and tf[0] is not None and None not in (b[-4], b[-3], b[-2]):
                r34.append(tf[0] / (b[-4] / 2 + b[-3] + b[-2] / 2))
                r34p.append(tf[0] / (b[-3] + b[-4]))
                if a - 2 in predicted:
                    uses_pred.add("34")
        eng = {e: lait_src.get((ENGLAND, a + 1, e)) for e in ENTITLEMENTS}
        eb = {k: sum(v for (ar, y), v in births.items() if y == a + k) for k in (-4, -3, -2, -1)}
        e2 = f"{eng['two-year-olds'][0] / eb[-2]:.4f}" if eng["two-year-olds"] else "-"
        e34 = f"{eng['three-four-year-olds'][0] / (eb[-3] + eb[-4]):.4f}" if eng["three-four-year-olds"] else "-"
        if not r2 and not r34:
            print(f"  {a}  no numbers (percent only)")
            continue
        m = lambda xs: f"{statistics.median(xs):.4f}" if xs else "-"
        print(f"  {a}  {m(r2p)}           {len(r2p):>3}    [{m(r2)}{'*' if '2' in uses_pred else ' '}]"
              f"                             {m(r34p)}                          {len(r34p):>3}"
              f"    [{m(r34)}]                                     {e2}, {e34}")

    print("\nnational take-up percent by year (England row of lait, January 2018-2025; 2016-2017 from smapey, "
          "which has no England row: median over authorities)")
    print("  year  two-year-olds (% of eligible)  three-four-year-olds (% of population)")
    for a in years:
        vals = []
        for e in ENTITLEMENTS:
            v = lait_src.get((ENGLAND, a + 1, e))
            if v and v[1] is not None:
                note = ""
                own = [(c, p) for (o, y, en), (c, p) in smapey_src.items()
                       if y == a + 1 and en == e and o != ENGLAND and c and p]
                if own:   # England from smapey's authorities: their numbers over their denominators
                    note = f"; smapey {100 * sum(c for c, _ in own) / sum(100 * c / p for c, p in own):.1f}"
                vals.append(f"{v[1]:.1f} (England, {int(v[0])} children{note})")
            else:
                xs = [p for (ar, y, en), (c, p) in rows.items() if y == a + 1 and en == e]
                vals.append(f"{statistics.median(xs):.1f} (median of {len(xs)})")
        print(f"  {a}  {vals[0]:<45} {vals[1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
