import ArgumentParser
import Foundation
import PlacePlanCore
import PlacePlanIO
import PlacePlanReport

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the pupil place plan as one self-contained HTML page, or as an .xlsx workbook.",
        discussion: """
            The page has inline CSS and SVG charts, no scripts and no links outside itself, so it
            opens offline and prints cleanly to PDF from a browser: a first page with totals by
            phase, the areas changing most and the method's backtested accuracy; a section per
            planning area with a chart (history, forecast, prediction band) and a table by year
            group and year; and the methods and assumptions behind every figure.

            Examples:
              placeplan report
              placeplan report Data/england --out england.html
              placeplan report my-plan --horizon 7 --intervals 90 --out plan.html
              placeplan report Data/england --format xlsx --out england.xlsx
            """)

    @OptionGroup var location: PlanLocation
    @Option(help: "Years ahead, 1–\(CohortSurvival.maximumHorizon). Default: plan.toml's.")
    var horizon: Int?
    @Option(help: "Coverage of the prediction bands in percent (50–99). Default: the plan's, else 80.")
    var intervals: Double?
    @Flag(help: "Leave out the backtested accuracy table (saves the replay).")
    var noAccuracy = false
    @Option(help: "html (one page) or xlsx (a workbook, one sheet per table).")
    var format: Kind = .html
    @Option(name: .shortAndLong, help: ArgumentHelp("The file to write (whole or not at all). Default: report.html or report.xlsx.",
                                                     valueName: "file"))
    var out: String?

    enum Kind: String, ExpressibleByArgument, CaseIterable { case html, xlsx }

    func validate() throws {
        if let horizon, !(1...CohortSurvival.maximumHorizon).contains(horizon) {
            throw ValidationError("--horizon must be from 1 to \(CohortSurvival.maximumHorizon) years (got \(horizon)).")
        }
        if let intervals, !(50...99).contains(intervals) {
            throw ValidationError("--intervals is a coverage in percent from 50 to 99 (got \(intervals)).")
        }
    }

    func run() throws {
        let plan = try location.load()
        var settings = plan.settings
        settings.intervals = intervals.map { $0 / 100 } ?? settings.intervals ?? 0.8
        let forecast = try CohortSurvival.forecast(plan.history, settings: settings, horizon: horizon ?? plan.horizon)
        var plain = plan.settings
        plain.intervals = nil
        let backtest = noAccuracy ? nil : try? Backtest.run(plan.history, methods: [plain], horizon: min(3, forecast.horizon))
        let path = out ?? "report.\(format.rawValue)"
        let bytes: Data
        switch format {
        case .html:
            bytes = Data(HTMLReport(plan: plan, forecast: forecast, generated: Self.timestamp(Date()), backtest: backtest).render().utf8)
        case .xlsx:
            bytes = try WorkbookReport(plan: plan, forecast: forecast, backtest: backtest).workbook().data()
        }
        try OutputOptions(out: path).emit(bytes)
        print("wrote \(path) (\(Format.number(Double(bytes.count) / 1024)) KB, \(forecast.areas.count) areas)")
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
