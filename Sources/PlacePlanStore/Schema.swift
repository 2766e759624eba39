import GRDB
import PlacePlanCore

/// The database schema, built by named migrations applied in order. Each migration also sets
/// `PRAGMA user_version` to its number, so that any SQLite tool shows the schema version, and
/// a PlacePlan that finds a higher number (or a migration it does not know) refuses the file
/// rather than write into a schema it does not understand.
enum Schema {
    /// The schema version this program writes: the number of migrations below.
    static let version = 9

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: vintages, vintage cells, actuals, revisions") { db in
            try db.execute(sql: """
                CREATE TABLE vintage (
                    id            INTEGER PRIMARY KEY AUTOINCREMENT,
                    label         TEXT UNIQUE CHECK (label IS NULL OR length(trim(label)) > 0),
                    plan_name     TEXT NOT NULL,
                    origin_year   INTEGER NOT NULL,
                    horizon       INTEGER NOT NULL CHECK (horizon >= 1),
                    method        TEXT NOT NULL,
                    settings      TEXT NOT NULL,
                    inputs_sha256 TEXT NOT NULL UNIQUE CHECK (length(inputs_sha256) = 64),
                    created_at    TEXT NOT NULL,
                    archived      INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1))
                );

                CREATE TABLE vintage_cell (
                    vintage_id INTEGER NOT NULL REFERENCES vintage(id),
                    level      TEXT NOT NULL CHECK (level IN ('authority', 'area', 'school')),
                    code       TEXT NOT NULL,
                    year       INTEGER NOT NULL,
                    year_group TEXT NOT NULL,
                    pupils     REAL NOT NULL,
                    lower      REAL,
                    upper      REAL,
                    PRIMARY KEY (vintage_id, level, code, year, year_group)
                ) WITHOUT ROWID;

                CREATE TABLE actual (
                    level       TEXT NOT NULL CHECK (level IN ('authority', 'area', 'school')),
                    code        TEXT NOT NULL,
                    year        INTEGER NOT NULL,
                    year_group  TEXT NOT NULL,
                    pupils      REAL NOT NULL CHECK (pupils >= 0),
                    source      TEXT NOT NULL,
                    imported_at TEXT NOT NULL,
                    PRIMARY KEY (level, code, year, year_group)
                ) WITHOUT ROWID;

                -- Every actual replaced by a later import (--replace): what it was and what it became.
                CREATE TABLE actual_revision (
                    id          INTEGER PRIMARY KEY AUTOINCREMENT,
                    level       TEXT NOT NULL,
                    code        TEXT NOT NULL,
                    year        INTEGER NOT NULL,
                    year_group  TEXT NOT NULL,
                    old_pupils  REAL NOT NULL,
                    new_pupils  REAL NOT NULL,
                    old_source  TEXT NOT NULL,
                    new_source  TEXT NOT NULL,
                    replaced_at TEXT NOT NULL
                );
                CREATE INDEX actual_revision_cell ON actual_revision (level, code, year, year_group);

                -- An archived vintage is a published forecast: nothing may change or remove it.
                CREATE TRIGGER vintage_archived_no_update BEFORE UPDATE ON vintage
                WHEN OLD.archived = 1
                BEGIN SELECT RAISE(ABORT, 'an archived vintage cannot be changed'); END;

                CREATE TRIGGER vintage_archived_no_delete BEFORE DELETE ON vintage
                WHEN OLD.archived = 1
                BEGIN SELECT RAISE(ABORT, 'an archived vintage cannot be deleted'); END;

                CREATE TRIGGER vintage_cell_archived_no_insert BEFORE INSERT ON vintage_cell
                WHEN (SELECT archived FROM vintage WHERE id = NEW.vintage_id) = 1
                BEGIN SELECT RAISE(ABORT, 'an archived vintage cannot be given new cells'); END;

                CREATE TRIGGER vintage_cell_archived_no_update BEFORE UPDATE ON vintage_cell
                WHEN (SELECT archived FROM vintage WHERE id = OLD.vintage_id) = 1
                  OR (SELECT archived FROM vintage WHERE id = NEW.vintage_id) = 1
                BEGIN SELECT RAISE(ABORT, 'the cells of an archived vintage cannot be changed'); END;

                CREATE TRIGGER vintage_cell_archived_no_delete BEFORE DELETE ON vintage_cell
                WHEN (SELECT archived FROM vintage WHERE id = OLD.vintage_id) = 1
                BEGIN SELECT RAISE(ABORT, 'the cells of an archived vintage cannot be deleted'); END;

                PRAGMA user_version = 1;
                """)
        }
        // A school's planning area for each of its cells, so that a place plan's area actuals
        // can be made from its schools' (the school census) when no area figure is imported.
        migrator.registerMigration("v2: the planning area of a vintage's school cells") { db in
            try db.execute(sql: """
                ALTER TABLE vintage_cell ADD COLUMN area TEXT;
                PRAGMA user_version = 2;
                """)
        }
        // Sealing that cannot be undone: REPLACE deletes the conflicting row without firing the
        // delete trigger, so an insert that would replace a sealed vintage (same id, label or
        // fingerprint) is refused before it happens; and the cells' SHA-256, stored at sealing,
        // lets `accuracy` refuse a vintage whose cells were changed behind its back.
        migrator.registerMigration("v3: sealed vintages cannot be replaced; the cells' fingerprint") { db in
            try db.execute(sql: """
                ALTER TABLE vintage ADD COLUMN cells_sha256 TEXT;
                CREATE TRIGGER vintage_archived_no_replace BEFORE INSERT ON vintage
                WHEN EXISTS (SELECT 1 FROM vintage WHERE archived = 1
                             AND (id = NEW.id OR label = NEW.label OR inputs_sha256 = NEW.inputs_sha256))
                BEGIN SELECT RAISE(ABORT, 'an archived vintage cannot be replaced'); END;
                PRAGMA user_version = 3;
                """)
        }
        // A vintage archived without a label can be given one later — only that: every other
        // column of a sealed vintage stays as it was, and a label once given stays.
        migrator.registerMigration("v4: a sealed vintage without a label may be given one") { db in
            try db.execute(sql: """
                DROP TRIGGER vintage_archived_no_update;
                CREATE TRIGGER vintage_archived_no_update BEFORE UPDATE ON vintage
                WHEN OLD.archived = 1 AND NOT (
                    OLD.label IS NULL AND NEW.label IS NOT NULL AND NEW.id = OLD.id AND NEW.plan_name = OLD.plan_name
                    AND NEW.origin_year = OLD.origin_year AND NEW.horizon = OLD.horizon AND NEW.method = OLD.method
                    AND NEW.settings = OLD.settings AND NEW.inputs_sha256 = OLD.inputs_sha256 AND NEW.created_at = OLD.created_at
                    AND NEW.archived = 1 AND NEW.cells_sha256 IS OLD.cells_sha256)
                BEGIN SELECT RAISE(ABORT, 'an archived vintage cannot be changed'); END;
                PRAGMA user_version = 4;
                """)
        }
        // The files a vintage was made from, so that it can be re-run exactly and a later
        // forecast's change explained input by input (`placeplan explain`). Sealed with it.
        migrator.registerMigration("v5: the input files of each vintage") { db in
            try db.execute(sql: """
                CREATE TABLE vintage_input (
                    vintage_id INTEGER NOT NULL REFERENCES vintage(id),
                    name       TEXT NOT NULL,
                    bytes      BLOB NOT NULL,
                    PRIMARY KEY (vintage_id, name)
                );  -- rowid kept: the files' order is the fingerprint's

                CREATE TRIGGER vintage_input_archived_no_insert BEFORE INSERT ON vintage_input
                WHEN (SELECT archived FROM vintage WHERE id = NEW.vintage_id) = 1
                BEGIN SELECT RAISE(ABORT, 'an archived vintage cannot be given new input files'); END;

                CREATE TRIGGER vintage_input_archived_no_update BEFORE UPDATE ON vintage_input
                WHEN (SELECT archived FROM vintage WHERE id = OLD.vintage_id) = 1
                  OR (SELECT archived FROM vintage WHERE id = NEW.vintage_id) = 1
                BEGIN SELECT RAISE(ABORT, 'the input files of an archived vintage cannot be changed'); END;

                CREATE TRIGGER vintage_input_archived_no_delete BEFORE DELETE ON vintage_input
                WHEN (SELECT archived FROM vintage WHERE id = OLD.vintage_id) = 1
                BEGIN SELECT RAISE(ABORT, 'the input files of an archived vintage cannot be deleted'); END;

                PRAGMA user_version = 5;
                """)
        }
        // Each import's file name and time once, in `actual_import`, not in every one of its
        // rows: a national census is millions of rows, and the same name and time in each made
        // the table three times its size and the import (SQLite's own insert) two and a half
        // times as slow. No REFERENCES clause: checking it would cost a lookup per row, and only
        // `importActuals` writes both tables, in one transaction. The level is checked with `=`,
        // not `IN (…)`: SQLite builds a table for an IN list every time the insert runs, which
        // for millions of single-row inserts doubled the import's time.
        migrator.registerMigration("v6: actuals name their import") { db in
            try db.execute(sql: """
                CREATE TABLE actual_import (
                    id          INTEGER PRIMARY KEY AUTOINCREMENT,
                    source      TEXT NOT NULL,
                    imported_at TEXT NOT NULL
                );
                CREATE TABLE actual_by_import (
                    level      TEXT NOT NULL CHECK (level = 'authority' OR level = 'area' OR level = 'school'),
                    code       TEXT NOT NULL,
                    year       INTEGER NOT NULL,
                    year_group TEXT NOT NULL,
                    pupils     REAL NOT NULL CHECK (pupils >= 0),
                    import_id  INTEGER NOT NULL,
                    PRIMARY KEY (level, code, year, year_group)
                ) WITHOUT ROWID;
                INSERT INTO actual_import (source, imported_at)
                    SELECT DISTINCT source, imported_at FROM actual ORDER BY imported_at, source;
                INSERT INTO actual_by_import (level, code, year, year_group, pupils, import_id)
                    SELECT a.level, a.code, a.year, a.year_group, a.pupils, i.id
                    FROM actual a JOIN actual_import i ON i.source = a.source AND i.imported_at = a.imported_at;
                DROP TABLE actual;
                ALTER TABLE actual_by_import RENAME TO actual;
                PRAGMA user_version = 6;
                """)
        }
        // The cells' level checked with `=` … `OR` … rather than `IN (…)`, as schema 6 did for
        // actuals: SQLite builds a table for an IN list every time an insert runs, which made
        // archiving a national vintage (600,000 cells) twice as slow. A column's check cannot be
        // changed in place: the table is made again, its rows copied, its triggers made again.
        // (Dropping a table deletes its rows without firing its triggers.)
        migrator.registerMigration("v7: vintage cells' level checked without IN") { db in
            try db.execute(sql: """
                CREATE TABLE vintage_cell_v7 (
                    vintage_id INTEGER NOT NULL REFERENCES vintage(id),
                    level      TEXT NOT NULL CHECK (level = 'authority' OR level = 'area' OR level = 'school'),
                    code       TEXT NOT NULL,
                    year       INTEGER NOT NULL,
                    year_group TEXT NOT NULL,
                    pupils     REAL NOT NULL,
                    lower      REAL,
                    upper      REAL,
                    area       TEXT,
                    PRIMARY KEY (vintage_id, level, code, year, year_group)
                ) WITHOUT ROWID;
                INSERT INTO vintage_cell_v7 (vintage_id, level, code, year, year_group, pupils, lower, upper, area)
                    SELECT vintage_id, level, code, year, year_group, pupils, lower, upper, area FROM vintage_cell;
                DROP TABLE vintage_cell;
                ALTER TABLE vintage_cell_v7 RENAME TO vintage_cell;

                CREATE TRIGGER vintage_cell_archived_no_insert BEFORE INSERT ON vintage_cell
                WHEN (SELECT archived FROM vintage WHERE id = NEW.vintage_id) = 1
                BEGIN SELECT RAISE(ABORT, 'an archived vintage cannot be given new cells'); END;

                CREATE TRIGGER vintage_cell_archived_no_update BEFORE UPDATE ON vintage_cell
                WHEN (SELECT archived FROM vintage WHERE id = OLD.vintage_id) = 1
                  OR (SELECT archived FROM vintage WHERE id = NEW.vintage_id) = 1
                BEGIN SELECT RAISE(ABORT, 'the cells of an archived vintage cannot be changed'); END;

                CREATE TRIGGER vintage_cell_archived_no_delete BEFORE DELETE ON vintage_cell
                WHEN (SELECT archived FROM vintage WHERE id = OLD.vintage_id) = 1
                BEGIN SELECT RAISE(ABORT, 'the cells of an archived vintage cannot be deleted'); END;

                PRAGMA user_version = 7;
                """)
        }
        // Actuals a row per school (or area), year and import, the year groups' counts as one
        // JSON object (`{"R":30,"Y1":29,…}`, in the ladder's order), read cell by cell through
        // the view `actual`, which has schema 7's columns. SQLite's own work per row (the
        // statement, the B-tree insert) is about 1.2-2 µs whatever the row holds, so a national
        // census of 3 M cells took 4-6 s of SQLite alone a row per cell, and takes a fourteenth
        // of the rows this way. A cell is in one row only: the import that last wrote it
        // (`--replace` takes it out of the older import's object). The program writes the
        // objects and checks the counts (whole, not negative) before it does; no CHECK parses
        // each object again.
        migrator.registerMigration("v8: actuals a row per code, year and import") { db in
            try db.execute(sql: """
                CREATE TABLE actual_year (
                    level     TEXT NOT NULL CHECK (level = 'authority' OR level = 'area' OR level = 'school'),
                    code      TEXT NOT NULL,
                    year      INTEGER NOT NULL,
                    import_id INTEGER NOT NULL,
                    pupils    TEXT NOT NULL,
                    PRIMARY KEY (level, code, year, import_id)
                ) WITHOUT ROWID;
                INSERT INTO actual_year (level, code, year, import_id, pupils)
                    SELECT level, code, year, import_id, json_group_object(year_group, pupils)
                    FROM (SELECT * FROM actual ORDER BY level, code, year, import_id, year_group)
                    GROUP BY level, code, year, import_id;
                DROP TABLE actual;
                CREATE VIEW actual (level, code, year, year_group, pupils, import_id) AS
                    SELECT a.level, a.code, a.year, j.key, j.value, a.import_id
                    FROM actual_year a, json_each(a.pupils) j;
                PRAGMA user_version = 8;
                """)
        }
        // Vintage cells a row per level, code and year (`vintage_year`), the year groups' cells
        // as one JSON object (`{"R":[30],"Y1":[29.5,27.1,31.8]}`: pupils, lower, upper, area),
        // read cell by cell through the view `vintage_cell`, which has schema 7's columns. As
        // for actuals (schema 8), SQLite's own work is per row: `accuracy` over twenty national
        // vintages (7.4 M cells) spent 1.8 s of CPU in SQLite reading them a row per cell. The
        // cells are copied by PlacePlan's own writer, not `json_group_object`, which keeps 15
        // significant digits: a number must read back bit for bit, or the seal would break.
        migrator.registerMigration("v9: vintage cells a row per code and year") { db in
            try db.execute(sql: """
                CREATE TABLE vintage_year (
                    vintage_id INTEGER NOT NULL REFERENCES vintage(id),
                    level      TEXT NOT NULL CHECK (level = 'authority' OR level = 'area' OR level = 'school'),
                    code       TEXT NOT NULL,
                    year       INTEGER NOT NULL,
                    cells      TEXT NOT NULL,
                    PRIMARY KEY (vintage_id, level, code, year)
                ) WITHOUT ROWID;
                """)
            for id in try Int64.fetchAll(db, sql: "SELECT DISTINCT vintage_id FROM vintage_cell ORDER BY vintage_id") {
                var cells: [VintageCell] = []
                try db.forEachRawRow("""
                    SELECT level, code, year, year_group, pupils, lower, upper, area FROM vintage_cell WHERE vintage_id = ?
                    ORDER BY level, code, year, year_group
                    """, arguments: [id]) { row in
                    cells.append(VintageCell(level: CellLevel(rawValue: row.text(0) ?? "") ?? .area, code: row.text(1) ?? "",
                                             year: row.integer(2), yearGroup: row.text(3) ?? "", pupils: row.real(4),
                                             lower: row.optionalReal(5), upper: row.optionalReal(6), area: row.text(7)))
                }
                try PlanStore.insert(cells, vintage: id, db)
            }
            try db.execute(sql: """
                DROP TABLE vintage_cell;
                CREATE VIEW vintage_cell (vintage_id, level, code, year, year_group, pupils, lower, upper, area) AS
                    SELECT v.vintage_id, v.level, v.code, v.year, j.key, json_extract(j.value, '$[0]'),
                           json_extract(j.value, '$[1]'), json_extract(j.value, '$[2]'), json_extract(j.value, '$[3]')
                    FROM vintage_year v, json_each(v.cells) j;

                CREATE TRIGGER vintage_year_archived_no_insert BEFORE INSERT ON vintage_year
                WHEN (SELECT archived FROM vintage WHERE id = NEW.vintage_id) = 1
                BEGIN SELECT RAISE(ABORT, 'an archived vintage cannot be given new cells'); END;

                CREATE TRIGGER vintage_year_archived_no_update BEFORE UPDATE ON vintage_year
                WHEN (SELECT archived FROM vintage WHERE id = OLD.vintage_id) = 1
                  OR (SELECT archived FROM vintage WHERE id = NEW.vintage_id) = 1
                BEGIN SELECT RAISE(ABORT, 'the cells of an archived vintage cannot be changed'); END;

                CREATE TRIGGER vintage_year_archived_no_delete BEFORE DELETE ON vintage_year
                WHEN (SELECT archived FROM vintage WHERE id = OLD.vintage_id) = 1
                BEGIN SELECT RAISE(ABORT, 'the cells of an archived vintage cannot be deleted'); END;

                PRAGMA user_version = 9;
                """)
        }
        return migrator
    }
}
