import ArgumentParser
import Foundation
import PlacePlanIO
import PlacePlanReport

struct ContributionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contributions",
        abstract: "Balances of the developer contributions ledger: agreed, received, to come, spent and held, by site and project.",
        discussion: """
            Reads contributions.csv in the plan folder (or --ledger FILE): one row \
            per event, site,project,kind,amount[,date][,note], kind agreed, \
            received or spent, amount in pounds. Prints, per site and project, \
            what was agreed and received, what is still to come, what was spent \
            and what is held, and flags more received than agreed or more spent \
            than received. See docs/housing.md.

            Examples:
              placeplan contributions Data/borough
              placeplan contributions Data/borough --format csv --out balances.csv
            """)

    @Argument(help: ArgumentHelp("Plan folder. Default: the bundled Data/borough.", valueName: "dir"))
    var folder: String?
    @Option(help: ArgumentHelp("The ledger. Default: contributions.csv in the plan folder.", valueName: "file.csv"))
    var ledger: String?
    @Option(help: "table or csv. Default: from --out's extension (.txt, .csv), else table.")
    var format: Kind?
    @OptionGroup var output: OutputOptions

    enum Kind: String, ExpressibleByArgument, FileFormat {
        case table, csv
        var extensions: [String] { self == .table ? ["txt"] : ["csv"] }
        static var standard: Kind { .table }
    }

    func validate() throws { _ = try kind }
    /// --format, or what --out's extension names.
    var kind: Kind { get throws { try .chosen(format, out: output.out) } }

    func run() throws {
        let planFolder = try PlanLocation.url(folder, bundled: "Data/borough")
        let file = ledger ?? planFolder.appendingPathComponent(PlanFolder.ledgerFile).path
        let read = try userInput("The ledger has problems; nothing was written.") { try LedgerReader.read(url: URL(fileURLWithPath: file)) }
        try output.emit(try kind == .csv ? LedgerReport.csv(read) : LedgerReport.table(read, file: file), planFolder: planFolder)
    }
}
