import Foundation
import Testing

/// Runs the built `placeplan` executable end to end, as a user would.
struct CLI {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The executable sits beside the test bundle in the build products folder.
    static let executable: URL = {
        let products = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        for candidate in [products, products.deletingLastPathComponent()] {
            let url = candidate.appendingPathComponent("placeplan")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return root.appendingPathComponent(".build/debug/placeplan")
    }()

    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
        /// The process ended by a signal (a trap, an abort) rather than by exiting.
        var signalled = false
    }

    static func run(_ arguments: [String], in directory: URL = root, environment: [String: String] = [:]) throws -> Result {
        try start(arguments, in: directory, environment: environment).finish()
    }

    /// A started `placeplan` process and its output pipes.
    struct Running {
        let process: Process
        let out: Pipe
        let err: Pipe

        /// Reads both pipes before waiting, so a large output cannot fill a pipe and block.
        func finish() -> Result {
            let stdout = out.fileHandleForReading.readDataToEndOfFile()
            let stderr = err.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                          stderr: String(decoding: stderr, as: UTF8.self), signalled: process.terminationReason == .uncaughtSignal)
        }
    }

    static func start(_ arguments: [String], in directory: URL = root, environment: [String: String] = [:]) throws -> Running {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        return Running(process: process, out: out, err: err)
    }

    /// A fresh temporary folder, removed by the caller.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("placeplan-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A copy of the bundled England plan, to break on purpose.
    static func copyOfEngland() throws -> URL {
        let folder = try temporaryFolder().appendingPathComponent("england")
        try FileManager.default.copyItem(at: root.appendingPathComponent("Data/england"), to: folder)
        return folder
    }
}

@Suite("placeplan end to end", .serialized)
struct CLITests {
    @Test("forecast Data/england --horizon 3 writes one CSV row per year, area and year group")
    func forecastCSV() throws {
        let result = try CLI.run(["forecast", "Data/england", "--horizon", "3", "--format", "csv"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.first == "year,area,year_group,pupils")
        #expect(lines.count == 1 + 3 * 151 * 14)
        #expect(lines[1].hasPrefix("2020,E06000001,R,"))
        #expect(Set(lines.dropFirst().map { $0.split(separator: ",")[0] }) == ["2020", "2021", "2022"])
    }

    @Test("forecast --format json --out writes a JSON file with the settings used")
    func forecastJSON() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("f.json")
        let result = try CLI.run(["forecast", "Data/england", "--horizon", "2", "--method", "mean-3", "--format", "json", "--out", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: out)) as! [String: Any]
        #expect(json["base_year"] as? Int == 2019)
        #expect(json["method"] as? String == "mean-3")
        #expect((json["rows"] as? [Any])?.count == 2 * 151 * 14)
    }

    @Test("forecast with no folder prints the readable summary of the bundled data")
    func forecastSummary() throws {
        let result = try CLI.run(["forecast", "--horizon", "5"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("England: local authorities"))
        #expect(result.stdout.contains("Pupils by phase, all areas"))
        #expect(result.stdout.contains("2024/25"))
        #expect(!result.stdout.contains("year,area,year_group,pupils"))
    }

    @Test("help shows examples", arguments: [["--help"], ["forecast", "--help"], ["backtest", "--help"], ["check", "--help"],
                                             ["archive", "--help"], ["actuals", "--help"], ["actuals", "import", "--help"],
                                             ["accuracy", "--help"]])
    func help(arguments: [String]) throws {
        let result = try CLI.run(arguments)
        #expect(result.status == 0)
        #expect(result.stdout.contains("Examples:"))
        #expect(result.stdout.contains("placeplan "))
    }

    @Test("bad input: exit non-zero, name file, line and column, and leave --out untouched")
    func badInput() throws {
        let plan = try CLI.copyOfEngland()
        defer { try? FileManager.default.removeItem(at: plan.deletingLastPathComponent()) }
        let rolls = plan.appendingPathComponent("rolls.csv")
        var lines = try String(contentsOf: rolls, encoding: .utf8).components(separatedBy: "\n")
        lines[10] = lines[10].replacingOccurrences(of: ",Y9,", with: ",Y9,twelve").components(separatedBy: "twelve")[0] + "twelve"
        try lines.joined(separator: "\n").write(to: rolls, atomically: true, encoding: .utf8)
        let out = plan.appendingPathComponent("forecast.csv")
        try "previous forecast\n".write(to: out, atomically: true, encoding: .utf8)

        let result = try CLI.run(["forecast", plan.path, "--out", out.path])
        #expect(result.status != 0)
        #expect(result.stderr.contains("rolls.csv, line 11, column 5 (pupils): 'twelve' is not a number"), "\(result.stderr)")
        #expect(result.stderr.contains("fix:"))
        #expect(try String(contentsOf: out, encoding: .utf8) == "previous forecast\n")
    }

    @Test("check reports an unknown plan.toml key with its line")
    func checkConfig() throws {
        let plan = try CLI.copyOfEngland()
        defer { try? FileManager.default.removeItem(at: plan.deletingLastPathComponent()) }
        let toml = plan.appendingPathComponent("plan.toml")
        try (String(contentsOf: toml, encoding: .utf8) + "horizn = 3\n").write(to: toml, atomically: true, encoding: .utf8)
        let result = try CLI.run(["check", plan.path])
        #expect(result.status != 0)
        #expect(result.stderr.contains("unknown key 'horizn'"))
    }

    @Test("check on the bundled data says what it read")
    func checkEngland() throws {
        let result = try CLI.run(["check", "Data/england"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("151 areas"))
    }

    @Test("an out-of-range horizon or an unknown method is refused before any work")
    func badArguments() throws {
        #expect(try CLI.run(["forecast", "Data/england", "--horizon", "16"]).status != 0)
        let method = try CLI.run(["forecast", "Data/england", "--method", "mode-3"])
        #expect(method.status != 0)
        #expect(method.stderr.contains("mode-3"))
    }

    @Test("a missing plan folder is a clear error")
    func missingFolder() throws {
        let result = try CLI.run(["forecast", "/nonexistent/plan"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("is not a folder"))
    }

    @Test("backtest --format csv gives one row per method, measure and horizon")
    func backtestCSV() throws {
        let result = try CLI.run(["backtest", "Data/england", "--horizon", "2", "--methods", "mean-3,weighted-3", "--format", "csv"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.first == "level,method,measure,horizon,cases,median_abs_pct_error,mean_abs_pct_error,bias,share_within_0_9pct,interval_coverage_pct,interval_width_pct")
        // 2 levels × 2 methods × 5 measures (R and Y7 intake, primary, secondary, sixth form) × 2 horizons.
        #expect(lines.count == 1 + 2 * 2 * 5 * 2)
        #expect(lines.contains { $0.hasPrefix("authority,mean-3,primary,1,6,") })
    }
}

@Suite("placeplan intervals end to end", .serialized)
struct IntervalCLITests {
    @Test("forecast --intervals 80 adds lower and upper columns that bracket sensibly")
    func forecastIntervals() throws {
        let result = try CLI.run(["forecast", "Data/england", "--horizon", "2", "--intervals", "80", "--format", "csv"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.first == "year,area,year_group,pupils,lower,upper")
        for line in lines.dropFirst() {
            let f = line.split(separator: ",").suffix(3).compactMap { Double($0) }
            #expect(f.count == 3 && f[1] <= f[2])
        }
    }

    @Test("backtest --intervals 80 on England: one-year coverage of Reception is near 80%")
    func backtestCoverage() throws {
        let result = try CLI.run(["backtest", "Data/england", "--horizon", "1", "--methods", "mean-1+weighted-5:weighted-3",
                                  "--intervals", "80", "--format", "csv"])
        #expect(result.status == 0, "\(result.stderr)")
        let row = try #require(result.stdout.split(separator: "\n").first { $0.hasPrefix("area,") && $0.contains(",R (intake),1,") })
        let fields = row.split(separator: ",")
        let coverage = try #require(Double(fields[fields.count - 2])), width = try #require(Double(fields[fields.count - 1]))
        #expect((65...95).contains(coverage), "coverage \(coverage)%")
        // Beside it, how wide: a few percent of the intake.
        #expect((2...15).contains(width), "width \(width)%")
    }
}

@Suite("placeplan report end to end", .serialized)
struct ReportCLITests {
    @Test("report on the bundled data writes one HTML file with a section per area")
    func report() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("plan.html")
        let result = try CLI.run(["report", "Data/england", "--horizon", "3", "--no-accuracy", "--out", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        let html = try String(contentsOf: out, encoding: .utf8)
        #expect(html.hasPrefix("<!doctype html>"))
        #expect(html.components(separatedBy: "<section class=\"area\"").count - 1 == 151)
        #expect(result.stdout.contains("151 areas"))
    }

    @Test("a report into a folder that does not exist fails cleanly")
    func badOut() throws {
        let result = try CLI.run(["report", "Data/england", "--no-accuracy", "--out", "/nonexistent/x.html"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("does not exist"))
    }
}

@Suite("placeplan report --format xlsx", .serialized)
struct WorkbookCLITests {
    static let soffice = ["/usr/bin/soffice", "/usr/local/bin/soffice", "/usr/bin/libreoffice"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test("writes a workbook that LibreOffice opens and converts", .enabled(if: soffice != nil, "LibreOffice (soffice) is not installed"))
    func libreOffice() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("plan.xlsx")
        let result = try CLI.run(["report", "Data/england", "--horizon", "2", "--no-accuracy", "--format", "xlsx", "--out", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        let convert = Process()
        convert.executableURL = URL(fileURLWithPath: Self.soffice!)
        convert.arguments = ["--headless", "-env:UserInstallation=file://\(folder.path)/lo-profile", "--convert-to", "csv",
                             "--outdir", folder.path, out.path]
        convert.standardOutput = FileHandle.nullDevice
        convert.standardError = FileHandle.nullDevice
        try convert.run()
        convert.waitUntilExit()
        #expect(convert.terminationStatus == 0)
        let csv = try String(contentsOf: folder.appendingPathComponent("plan.csv"), encoding: .utf8)
        let lines = csv.split(separator: "\n")
        // A title row, the header, then 2011–2019 actual and 2 forecast years.
        #expect(lines.first?.hasPrefix("\"England: local authorities: pupils by year group") == true)
        #expect(lines[1].hasPrefix("year,academic year,status,R,Y1") == true)
        #expect(lines.count == 1 + 1 + 9 + 2)
        #expect(lines[2].hasPrefix("2011,2011/12,actual,608197,"))
        // The phase totals are formulas LibreOffice calculated: they equal their year groups added up.
        let fields = lines[2].split(separator: ",").compactMap { Double($0) }
        #expect(fields.count == 1 + 14 + 4 && fields[15] == fields[1...7].reduce(0, +) && fields[18] == fields[1...14].reduce(0, +))
    }

    @Test("the workbook is written even without LibreOffice, as a ZIP container")
    func zip() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("plan.xlsx")
        let result = try CLI.run(["report", "Data/england", "--horizon", "1", "--no-accuracy", "--format", "xlsx", "--out", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try Data(contentsOf: out).prefix(2) == Data([0x50, 0x4B]))
    }
}

@Suite("placeplan report on a place plan", .serialized)
struct PlaceReportCLITests {
    @Test("report Data/borough shows places needed, capacity lines, sufficiency and each area's schools")
    func borough() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("borough.html")
        let result = try CLI.run(["report", "Data/borough", "--no-accuracy", "--out", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        let html = try String(contentsOf: out, encoding: .utf8)
        #expect(html.contains("Where places will be needed"))
        #expect(html.contains("Northgate (P01)"))
        #expect(html.components(separatedBy: "<section class=\"area\"").count - 1 == 12)
        #expect(html.contains("data-name=\"primary places\"") && html.contains("class=\"direct-label\""))
        // Each places line in its phase's colour, not three identical black lines.
        let placesLines = html.split(separator: "\n").filter { $0.contains("class=\"series\" data-name=\"") && $0.contains(" places\"") }
        let colours = Set(placesLines.compactMap { $0.components(separatedBy: "stroke=\"").dropFirst().first?.prefix(7) })
        #expect(placesLines.count > 3 && colours.count == 3 && !colours.contains("#000000"), "\(colours)")
        // The methods say how transfer, places and housing are made, from the settings used.
        let methods = html.components(separatedBy: "<h2>Methods and assumptions</h2>")[1]
        #expect(methods.contains("<dt>Secondary transfer</dt>") && methods.contains("<dt>Places</dt>") && methods.contains("<dt>Housing</dt>"))
        #expect(methods.contains("Spare capacity above 5%") && methods.contains("mean of 2020–2024 completions"))
        // Red only for a deficit; amber where spare overall but short in some year groups.
        #expect(html.contains("<span class=\"pressure\">Amber</span>"))
        #expect(html.contains("<h3>Schools</h3>"))
        // A primary area's table stops at Y6; a secondary area's starts at Y7.
        let northgate = html.components(separatedBy: "id=\"area-1\"")[1].components(separatedBy: "</section>")[0]
        #expect(northgate.contains("<th>Y6</th>") && !northgate.contains("<th>Y7</th>"))
        // Housing pupils are shown apart: on the first page and in the areas with planned homes.
        #expect(html.contains("<h3>Planned housing</h3>") && northgate.contains("Pupils from planned housing"))
        let without = folder.appendingPathComponent("no-housing.html")
        #expect(try CLI.run(["report", "Data/borough", "--no-accuracy", "--no-housing", "--out", without.path]).status == 0)
        #expect(!(try String(contentsOf: without, encoding: .utf8)).contains("Planned housing"))
    }
}

@Suite("placeplan report --format scap", .serialized)
struct ScapCLITests {
    @Test("SCAP shape: one row per area and year group, primary 5 years, secondary 7, the plan's whole pupils")
    func scap() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let scap = folder.appendingPathComponent("scap.csv")
        #expect(try CLI.run(["report", "Data/borough", "--format", "scap", "--out", scap.path]).status == 0)
        #expect(try CLI.run(["plan", "Data/borough", "--out-dir", folder.path]).status == 0)
        let rows = try String(contentsOf: scap, encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(rows[0].count == 4 + 7)
        // 8 primary areas × 7 year groups + 4 secondary areas × 7 year groups (Y7–Y13), then the
        // specialist rows: special school and resourced provision, pupils and places needed.
        #expect(rows.count == 1 + 8 * 7 + 4 * 7 + 4)
        #expect(rows.suffix(4).allSatisfy { $0[0] == "authority" && $0[3] == "all" && $0.count == 4 + 7 })
        let primary = try #require(rows.first { $0[0] == "P01" && $0[3] == "R" })
        #expect(primary[9] == "" && primary[10] == "" && !primary[8].isEmpty)
        let secondary = try #require(rows.first { $0[0] == "S1" && $0[3] == "Y7" })
        #expect(secondary.dropFirst(4).allSatisfy { Int($0) != nil })
        // The same whole pupils as the place plan's own table.
        let table = try String(contentsOf: folder.appendingPathComponent("plan-area-year-groups.csv"), encoding: .utf8)
        let planned = try #require(table.split(separator: "\n").first { $0.hasPrefix("2025,forecast,P01,primary,R,") })
        #expect(planned.split(separator: ",")[6] == primary[4])
    }

    @Test("the SCAP export refuses a horizon under 7 years")
    func shortHorizon() throws {
        let result = try CLI.run(["report", "Data/borough", "--format", "scap", "--horizon", "5", "--out", "/tmp/never.csv"])
        #expect(result.status != 0 && result.stderr.contains("7 years"))
    }
}

@Suite("placeplan backtest --level school", .serialized)
struct SchoolBacktestCLITests {
    @Test("scores every school of a place plan; a plan without schools says so")
    func schools() throws {
        let result = try CLI.run(["backtest", "Data/borough", "--level", "school", "--horizon", "1", "--methods", "mean-5", "--format", "csv"])
        #expect(result.status == 0, "\(result.stderr)")
        let primary = try #require(result.stdout.split(separator: "\n").first { $0.hasPrefix("area,mean-5,primary,1,") })
        // Dozens of primary schools over seven origins, not 8 areas.
        #expect((Int(primary.split(separator: ",")[4]) ?? 0) > 300)
        let england = try CLI.run(["backtest", "Data/england", "--level", "school", "--horizon", "1", "--methods", "mean-3"])
        #expect(england.status != 0 && england.stderr.contains("no schools.csv"))
    }
}

@Suite("placeplan report --format xlsx on a place plan", .serialized)
struct PlaceWorkbookCLITests {
    @Test("a place plan's workbook has capacity and schools sheets", .enabled(if: WorkbookCLITests.soffice != nil, "LibreOffice (soffice) is not installed"))
    func sheets() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("borough.xlsx")
        #expect(try CLI.run(["report", "Data/borough", "--no-accuracy", "--format", "xlsx", "--out", out.path]).status == 0)
        // Convert to OpenDocument XML and read the sheet names LibreOffice saw.
        let convert = Process()
        convert.executableURL = URL(fileURLWithPath: WorkbookCLITests.soffice!)
        convert.arguments = ["--headless", "-env:UserInstallation=file://\(folder.path)/lo-profile", "--convert-to", "fods",
                             "--outdir", folder.path, out.path]
        convert.standardOutput = FileHandle.nullDevice
        convert.standardError = FileHandle.nullDevice
        try convert.run()
        convert.waitUntilExit()
        let fods = try String(contentsOf: folder.appendingPathComponent("borough.fods"), encoding: .utf8)
        for name in ["authority", "areas", "forecast cells", "capacity", "schools", "housing"] {
            #expect(fods.contains("table:name=\"\(name)\""), "sheet \(name)")
        }
    }
}

@Suite("placeplan report with archived vintages", .serialized)
struct VintageReportCLITests {
    @Test("the first page shows how a published forecast compared with the census that followed")
    func trackRecord() throws {
        // England as known in 2016: rolls and births up to 2016; then the 2017 census arrives.
        let plan = try CLI.copyOfEngland()
        defer { try? FileManager.default.removeItem(at: plan.deletingLastPathComponent()) }
        // As known in 2016, Christchurch had not moved: there is no boundary change to restate.
        try FileManager.default.removeItem(at: plan.appendingPathComponent("area-changes.csv"))
        var census = ["year,area,area_name,year_group,pupils"]
        for name in ["rolls.csv", "births.csv"] {
            let url = plan.appendingPathComponent(name)
            let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
            if name == "rolls.csv" { census += lines.dropFirst().filter { $0.hasPrefix("2017,") }.map(String.init) }
            let kept = [lines[0]] + lines.dropFirst().filter { Int($0.prefix(4)).map { $0 <= 2016 } ?? false }
            try (kept.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
        }
        let censusFile = plan.deletingLastPathComponent().appendingPathComponent("census-2017.csv")
        try (census.joined(separator: "\n") + "\n").write(to: censusFile, atomically: true, encoding: .utf8)
        #expect(try CLI.run(["archive", plan.path, "--label", "Plan 2016", "--horizon", "2"]).status == 0)
        #expect(try CLI.run(["actuals", "import", censusFile.path, "--plan", plan.path]).status == 0)

        let html = plan.appendingPathComponent("report.html")
        let result = try CLI.run(["report", plan.path, "--horizon", "2", "--no-accuracy", "--out", html.path])
        #expect(result.status == 0, "\(result.stderr)")
        let text = try String(contentsOf: html, encoding: .utf8)
        #expect(text.contains("<h3>Accuracy of published forecasts</h3>"))
        #expect(text.contains("The 2017/18 intake forecast (Plan 2016) came within R intake "))
        // The row of the vintage one year ahead carries the authority's Reception error, as `accuracy` computes it.
        let accuracy = try CLI.run(["accuracy", plan.path, "--format", "csv"])
        let reception = try #require(accuracy.stdout.split(separator: "\n").first { $0.contains(",authority,authority,R intake,intake,2017,1,") })
        let percent = try #require(Double(reception.split(separator: ",").last!))
        let shown = (percent >= 0 ? "+" : "") + String(format: "%.2f", percent) + "%"
        #expect(text.contains("came within R intake \(shown)"), "\(shown)")
    }
}
