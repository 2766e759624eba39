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
            Where housing.csv records completions in census years, each phase's
            yearly change in pupils in each area is fitted by least squares
            (LAPACK) as an area's own drift plus yield × completions that year,
            giving pupils per dwelling with its standard error. Primary in primary
            planning areas; secondary and post-16 in secondary areas (a site's
            secondary_area, else where most of its area's Year 6 go). The yields
            in use (yields.csv, or the defaults) are shown beside them: to use a
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
        guard let schools = plan.schools, let housing = plan.housing else {
            throw CLIFailure("\(plan.name) has no \(plan.schools == nil ? "schools.csv" : "housing.csv"): calibration needs a place plan "
                + "with completions in housing.csv (README, \"Housing growth and developer contributions\")")
        }
        let transfer = try TransferModel.fit(schools)
        let estimates = [YieldPhase.primary, .secondary, .post16].map { phase in
            YieldCalibration.fit(phase, YieldCalibration.observations(phase, history: schools, housing: housing) {
                HousingModel.secondaryArea(of: $0, transfer: transfer, geography: schools.geography)
            })
        }
        let inUse = housing.yields.row(for: .unknown)
        func n(_ x: Double?, _ d: Int) -> String { x.map { Format.number($0, decimals: d, grouping: false) } ?? "" }
        if format == .csv {
            var out = "phase,in_use,estimate,standard_error,observations,areas,note\n"
            for e in estimates {
                out += [e.phase.name, n(inUse.yield(e.phase), 3), n(e.value, 4), n(e.standardError, 4), String(e.observations),
                        String(e.areas), CSVField.quote(e.note ?? "")].joined(separator: ",") + "\n"
            }
            print(out, terminator: "")
            return
        }
        print("\(plan.name): pupil yields per dwelling, in use and estimated from history")
        print("In use: \(housing.yields.source) (any dwelling)")
        var table = TextTable(header: ["phase", "in use", "local estimate", "± s.e.", "≈95% range", "area-years", "areas", "note"])
        table.leftAligned = [0, 7]
        for e in estimates {
            let range = e.value.flatMap { v in e.standardError.map { "\(n(v - 1.96 * $0, 3))–\(n(v + 1.96 * $0, 3))" } } ?? ""
            table.add([e.phase.name, n(inUse.yield(e.phase), 3), n(e.value, 3), n(e.standardError, 3), range, String(e.observations),
                       String(e.areas), e.note ?? ""])
        }
        print(table.render(), terminator: "")
        print("Model: change in the phase's pupils = area's drift + yield × completions that year (least squares, LAPACK dgelsy).")
        print("A local estimate is worth using when its range is narrow and excludes nothing plausible; write it into yields.csv.")
    }
}
