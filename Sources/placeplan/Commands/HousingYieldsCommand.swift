import ArgumentParser
import Foundation
import PlacePlanCore
import PlacePlanIO
import PlacePlanReport

struct HousingYieldsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "housing-yields",
        abstract: "Local pupil yields estimated from past completions and rolls, beside the yields in use.",
        discussion: """
            Where housing.csv records completions in census years, each phase's \
            yearly change in pupils in each area is fitted by least squares \
            (LAPACK) as an area's own drift plus yield × completions that year, \
            giving pupils per dwelling with its standard error. Primary in primary \
            planning areas; secondary and post-16 in secondary areas (a site's \
            secondary_area, else where most of its area's Year 6 go). The yields \
            in use (yields.csv, or the defaults) are shown beside them: to use a \
            local estimate, write it into yields.csv.

            Examples:
              placeplan housing-yields Data/borough
              placeplan housing-yields my-plan --format csv
            """)

    @Argument(help: ArgumentHelp("Plan folder with schools.csv and housing.csv. Default: the bundled Data/borough.", valueName: "dir"))
    var folder: String?
    @Option(help: "table or csv.")
    var format: Kind = .table

    enum Kind: String, ExpressibleByArgument, CaseIterable { case table, csv }

    func run() throws {
        let plan = try PlanLocation.load(folder, bundled: "Data/borough")
        let estimates = try YieldCalibration.estimates(for: plan)
        let yields = try plan.requireHousing(for: "calibrating yields").1.yields
        say(format == .csv ? YieldsReport.csv(estimates, inUse: yields) : YieldsReport.table(estimates, inUse: yields, plan: plan.name),
              terminator: "")
    }
}
