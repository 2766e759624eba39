#!/usr/bin/env python3
"""How accurate could a ratio forecast of England's authorities be? Two forecasts that cheat.

Usage: Scripts/accuracy-ceiling.py [ROLLS_CSV]
  ROLLS_CSV defaults to Data/england/rolls.csv (built by Scripts/make-england-plan.py from
  ../shared/data/england-la/pupils_la_ncyear.csv, the DfE school census by local authority and
  year group, 2011/12-2019/20; see Data/README.md).

The accuracy issue asks the default to be 10% below `mean-3` (median absolute % error across
authorities, origins 2013-2018) on every measure.  This script asks whether that is possible
for a forecast that projects each cohort by a progression ratio, by scoring two forecasts that
know what no forecast can:

- "clairvoyant level": each authority's own average ratio over every year 2012-2019, the years
  being scored included: what an estimate from past years alone can at best approach.
- "clairvoyant England": the ratio all authorities share in each future year (the median across
  them of the log ratio, known in advance), plus the area's own recency-weighted difference
  from it in the past.  What a perfect national forecast would add.

Both are scored exactly as `placeplan backtest` scores (progression only: from each origin's
census, every cohort moved up by its ratio; Year 7, secondary Y7-Y11 and sixth form Y12-Y13
totals, 1 and 3 years ahead), beside `mean-3`, which this script reproduces to the hundredth of
the engine's table in docs/method.md.  Python's standard library only.
"""
import csv
import math
import os
import statistics
import sys
from collections import defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LADDER = ["R"] + [f"Y{i}" for i in range(1, 14)]
MEASURES = {"Y7": [7], "secondary": [7, 8, 9, 10, 11], "sixth form": [12, 13]}
ORIGINS = range(2013, 2019)


def read_rolls(path):
    pupils = defaultdict(dict)
    with open(path, newline="", encoding="utf-8") as f:
        for line, row in enumerate(csv.DictReader(f), start=2):
            try:
                pupils[row["area"]][(int(row["year"]), LADDER.index(row["year_group"]))] = float(row["pupils"])
            except (KeyError, ValueError) as error:
                sys.exit(f"{path}:{line}: cannot read the row ({error}); expected year,area,…,year_group,pupils")
    return pupils


def log_ratios(rolls, g, last_year):
    """(year, log of pupils in g+1 that year ÷ pupils in g the year before), up to last_year."""
    out = []
    for t in range(min(y for y, _ in rolls) + 1, last_year + 1):
        before, after = rolls.get((t - 1, g)), rolls.get((t, g + 1))
        if before and after:
            out.append((t, math.log(after / before)))
    return out


def weighted(values):
    weights = range(1, len(values) + 1)
    return sum(w * v for w, v in zip(weights, values)) / sum(weights)


def score(pupils, ratio):
    """Median absolute % error per (measure, years ahead); ratio(area, g, origin, year) -> log ratio or None."""
    errors = defaultdict(list)
    for origin in ORIGINS:
        for area, rolls in pupils.items():
            if any((origin, g) not in rolls for g in range(len(LADDER))):
                continue
            cohort = {g: rolls[(origin, g)] for g in range(len(LADDER))}
            for ahead in (1, 2, 3):
                year = origin + ahead
                moved = {}
                for g in range(len(LADDER) - 1):
                    r = ratio(area, g, origin, year)
                    moved[g + 1] = None if r is None or cohort.get(g) is None else cohort[g] * math.exp(r)
                cohort = moved
                if ahead == 2:
                    continue
                for measure, groups in MEASURES.items():
                    if any((year, g) not in rolls or cohort.get(g) is None for g in groups):
                        continue
                    actual = sum(rolls[(year, g)] for g in groups)
                    if actual > 0:
                        errors[(measure, ahead)].append(abs(sum(cohort[g] for g in groups) / actual - 1))
    return {key: 100 * statistics.median(values) for key, values in errors.items()}


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "Data", "england", "rolls.csv")
    pupils = read_rolls(path)
    last = max(y for rolls in pupils.values() for y, _ in rolls)
    history = {(a, g): log_ratios(rolls, g, last) for a, rolls in pupils.items() for g in range(len(LADDER) - 1)}
    england = {}
    for g in range(len(LADDER) - 1):
        by_year = defaultdict(list)
        for a in pupils:
            for t, r in history[(a, g)]:
                by_year[t].append(r)
        england.update({(g, t): statistics.median(v) for t, v in by_year.items()})

    def known(a, g, origin):
        return [(t, r) for t, r in history[(a, g)] if t <= origin]

    def mean3(a, g, origin, year):
        past = [r for _, r in known(a, g, origin)][-3:]
        return math.log(sum(math.exp(r) for r in past) / len(past)) if past else None

    def clairvoyant_level(a, g, origin, year):
        every = [r for _, r in history[(a, g)]]
        return sum(every) / len(every) if every else None

    def clairvoyant_england(a, g, origin, year):
        past = known(a, g, origin)
        if not past or (g, year) not in england:
            return None
        return england[(g, year)] + weighted([r - england[(g, t)] for t, r in past][-5:])

    rows = [("mean-3", score(pupils, mean3)), ("clairvoyant level", score(pupils, clairvoyant_level)),
            ("clairvoyant England", score(pupils, clairvoyant_england))]
    base = rows[0][1]
    print(f"{os.path.relpath(path, ROOT)}: origins {ORIGINS.start}-{ORIGINS.stop - 1}; median absolute % error across areas and origins")
    print(f"{'':22s}" + "".join(f"{m + ' ' + str(h) + 'y':>16s}" for m in MEASURES for h in (1, 3)))
    for label, result in rows:
        print(f"{label:22s}" + "".join(f"{result[(m, h)]:15.2f}%" for m in MEASURES for h in (1, 3)))
    print(f"{'the bar (0.9 × mean-3)':22s}" + "".join(f"{0.9 * base[(m, h)]:15.2f}%" for m in MEASURES for h in (1, 3)))


if __name__ == "__main__":
    main()
