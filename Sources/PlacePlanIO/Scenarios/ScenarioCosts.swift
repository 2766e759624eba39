import Foundation
import PlacePlanCore
import TOMLKit

extension ScenarioFile {
    /// `[costs]` keys: the cost per place of each phase and project type.
    static let costKeys: [String: (AreaKind, ProjectType)] = [
        "primary_permanent": (.primary, .permanent), "primary_new_school": (.primary, .newSchool), "primary_temporary": (.primary, .temporary),
        "secondary_permanent": (.secondary, .permanent), "secondary_new_school": (.secondary, .newSchool),
        "secondary_temporary": (.secondary, .temporary),
    ]

    /// `[costs] specialist`: a place in a special school or resourced base.
    static let specialistKey = "specialist"

    /// Costs per place from `[costs]` in plan.toml (pounds per place), the DfE national averages
    /// for any not given. plan.toml's syntax errors are `PlanConfig.parse`'s to report, so a
    /// file that is not TOML has the national averages here.
    public static func costs(planText text: String, file: String) throws -> CostRates {
        guard let reader = try? TOMLReader(text, file: file), let value = reader.root["costs"] else { return .dfe }
        guard let table = value.table else {
            throw InputErrors([InputIssue(file: file, line: reader.lines.header("costs", 0), columnName: "costs",
                                          message: "[costs] must be a table", fix: "write it as a section: [costs]")])
        }
        let costs = TOMLSection(reader: reader, table: table, locate: { key in reader.lines.line(of: key, in: "costs") })
        var rates = CostRates.dfe
        // Key by key in the file's order, so unknown and bad keys are listed as they come.
        for key in table.keys {
            if key == specialistKey {
                rates.specialistGiven = costs.number(key, valid: Bounds.costPerPlace.contains,
                                                     message: "\(key) must be a cost per specialist place in pounds, from 0 to \(Int(Bounds.costPerPlace.upperBound))",
                                                     fix: "e.g. \(key) = 84056 (4 × a primary place, the default)")
                continue
            }
            guard let (kind, type) = costKeys[key] else {
                costs.unknownKey(key, in: "costs", fix: TOMLSection.useOneOf(Array(costKeys.keys) + [specialistKey]))
                continue
            }
            guard let n = costs.number(key, valid: Bounds.costPerPlace.contains,
                                       message: "\(key) must be a cost per place in pounds, from 0 to \(Int(Bounds.costPerPlace.upperBound))",
                                       fix: "e.g. \(key) = 21014") else { continue }
            if kind == .primary { rates.primary[type] = n } else { rates.secondary[type] = n }
        }
        try reader.throwIfAny()
        return rates
    }
}
