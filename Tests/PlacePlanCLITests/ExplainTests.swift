import Foundation
import GRDB
import Testing
import PlacePlanCore
import PlacePlanIO
import PlacePlanStore

/// `placeplan explain`: a forecast's change split among the inputs that changed.
@Suite("placeplan explain", .serialized)
struct ExplainTests {
    /// England as known at the end of `year`: rolls and births up to it (no boundary change yet).
    func england(through year: Int, into folder: URL) throws {
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: CLI.root.appendingPathComponent("Data/england/plan.toml"), to: folder.appendingPathComponent("plan.toml"))
        for name in ["rolls.csv", "births.csv"] {
            let lines = try String(contentsOf: CLI.root.appendingPathComponent("Data/england/\(name)"), encoding: .utf8).split(separator: "\n")
            let kept = [lines[0]] + lines.dropFirst().filter { Int($0.prefix(4))! <= year }
            try (kept.joined(separator: "\n") + "\n").write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
    }

    /// `placeplan forecast` of a folder of England as known at `census` (rolls) and `births`.
    func primary2021(census: Int, births: Int, code: String, work: URL) throws -> Double {
        let folder = work.appendingPathComponent("mix-\(census)-\(births)")
        try england(through: census, into: folder)
        let birthsFolder = work.appendingPathComponent("births-\(births)")
        try england(through: births, into: birthsFolder)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("births.csv"))
        try FileManager.default.copyItem(at: birthsFolder.appendingPathComponent("births.csv"), to: folder.appendingPathComponent("births.csv"))
        let result = try CLI.run(["forecast", folder.path, "--horizon", "5", "--format", "csv"])
        return result.stdout.split(separator: "\n").filter { $0.hasPrefix("2021,\(code),") }
            .filter { ["R", "Y1", "Y2", "Y3", "Y4", "Y5", "Y6"].contains(String($0.split(separator: ",")[2])) }
            .reduce(0) { $0 + Double($1.split(separator: ",")[3])! }
    }

    @Test("England archived at 2016 and again at 2017: census and births split every cell's change exactly; Hartlepool's primary split checked by hand from four forecasts")
    func englandVintages() throws {
        let work = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        let plan = work.appendingPathComponent("england"), db = work.appendingPathComponent("forecasts.sqlite")
        try england(through: 2016, into: plan)
        #expect(try CLI.run(["archive", plan.path, "--label", "Plan 2016", "--horizon", "5", "--db", db.path]).status == 0)
        try england(through: 2017, into: plan)
        #expect(try CLI.run(["archive", plan.path, "--label", "Plan 2017", "--horizon", "5", "--db", db.path]).status == 0)

        let csv = try CLI.run(["explain", plan.path, "--from", "Plan 2016", "--to", "Plan 2017", "--db", db.path, "--format", "csv"])
        #expect(csv.status == 0, "\(csv.stderr)")
        let lines = csv.stdout.split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
        #expect(lines[0] == ["level", "code", "year", "year_group", "before", "after", "change", "census", "births"])
        // Years both forecasts reach: 2018/19 to 2021/22, every authority and year group.
        #expect(lines.count - 1 == 4 * 14 * (151 + 1))
        for row in lines.dropFirst() {
            let change = Double(row[6])!, shares = Double(row[7])! + Double(row[8])!
            #expect(abs(change - shares) <= 0.11, "\(row)")   // each figure is rounded to 0.1
        }

        // By hand: the four forecasts of Hartlepool's primary pupils in 2021/22, and the Shapley split of two inputs.
        let v00 = try primary2021(census: 2016, births: 2016, code: "E06000001", work: work)
        let v10 = try primary2021(census: 2017, births: 2016, code: "E06000001", work: work)
        let v01 = try primary2021(census: 2016, births: 2017, code: "E06000001", work: work)
        let v11 = try primary2021(census: 2017, births: 2017, code: "E06000001", work: work)
        let census = ((v10 - v00) + (v11 - v01)) / 2, births = ((v01 - v00) + (v11 - v10)) / 2
        let text = try CLI.run(["explain", plan.path, "--from", "Plan 2016", "--to", "Plan 2017", "--db", db.path, "--format", "csv"]).stdout
        let mine = text.split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
            .filter { $0[0] == "area" && $0[1] == "E06000001" && $0[2] == "2021" && ["R", "Y1", "Y2", "Y3", "Y4", "Y5", "Y6"].contains($0[3]) }
        #expect(mine.count == 7)
        #expect(abs(mine.reduce(0) { $0 + Double($1[7])! } - census) < 0.5, "census \(census)")
        #expect(abs(mine.reduce(0) { $0 + Double($1[8])! } - births) < 0.5, "births \(births)")
        #expect(abs(mine.reduce(0) { $0 + Double($1[4])! } - v00) < 0.5 && abs(mine.reduce(0) { $0 + Double($1[5])! } - v11) < 0.5)

        // The report of the folder as it stands (2017) with a section on what changed since 2016: the same split, as waterfalls.
        let page = work.appendingPathComponent("report.html")
        let report = try CLI.run(["report", plan.path, "--changes-since", "Plan 2016", "--db", db.path, "--no-accuracy", "--horizon", "5", "--out", page.path])
        #expect(report.status == 0, "\(report.stderr)")
        let html = try String(contentsOf: page, encoding: .utf8)
        #expect(html.contains("<h2>What changed since vintage 1 (&quot;Plan 2016&quot;") && html.contains("Inputs that changed: census, births."), "\(html.prefix(300))")
        #expect(html.contains("aria-label=\"The authority: primary\""))

        let table = try CLI.run(["explain", plan.path, "--from", "Plan 2016", "--to", "Plan 2017", "--db", db.path])
        #expect(table.stdout.contains("Inputs that changed: census, births"), "\(table.stdout)")
        #expect(abs(births) > 1, "the 2017 births reach 2021/22's Reception: \(births)")
        // docs/store.md shows these tables as the command prints them.
        let docs = try String(contentsOf: CLI.root.appendingPathComponent("docs/store.md"), encoding: .utf8)
        let shown = table.stdout.components(separatedBy: "\n").drop { !$0.hasPrefix("The authority by phase, 2021/22") }.prefix(6)
        #expect(shown.count == 6 && docs.contains(shown.joined(separator: "\n")), "\(table.stdout)")
    }

    @Test("a vintage re-run from its kept files gives its archived cells bit for bit")
    func rerunReproduces() throws {
        let work = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        let plan = work.appendingPathComponent("borough")
        try FileManager.default.copyItem(at: CLI.root.appendingPathComponent("Data/borough"), to: plan)
        try? FileManager.default.removeItem(at: plan.appendingPathComponent("placeplan.sqlite"))
        #expect(try CLI.run(["archive", plan.path, "--label", "B", "--horizon", "4"]).status == 0)
        let store = try PlanStore(path: plan.appendingPathComponent("placeplan.sqlite").path, mode: .existing)
        let vintage = try store.vintage(matching: "B")
        let rerun = try store.rerun(vintage)
        #expect(rerun.files.map(\.name).contains("schools.csv") && rerun.files.map(\.name).contains("housing.csv"))
        let side = InputSwap.Side(name: "B", files: rerun.files.map { PlanFolder.InputFile(name: $0.name, bytes: $0.bytes) }, options: rerun.options)
        let again = try InputSwap(older: side, newer: side).explain().change
        #expect(again.factors.isEmpty && !again.cells.isEmpty)
        let stored = try DatabaseQueue(path: plan.appendingPathComponent("placeplan.sqlite").path).read { db in
            try Row.fetchAll(db, sql: "SELECT level, code, year, year_group, pupils FROM vintage_cell WHERE vintage_id = ?", arguments: [vintage.id])
        }
        let archived = Dictionary(uniqueKeysWithValues: stored.map { row -> (ForecastChange.Key, Double) in
            (ForecastChange.Key(level: CellLevel(rawValue: row["level"])!, code: row["code"], year: row["year"], yearGroup: row["year_group"]), row["pupils"])
        })
        #expect(archived.count == again.cells.count)
        #expect(again.cells.allSatisfy { archived[$0.key] == $0.before })
    }

    @Test("the borough with one housing site starting two years later: the whole difference is housing's")
    func housingOnly() throws {
        let work = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        let later = work.appendingPathComponent("later")
        try FileManager.default.copyItem(at: CLI.root.appendingPathComponent("Data/borough"), to: later)
        let housing = later.appendingPathComponent("housing.csv")
        let lines = try String(contentsOf: housing, encoding: .utf8).split(separator: "\n").map(String.init)
        let moved = [lines[0]] + lines.dropFirst().map { line -> String in
            guard line.hasPrefix("Northgate Fields,") else { return line }
            var f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            f[2] = String(Int(f[2])! + 2)
            return f.joined(separator: ",")
        }
        try (moved.joined(separator: "\n") + "\n").write(to: housing, atomically: true, encoding: .utf8)
        let csv = try CLI.run(["explain", "Data/borough", "--with", later.path, "--format", "csv"])
        #expect(csv.status == 0, "\(csv.stderr)")
        let rows = csv.stdout.split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
        #expect(rows[0].last == "housing" && rows[0].count == 8)
        #expect(rows.dropFirst().allSatisfy { $0[6] == $0[7] })
        #expect(rows.dropFirst().contains { Double($0[6])! < 0 }, "moving the site later takes pupils out of the early years")
        let text = try CLI.run(["explain", "Data/borough", "--with", later.path])
        #expect(text.stdout.contains("Inputs that changed: housing") && text.stdout.contains("Northgate (P01) primary"), "\(text.stdout)")
        // The page: a waterfall for each of the authority's phases and the largest area changes; the workbook: phases and cells.
        let page = work.appendingPathComponent("change.html"), book = work.appendingPathComponent("change.xlsx")
        #expect(try CLI.run(["explain", "Data/borough", "--with", later.path, "--format", "html", "--out", page.path]).status == 0)
        let html = try String(contentsOf: page, encoding: .utf8)
        #expect(html.components(separatedBy: "<figure class=\"waterfall\">").count - 1 >= 4 && html.contains("aria-label=\"Northgate (P01): primary\""))
        #expect(try CLI.run(["explain", "Data/borough", "--with", later.path, "--format", "xlsx", "--out", book.path]).status == 0)
        #expect(try Data(contentsOf: book).prefix(2) == Data("PK".utf8))
        let noOut = try CLI.run(["explain", "Data/borough", "--with", later.path, "--format", "xlsx"])
        #expect(noOut.status != 0 && noOut.stderr.contains("give --out FILE.xlsx"))
    }

    @Test("one folder, two settings side by side: a method flag is the settings' change, --no-housing housing's, each the whole change")
    func twoSettings() throws {
        for (flags, factor) in [(["--method", "mean-3"], "settings"), (["--no-housing"], "housing")] {
            let csv = try CLI.run(["explain", "Data/borough", "--with", "Data/borough", "--format", "csv"] + flags)
            #expect(csv.status == 0, "\(csv.stderr)")
            let rows = csv.stdout.split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
            #expect(rows[0].count == 8 && rows[0][7] == factor, "\(flags): \(rows[0])")
            #expect(rows.dropFirst().allSatisfy { $0[6] == $0[7] } && rows.dropFirst().contains { $0[6] != "0.0" })
        }
    }

    @Test("bad requests are clear errors: no such vintage, vintages of two plans, a vintage archived before its files were kept, neither --from nor --with")
    func badInput() throws {
        let work = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        let db = work.appendingPathComponent("f.sqlite")
        let a = work.appendingPathComponent("a"), b = work.appendingPathComponent("b")
        try england(through: 2016, into: a)
        try FileManager.default.copyItem(at: CLI.root.appendingPathComponent("Data/borough"), to: b)
        try? FileManager.default.removeItem(at: b.appendingPathComponent("placeplan.sqlite"))
        #expect(try CLI.run(["archive", a.path, "--label", "E", "--horizon", "2", "--db", db.path]).status == 0)
        #expect(try CLI.run(["archive", b.path, "--label", "B", "--horizon", "2", "--db", db.path]).status == 0)
        let missing = try CLI.run(["explain", a.path, "--from", "nonesuch", "--db", db.path])
        #expect(missing.status == 1 && missing.stderr.contains("no vintage has the id or label 'nonesuch'"), "\(missing.stderr)")
        let two = try CLI.run(["explain", a.path, "--from", "E", "--to", "B", "--db", db.path])
        #expect(two.status == 1 && two.stderr.contains("is a forecast of England: local authorities and"), "\(two.stderr)")
        let neither = try CLI.run(["explain", a.path])
        #expect(neither.status != 0 && neither.stderr.contains("give --from VINTAGE"), "\(neither.stderr)")
        // A vintage from before files were kept: its files taken away behind the triggers' back.
        try DatabaseQueue(path: db.path).write { db in
            try db.execute(sql: "DROP TRIGGER vintage_input_archived_no_delete")
            try db.execute(sql: "DELETE FROM vintage_input WHERE vintage_id = 1")
        }
        let old = try CLI.run(["explain", a.path, "--from", "E", "--db", db.path])
        #expect(old.status == 1 && old.stderr.contains("was archived before PlacePlan kept a vintage's files"), "\(old.stderr)")
    }
}
