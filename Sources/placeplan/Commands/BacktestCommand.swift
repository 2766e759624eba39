import ArgumentParser
import Foundation
import PlacePlanCore
import PlacePlanReport

struct BacktestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backtest",
        abstract: "Replay the past to measure each method's accuracy.",
        discussion: """
            For every origin year Y it forecasts from what was known at Y (rolls up to Y, births \
            keyed up to Y, later births projected, applications for entry up to Y + 1) and \
            scores against the rolls of later years: \
            error = (forecast − actual) / actual, per area, for the entry year group and each \
            phase total. Reports the median absolute error across areas and origins.

            A plan with schools is replayed whole: primary areas from births, the transfer fitted \
            on the years known at the origin, secondary areas from it; Year 7 is scored too.

            Examples:
              placeplan backtest
              placeplan backtest Data/england --horizon 3 --methods mean-3,weighted-3,trend-5
              placeplan backtest Data/england --methods "mean-3 mean-1+weighted-5:weighted-3 auto"
              placeplan backtest Data/england --level authority --per-year-group
              placeplan backtest Data/borough --level school
              placeplan backtest Data/england --methods mean-1+weighted-5:weighted-3 --intervals 80
              placeplan backtest Data/england --format csv --out backtest.csv
              placeplan backtest Data/borough --horizon 3
              placeplan backtest Data/england --horizon 2 --shock 2015:-3   # one odd year: is it carried forward?
              placeplan backtest Data/england --horizon 2 --shock 2015:-3 --exclude-years 2015
              placeplan backtest Data/england --methods "mean-3 pooled(mean-3)"
              placeplan backtest Data/england --horizon 1 --no-applications   # what next September's applications add

            A method is mean-K, weighted-K, median-K, huber-K (a weighted mean with an odd year \
            down-weighted), trend-K, a blend such as mean-1+weighted-5, one of \
            these moved by the change all areas share such as shared(mean-1+weighted-5), or towards all areas' \
            by how noisy the area's own ratios are such as pooled(mean-1+weighted-5), auto or ensemble; P:I uses P \
            for progression ratios and I for the intake ratio.
            """)

    @OptionGroup var location: PlanLocation
    @Option(help: "Years ahead to score, \(SettingRule.horizonRange.lowerBound)–\(SettingRule.horizonRange.upperBound).")
    var horizon = 3
    @Option(parsing: .upToNextOption, help: ArgumentHelp(
        "Methods to compare, comma- or space-separated. Default: \(BacktestPlan.standardMethods.joined(separator: ",")) and the plan's own.",
        valueName: "methods"))
    var methods: [String] = []
    @Option(help: "Years of births a line is fitted to beyond the last known year (1 = flat). Default: the plan's.")
    var birthsTrendYears: Int?
    @Option(help: "Damping of the births trend per year, 0 (flat) to 1 (straight line). Default: the plan's.")
    var birthsTrendDamping: Double?
    @Option(help: "Prediction intervals of this coverage in percent (e.g. 80), calibrated on the plan's own past errors.")
    var intervals: Double?
    @Option(help: ArgumentHelp("Leave out the ratios into these academic years in every method replayed (e.g. 2015; comma-separated), "
                               + "or none. Default: plan.toml's, or else any year every area's ratios moved together in.", valueName: "years"),
            transform: yearList)
    var excludeYears: [Int]?
    @Option(help: "Years of rolls needed before the first origin.")
    var minimumHistory = 3
    @Flag(help: "Also score every year group on its own.")
    var perYearGroup = false
    @Flag(help: "Replay without the plan's applications (applications.csv): Reception from births alone, to see what they add.")
    var noApplications = false
    @Option(help: "Level shown: area (each area), authority (all areas added up) or school (each school; plans with schools.csv). CSV and JSON hold area and authority, or school and its total with --level school.")
    var level: CellLevel = .area
    @Option(help: ArgumentHelp("Test robustness to one odd year: every progression ratio into YEAR off by PERCENT (e.g. 2015:-3); replays the origins that see it, with and without.",
                               valueName: "year:percent"), transform: { text in
        guard let shock = Shock(text) else {
            throw ValidationError("--shock must be YEAR:PERCENT, e.g. 2015:-3 (a percent from -50 to 50, not 0), not '\(text)'.")
        }
        return shock
    })
    var shock: Shock?
    @Option(help: "Output format: table, csv or json. Default: from --out's extension (.txt, .csv, .json), else table.")
    var format: TableFormat?
    @OptionGroup var output: OutputOptions

    /// The settings every replayed method shares (the method itself is each one named).
    var shared: RunOptions {
        RunOptions(horizon: horizon, birthsTrendYears: birthsTrendYears, birthsTrendDamping: birthsTrendDamping, intervals: intervals,
                   excludeYears: excludeYears, applications: !noApplications)
    }

    func validate() throws {
        let problems = BacktestPlan.problems(methods: methods, shared: shared)
        if !problems.isEmpty { throw ValidationError(SettingProblems(problems).description) }
        guard minimumHistory >= 2 else { throw ValidationError("--minimum-history must be at least 2 years.") }
        // The format checked here, before the backtest runs, not when its table is written.
        if try kind != .table, shock != nil {
            throw ValidationError("--shock writes its table only (with and without the shock, side by side): leave out --format, or name the --out file .txt.")
        }
    }

    /// --format, or what --out's extension names.
    var kind: TableFormat { get throws { try .chosen(format, out: output.out) } }

    func run() throws {
        let plan = try location.load()
        let backtest = try BacktestPlan(plan, methods: methods, shared: shared, minimumHistory: minimumHistory)
        let showProgress = isatty(STDERR_FILENO) == 1
        if let shock { return try output.emit(shockTable(plan, backtest, shock, showProgress: showProgress), planFolder: try? location.url()) }
        let result = try backtest.run(plan, level: level, horizon: horizon, perYearGroup: perYearGroup) { done, total in
            if showProgress { printError(ProgressBar.line(done, of: total, unit: "forecasts"), terminator: done == total ? "\n" : "") }
        }
        let text: String
        switch try kind {
        case .table:
            text = "\(plan.name)\n" + BacktestReport.table(
                result, methods: backtest.candidates.map(\.label),
                measures: Backtest.measures(for: plan.history.ladder, layout: plan.places?.schools.layout, perYearGroup: perYearGroup).map(\.name),
                horizons: Array(1...horizon), defaultMethod: plan.settings.label, level: level == .authority ? .authority : .area,
                unit: level == .school ? "schools" : "areas")
        case .csv: text = BacktestReport.csv(result)
        case .json: text = try BacktestReport.json(result)
        }
        try output.emit(text, planFolder: try? location.url())
    }

    /// The shock test's table: every method from the origins that see the shock, with and without.
    func shockTable(_ plan: Plan, _ backtest: BacktestPlan, _ shock: Shock, showProgress: Bool) throws -> String {
        let (without, with) = try backtest.shockTest(plan, shock: shock, horizon: horizon) { done, total in
            if showProgress { printError(ProgressBar.line(done, of: total, unit: "forecasts"), terminator: done == total ? "\n" : "") }
        }
        return "\(plan.name)\n" + ShockReport.table(without: without, with: with, shock: shock, methods: backtest.candidates.map(\.label),
                                                    measures: Backtest.measures(for: plan.history.ladder).map(\.name),
                                                    horizons: Array(1...horizon), defaultMethod: plan.settings.label)
    }
}
