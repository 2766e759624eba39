#!/usr/bin/env python3
"""Builds the plan folder Data/scotland/ (plan.toml, areas.csv, schools.csv, rolls.csv, README.md) from the
Scottish Government's "School level summary statistics" (supplement to Summary Statistics for Schools in
Scotland; September pupil censuses 2019-2022; Crown copyright, Open Government Licence v3), copied to
shared/data/scotland-schools/ from the public repository mrcrookes/scotland_schools_stats (commit 9ecfc18f,
data/); provenance in that folder's README. Every publicly funded mainstream school, pupils by stage P1-P7 and
S1-S6; each local authority is a primary and a secondary planning area. Python standard library only: the
workbooks are read with zipfile and xml.etree (shared and inline strings, sparse rows and cells).
   python3 Scripts/make-scotland-plan.py [SHARED_DATA_DIR]

Rules (the README this writes gives the figures):
- a school is its SeedCode; a SeedCode listed once as Primary and once as Secondary in a census is one
  all-through school (its stages merged); Special schools are left out: the workbooks give their pupils only as
  a total ("Special school pupils"), never by stage;
- suppressed cells (`*` in 2019-2020, `c` from 2021: 1-4 pupils, or a larger count hidden so that a small one
  cannot be worked out) are never written as 0: the pupils they hide, the school's published roll less its
  published stages, are exact; one suppressed cell in a school's row takes them all, two or more share them in
  proportion to 1 + the same cohort's published count a year before / after (else the stage's published count
  in the school's other censuses, else evenly), each at least 1 when there are as many pupils as cells and at
  most 4 when there are no more than 4 a cell, in whole numbers by largest remainder, so every school's total
  is its published roll;
- `#` / `z` (not applicable, and from 2022 also an empty stage) and blanks are no pupils; any other symbol
  in a stage cell stops the script;
- opened = the first census of a school first seen after the first census; closed = the year after its last
  census when it is missing from the latest; a school missing from a census between two it is in keeps only
  its latest unbroken run of censuses (the earlier rows are dropped and counted);
- Jordanhill School (grant-aided, funded directly by the Scottish Government, in Glasgow) is planned with
  Glasgow City; any other grant-aided mainstream school stops the script until it is given a home authority."""
import collections, csv, glob, os, posixpath, re, sys, textwrap, zipfile
import xml.etree.ElementTree as ET

shared = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data")
source_dir = os.path.join(shared, "scotland-schools")
out_dir = os.path.join(os.path.dirname(__file__), "..", "Data", "scotland")

PRIMARY = ["P1", "P2", "P3", "P4", "P5", "P6", "P7"]
SECONDARY = ["S1", "S2", "S3", "S4", "S5", "S6"]
LADDER = PRIMARY + SECONDARY
SIXTH = {"S5", "S6"}
SUPPRESSED = {"*", "c"}                      # 2019-2020 `*`, 2021-2022 `c`
NO_PUPILS = {"", "#", "z"}                   # not applicable (2022 writes an empty stage as `z`, not 0)

# The 32 councils, as the Scottish Government names them, and the spellings the workbooks use.
AUTHORITIES = [
    "Aberdeen City", "Aberdeenshire", "Angus", "Argyll and Bute", "City of Edinburgh", "Clackmannanshire",
    "Dumfries and Galloway", "Dundee City", "East Ayrshire", "East Dunbartonshire", "East Lothian",
    "East Renfrewshire", "Falkirk", "Fife", "Glasgow City", "Highland", "Inverclyde", "Midlothian", "Moray",
    "Na h-Eileanan Siar", "North Ayrshire", "North Lanarkshire", "Orkney Islands", "Perth and Kinross",
    "Renfrewshire", "Scottish Borders", "Shetland Islands", "South Ayrshire", "South Lanarkshire", "Stirling",
    "West Dunbartonshire", "West Lothian"]
ALIASES = {"edinburgh city": "City of Edinburgh"}
GRANT_AIDED = "Grant aided"
GRANT_AIDED_HOME = {"8470332": "Glasgow City"}   # Jordanhill School, Glasgow (all-through)


def fail(message):
    sys.exit(f"make-scotland-plan: {message}")


# ---------------------------------------------------------------------------------------------- reading .xlsx

NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
M = "{%s}" % NS_MAIN


def column_number(ref):
    """'AB12' -> 27 (0-based column)."""
    letters = re.match(r"[A-Z]+", ref.upper())
    if not letters:
        return None
    n = 0
    for ch in letters.group(0):
        n = n * 26 + ord(ch) - 64
    return n - 1


def string_item(element):
    """The text of a shared-string item or inline string: its own <t>, or its runs' <t>; never phonetic runs."""
    parts = []
    for child in element:
        if child.tag == M + "t":
            parts.append(child.text or "")
        elif child.tag == M + "r":
            parts.extend(t.text or "" for t in child.findall(M + "t"))
    return "".join(parts)


def read_workbook(path):
    """{sheet name: [(row number, {0-based column: text})]}, sheets in workbook order."""
    with zipfile.ZipFile(path) as z:
        names = set(z.namelist())
        shared_strings = []
        if "xl/sharedStrings.xml" in names:
            root = ET.fromstring(z.read("xl/sharedStrings.xml"))
            shared_strings = [string_item(si) for si in root.findall(M + "si")]
        workbook = ET.fromstring(z.read("xl/workbook.xml"))
        rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
        targets = {r.get("Id"): r.get("Target") for r in rels.findall("{%s}Relationship" % NS_PKG)}
        sheets = {}
        for sheet in workbook.find(M + "sheets").findall(M + "sheet"):
            target = targets[sheet.get("{%s}id" % NS_REL)]
            part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
            root = ET.fromstring(z.read(part))
            rows, row_number = [], 0
            for row in root.iter(M + "row"):
                row_number = int(row.get("r")) if row.get("r") else row_number + 1
                cells, column = {}, -1
                for cell in row.findall(M + "c"):
                    ref = cell.get("r")
                    column = column_number(ref) if ref else column + 1
                    kind, value = cell.get("t"), cell.find(M + "v")
                    if kind == "s":
                        text = shared_strings[int(value.text)] if value is not None else ""
                    elif kind == "inlineStr":
                        inline = cell.find(M + "is")
                        text = string_item(inline) if inline is not None else ""
                    else:                                   # n, str (formula result), b, e
                        text = value.text if value is not None and value.text is not None else ""
                    cells[column] = text
                rows.append((row_number, cells))
            sheets[sheet.get("name")] = rows
        return sheets


# --------------------------------------------------------------------------------------- finding the columns

def header_key(text):
    """'Pupil roll(1)', 'Teachers (Full Time Equivalent) [Note 1]' -> 'pupil roll', 'teachers (full time equivalent)'."""
    text = re.sub(r"\[\s*note[^\]]*\]", " ", text or "", flags=re.I)
    text = re.sub(r"\(\s*\d+\s*\)", " ", text)
    return " ".join(text.replace("\n", " ").split()).lower()


NEEDED = {"authority": "Local Authority", "seed": "SeedCode", "name": "School Name", "type": "School Type",
          "roll": "Pupil roll", "special": "Special school pupils"}
NEEDED.update({stage: stage for stage in LADDER})


def find_table(path, sheets):
    """The sheet and row whose cells name every needed column: (sheet, header row index, {key: column})."""
    found = []
    for sheet, rows in sheets.items():
        for i, (_, cells) in enumerate(rows[:30]):
            keys = {header_key(v): c for c, v in sorted(cells.items(), reverse=True) if v}
            if "seedcode" in keys:
                missing = [label for label in NEEDED.values() if header_key(label) not in keys]
                if missing:
                    fail(f"{os.path.basename(path)}, sheet '{sheet}': no column {', '.join(repr(m) for m in missing)} "
                         f"in the header row (it has: {', '.join(repr(v) for _, v in sorted(cells.items()) if v)})")
                found.append((sheet, i, {k: keys[header_key(label)] for k, label in NEEDED.items()}))
                break
    if len(found) != 1:
        fail(f"{os.path.basename(path)}: expected one sheet with a 'SeedCode' header row, found {len(found)} "
             f"(sheets: {', '.join(sheets)})")
    return found[0]


def authority_name(text, path, row):
    key = " ".join(re.sub(r"\[[^\]]*\]", " ", text or "").replace("&", " and ").split())
    if key.lower().startswith("grant aided"):
        return GRANT_AIDED
    for name in AUTHORITIES:
        if name.lower() == key.lower():
            return name
    if key.lower() in ALIASES:
        return ALIASES[key.lower()]
    fail(f"{os.path.basename(path)}, row {row}: unknown local authority {text!r} (add it to AUTHORITIES or ALIASES)")


def stage_value(text, path, row, stage):
    """An int, 'suppressed', or None (no pupils / not applicable)."""
    text = (text or "").strip()
    if text.lower() in NO_PUPILS:
        return None
    if text.lower() in SUPPRESSED:
        return "suppressed"
    try:
        number = float(text)
    except ValueError:
        fail(f"{os.path.basename(path)}, row {row}, {stage}: unexpected value {text!r} "
             f"(known: numbers, {' '.join(sorted(SUPPRESSED))} suppressed, # z not applicable)")
    if number != int(number) or number < 0:
        fail(f"{os.path.basename(path)}, row {row}, {stage}: {text!r} is not a count of pupils")
    return int(number)


# ------------------------------------------------------------------------------------------------- read all

files = sorted(glob.glob(os.path.join(source_dir, "School_level_summary_statistics_*.xlsx")))
if not files:
    fail(f"no School_level_summary_statistics_*.xlsx in {source_dir}")
census = {}                                        # year -> path
for path in files:
    match = re.search(r"_(\d{4})", os.path.basename(path))
    if not match:
        fail(f"{os.path.basename(path)}: no year in the file name")
    year = int(match.group(1))
    if year in census:
        fail(f"two workbooks for {year}: {os.path.basename(census[year])}, {os.path.basename(path)}")
    census[year] = path
YEARS = sorted(census)
if YEARS != list(range(YEARS[0], YEARS[-1] + 1)):
    fail(f"the censuses are not consecutive years: {YEARS}")

rows_by_year = {}                                  # year -> [row dict]
special = collections.defaultdict(dict)            # year -> {seed: pupils}
special_grant_aided = set()
notes_skipped = collections.Counter()              # year -> rows after the header that are not a school
for year in YEARS:
    path = census[year]
    sheets = read_workbook(path)
    sheet, header_at, col = find_table(path, sheets)
    records = []
    for row_number, cells in sheets[sheet][header_at + 1:]:
        seed = (cells.get(col["seed"]) or "").strip()
        if not re.fullmatch(r"\d+", seed):
            if any((v or "").strip() for v in cells.values()):
                notes_skipped[year] += 1           # footnotes under the table
            continue
        kind = (cells.get(col["type"]) or "").strip().lower()
        if kind not in ("primary", "secondary", "special"):
            fail(f"{os.path.basename(path)}, row {row_number}: school type {cells.get(col['type'])!r} "
                 "is not Primary, Secondary or Special")
        authority = authority_name(cells.get(col["authority"]), path, row_number)
        roll_text = (cells.get(col["roll"]) or "").strip()
        roll = int(float(roll_text)) if re.fullmatch(r"\d+(\.0*)?", roll_text) else None
        stages = {s: stage_value(cells.get(col[s]), path, row_number, s) for s in LADDER}
        if kind == "special":
            if any(v is not None for v in stages.values()):
                fail(f"{os.path.basename(path)}, row {row_number}: special school {seed} has pupils by stage; "
                     "the rule that leaves special schools out (no stages) needs revisiting")
            if seed in special[year]:
                fail(f"{os.path.basename(path)}, row {row_number}: special school {seed} listed twice")
            special[year][seed] = roll
            if authority == GRANT_AIDED:
                special_grant_aided.add(seed)
            continue
        if authority == GRANT_AIDED:
            if seed not in GRANT_AIDED_HOME:
                fail(f"{os.path.basename(path)}, row {row_number}: grant-aided mainstream school {seed} "
                     f"({cells.get(col['name'])}) has no home authority (add it to GRANT_AIDED_HOME)")
            authority = GRANT_AIDED_HOME[seed]
        records.append({"row": row_number, "seed": seed, "name": " ".join((cells.get(col["name"]) or "").split()),
                        "type": kind, "authority": authority, "roll": roll, "stages": stages})
    if not records:
        fail(f"{os.path.basename(path)}: no schools under the header row of sheet '{sheet}'")
    rows_by_year[year] = records
    print(f"read {os.path.basename(path)}, sheet '{sheet}': {len(records)} mainstream rows, "
          f"{len(special[year])} special schools, {notes_skipped[year]} note rows under the table")

mainstream_seeds = {r["seed"] for rs in rows_by_year.values() for r in rs}
both = mainstream_seeds & {s for y in YEARS for s in special[y]}
if both:
    fail(f"SeedCodes listed both as special and mainstream: {sorted(both)}")

# ------------------------------------------------------------------------------- suppressed cells: fill in

published = {}                                     # (seed, year, stage) -> published count
for year, records in rows_by_year.items():
    for r in records:
        for stage, v in r["stages"].items():
            if isinstance(v, int):
                if (r["seed"], year, stage) in published:
                    fail(f"{year}: school {r['seed']} has two figures for {stage}")
                published[(r["seed"], year, stage)] = v

supp = {y: collections.Counter() for y in YEARS}   # per year: cells, rows, pupils, exact, shared, ...
roll_mismatch = collections.Counter()
pupils = {}                                        # (seed, year) -> {stage: pupils}


def share_out(total, weights, low, high):
    """total split in proportion to weights, each share within [low, high] (high None: no cap), in whole
    numbers: the rest after the floors is shared, capped shares fixed and the others shared again, then
    rounded by largest remainder (ties: larger weight, then order)."""
    out = [low] * len(weights)
    left = total - low * len(weights)
    active = list(range(len(weights)))
    while left > 0 and active:
        w_sum = sum(weights[i] for i in active)
        raw = {i: left * weights[i] / w_sum for i in active}
        over = [i for i in active if high is not None and out[i] + raw[i] > high]
        if over:
            for i in over:
                left -= high - out[i]
                out[i] = high
            active = [i for i in active if i not in over]
            continue
        whole = {i: int(raw[i]) for i in active}
        for i in active:
            out[i] += whole[i]
        order = sorted(active, key=lambda i: (-(raw[i] - whole[i]), -weights[i], i))
        for i in order[:left - sum(whole.values())]:
            out[i] += 1
        left = 0
    return out


for year, records in rows_by_year.items():
    for r in records:
        seed, stages = r["seed"], r["stages"]
        known = {s: v for s, v in stages.items() if isinstance(v, int)}
        hidden = [s for s in LADDER if stages[s] == "suppressed"]
        filled = dict(known)
        if not hidden:
            if r["roll"] is not None and r["roll"] != sum(known.values()):
                roll_mismatch[year] += 1           # the stages are kept; counted and reported
        elif r["roll"] is None:
            for s in hidden:                       # no total to share: the middle of 1-4
                filled[s] = 2
            supp[year]["midpoint cells"] += len(hidden)
        else:
            remainder = r["roll"] - sum(known.values())
            if remainder < 0:
                fail(f"{year}, row {r['row']}: school {seed}'s published stages add up to more than its roll {r['roll']}")
            supp[year]["rows"] += 1
            supp[year]["cells"] += len(hidden)
            supp[year]["pupils"] += remainder
            if remainder > 4 * len(hidden):
                supp[year]["rows hiding a count of 5 or more"] += 1
            if len(hidden) == 1:
                filled[hidden[0]] = remainder
                supp[year]["exact cells"] += 1
            else:
                weights = []
                for s in hidden:
                    i = LADDER.index(s)
                    cohort = [published[k] for k in ((seed, year - 1, LADDER[i - 1]) if i > 0 else None,
                                                     (seed, year + 1, LADDER[i + 1]) if i + 1 < len(LADDER) else None)
                              if k in published]
                    same = [published[(seed, y, s)] for y in YEARS if y != year and (seed, y, s) in published]
                    if cohort:
                        hint = sum(cohort) / len(cohort)
                        supp[year]["shared by cohort"] += 1
                    elif same:
                        hint = sum(same) / len(same)
                        supp[year]["shared by stage"] += 1
                    else:
                        hint = 0
                        supp[year]["shared evenly"] += 1
                    weights.append(1 + hint)
                k = len(hidden)
                low = 1 if remainder >= k else 0       # a suppressed count is 1-4 ...
                high = 4 if remainder <= 4 * k else None   # ... unless the remainder says otherwise
                for s, v in zip(hidden, share_out(remainder, weights, low, high)):
                    filled[s] = v
                    if v == 0:
                        supp[year]["cells that came to 0"] += 1
        target = pupils.setdefault((seed, year), {})
        for s, v in filled.items():
            if s in target:
                fail(f"{year}: school {seed} has two rows giving {s}")
            target[s] = v

# ----------------------------------------------------------------------------------------------- schools

by_seed = collections.defaultdict(dict)            # seed -> year -> [records]
for year, records in rows_by_year.items():
    for r in records:
        by_seed[r["seed"]].setdefault(year, []).append(r)


def school_name(records):
    """One name for a SeedCode: a Primary and a Secondary row of one school become one (suffixes dropped)."""
    names = [r["name"] for r in sorted(records, key=lambda r: r["type"])]          # primary first
    if len(set(names)) == 1:
        return names[0]
    stem = [re.sub(r"[\s\-(]*\b(primary|secondary)\b\s*\)?\s*$", "", n, flags=re.I).strip() for n in names]
    return stem[0] if len(set(stem)) == 1 and stem[0] else " / ".join(names)


schools = []
dropped_gap_rows = 0
reappeared = []
authority_changes = 0
for seed in sorted(by_seed):
    years = sorted(by_seed[seed])
    run = [years[-1]]                              # the latest unbroken run of censuses
    for y in reversed(years[:-1]):
        if y == run[0] - 1:
            run.insert(0, y)
        else:
            break
    if run != years:
        reappeared.append((seed, years))
        dropped_gap_rows += sum(1 for y in years if y not in run for s, v in pupils[(seed, y)].items() if v > 0)
    latest = by_seed[seed][run[-1]]
    authorities = {r["authority"] for y in run for r in by_seed[seed][y]}
    if len(authorities) > 1:
        authority_changes += 1                     # the latest census's authority is used
    kinds = {r["type"] for y in run for r in by_seed[seed][y]}
    has_primary = "primary" in kinds or any(pupils[(seed, y)].get(s, 0) for y in run for s in PRIMARY)
    has_secondary = "secondary" in kinds or any(pupils[(seed, y)].get(s, 0) for y in run for s in SECONDARY)
    phase = "all-through" if has_primary and has_secondary else "primary" if has_primary else "secondary"
    sixth = phase != "primary" and any(pupils[(seed, y)].get(s, 0) > 0 for y in run for s in SIXTH)
    schools.append({"seed": seed, "name": school_name(latest), "phase": phase, "authority": latest[0]["authority"],
                    "years": run, "sixth_form": sixth,
                    "opened": run[0] if run[0] > YEARS[0] else None,
                    "closed": run[-1] + 1 if run[-1] < YEARS[-1] else None})


def slug(name):
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def area(authority, phase):
    return f"{slug(authority)}-{'P' if phase == 'primary' else 'S'}"


authorities_used = sorted({s["authority"] for s in schools})
codes = [area(a, p) for a in authorities_used for p in ("primary", "secondary")]
if len(set(codes)) != len(codes):
    fail("two authorities share an area code")

# ------------------------------------------------------------------------------------------------- write

os.makedirs(out_dir, exist_ok=True)


def write_csv(name, header, rows):
    path = os.path.join(out_dir, name)
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    return path


area_rows = []
for a in authorities_used:
    area_rows.append([area(a, "primary"), a, "primary", area(a, "secondary")])
    area_rows.append([area(a, "secondary"), a, "secondary", ""])
area_rows.sort(key=lambda r: r[0])
write_csv("areas.csv", ["area", "name", "phase", "feeds"], area_rows)

school_rows = []
for s in schools:
    primary_area = area(s["authority"], "primary") if s["phase"] in ("primary", "all-through") else ""
    secondary_area = area(s["authority"], "secondary")
    school_rows.append([s["seed"], s["name"], s["phase"], primary_area, secondary_area, "", "",
                        "yes" if s["sixth_form"] else "", s["opened"] or "", s["closed"] or ""])
write_csv("schools.csv", ["school", "name", "phase", "primary_area", "secondary_area", "net_capacity", "pan",
                          "sixth_form", "opened", "closed"], school_rows)

roll_rows = []
zero_rows = 0
for year in YEARS:
    for s in schools:
        if year not in s["years"]:
            continue
        counts = pupils[(s["seed"], year)]
        written = [[year, s["seed"], stage, counts[stage]] for stage in LADDER if counts.get(stage, 0) > 0]
        if not written:                            # open with no pupils: one explicit 0 keeps it open
            written = [[year, s["seed"], PRIMARY[0] if s["phase"] != "secondary" else SECONDARY[0], 0]]
            zero_rows += 1
        roll_rows.extend(written)
write_csv("rolls.csv", ["year", "school", "year_group", "pupils"], roll_rows)

with open(os.path.join(out_dir, "plan.toml"), "w", newline="", encoding="utf-8") as f:
    f.write(f"""# Every publicly funded school in Scotland, pupils by stage, September censuses {YEARS[0]}–{YEARS[-1]},
# rebuilt from shared/data/scotland-schools by Scripts/make-scotland-plan.py.
name = "Scotland: publicly funded schools"

# Primary 1–7 and Secondary 1–6. The census is taken in September, so `year` 2019 is the
# September 2019 census, academic year 2019/20.
ladder = {"[" + ", ".join(f'"{s}"' for s in LADDER) + "]"}
# Children start P1 in the August after they turn 4½ (born March to February), so they are
# 4½–5½ on 1 September: 4 in whole years, as Reception is in England.
entry_age = 4

[phases]
primary = ["P1", "P7"]
secondary = ["S1", "S4"]
# S5–S6 are the stages after the school-leaving age (16): staying on, planned like a sixth form.
"sixth form" = ["S5", "S6"]

[forecast]
# No births file: each area's P1 follows the straight line through its own recent P1 intakes.
# Four censuses are a short history, so the plan looks five years ahead.
horizon = 5
""")

# --------------------------------------------------------------------------------------------- check

def read_back(name):
    with open(os.path.join(out_dir, name), newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


areas_back, schools_back, rolls_back = read_back("areas.csv"), read_back("schools.csv"), read_back("rolls.csv")
area_kind = {a["area"]: a["phase"] for a in areas_back}
school_info = {s["school"]: s for s in schools_back}
problems = []
if len(area_kind) != len(areas_back):
    problems.append("an area code is listed twice in areas.csv")
for a in areas_back:
    if a["feeds"] and area_kind.get(a["feeds"]) != "secondary":
        problems.append(f"area {a['area']} feeds {a['feeds']}, not a secondary area")
for s in schools_back:
    for column, kind in (("primary_area", "primary"), ("secondary_area", "secondary")):
        if s[column] and area_kind.get(s[column]) != kind:
            problems.append(f"school {s['school']}: {column} {s[column]} is not a {kind} area in areas.csv")
seen = set()
years_of = collections.defaultdict(set)
for r in rolls_back:
    key = (r["year"], r["school"], r["year_group"])
    if key in seen:
        problems.append(f"rolls.csv: {key} twice")
    seen.add(key)
    if r["school"] not in school_info:
        problems.append(f"rolls.csv: school {r['school']} is not in schools.csv")
    years_of[r["school"]].add(int(r["year"]))
for code, s in school_info.items():
    first = int(s["opened"]) if s["opened"] else YEARS[0]
    last = int(s["closed"]) - 1 if s["closed"] else YEARS[-1]
    if years_of[code] != set(range(first, last + 1)):
        problems.append(f"school {code}: rows in {sorted(years_of[code])}, open {first}–{last}")
if problems:
    fail("the outputs do not agree:\n  " + "\n  ".join(problems[:20]))

# --------------------------------------------------------------------------------------------- summary

phase_count = collections.Counter(s["phase"] for s in schools)
written_pupils = collections.Counter()
for r in roll_rows:
    written_pupils[r[0]] += r[3]
published_roll = {y: sum(r["roll"] or 0 for r in rows_by_year[y]) for y in YEARS}
special_pupils = {y: sum(v or 0 for v in special[y].values()) for y in YEARS}
special_seeds = {s for y in YEARS for s in special[y]}
opened = [s for s in schools if s["opened"]]
closed = [s for s in schools if s["closed"]]
total_supp = sum(supp[y]["cells"] for y in YEARS)
exact_cells = sum(supp[y]["exact cells"] for y in YEARS)
sizes = {n: os.path.getsize(os.path.join(out_dir, n)) for n in ("plan.toml", "areas.csv", "schools.csv", "rolls.csv")}


def thousands(n):
    return f"{n:,}"


lines = []
say = lines.append
say(f"censuses: {', '.join(str(y) for y in YEARS)} (September; year = the academic year it starts)")
say(f"authorities: {len(authorities_used)}; areas: {len(area_rows)} ({len(authorities_used)} primary, {len(authorities_used)} secondary)")
say(f"schools: {len(schools)} — {phase_count['primary']} primary, {phase_count['secondary']} secondary, "
    f"{phase_count['all-through']} all-through (listed as a Primary and a Secondary row under one SeedCode); "
    f"{sum(s['sixth_form'] for s in schools)} with S5–S6 pupils (sixth_form = yes)")
say(f"rolls.csv: {thousands(len(roll_rows))} rows; pupils by year: "
    + ", ".join(f"{y} {thousands(written_pupils[y])}" for y in YEARS)
    + " (each the published mainstream roll: "
    + ("equal" if all(written_pupils[y] == published_roll[y] for y in YEARS) else
       "NOT equal: " + ", ".join(f"{y} {thousands(published_roll[y])}" for y in YEARS)) + ")")
say("suppressed cells (mainstream stages): " + "; ".join(
    f"{y} {thousands(supp[y]['cells'])} cells in {supp[y]['rows']} schools hiding {thousands(supp[y]['pupils'])} pupils "
    f"({100 * supp[y]['pupils'] / published_roll[y]:.2f}%), {supp[y]['rows hiding a count of 5 or more']} of those schools "
    f"hiding more than 4 a cell" for y in YEARS))
say(f"  filled: {sum(supp[y]['exact cells'] for y in YEARS)} exactly (alone in their row), "
    f"{sum(supp[y]['shared by cohort'] for y in YEARS)} shared by the cohort a year before/after, "
    f"{sum(supp[y]['shared by stage'] for y in YEARS)} by the stage in other censuses, "
    f"{sum(supp[y]['shared evenly'] for y in YEARS)} evenly, {sum(supp[y]['midpoint cells'] for y in YEARS)} "
    f"at the midpoint 2 (no roll); {sum(supp[y]['cells that came to 0'] for y in YEARS)} came to 0 (not written)")
say(f"opened (first census after {YEARS[0]}): {len(opened)} — "
    + ", ".join(f"{s['seed']} {s['name']} {s['opened']}" for s in opened))
say(f"closed (missing from later censuses): {len(closed)} — "
    + ", ".join(f"{s['seed']} {s['name']} {s['closed']}" for s in closed))
say(f"schools missing from a census between two they are in: {len(reappeared)} "
    f"({dropped_gap_rows} rolls rows before the gap dropped)"
    + ("".join(f"; {seed} in {ys}" for seed, ys in reappeared)))
say(f"dropped: special schools (pupils not by stage) {len(special_seeds)} schools, pupils "
    + ", ".join(f"{y} {thousands(special_pupils[y])} in {len(special[y])}" for y in YEARS))
say(f"dropped: note rows under the tables {sum(notes_skipped.values())}; stage cells of 0 / # / z not written; "
    f"schools whose stages disagree with the roll {sum(roll_mismatch.values())}; authority changes {authority_changes}; "
    f"open schools with no pupils (one 0 row written) {zero_rows}")
say("Jordanhill School (8470332, grant-aided) is planned with Glasgow City")
say("sizes: " + ", ".join(f"{n} {thousands(b)} bytes" for n, b in sizes.items()))
say("checks: every rolls school is in schools.csv, every area in areas.csv, no (year, school, stage) twice, "
    "every school has rows in every year it is open: passed")
for line in lines:
    print(line)

# ---------------------------------------------------------------------------------------------- README

def table(rows):
    return "\n".join("| " + " | ".join(str(c) for c in r) + " |" for r in rows)


supp_table = table([["census", "suppressed cells", "schools", "pupils hidden", "share of pupils",
                     "schools hiding more than 4 a cell"], ["---"] * 6] +
                   [[y, thousands(supp[y]["cells"]), supp[y]["rows"], thousands(supp[y]["pupils"]),
                     f"{100 * supp[y]['pupils'] / published_roll[y]:.2f}%", supp[y]["rows hiding a count of 5 or more"]]
                    for y in YEARS])
pupil_table = table([["census", "mainstream pupils (rolls.csv)", "schools", "special schools left out", "their pupils"],
                     ["---"] * 5] +
                    [[y, thousands(written_pupils[y]), thousands(sum(1 for s in schools if y in s["years"])), len(special[y]),
                      thousands(special_pupils[y])] for y in YEARS])
all_through = [s for s in schools if s["phase"] == "all-through"]
phase_changes = [(s, [y for y in s["years"] if {r["type"] for r in by_seed[s["seed"]][y]} != {"primary", "secondary"}])
                 for s in all_through]
phase_changes = [(s, ys) for s, ys in phase_changes if ys]
changed_phase = "".join(f": {s['name']} ({s['seed']}) is listed with one phase only in {', '.join(map(str, ys))}"
                        for s, ys in phase_changes[:1]) + "".join(
    f"; {s['name']} ({s['seed']}) in {', '.join(map(str, ys))}" for s, ys in phase_changes[1:])
readme = f"""# Scotland: publicly funded schools, pupils by stage, {YEARS[0]}–{YEARS[-1]}

A place plan of real data: every publicly funded mainstream school in Scotland, its pupils by
stage (P1–P7, S1–S6) at the September pupil censuses {YEARS[0]}–{YEARS[-1]} (`year` {YEARS[0]} = the
September {YEARS[0]} census, academic year {YEARS[0]}/{str(YEARS[0] + 1)[2:]}), with each of the
{len(authorities_used)} local authorities as a primary and a secondary planning area. There are no
births, capacities or admission numbers: P1 follows each area's own trend, and `net_capacity` and `pan`
are left empty (not given).

Written by `Scripts/make-scotland-plan.py` (Python standard library only); do not edit by hand:

```sh
python3 Scripts/make-scotland-plan.py [SHARED_DATA_DIR]    # default: ../shared/data beside the repository
```

## Source

Scottish Government, "School level summary statistics" (supplement to Summary Statistics for Schools
in Scotland), `School_level_summary_statistics_{{2019,2020,2021,2022+V4}}.xlsx`. Crown copyright,
Open Government Licence v3. Copied from the public repository `mrcrookes/scotland_schools_stats`
(commit 9ecfc18f, `data/`) to `shared/data/scotland-schools/`, whose README gives the provenance.
The 2022 workbook is version 4 (suppression revised in July 2023).

## Files

- `plan.toml` — the ladder P1…S6 (`entry_age = 4`: P1 children are 4½–5½ on 1 September),
  phases primary P1–P7, secondary S1–S4 and "sixth form" S5–S6 (the stages after the
  school-leaving age), a five-year horizon.
- `areas.csv` — {len(area_rows)} areas: for each authority `<slug>-P` (primary, feeding its own
  `<slug>-S`) and `<slug>-S` (secondary); the slug is the authority's name in lower case
  (`aberdeen-city-P`, `na-h-eileanan-siar-S`). The workbooks carry no ONS codes.
- `schools.csv` — {thousands(len(schools))} schools by SeedCode: {thousands(phase_count['primary'])} primary,
  {phase_count['secondary']} secondary, {phase_count['all-through']} all-through;
  {sum(s['sixth_form'] for s in schools)} have S5–S6 pupils (`sixth_form = yes`); {len(opened)} opened and
  {len(closed)} closed within the censuses. `net_capacity` and `pan` are empty.
- `rolls.csv` — {thousands(len(roll_rows))} rows `year,school,year_group,pupils`, one per school, census
  and stage with pupils (a stage without a row has none).

{pupil_table}

{"Each census's pupils in `rolls.csv` are exactly the published mainstream rolls." if all(
    written_pupils[y] == published_roll[y] for y in YEARS) else "The published mainstream rolls: " + ", ".join(
    f"{y} {thousands(published_roll[y])}" for y in YEARS) + "."}

## How it was built

- **Schools.** A school is its SeedCode. {phase_count['all-through']} SeedCodes are listed in a census as
  two rows, one Primary and one Secondary: each is one all-through school, its stages merged and its
  name the shared stem of the two ("Castlebay School Primary" and "... Secondary": "Castlebay School")
  or both joined by " / ". A school listed with both phases in any census is all-through in every
  census{changed_phase}. All-through: {"; ".join(f"{s['name']} ({s['seed']})" for s in all_through)}.
- **Authorities.** The workbooks spell some authorities differently from year to year ("Edinburgh
  City" / "City of Edinburgh", "&" / "and"); they are read as the 32 council names. Jordanhill School
  (8470332) is grant-aided (funded directly by the Scottish Government, listed under "Grant aided"); it
  is in Glasgow and is planned with Glasgow City.
- **Special schools are left out.** The workbooks give a special school's pupils only as one total
  ("Special school pupils"); every stage cell is `#` / `z`, so they cannot be put on the ladder.
  {len(special_seeds)} special schools are left out (the table above gives their pupils), {len(special_grant_aided)}
  of them grant-aided.
- **Suppressed cells.** The publication suppresses a stage (`*` in 2019–2020, `c` from 2021) when it
  has 1–4 pupils "or where, if shown, it would be possible to calculate other values less than 5". {
  "No school has just one suppressed stage, so no cell can be worked out on its own" if not exact_cells else
  f"{exact_cells} suppressed cells are their school's only one and are worked out exactly"}; a
  suppressed cell may hide a count of 5 or more (suppressed so that a small one cannot be worked out),
  or 0 (where every stage of a school is suppressed). They are not written as 0 and not as a midpoint:
  the pupils they hide together are exact (the school's published roll less its published stages{
  "; the roll equals the sum of the stages in every school with none suppressed" if not sum(roll_mismatch.values())
  else ""}), and they are shared among the school's
  suppressed cells in proportion to 1 + the same cohort's published count a year before or after
  (P3 in {YEARS[1]} ← P2 in {YEARS[0]} and P4 in {YEARS[2]}); where neither is published, the stage's
  published count in the school's other censuses; else evenly. Each share is kept within the 1–4
  the rule names as far as the hidden pupils allow: at least 1 when there are at least as many pupils
  as cells, at most 4 when there are no more than 4 a cell (the rest shared again among the cells not
  at 4). Shares are whole numbers by largest remainder, so each school's total is its published roll.
  A cell that comes to 0 is not written.

{supp_table}

  Of the {thousands(total_supp)} suppressed cells, {exact_cells} were alone in their school (recovered
  exactly), {thousands(sum(supp[y]['shared by cohort'] for y in YEARS))} were shared by their cohort,
  {thousands(sum(supp[y]['shared by stage'] for y in YEARS))} by their stage in other censuses and
  {thousands(sum(supp[y]['shared evenly'] for y in YEARS))} evenly; {sum(supp[y]['cells that came to 0'] for y in YEARS)} came to 0 (not written).
  The split within a school is an estimate (stage counts of small schools are uncertain by a few
  pupils); its total, its area's and Scotland's are not.
- **Not applicable.** `#` (2019–2020) and `z` (2021–2022; 2022 also writes a stage with no pupils as
  `z` where earlier years write 0) and blank cells are no pupils. Any other symbol stops the script.
- **Openings and closures.** `opened` is the first census of a school first seen after {YEARS[0]};
  `closed` the year after its last census for a school missing from {YEARS[-1]} (last seen {YEARS[-3]}:
  closed {YEARS[-2]}). A school missing from a census between two it is in would keep only its latest
  unbroken run of censuses (the earlier rows dropped and counted); there are {len(reappeared)}.
  Opened: {"; ".join(f"{s['name']} ({s['seed']}) {s['opened']}" for s in opened)}.
  Closed: {"; ".join(f"{s['name']} ({s['seed']}) {s['closed']}" for s in closed)}.
  A school first listed after {YEARS[0]} is taken as opened then, though a small school may be one
  reopened after years without pupils rather than a new one.
- **Dropped, all counted by the script:** the special schools above; {sum(notes_skipped.values())} rows of
  footnotes under the tables; stage cells of 0, `#` or `z`; rows before a gap in a school's
  censuses: {dropped_gap_rows}. Also counted: schools whose published stages disagree with their roll
  (stages kept): {sum(roll_mismatch.values())}; schools that change authority (the latest kept):
  {authority_changes}; open schools with no pupils (one row of 0 written): {zero_rows}.

Sizes: {", ".join(f"`{n}` {thousands(b)} bytes" for n, b in sizes.items())}.
"""


def reflow(markdown, width=100):
    """Paragraphs and list items rewrapped to width; headings, tables and code blocks as they are."""
    out, block, code = [], [], False

    def flush():
        if block:
            text = " ".join(line.strip() for line in block)
            bullet = text.startswith("- ")
            out.extend(textwrap.wrap(text, width, initial_indent="", subsequent_indent="  " if bullet else "",
                                     break_long_words=False, break_on_hyphens=False))
            block.clear()

    for line in markdown.split("\n"):
        if line.startswith("```"):
            flush()
            code = not code
            out.append(line)
        elif code or line.startswith(("#", "|")) or not line.strip():
            flush()
            out.append(line)
        elif line.startswith("- "):
            flush()
            block.append(line)
        else:
            block.append(line)
    flush()
    return "\n".join(out)


with open(os.path.join(out_dir, "README.md"), "w", newline="", encoding="utf-8") as f:
    f.write(reflow(readme))
print(f"wrote {os.path.normpath(out_dir)}: plan.toml, areas.csv, schools.csv, rolls.csv, README.md")
