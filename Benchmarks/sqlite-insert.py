#!/usr/bin/env python3
"""SQLite's own cost of storing a census, schema by schema, outside PlacePlan.

Inserts the rows of an actuals file (year,school,area,year_group,pupils, as Benchmarks/scale
makes them) in the primary key's order, in one transaction, WAL and synchronous=FULL as
PlacePlan's store, through Python's sqlite3 (the same Debian libsqlite3), into three tables:

  schema 5      every row with its file name and time, level checked with IN (...)
  IN check      the file and time as an import id (schema 6's layout), level still IN (...)
  schema 6      the import id, level checked with = ... OR ...

    python3 Benchmarks/sqlite-insert.py /tmp/placeplan-scale/actuals20000.csv

Prints seconds per table: what SQLite itself needs, whatever the program around it does.
"""
import csv, os, sqlite3, sys, tempfile, time

path = sys.argv[1]
with open(path, newline="") as f:
    reader = csv.DictReader(f)
    base = sorted(("school" if r.get("school") else "area", r.get("school") or r["area"], int(r["year"]), r["year_group"],
                   float(r["pupils"])) for r in reader)
columns = "code TEXT NOT NULL, year INTEGER NOT NULL, year_group TEXT NOT NULL, pupils REAL NOT NULL CHECK (pupils >= 0)"
key = "PRIMARY KEY (level, code, year, year_group)"
tables = [
    ("schema 5", f"level TEXT NOT NULL CHECK (level IN ('authority', 'area', 'school')), {columns}, source TEXT NOT NULL, "
                 f"imported_at TEXT NOT NULL, {key}", lambda r: r + (os.path.basename(path), "2026-11-30T12:00:00Z")),
    ("IN check", f"level TEXT NOT NULL CHECK (level IN ('authority', 'area', 'school')), {columns}, import_id INTEGER NOT NULL, {key}",
     lambda r: r + (1,)),
    ("schema 6", f"level TEXT NOT NULL CHECK (level = 'authority' OR level = 'area' OR level = 'school'), {columns}, "
                 f"import_id INTEGER NOT NULL, {key}", lambda r: r + (1,)),
]
print(f"{len(base):,} rows from {path}")
for name, definition, make in tables:
    rows = [make(r) for r in base]
    with tempfile.TemporaryDirectory() as folder:
        db = sqlite3.connect(os.path.join(folder, "store.sqlite"), isolation_level=None)
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = FULL")
        db.execute(f"CREATE TABLE actual ({definition}) WITHOUT ROWID")
        start = time.time()
        db.execute("BEGIN IMMEDIATE")
        db.executemany(f"INSERT INTO actual VALUES ({', '.join('?' * len(rows[0]))})", rows)
        db.execute("COMMIT")
        print(f"{name:10} {time.time() - start:6.2f} s")
        db.close()
