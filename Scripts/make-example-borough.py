#!/usr/bin/env python3
"""Generate Data/borough: an invented borough to show and test the Pupil Place Plan.

Usage: Scripts/make-example-borough.py [OUT_DIR]      (OUT_DIR defaults to Data/borough)

Python 3 standard library only; seeded, so the same files come out every time.

The borough ("Millbrook") is in the spirit of a London council: 8 primary planning areas
(P01-P08) inside 4 secondary planning areas (S1-S4), 60 schools with primary provision and 12
with secondary provision (one all-through school is in both counts), one special school,
and school census rolls for 2015/16-2024/25 (10 years). Everything is simulated school by school
from births, by the same model the engine fits, so that tests can check the engine recovers
the parameters written to truth.json:

- Births (mid-year, July-June, keyed by the year they end) per primary area: a base level, a
  linear trend (levelling off after 2014, except Southmead's), a cycle (different length and
  phase per area) and Poisson-like noise (a normal
  with variance equal to the level: about 5.5% for 330 births, as small areas' births really
  vary). Northgate (P01) has a housing-led rise from 2016 (the area under pressure); Southmead
  (P06) falls steadily (the area with a large surplus).
- Reception of area p in year t = intake_ratio[p] x births(p, t-4) x (1 + 1% noise).
- Each school's Reception is its intake share of the area's Reception (shares drawn once per
  school, 3% noise a year), split into whole pupils so that the schools add up to the area.
- A school's other year groups: pupils(g+1, t+1) = pupils(g, t) x its own progression ratio
  for g (the area's base ratio plus a school offset), plus noise of half a pupil, rounded.
- Year 7 of secondary area s in year t+1 = sum over primary areas p of share[p][s] x Year 6 of p
  in year t, plus inflow[s] from outside the borough, rounded to whole pupils; shares into the
  borough sum to less than 1 for each primary area (the rest leave). There is deliberately no
  other noise in transfer: nine transfer years can only separate the shares as well as the
  areas' cohorts differ, and the recovery test is meant to measure the estimator, not the luck
  of the draw (docs/place-plan.md, "How the place plan is made", step 2, on the precision with
  real noise). Each secondary school then takes its intake share of Year 7 and progresses by its
  own ratios.
- areas.csv lists, for each primary area, the secondary areas its Year 6 can transfer to
  (`feeds`): the geography a planner knows from admissions, not the shares.
- Sixth forms (8 of the 12): Year 12 = Year 11 of the year before x the school's staying-on
  rate; Year 13 = Year 12 of the year before x its Year 12 -> 13 rate.
- Northgate Meadow Primary (NG08) opened in 2020 with Reception only and grows a year group a
  year; its intake share ramps up over its first three years (50%, 80%, 100% of its share).
- Southmead Lane Primary (SM08) closed in 2018 (the last census it appears in is 2017/18's);
  its pupils moved to the other Southmead schools.
- Northgate Park Primary (NG09) is planned to open in 2027: in schools.csv, with no rolls.
- Beacon School is a special school (all ages), held roughly flat.
- Capacities: each area's places are sized on the mean cohort it will soon hold (the cohorts
  in its schools in 2024 and the Reception intakes births already fix) plus 8% (primary) or
  6% (secondary; 2% in the North, 15% in the South), split between its schools by their
  recent intake shares and rounded to 5 (primary) or 10 (secondary); net capacity 7 x PAN
  (primary), 5 x PAN plus sixth-form places (secondary). Northgate is sized on its largest
  Reception of 2017-2019 plus 3%, before the housing, so its rising births give a deficit in
  the forecast; Southmead on its largest Reception of 2012-2014 plus 10%, so it has a large
  surplus.
- The special school's rolls rows leave `area` empty: it is in no planning area.
- No admission caps: a school's intake is its share of the area's, so a shortage shows as
  schools over their PAN rather than as pupils sent elsewhere.

Files written: plan.toml, areas.csv, schools.csv, rolls.csv (one row per year, school and year
group), births.csv and truth.json (every parameter above, for the tests).
"""
import csv
import json
import math
import os
import random
import sys

SEED = 20250901
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

LADDER = ["R"] + [f"Y{i}" for i in range(1, 14)]
PRIMARY = range(0, 7)        # R-Y6
SECONDARY = range(7, 12)     # Y7-Y11
SIXTH = range(12, 14)        # Y12-Y13
SIM_FIRST = 1995             # simulation starts here so every year group is full by the first census
CENSUS_FIRST, CENSUS_LAST = 2015, 2024
BIRTHS_WRITTEN_FIRST = 2005  # births.csv covers 2005-2024 (Reception 2009-2028)
ENTRY_AGE = 4

PRIMARY_AREAS = [
    # code, name, secondary area it lies in, births base, trend per year, cycle amplitude, cycle length, cycle phase
    ("P01", "Northgate", "S1", 330, 0.000, 0.07, 9, 2001),
    ("P02", "Riverside", "S1", 300, 0.025, 0.05, 12, 2004),
    ("P03", "Castle Hill", "S2", 360, -0.015, 0.07, 8, 1999),
    ("P04", "Eastfield", "S2", 320, 0.030, 0.04, 11, 2006),
    ("P05", "Millbrook Central", "S3", 380, 0.004, 0.08, 10, 2002),
    ("P06", "Southmead", "S3", 420, -0.022, 0.05, 13, 2000),
    ("P07", "Westcombe", "S4", 290, 0.020, 0.06, 7, 2003),
    ("P08", "Hollins Park", "S4", 340, -0.015, 0.07, 9, 2005),
]
SECONDARY_AREAS = [("S1", "North"), ("S2", "East"), ("S3", "South"), ("S4", "West")]
PRESSURE_AREA, SURPLUS_AREA = "P01", "P06"

# Reception / cohort births (migration before age 4, private schools, cross-border).
INTAKE_RATIO = {"P01": 0.96, "P02": 0.93, "P03": 0.95, "P04": 0.91, "P05": 0.94, "P06": 0.97, "P07": 0.92, "P08": 0.95}
# Area base progression ratio for every primary year group (a school adds its own offset).
PRIMARY_BASE_RATIO = {"P01": 1.010, "P02": 0.995, "P03": 0.990, "P04": 1.000, "P05": 0.992, "P06": 0.985, "P07": 1.004, "P08": 0.996}

# Year 6 of primary area p -> Year 7 of secondary area s. Rows sum to < 1: the rest leave the borough.
TRANSFER = {
    "P01": {"S1": 0.82, "S2": 0.10},
    "P02": {"S1": 0.75, "S4": 0.15},
    "P03": {"S2": 0.80, "S1": 0.08},
    "P04": {"S2": 0.85, "S3": 0.07},
    "P05": {"S3": 0.78, "S2": 0.12},
    "P06": {"S3": 0.88},
    "P07": {"S4": 0.80, "S3": 0.10},
    "P08": {"S4": 0.86, "S1": 0.05},
}
INFLOW = {"S1": 40, "S2": 25, "S3": 60, "S4": 15}   # Year 7 pupils a year from outside the borough
SECONDARY_BASE_RATIO = {"S1": 0.995, "S2": 1.000, "S3": 0.990, "S4": 0.997}

NEW_SCHOOL = {"code": "NG08", "name": "Northgate Meadow Primary School", "area": "P01", "opened": 2020, "pan": 60,
              "weight": 1.3, "ramp": [0.5, 0.8, 1.0]}
CLOSED_SCHOOL = {"code": "SM08", "area": "P06", "closed": 2018}
PLANNED_SCHOOL = {"code": "NG09", "name": "Northgate Park Primary School", "area": "P01", "opened": 2027, "pan": 60}

PRIMARY_SCHOOL_NAMES = {
    "P01": ["Northgate", "St Anne's CE", "Hilltop", "Brookside", "Fairfield", "Oakwood", "Highbury Lane"],
    "P02": ["Riverside", "Wharf Road", "St Mary's RC", "Ferry Lane", "Willow Bank", "Mill Race", "Kingfisher"],
    "P03": ["Castle Hill", "Keep Street", "St George's CE", "Rampart", "Drawbridge Lane", "Tower Green", "Moat Farm", "Barbican"],
    "P04": ["Eastfield", "Sunrise", "Orchard", "St Luke's CE", "Meadowbank", "Eastgate", "Poplar Walk"],
    "P05": ["Millbrook", "Market Square", "St Peter's CE", "Station Road", "Victoria Park", "Chapel Street", "Guildhall", "Canal Side"],
    "P06": ["Southmead", "Harbour", "St Joseph's RC", "Beacon Hill", "Seaview", "Dunes", "Lighthouse", "Southmead Lane"],
    "P07": ["Westcombe", "Combe Valley", "St John's CE", "Sunset Road", "Elm Tree", "Westbrook", "Heathside"],
    "P08": ["Hollins Park", "Parkside", "Holly Grove", "St Michael's CE", "Greenway", "Larch Close", "Bluebell"],
}
SCHOOL_PREFIX = {"P01": "NG", "P02": "RV", "P03": "CH", "P04": "EF", "P05": "MC", "P06": "SM", "P07": "WC", "P08": "HP"}
SECONDARY_SCHOOLS = [
    # code, name, area, sixth form?, all-through?
    ("S1A", "Northgate Academy", "S1", True, False),
    ("S1B", "Riverside High School", "S1", True, False),
    ("S1C", "St Anne's CE High School", "S1", False, False),
    ("S2A", "Castle Hill School", "S2", True, False),
    ("S2B", "Eastfield Academy", "S2", False, False),
    ("S2C", "Eastfield All-Through School", "S2", True, True),
    ("S3A", "Millbrook Grammar School", "S3", True, False),
    ("S3B", "Southmead Community College", "S3", True, False),
    ("S3C", "Harbour School", "S3", False, False),
    ("S4A", "Westcombe High School", "S4", True, False),
    ("S4B", "Hollins Park Academy", "S4", True, False),
    ("S4C", "St Michael's RC High School", "S4", False, False),
]
ALL_THROUGH_PRIMARY_AREA = "P04"


def largest_remainder(total, weights):
    """Split a whole number in proportion to weights, exactly (no pupil lost or invented)."""
    s = sum(weights)
    if total <= 0 or s <= 0:
        return [0] * len(weights)
    raw = [total * w / s for w in weights]
    floors = [int(math.floor(x)) for x in raw]
    left = total - sum(floors)
    order = sorted(range(len(raw)), key=lambda i: (-(raw[i] - floors[i]), i))
    for i in order[:left]:
        floors[i] += 1
    return floors


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "Data", "borough")
    os.makedirs(out, exist_ok=True)
    rng = random.Random(SEED)
    years = range(SIM_FIRST, CENSUS_LAST + 1)

    # ---- births --------------------------------------------------------------------------
    births = {}
    for code, _, _, base, trend, amp, length, phase in PRIMARY_AREAS:
        series = {}
        for y in range(SIM_FIRST - ENTRY_AGE - 1, CENSUS_LAST + 1):
            # Trends run to 2014 and then level off (except where housing or decline is the point).
            years_of_trend = y - 2010 if code == SURPLUS_AREA else min(y - 2010, 4)
            level = base * (1 + trend * years_of_trend) * (1 + amp * math.sin(2 * math.pi * (y - phase) / length))
            if code == PRESSURE_AREA and y >= 2016:
                level *= 1.045 ** (y - 2015)      # new housing estates: families move in
            series[y] = max(0, round(level + rng.gauss(0, math.sqrt(level))))
        births[code] = series

    # ---- schools ---------------------------------------------------------------------------
    schools = []            # dicts written to schools.csv
    primary_by_area = {p[0]: [] for p in PRIMARY_AREAS}
    weights = {}            # intake-share weight per school (before renormalising)
    ratios = {}             # school -> {g: ratio g -> g+1}
    for code, area_name, sec_area, *_ in PRIMARY_AREAS:
        for i, name in enumerate(PRIMARY_SCHOOL_NAMES[code]):
            school = f"{SCHOOL_PREFIX[code]}{i + 1:02d}"
            schools.append({"school": school, "name": f"{name} Primary School", "phase": "primary",
                            "primary_area": code, "secondary_area": sec_area, "opened": "", "closed": ""})
            primary_by_area[code].append(school)
            weights[school] = rng.uniform(0.6, 1.6)
            ratios[school] = {g: round(PRIMARY_BASE_RATIO[code] + rng.gauss(0, 0.01), 4) for g in PRIMARY[:-1]}
    ns = NEW_SCHOOL
    schools.append({"school": ns["code"], "name": ns["name"], "phase": "primary", "primary_area": ns["area"],
                    "secondary_area": "S1", "opened": ns["opened"], "closed": ""})
    primary_by_area[ns["area"]].append(ns["code"])
    weights[ns["code"]] = ns["weight"]
    ratios[ns["code"]] = {g: round(PRIMARY_BASE_RATIO[ns["area"]] + rng.gauss(0, 0.01), 4) for g in PRIMARY[:-1]}
    for s in schools:
        if s["school"] == CLOSED_SCHOOL["code"]:
            s["closed"] = CLOSED_SCHOOL["closed"]

    secondary_by_area = {s[0]: [] for s in SECONDARY_AREAS}
    staying_on, y13_rate = {}, {}
    for code, name, area, sixth, through in SECONDARY_SCHOOLS:
        schools.append({"school": code, "name": name, "phase": "all-through" if through else "secondary",
                        "primary_area": ALL_THROUGH_PRIMARY_AREA if through else "", "secondary_area": area,
                        "opened": "", "closed": ""})
        secondary_by_area[area].append(code)
        weights[code] = rng.uniform(0.7, 1.4)
        r = {g: round(SECONDARY_BASE_RATIO[area] + rng.gauss(0, 0.006), 4) for g in SECONDARY[:-1]}
        if sixth:
            staying_on[code] = round(rng.uniform(0.45, 0.75), 3)
            y13_rate[code] = round(rng.uniform(0.85, 0.95), 3)
            r[11], r[12] = staying_on[code], y13_rate[code]
        ratios[code] = r
        if through:
            primary_by_area[ALL_THROUGH_PRIMARY_AREA].append(code)
            weights[code + ":primary"] = 0.7
            ratios[code].update({g: round(PRIMARY_BASE_RATIO[ALL_THROUGH_PRIMARY_AREA] + rng.gauss(0, 0.01), 4)
                                 for g in PRIMARY[:-1]})

    def opened(school):
        return NEW_SCHOOL["opened"] if school == NEW_SCHOOL["code"] else None

    def is_open(school, year):
        if school == NEW_SCHOOL["code"]:
            return year >= NEW_SCHOOL["opened"]
        if school == CLOSED_SCHOOL["code"]:
            return year < CLOSED_SCHOOL["closed"]
        return True

    def primary_weight(school, year):
        w = weights[school + ":primary"] if school + ":primary" in weights else weights[school]
        if school == NEW_SCHOOL["code"]:
            k = year - NEW_SCHOOL["opened"]
            w *= NEW_SCHOOL["ramp"][min(k, len(NEW_SCHOOL["ramp"]) - 1)]
        return w

    # ---- simulate ------------------------------------------------------------------------
    pupils = {}   # (school, year) -> [14 counts]
    sec_y7 = {}

    def get(school, year):
        return pupils.setdefault((school, year), [0] * len(LADDER))

    for year in years:
        # Primary areas: Reception from births, split by share; other year groups by school ratios.
        for code, *_ in PRIMARY_AREAS:
            members = [s for s in primary_by_area[code] if is_open(s, year)]
            reception = round(INTAKE_RATIO[code] * births[code][year - ENTRY_AGE] * (1 + rng.gauss(0, 0.01)))
            shares = [primary_weight(s, year) * (1 + rng.gauss(0, 0.03)) for s in members]
            for s, n in zip(members, largest_remainder(reception, shares)):
                get(s, year)[0] = n
            for s in members:
                if (s, year - 1) not in pupils:
                    continue
                before = pupils[(s, year - 1)]
                for g in PRIMARY[:-1]:
                    get(s, year)[g + 1] = max(0, round(before[g] * ratios[s][g] + rng.gauss(0, 0.5)))
            # A closing school's pupils move to the area's other schools the year it closes.
            if year == CLOSED_SCHOOL["closed"] and code == CLOSED_SCHOOL["area"]:
                closing = pupils[(CLOSED_SCHOOL["code"], year - 1)]
                for g in PRIMARY[1:]:
                    moved = round(closing[g - 1] * ratios[CLOSED_SCHOOL["code"]][g - 1])
                    for s, n in zip(members, largest_remainder(moved, [primary_weight(s, year) for s in members])):
                        get(s, year)[g] += n
        # Secondary areas: Year 7 by transfer from last year's Year 6.
        for area, _ in SECONDARY_AREAS:
            members = secondary_by_area[area]
            year6 = {p: sum(pupils.get((s, year - 1), [0] * 14)[6] for s in primary_by_area[p]) for p, *_ in PRIMARY_AREAS}
            flow = sum(TRANSFER[p].get(area, 0) * year6[p] for p in year6) + INFLOW[area]
            y7 = max(0, round(flow))
            sec_y7[(area, year)] = y7
            shares = [weights[s] * (1 + rng.gauss(0, 0.03)) for s in members]
            for s, n in zip(members, largest_remainder(y7, shares)):
                get(s, year)[7] = n
            for s in members:
                if (s, year - 1) not in pupils:
                    continue
                before = pupils[(s, year - 1)]
                for g in list(SECONDARY[:-1]) + ([11, 12] if s in staying_on else []):
                    get(s, year)[g + 1] = max(0, round(before[g] * ratios[s][g] + rng.gauss(0, 0.5)))

    # Special school: 8-14 pupils in each year group, drifting slowly.
    special = {}
    level = [rng.randint(8, 14) for _ in LADDER]
    for year in years:
        level = [max(4, n + rng.choice([-1, 0, 0, 1])) for n in level]
        special[year] = list(level)

    # ---- capacities ------------------------------------------------------------------------
    # An area's places are sized on the cohorts it will have to hold soon (the cohorts now in
    # its schools and, for primary, the Reception intakes births already fix): their mean plus a
    # margin, split between its schools by their recent intake shares, to the nearest 5.
    # Northgate is sized on its cohorts before the housing (2017-2019): its places fall short
    # as the new estates' children arrive. Southmead is sized on its larger past cohorts.
    def mean(values):
        values = list(values)
        return sum(values) / max(1, len(values))

    def open_in(members, year):
        return [m for m in members if (m, year) in pupils]

    def cohort(members, year, g):
        return sum(pupils[(m, year)][g] for m in open_in(members, year))

    def shares(members, g, years):
        totals = {m: sum(pupils[(m, y)][g] for y in years if (m, y) in pupils) for m in members}
        whole = sum(totals.values()) or 1
        return {m: totals[m] / whole for m in members}

    def round_to(x, step, least):
        return max(least, int(round(x / step)) * step)

    pan_of, secondary_pan_of = {}, {}
    for code, *_ in PRIMARY_AREAS:
        members = [m for m in primary_by_area[code] if m not in (NEW_SCHOOL["code"], CLOSED_SCHOOL["code"])]
        if code == PRESSURE_AREA:
            years, factor = range(2017, 2020), 1.03
            target = max(cohort(members, y, 0) for y in years)
        elif code == SURPLUS_AREA:
            years, factor = range(2012, 2015), 1.10
            target = max(cohort(primary_by_area[code], y, 0) for y in years) * (1 - 1 / 8)   # less the closed school's part
        else:
            years, factor = range(2022, 2025), 1.08
            soon = [INTAKE_RATIO[code] * births[code][y - ENTRY_AGE] for y in range(2025, 2029)]
            target = mean([cohort(primary_by_area[code], 2024, g) for g in PRIMARY] + soon)
        for m, share in shares(members, 0, years).items():
            pan_of[m] = round_to(share * target * factor, 5, 15)
    pan_of[NEW_SCHOOL["code"]] = NEW_SCHOOL["pan"]
    pan_of[CLOSED_SCHOOL["code"]] = round_to(mean(pupils[(CLOSED_SCHOOL["code"], y)][0] for y in range(2015, 2018)) * 1.10, 5, 15)

    for area, _ in SECONDARY_AREAS:
        members = secondary_by_area[area]
        # Year 7 that the cohorts now in primary will bring, by the true transfer.
        coming = [sum(TRANSFER[p].get(area, 0) * cohort(primary_by_area[p], 2024, g) for p, *_ in PRIMARY_AREAS) + INFLOW[area]
                  for g in PRIMARY]
        target = mean(coming + [cohort(members, 2024, g) for g in SECONDARY])
        factor = 1.02 if area == "S1" else 1.15 if area == "S3" else 1.06
        for m, share in shares(members, 7, range(2022, 2025)).items():
            secondary_pan_of[m] = round_to(share * target * factor, 10, 60)

    for s in schools:
        code = s["school"]
        if s["phase"] == "primary":
            if code == PLANNED_SCHOOL["code"]:
                continue
            pan = pan_of[code]
            s["pan"] = pan
            s["net_capacity"] = 7 * pan - (0 if rng.random() < 0.7 else 5)
            s["sixth_form_capacity"] = ""
            s["secondary_pan"] = ""
        elif s["phase"] in ("secondary", "all-through"):
            sec_pan = secondary_pan_of[code]
            sixth = 0
            if code in staying_on:
                sixth = round_to(max(cohort([code], y, 12) + cohort([code], y, 13) for y in range(2020, 2025)) * 1.08, 10, 20)
            if s["phase"] == "all-through":
                s["pan"], s["secondary_pan"] = pan_of[code], sec_pan
                s["net_capacity"] = 7 * pan_of[code] + 5 * sec_pan + sixth
            else:
                s["pan"], s["secondary_pan"] = sec_pan, ""
                s["net_capacity"] = 5 * sec_pan + sixth
            s["sixth_form_capacity"] = sixth if sixth else ""
    schools.append({"school": PLANNED_SCHOOL["code"], "name": PLANNED_SCHOOL["name"], "phase": "primary",
                    "primary_area": PLANNED_SCHOOL["area"], "secondary_area": "S1", "net_capacity": 7 * PLANNED_SCHOOL["pan"],
                    "pan": PLANNED_SCHOOL["pan"], "secondary_pan": "", "sixth_form_capacity": "",
                    "opened": PLANNED_SCHOOL["opened"], "closed": ""})
    schools.append({"school": "SP01", "name": "Beacon School", "phase": "special", "primary_area": "", "secondary_area": "",
                    "net_capacity": 180, "pan": "", "secondary_pan": "", "sixth_form_capacity": "", "opened": "", "closed": ""})

    # ---- write -------------------------------------------------------------------------------
    with open(os.path.join(out, "plan.toml"), "w", encoding="utf-8") as f:
        f.write('''# An invented borough for the Pupil Place Plan, made by Scripts/make-example-borough.py
# (seeded; the true parameters it used are in truth.json).
name = "Millbrook (example borough)"
ladder = "england"
births_basis = "mid-year"

[forecast]
horizon = 10
# Births of a small area are noisy (a few hundred a year): a line through ten years follows
# the trend without extrapolating one year's swing.
births_trend_years = 10

[schools]
# A school's Reception (primary) or Year 7 (secondary) as a share of its area's.
share_method = "mean-3"

[capacity]
spare_target_percent = 5
operating_margin_percent = 2
''')

    with open(os.path.join(out, "areas.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["area", "name", "phase", "feeds"])
        for code, name, *_ in PRIMARY_AREAS:
            w.writerow([code, name, "primary", " ".join(sorted(TRANSFER[code]))])
        for code, name in SECONDARY_AREAS:
            w.writerow([code, name, "secondary", ""])

    columns = ["school", "name", "phase", "primary_area", "secondary_area", "net_capacity", "pan", "secondary_pan",
               "sixth_form_capacity", "opened", "closed"]
    # Listed as a planner would: primary schools by area, then secondary (and all-through) by
    # area, then special schools.
    def listing(s):
        group = {"primary": 0, "all-through": 1, "secondary": 1, "special": 2}[s["phase"]]
        return (group, s["primary_area"] if group == 0 else s["secondary_area"], s["school"])

    with open(os.path.join(out, "schools.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(columns)
        for s in sorted(schools, key=listing):
            w.writerow([s[c] for c in columns])

    sixth_form_schools = set(staying_on)
    all_through = {c for c, _, _, _, t in SECONDARY_SCHOOLS if t}

    secondary_codes = {c for c, *_ in SECONDARY_SCHOOLS}

    def taught(school):
        groups = list(PRIMARY) if school in all_through or school not in secondary_codes else []
        if school in secondary_codes:
            groups += list(SECONDARY) + (list(SIXTH) if school in sixth_form_schools else [])
        return groups

    area_of = {}
    for s in schools:
        area_of[s["school"]] = (s["primary_area"], s["secondary_area"])
    rows = 0
    with open(os.path.join(out, "rolls.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["year", "school", "area", "year_group", "pupils"])
        for s in schools:
            code = s["school"]
            for year in range(CENSUS_FIRST, CENSUS_LAST + 1):
                if code == "SP01":
                    for g, n in enumerate(special[year]):
                        w.writerow([year, code, "", LADDER[g], n])
                        rows += 1
                    continue
                if (code, year) not in pupils or not is_open(code, year):
                    continue
                start = opened(code)
                for g in taught(code):
                    # A new school lists only the year groups it has reached.
                    first = 0 if g < 7 else 7
                    if start is not None and g - first > year - start:
                        continue
                    area = area_of[code][0] if g < 7 else area_of[code][1]
                    w.writerow([year, code, area, LADDER[g], pupils[(code, year)][g]])
                    rows += 1

    with open(os.path.join(out, "births.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["year", "area", "births"])
        for code, *_ in PRIMARY_AREAS:
            for y in range(BIRTHS_WRITTEN_FIRST, CENSUS_LAST + 1):
                w.writerow([y, code, births[code][y]])

    def steady_shares(members, year):
        open_members = [s for s in members if is_open(s, year)]
        total = sum(primary_weight(s, year) for s in open_members)
        return {s: round(primary_weight(s, year) / total, 4) for s in open_members}

    truth = {
        "description": "True parameters used by Scripts/make-example-borough.py to generate this borough. "
                       "Ratios are keyed by the year group they start from (\"R\": R->Y1).",
        "seed": SEED,
        "census_years": [CENSUS_FIRST, CENSUS_LAST],
        "pressure_area": PRESSURE_AREA,
        "surplus_area": SURPLUS_AREA,
        "transfer": {
            "shares": {s: {p: TRANSFER[p][s] for p in sorted(TRANSFER) if s in TRANSFER[p]} for s, _ in SECONDARY_AREAS},
            "inflow": INFLOW,
            "noise": "none beyond rounding each secondary area's Year 7 to whole pupils",
        },
        "intake_ratio": INTAKE_RATIO,
        "intake_shares": {
            "primary": {p: steady_shares(primary_by_area[p], CENSUS_LAST) for p, *_ in PRIMARY_AREAS},
            "secondary": {a: {s: round(weights[s] / sum(weights[t] for t in secondary_by_area[a]), 4)
                              for s in secondary_by_area[a]} for a, _ in SECONDARY_AREAS},
            "noise": "3% of each school's share a year, before the shares are renormalised",
        },
        "progression": {s: {LADDER[g]: r for g, r in sorted(ratios[s].items()) if g not in (11, 12)} for s in sorted(ratios)},
        "progression_noise": "half a pupil (normal), then rounded to whole pupils",
        "sixth_form": {s: {"staying_on": staying_on[s], "y12_to_y13": y13_rate[s]} for s in sorted(staying_on)},
        "new_school": {"school": NEW_SCHOOL["code"], "area": NEW_SCHOOL["area"], "opened": NEW_SCHOOL["opened"],
                       "share_ramp": NEW_SCHOOL["ramp"]},
        "closed_school": CLOSED_SCHOOL,
        "planned_school": {"school": PLANNED_SCHOOL["code"], "area": PLANNED_SCHOOL["area"], "opened": PLANNED_SCHOOL["opened"]},
    }
    with open(os.path.join(out, "truth.json"), "w", encoding="utf-8") as f:
        json.dump(truth, f, indent=2, sort_keys=True)
        f.write("\n")
    print(f"{out}: {len(schools)} schools, {rows} rolls rows")


if __name__ == "__main__":
    main()
