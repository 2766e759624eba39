import ArgumentParser
import Foundation
import PlacePlanCore
import PlacePlanReport

struct ForecastCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forecast",
        abstract: "Forecast pupils by year, area and year group.",
        discussion: """
            Writes year,area,year_group,pupils rows for the projected years (CSV by default, to
            standard output unless --out is given). With no plan folder it forecasts the bundled
            England data and prints a readable summary instead.

            --level school writes year,school,area,year_group,pupils (plans with
            schools.csv); --level authority writes year,year_group,pupils, the sum
            of the areas. With housing.csv the pupils of planned homes are
            included; --no-housing leaves them out. Schools' rows add up to their area's, and areas' to the
            authority's, to the tenth of a pupil shown.

            Methods (--method, --intake-method): \(RatioMethod.syntax). --method auto
            chooses, ratio by ratio, the method that predicted it best in the plan's own history.

            Examples:
              placeplan forecast
              placeplan forecast Data/england --horizon 3
              placeplan forecast Data/england --method mean-3 --format json --out forecast.json
              placeplan forecast my-plan --summary --out forecast.csv
              placeplan forecast Data/england --intervals 80 --out forecast.csv   # adds lower,upper
              placeplan forecast Data/borough --level school --horizon 5
              placeplan forecast Data/england --level authority
            """)

    @OptionGroup var location: PlanLocation
    @Option(help: "Years ahead to forecast, 1–\(CohortSurvival.maximumHorizon). Default: plan.toml's, else \(10).")
    var horizon: Int?
    @Option(help: "Progression-ratio method, e.g. weighted-3, or auto. Default: plan.toml's, else the measured default.")
    var method: String?
    @Option(help: "Intake-ratio method (entry year group / births). Default: as --method.")
    var intakeMethod: RatioMethod?
    @Option(help: "Years of births a line is fitted to for births beyond the last known year (1 = flat).")
    var birthsTrendYears: Int?
    @Option(help: "Damping of the births trend per year, 0 (flat) to 1 (straight line).")
    var birthsTrendDamping: Double?
    @Option(help: "Prediction intervals of this coverage in percent (e.g. 80), calibrated on the plan's own past errors.")
    var intervals: Double?
    @Option(help: "Output format: csv or json.")
    var format: RowFormat?
    @Option(help: "Rows for each school, area (default) or the authority; school needs schools.csv.")
    var level: ForecastLevel?
    @Flag(help: "Print the readable summary (to standard error when rows go to standard output).")
    var summary = false
    @OptionGroup var output: OutputOptions
    @OptionGroup var housing: HousingOptions

    enum RowFormat: String, ExpressibleByArgument, CaseIterable { case csv, json }

    func validate() throws {
        if let intervals, !(50...99).contains(intervals) {
            throw ValidationError("--intervals is a coverage in percent from 50 to 99 (got \(intervals)).")
        }
        if let horizon, !(1...CohortSurvival.maximumHorizon).contains(horizon) {
            throw ValidationError("--horizon must be from 1 to \(CohortSurvival.maximumHorizon) years (got \(horizon)).")
        }
        if let method, ForecastSettings(spec: method) == nil || method.contains(":") {
            throw ValidationError("'\(method)' is not a method: use \(RatioMethod.syntax), or auto.")
        }
        if let d = birthsTrendDamping, !(0...1).contains(d) {
            throw ValidationError("--births-trend-damping must be from 0 to 1 (got \(d)).")
        }
        if let years = birthsTrendYears, !(1...30).contains(years) {
            throw ValidationError("--births-trend-years must be from 1 to 30 (got \(years)).")
        }
    }

    func run() throws {
        let plan = try location.load()
        var settings = plan.settings
        if let method {
            // Naming one method on the command line means it, for the intake too, unless
            // --intake-method says otherwise.
            settings = ForecastSettings(spec: method, base: settings)!
        }
        if let intakeMethod { settings.intakeMethod = intakeMethod; settings.selection = nil }
        if let birthsTrendYears { settings.birthsTrendYears = birthsTrendYears }
        if let birthsTrendDamping { settings.birthsTrendDamping = birthsTrendDamping }
        if let intervals { settings.intervals = intervals / 100 }
        let years = horizon ?? plan.horizon
        let place = try plan.schools.map {
            housing.apply(plan, to: try PlacePlanning.forecast($0, settings: settings, shareMethod: plan.shareMethod, horizon: years)).forecast
        }
        let forecast = try place?.areaForecast ?? CohortSurvival.forecast(plan.history, settings: settings, horizon: years)
        let readable = ForecastSummary.render(plan: plan, forecast: forecast)

        // No folder and nowhere asked for rows: the user wants to read, not pipe.
        if location.isDefault && output.out == nil && format == nil && level == nil {
            print(readable, terminator: "")
            return
        }
        let csv = (format ?? .csv) == .csv
        let rows: String
        switch level ?? .area {
        case .area:
            rows = csv ? ForecastOutput.csv(forecast) : try ForecastOutput.json(forecast, plan: plan.name)
        case .authority:
            rows = csv ? LevelOutput.authorityCSV(forecast) : try LevelOutput.authorityJSON(forecast, plan: plan.name)
        case .school:
            guard let place else {
                throw CLIFailure("--level school needs a plan with schools: \(plan.name) has no schools.csv "
                    + "(README, \"The place plan\"); use --level area or authority")
            }
            rows = csv ? LevelOutput.schoolCSV(place) : try LevelOutput.schoolJSON(place, plan: plan.name)
        }
        try output.emit(rows)
        if summary || location.isDefault {
            if output.out == nil { printError(readable, terminator: "") } else { print(readable, terminator: "") }
        }
    }
}
