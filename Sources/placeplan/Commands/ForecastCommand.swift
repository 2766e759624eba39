import ArgumentParser
import Foundation
import PlacePlanCore
import PlacePlanReport

struct ForecastCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forecast",
        abstract: "Forecast pupils by year, area and year group.",
        discussion: """
            Prints a readable summary of the forecast. Rows, year,area,year_group,pupils for the projected years, come when asked for: --format csv or json, --level, or --out FILE (- for standard output). With no plan folder it forecasts the bundled England data.

            --level school writes year,school,area,year_group,pupils (plans with \
            schools.csv); --level authority writes year,year_group,pupils, the sum \
            of the areas. With housing.csv the pupils of planned homes are \
            included; --no-housing leaves them out. Schools' rows add up to their area's, and areas' to the \
            authority's, to the tenth of a pupil shown.

            Methods (--method, --intake-method): \(RatioMethod.syntax). --method auto \
            chooses, ratio by ratio, the method that predicted it best in the plan's own history; \
            --method ensemble weights them all by how well they predicted it (non-negative \
            least squares), and the summary gives the weights.

            Examples:
              placeplan forecast
              placeplan forecast Data/england --horizon 3
              placeplan forecast Data/england --method ensemble
              placeplan forecast Data/england --horizon 3 --format csv     # rows to standard output
              placeplan forecast Data/england --method mean-3 --format json --out forecast.json
              placeplan forecast my-plan --summary --out forecast.csv
              placeplan forecast Data/england --intervals 80 --out forecast.csv   # adds lower,upper
              placeplan forecast Data/borough --level school --horizon 5
              placeplan forecast Data/england --level authority
            """)

    @OptionGroup var location: PlanLocation
    @OptionGroup var flags: RunFlags
    @Option(help: "Output format: csv or json. Default: from --out's extension, else csv.")
    var format: RowFormat?
    @Option(help: "Rows for each school, area (default) or the authority; school needs schools.csv.")
    var level: CellLevel?
    @Flag(help: "Print the readable summary (to standard error when rows go to standard output).")
    var summary = false
    @OptionGroup var output: OutputOptions

    enum RowFormat: String, ExpressibleByArgument, FileFormat {
        case csv, json
        var extensions: [String] { [rawValue] }
        static var standard: RowFormat { .csv }
    }

    func validate() throws { _ = try kind }
    /// --format, or what --out's extension names.
    var kind: RowFormat { get throws { try .chosen(format, out: output.out) } }

    func run() throws {
        let run = try runPlan(try location.load(), flags.options)
        // The summary is made only to be shown: at school scale it is a tenth of the run.
        func readable() -> String { ForecastSummary.render(plan: run.plan, forecast: run.areaForecast) }
        // Rows only when asked for: one grammar, with a folder or without.
        if output.out == nil && format == nil && level == nil {
            say(readable(), terminator: "")
            endNow()
        }
        if try kind == .json {
            try output.emit(try ForecastOutput.json(run, level: level ?? .area), planFolder: try location.url())
        } else {
            let rows = try ForecastOutput.CSVRows(run, level: level ?? .area)
            try output.emit(csvPieces: rows.write, planFolder: try location.url())
        }
        if summary { if output.file == nil { printError(readable(), terminator: "") } else { say(readable(), terminator: "") } }
        endNow()
    }
}
