import ArgumentParser
import Foundation
import PlacePlanCore
import PlacePlanIO
import PlacePlanReport
import PlacePlanStore

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Why a forecast changed: the change split among the inputs that differ.",
        discussion: """
            Compares two forecasts of a plan and splits every cell's change among the inputs \
            that differ — the census (rolls.csv, area-changes.csv), births, applications, method and settings \
            (plan.toml and the run's flags), housing, schools and areas — by re-running the \
            forecast with each mix of old and new inputs. Each input's share is its Shapley \
            value (its effect averaged over every order of swapping), so the shares add up to \
            the change exactly.

            The two forecasts: --from an archived vintage and --to another (both in the plan's \
            database, which keeps each vintage's files), or --from a vintage and the plan \
            folder as it stands, or --with another plan folder (DIR before, the other after). \
            The flags (--method, --horizon, --no-housing, --no-applications …) are the newer forecast's: --with DIR \
            and a flag compares DIR as it is with DIR run that way (method A against B, with and \
            without housing).

            Examples:
              placeplan explain my-plan --from 1
              placeplan explain Data/borough --with Data/borough --no-housing
              placeplan explain Data/england --with Data/england --no-applications
              placeplan explain Data/borough --with Data/borough --method mean-3
              placeplan explain Data/borough --with my-plan --format csv --out change.csv
              placeplan explain my-plan --from 1 --format html --out change.html
            """)

    @OptionGroup var location: PlanLocation
    @Option(help: ArgumentHelp("The older forecast: an archived vintage's id or label.", valueName: "id-or-label"))
    var from: String?
    @Option(help: ArgumentHelp("The newer forecast: another vintage (default: the plan folder as it stands).", valueName: "id-or-label"))
    var to: String?
    @Option(help: ArgumentHelp("The newer forecast is this plan folder's (DIR's is the older).", valueName: "dir"))
    var with: String?
    @OptionGroup var flags: RunFlags
    @OptionGroup var database: DatabaseOption
    @Option(help: "Output format: table, csv (every cell), html (waterfalls) or xlsx (phases and cells). Default: from --out's extension, else table.")
    var format: ExplainFormat?
    @OptionGroup var output: OutputOptions

    enum ExplainFormat: String, ExpressibleByArgument, FileFormat {
        case table, csv, html, xlsx
        var extensions: [String] {
            switch self {
            case .table: ["txt"]
            case .html: ["html", "htm"]
            case .csv, .xlsx: [rawValue]
            }
        }
        static var standard: ExplainFormat { .table }
    }

    /// --format, or what --out's extension names.
    var kind: ExplainFormat { get throws { try .chosen(format, out: output.out) } }

    func validate() throws {
        guard (from == nil) != (with == nil) else {
            throw ValidationError("give --from VINTAGE (an archived forecast) or --with DIR (another plan folder), one of them.")
        }
        if to != nil && from == nil { throw ValidationError("--to needs --from: the older vintage.") }
        if try kind == .xlsx && output.file == nil { throw ValidationError("--format xlsx writes a workbook: give --out FILE.xlsx.") }
    }

    func run() throws {
        let swap = try sides()
        let explanation = try ChangeSides.explain(swap)
        let (older, newer) = (swap.older.name, swap.newer.name)
        switch try kind {
        case .table: try output.emit(ExplainSummary.text(explanation, older: older, newer: newer), planFolder: try? location.url())
        case .csv: try output.emit(ExplainSummary.csv(explanation.change), planFolder: try? location.url())
        case .html: try output.emit(ExplainPage.html(explanation, older: older, newer: newer), planFolder: try? location.url())
        case .xlsx: try output.emit(try ExplainSummary.workbook(explanation, older: older, newer: newer).data(), planFolder: try? location.url())
        }
    }

    /// The older and newer forecasts as files and flags: vintages from the database, or folders.
    /// The flags are the newer side's: `--with DIR --method mean-3` is DIR as it is against DIR with mean-3.
    func sides() throws -> InputSwap {
        let folder = try location.url(), name = location.folder ?? "Data/england"
        if let with {
            return InputSwap(older: try ChangeSides.folder(folder, name: name, options: RunOptions()),
                             newer: try ChangeSides.folder(URL(fileURLWithPath: with), name: with + (flags.options == RunOptions() ? "" : " (with the flags given)"),
                                                           options: flags.options))
        }
        let store = try database.open(planFolder: { folder }, mode: .existing)
        let older = try ChangeSides.vintage(from!, in: store)
        guard let to else { return InputSwap(older: older.side, newer: try ChangeSides.folder(folder, name: name, options: flags.options)) }
        let newer = try ChangeSides.vintage(to, in: store)
        guard older.vintage.planName == newer.vintage.planName else {
            throw CLIFailure("\(older.vintage.name) is a forecast of \(older.vintage.planName) and \(newer.vintage.name) of \(newer.vintage.planName): "
                + "explain two forecasts of one plan.")
        }
        return InputSwap(older: older.side, newer: newer.side)
    }
}
