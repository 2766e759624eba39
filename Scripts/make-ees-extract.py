#!/usr/bin/env python3
"""Cuts the DfE EES school census download in shared/data/ees-la-ncyear/ (spc_pupils_fsm_ethnicity_yrgp.csv,
"Schools, pupils and their characteristics", Open Government Licence v3; provenance in that folder's README)
to a few authorities, rows untouched, for Data/imports/ees-extract.csv: Thurrock and Southend-on-Sea
(complete series), Bournemouth, Poole and Bournemouth, Christchurch and Poole (a boundary change in 2019),
and the Isles of Scilly (no sixth form). The tests of `placeplan import ees` read it.
   python3 Scripts/make-ees-extract.py [SHARED_DATA_DIR]"""
import csv, os, sys

shared = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data")
source = os.path.join(shared, "ees-la-ncyear", "spc_pupils_fsm_ethnicity_yrgp.csv")
keep = {"E06000034", "E06000033", "E06000028", "E06000029", "E06000058", "E06000053"}
out = os.path.join(os.path.dirname(__file__), "..", "Data", "imports", "ees-extract.csv")
with open(source, newline="", encoding="utf-8") as f, open(out, "w", newline="", encoding="utf-8") as g:
    reader = csv.reader(f)
    writer = csv.writer(g, lineterminator="\n")
    header = next(reader)
    writer.writerow(header)
    code = header.index("new_la_code")
    rows = 0
    for row in reader:
        if row[code] in keep:
            writer.writerow(row)
            rows += 1
print(f"wrote {out}: {rows} rows")
