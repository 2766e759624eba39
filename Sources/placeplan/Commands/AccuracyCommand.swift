import ArgumentParser
import Foundation
import PlacePlanCore
import PlacePlanReport
import PlacePlanStore

struct AccuracyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accuracy",
        abstract: "Score archived forecasts (vintages) against the actual rolls now known.",
        discussion: """
            For every vintage (or the one --vintage names), and every forecast year that
            has actuals: error = (forecast − actual) / actual, sign kept (positive means
            over-forecast), as DfE scorecards define it, by years ahead (1 = the year
            after the vintage's last census):
              - intake: the entry year group (Reception) and the first year group of the
                second phase (Y7), each in its September;
              - whole phases from the ladder (R–Y6, Y7–Y11, Y12–Y13);
            for the authority (the sum of its areas; scored once every area has its
            actual) and for each area (and school, where both forecast and actual exist).
            Cells without actuals yet are not scored; the table says how many are waiting.

            The table ends with the track record: one line per vintage and years ahead, \
            the authority's error and the median absolute error across areas, and whether \
            the latest vintage did better than the earlier ones. CSV and JSON give every \
            score, area by area.

            Reads --db FILE, else placeplan.sqlite in the plan folder DIR (default: the \
            bundled Data/england).

            Examples:
              placeplan accuracy my-plan
              placeplan accuracy my-plan --vintage "Pupil Place Plan 2025"
              placeplan accuracy --db archive/forecasts.sqlite --format csv --out accuracy.csv
            """)

    @OptionGroup var location: PlanLocation
    @Option(help: ArgumentHelp("Score only this vintage: its id or label.", valueName: "id-or-label"))
    var vintage: String?
    @OptionGroup var database: DatabaseOption
    @Option(help: "Output format: table, csv or json. Default: from --out's extension (.txt, .csv, .json), else table.")
    var format: TableFormat?
    @OptionGroup var output: OutputOptions

    func validate() throws { _ = try kind }
    /// --format, or what --out's extension names.
    var kind: TableFormat { get throws { try .chosen(format, out: output.out) } }

    func run() throws {
        let store = try database.open(planFolder: { try location.url() }, mode: .existing)
        let chosen = try vintage.map { key in [try storeCall { try store.vintage(matching: key) }] }
        let scored = try storeCall { try store.score(chosen) }
        let vintages = scored.map(AccuracyReport.Vintage.init)
        let text: String
        switch try kind {
        case .table:
            text = vintages.isEmpty
                ? "No vintages in \(store.path) yet: archive a forecast first (placeplan archive DIR).\n"
                : AccuracyReport.table(vintages, database: store.path)
        case .csv: text = AccuracyReport.csv(vintages)
        case .json: text = try AccuracyReport.json(vintages, database: store.path)
        }
        try output.emit(text, planFolder: try? location.url())
    }
}
