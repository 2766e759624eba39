#!/usr/bin/env python3
"""Specialist and early-years inputs for the example borough (Data/borough), invented like the
rest of it: `ehcp.csv` (pupils with EHC plans by SEN2 age band, January 2016-2025, i.e.
academic years 2015-2024), `specialist.csv` (two resourced bases) and `settings.csv` (the
early-years settings of each primary planning area, with their funded places).

The EHC plans follow the shape of England's after the 2014 reforms (SEN2: plans rose by about
7-10% a year, 2015-2022; `Data/england/ehcp.csv`): each band's prevalence grows by 7% a year
from a start near England's 2015 rate, with seeded noise, times the borough's own pupils (from
rolls.csv, mainstream schools) or births (under-5s: five cohorts). Python standard library only;
seed 20251130. Run from the repository root: python3 Scripts/make-borough-specialist.py
"""
import csv
import random
from collections import defaultdict

random.seed(20251130)
FOLDER = "Data/borough"

schools = {r["school"]: r for r in csv.DictReader(open(f"{FOLDER}/schools.csv"))}
pupils = defaultdict(float)
for r in csv.DictReader(open(f"{FOLDER}/rolls.csv")):
    if schools[r["school"]]["phase"] != "special":
        pupils[(int(r["year"]), r["year_group"])] += float(r["pupils"])
births = defaultdict(float)
for r in csv.DictReader(open(f"{FOLDER}/births.csv")):
    births[int(r["year"])] += float(r["births"])

years = sorted({y for y, _ in pupils})
bands = {  # band: (year groups or None for births, prevalence in 2015)
    "under-5": (None, 0.0040),
    "5-10": ([f"Y{i}" for i in range(1, 7)], 0.0240),
    "11-15": ([f"Y{i}" for i in range(7, 12)], 0.0270),
    "16-19": (["Y12", "Y13"], 0.1000),
    "20-25": (["Y12", "Y13"], 0.0150),
}
rows = []
for year in years:
    for band, (groups, start) in bands.items():
        # Mid-year births (plan.toml): the cohort entering Reception in Y is born in M(Y - 4);
        # the under-5s of year Y are the five cohorts entering Reception in Y ... Y + 4.
        denominator = sum(births[year + k - 4] for k in range(5)) if groups is None else sum(pupils[(year, g)] for g in groups)
        rate = start * 1.07 ** (year - years[0]) * random.uniform(0.97, 1.03)
        rows.append((year, band, round(rate * denominator)))
with open(f"{FOLDER}/ehcp.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["year", "age", "plans"])
    w.writerows(rows)

with open(f"{FOLDER}/specialist.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["base", "name", "school", "places", "opened", "closed"])
    w.writerow(["RB1", "Oakwood Communication Base", "NG06", 16, "", ""])
    w.writerow(["RB2", "Eastfield Autism Base", "EF01", 12, 2019, ""])
    w.writerow(["RB3", "North Secondary Learning Base", "S1A", 20, "", ""])

# Early-years settings: two to four a primary area; places near the area's demand, some short.
names = {r["area"]: r["name"] for r in csv.DictReader(open(f"{FOLDER}/areas.csv")) if r["phase"] == "primary"}
areas = list(names)
area_births = defaultdict(float)
for r in csv.DictReader(open(f"{FOLDER}/births.csv")):
    if int(r["year"]) == 2021:
        area_births[r["area"]] = float(r["births"])
kinds = ["Nursery", "Pre-school", "Day Nursery", "Childminders' network"]
with open(f"{FOLDER}/settings.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["setting", "name", "area", "places", "opened", "closed"])
    n = 0
    for area in areas:
        # Places for about 0.6-0.8 of a cohort's births: the demand of the default take-up is
        # about 0.7 of a cohort (0.2 x 15 h + 1.21 x 15 h, in 30-hour places).
        total = area_births[area] * random.uniform(0.6, 0.8)
        count = random.randint(2, 4)
        for k in range(count):
            n += 1
            w.writerow([f"EY{n:02d}", f"{names[area]} {kinds[k]}", area, round(total / count), "", ""])
print(f"ehcp.csv: {len(rows)} rows, {years[0]}-{years[-1]}; specialist.csv: 3 bases; settings.csv: {n} settings in {len(areas)} areas")
