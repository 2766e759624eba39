import ArgumentParser
import Foundation
import PlacePlanCore
import PlacePlanIO
import PlacePlanReport
import PlacePlanStore

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the place plan as one self-contained HTML page, an .xlsx workbook or a SCAP-shaped CSV.",
        discussion: """
            The page has inline CSS and SVG charts, no scripts and no links outside itself, so it \
            opens offline and prints cleanly to PDF from a browser: a first page with totals by \
            phase, the areas changing most and the method's backtested accuracy; a section per \
            planning area with a chart (history, forecast, prediction band) and a table by year \
            group and year; and the methods and assumptions behind every figure.

            Examples:
              placeplan report
              placeplan report Data/england --out england.html
              placeplan report Data/borough --out borough.html      # a place plan: places, deficits, schools
              placeplan report my-plan --horizon 7 --intervals 90 --out plan.html
              placeplan report Data/england --format xlsx --out england.xlsx
              placeplan report Data/borough --format pdf --out borough.pdf       # needs Chromium
              placeplan report Data/borough --format scap --out scap.csv   # DfE survey shape
              placeplan report my-plan --changes-since 1 --out plan.html   # and why it changed since vintage 1
            """)

    @OptionGroup var location: PlanLocation
    @OptionGroup var flags: RunFlags
    @OptionGroup var database: DatabaseOption
    @Flag(help: "Leave out the backtested accuracy table (saves the replay).")
    var noAccuracy = false
    @Option(help: ArgumentHelp("Add a section on why the forecast changed since this archived vintage (id or label): waterfalls, as placeplan explain draws them.",
                               valueName: "id-or-label"))
    var changesSince: String?
    @Option(help: "html (one page), pdf (the page printed by headless Chromium), xlsx (a workbook, one sheet per table) or scap (CSV in the shape of the DfE school capacity survey). Default: from --out's extension (.html, .pdf, .xlsx, .csv), else html.")
    var format: Kind?
    @Option(name: .shortAndLong, help: ArgumentHelp("The file to write (whole or not at all). Default: report.html (report.pdf, report.xlsx, scap.csv with --format).",
                                                     valueName: "file"))
    var out: String?

    enum Kind: String, ExpressibleByArgument, FileFormat {
        case html, pdf, xlsx, scap
        var defaultFile: String { self == .scap ? "scap.csv" : "report.\(rawValue)" }
        var extensions: [String] {
            switch self {
            case .html: ["html", "htm"]
            case .scap: ["csv"]
            case .pdf, .xlsx: [rawValue]
            }
        }
        static var standard: Kind { .html }
    }

    func validate() throws { _ = try kind }
    /// --format, or what --out's extension names.
    var kind: Kind { get throws { try .chosen(format, out: out) } }

    func run() throws {
        let plan = try location.load().requiringPlacesIfPlacePlan(for: "the report")
        var options = flags.options
        // The report draws bands: 80% unless the flags or plan.toml say otherwise.
        if options.intervals == nil && plan.settings.intervals == nil { options.intervals = 80 }
        let run = try runPlan(plan, options)
        let format = try kind, path = out ?? format.defaultFile
        let backtest = noAccuracy || format == .scap ? nil : try run.pastAccuracy()
        let bytes: Data
        switch format {
        case .html, .pdf:
            var page = HTMLReport(run: run, generated: Self.timestamp(Date()), backtest: backtest, vintages: scoredVintages())
            page.content = try userInput("The report's own parts have problems; nothing was written.") {
                try PlanFolder.reportContent(try location.url(), plan: plan)
            }
            page.changes = try changesSince.map { try changes(since: $0, options: options) }
            bytes = format == .pdf ? try PDFExport.pdf(page.render()) : Data(page.render().utf8)
        case .xlsx:
            bytes = try WorkbookReport(run: run, backtest: backtest, vintages: scoredVintages()).workbook().data()
        case .scap:
            bytes = Data(try ScapOutput.csv(run).utf8)
        }
        try OutputOptions(out: path).emit(bytes, planFolder: try location.url())
        say("wrote \(path) (\(Format.number(Double(bytes.count) / 1024)) KB, \(Format.count(run.areaForecast.areas.count, "area")))")
    }

    /// Why the forecast changed since `key`: the vintage re-run from its files against the folder
    /// with the report's own flags (the same split `placeplan explain --from` prints).
    func changes(since key: String, options: RunOptions) throws -> HTMLReport.Changes {
        let folder = try location.url()
        let store = try database.open(planFolder: { folder }, mode: .existing)
        let older = try ChangeSides.vintage(key, in: store).side
        let swap = InputSwap(older: older, newer: try ChangeSides.folder(folder, name: "this report's forecast", options: options))
        return HTMLReport.Changes(explanation: try ChangeSides.explain(swap), older: older.name, newer: "this report's forecast")
    }

    /// Archived vintages scored against the actuals, when the plan's database exists: the track
    /// record the first page shows. No database is not an error (nothing has been archived yet);
    /// a database that cannot be read is said on standard error and left out.
    func scoredVintages() -> [AccuracyReport.Vintage] {
        guard let path = try? database.path(planFolder: { try location.url() }), FileManager.default.fileExists(atPath: path) else {
            return []
        }
        do {
            let store = try PlanStore(path: path, mode: .existing)
            return try store.score().map(AccuracyReport.Vintage.init)
        } catch {
            printError("warning: \(path): \(error); the report leaves out the accuracy of past vintages")
            return []
        }
    }

    /// "2026-11-22 22:50 UTC": unambiguous, and free of the process locale.
    static func timestamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        func two(_ n: Int?) -> String { let v = n ?? 0; return v < 10 ? "0\(v)" : "\(v)" }
        return "\(c.year ?? 0)-\(two(c.month))-\(two(c.day)) \(two(c.hour)):\(two(c.minute)) UTC"
    }
}
