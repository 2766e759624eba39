import ArgumentParser
import PlacePlanCore
import PlacePlanReport

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate a plan folder and say what was read.",
        discussion: """
            Reads plan.toml, rolls.csv and births.csv as a forecast would, reports every problem
            with its file, line and column, and exits non-zero if there is any.

            Examples:
              placeplan check Data/england
              placeplan check my-plan/
            """)

    @OptionGroup var location: PlanLocation

    func run() throws {
        let plan = try location.load()
        let history = plan.history
        let cells = history.areas.reduce(0) { $0 + $1.pupils.count * history.ladder.count }
        print("\(plan.name): OK")
        print("- ladder \(history.ladder.name): \(history.ladder.yearGroups.map(\.name).joined(separator: ", ")) "
              + "(entry age \(history.ladder.entryAge))")
        print("- \(history.areas.count) areas, rolls \(Format.academicYear(history.firstYear))–\(Format.academicYear(history.lastYear)), "
              + "\(Format.number(Double(cells))) cells")
        if let births = history.births {
            let years = births.values.flatMap(\.byYear.keys)
            print("- births (\(history.birthsBasis.rawValue)) \(years.min() ?? 0)–\(years.max() ?? 0) for \(births.count) areas")
        } else {
            print("- no births file: entry year group projected from its own trend")
        }
        print("- method \(plan.settings.label), births trend \(plan.settings.birthsTrendYears) years, horizon \(plan.horizon)")
    }
}
