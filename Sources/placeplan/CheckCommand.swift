import ArgumentParser
import PlacePlanCore
import PlacePlanReport

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate a plan folder and say what was read.",
        discussion: """
            Reads plan.toml, rolls.csv and births.csv (and schools.csv and areas.csv for a place
            plan) as a forecast would, reports every problem with its file, line and column, and
            exits non-zero if there is any. Warnings (likely mistakes that do not stop a forecast)
            go to standard error.

            Examples:
              placeplan check Data/england
              placeplan check Data/borough
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
        if let schools = plan.schools {
            let schoolYears = schools.rolls.values.reduce(0) { $0 + $1.pupils.count }
            print("- \(history.areas.count) planning areas (each the sum of its schools), rolls by school "
                  + "\(Format.academicYear(history.firstYear))–\(Format.academicYear(history.lastYear)), \(Format.number(Double(schoolYears))) school-years")
        } else {
            print("- \(history.areas.count) areas, rolls \(Format.academicYear(history.firstYear))–\(Format.academicYear(history.lastYear)), "
                  + "\(Format.number(Double(cells))) cells")
        }
        if let births = history.births {
            let years = births.values.flatMap(\.byYear.keys)
            print("- births (\(history.birthsBasis.rawValue)) \(years.min() ?? 0)–\(years.max() ?? 0) for \(births.count) areas")
        } else {
            print("- no births file: entry year group projected from its own trend")
        }
        if let schools = plan.schools {
            let byPhase = SchoolPhase.allCases.compactMap { phase -> String? in
                let n = schools.schools.filter { $0.phase == phase }.count
                return n == 0 ? nil : "\(n) \(phase.rawValue)"
            }
            let planned = schools.schools.filter { ($0.opened ?? 0) > schools.lastYear }.count
            print("- place plan: \(schools.schools.count) schools (\(byPhase.joined(separator: ", "))), "
                  + "\(schools.schools.filter(\.hasSixthForm).count) with sixth forms, \(planned) planned; "
                  + "\(schools.geography.primaryAreas.count) primary and \(schools.geography.secondaryAreas.count) secondary planning areas")
            print("- intake shares \(plan.shareMethod); spare-capacity target \(Format.percent(plan.targets.spareTarget)), "
                  + "operating margin \(Format.percent(plan.targets.operatingMargin))")
        }
        print("- method \(plan.settings.label), births trend \(plan.settings.birthsTrendYears) years, horizon \(plan.horizon)")
    }
}
