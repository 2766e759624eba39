import ArgumentParser
import Foundation
import PlacePlanCore
import PlacePlanReport

struct BacktestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backtest",
        abstract: "Replay the past to measure each method's accuracy.",
        discussion: """
            For every origin year Y it forecasts from what was known at Y (rolls up to Y, births
            keyed up to Y, later births projected) and scores against the rolls of later years:
            error = (forecast − actual) / actual, per area, for the entry year group and each
            phase total. Reports the median absolute error across areas and origins.

            A plan with schools is replayed whole: primary areas from births, the transfer fitted
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

            A method is mean-K, weighted-K, trend-K, a blend such as mean-1+weighted-5, or auto;
            P:I uses P for progression ratios and I for the intake ratio.
            """)

    static let standardMethods = ["mean-1", "mean-3", "mean-5", "weighted-3", "weighted-5", "trend-3", "trend-5",
                                  "mean-1+weighted-5", "auto"]

    @OptionGroup var location: PlanLocation
    @Option(help: "Years ahead to score, 1–\(CohortSurvival.maximumHorizon).")
    var horizon = 3
    @Option(parsing: .upToNextOption, help: ArgumentHelp(
        "Methods to compare, comma- or space-separated. Default: \(standardMethods.joined(separator: ",")) and the plan's own.",
        valueName: "methods"))
    var methods: [String] = []
    @Option(help: "Years of births a line is fitted to beyond the last known year (1 = flat). Default: the plan's.")
    var birthsTrendYears: Int?
    @Option(help: "Damping of the births trend per year, 0 (flat) to 1 (straight line). Default: the plan's.")
    var birthsTrendDamping: Double?
    @Option(help: "Years of rolls needed before the first origin.")
    var minimumHistory = 3
    @Flag(help: "Also score every year group on its own.")
    var perYearGroup = false
    @Option(help: "Level shown: area (each area), authority (all areas added up) or school (each school; plans with schools.csv). CSV and JSON hold area and authority, or school and its total with --level school.")
    var level: Level = .area

    enum Level: String, ExpressibleByArgument, CaseIterable { case area, authority, school }
    @Option(help: "Prediction intervals of this coverage in percent (e.g. 80), calibrated on the plan's own past errors.")
    var intervals: Double?
    @Option(help: "Output format: table, csv or json.")
    var format: ReportFormat = .table
    @OptionGroup var output: OutputOptions

    enum ReportFormat: String, ExpressibleByArgument, CaseIterable { case table, csv, json }

    func validate() throws {
        if let intervals, !(50...99).contains(intervals) {
            throw ValidationError("--intervals is a coverage in percent from 50 to 99 (got \(intervals)).")
        }
        guard (1...CohortSurvival.maximumHorizon).contains(horizon) else {
            throw ValidationError("--horizon must be from 1 to \(CohortSurvival.maximumHorizon) years (got \(horizon)).")
        }
        for name in methodNames where ForecastSettings(spec: name) == nil {
            throw ValidationError("'\(name)' is not a method: use \(RatioMethod.syntax); "
                + "P:I uses P for progression and I for the intake ratio.")
        }
        if let d = birthsTrendDamping, !(0...1).contains(d) {
            throw ValidationError("--births-trend-damping must be from 0 to 1 (got \(d)).")
        }
        guard minimumHistory >= 2 else { throw ValidationError("--minimum-history must be at least 2 years.") }
    }

    var methodNames: [String] {
        methods.flatMap { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }.filter { !$0.isEmpty }
    }

    func run() throws {
        let plan = try location.load()
        var candidates: [ForecastSettings] = []
        let names = methodNames.isEmpty ? Self.standardMethods : methodNames
        for name in names {
            var settings = ForecastSettings(spec: name, base: plan.settings)!
            if let birthsTrendYears { settings.birthsTrendYears = birthsTrendYears }
            if let birthsTrendDamping { settings.birthsTrendDamping = birthsTrendDamping }
            if let intervals { settings.intervals = intervals / 100 }
            if !candidates.contains(settings) { candidates.append(settings) }
        }
        if methodNames.isEmpty {
            var own = plan.settings
            if let intervals { own.intervals = intervals / 100 }
            if !candidates.contains(own) { candidates.append(own) }
        }

        let origins = Backtest.origins(for: plan.history, minimumHistory: minimumHistory)
        guard !origins.isEmpty else {
            throw CLIFailure("the rolls cover \(plan.history.firstYear)–\(plan.history.lastYear): too few years to backtest "
                + "with --minimum-history \(minimumHistory); at least \(minimumHistory + 1) years are needed")
        }
        let showProgress = isatty(STDERR_FILENO) == 1
        let measures = Backtest.measures(for: plan.history.ladder, layout: plan.schools?.layout, perYearGroup: perYearGroup)
        let progress: (Int, Int) -> Void = { done, total in
            guard showProgress else { return }
            let width = 30, filled = width * done / total
            printError("\r[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
                       + "] \(done)/\(total) forecasts", terminator: done == total ? "\n" : "")
        }
        let result: Backtest.Result
        if level == .school {
            guard let schools = plan.schools else {
                throw CLIFailure("\(plan.name) has no schools.csv, so there are no schools to score; use --level area or authority")
            }
            result = try schools.schoolBacktest(methods: candidates, shareMethod: plan.shareMethod, horizon: horizon,
                                                origins: origins, progress: progress)
        } else {
            result = try plan.backtest(methods: candidates, horizon: horizon, origins: origins, perYearGroup: perYearGroup,
                                       progress: progress)
        }
        let text: String
        switch format {
        case .table:
            text = "\(plan.name)\n" + BacktestReport.table(result, methods: candidates.map(\.label), measures: measures.map(\.name),
                                                           horizons: Array(1...horizon), defaultMethod: plan.settings.label,
                                                           level: level == .authority ? .authority : .area,
                                                           unit: level == .school ? "schools" : "areas")
        case .csv: text = BacktestReport.csv(result)
        case .json: text = try BacktestReport.json(result)
        }
        try output.emit(text)
    }
}
