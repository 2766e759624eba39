import Foundation
import PlacePlanCore
import TOMLKit

/// `[costs]` and `[housing]` of plan.toml: what a place costs, and the housing settings that
/// turn new homes into developer contributions and background growth.
extension PlanConfig {
    /// `[costs]`, read by `ScenarioFile.costs` as the scenarios read it; nil when it has
    /// problems (reported into `reader`, with the rest of the file's). Any other error is thrown.
    static func costs(_ text: String, reader: TOMLReader) throws -> CostRates? {
        do {
            return try ScenarioFile.costs(planText: text, file: reader.file)
        } catch let errors as InputErrors {
            reader.add(contentsOf: errors.issues)
            return nil
        }
    }

    /// `[housing]`. One set of costs per place: `[costs]` (`costs`, when it has no problems)
    /// gives the permanent-expansion rates developer contributions use, unless `[housing]`
    /// overrides them.
    static func housing(_ top: TOMLSection, costs: CostRates?) -> HousingSettings {
        var housing = HousingSettings.default
        if let costs { housing.costPerPlace = HousingSettings.permanentCosts(costs) }
        guard let section = section("housing", of: top) else { return housing }
        section.unknownKeys(allowed: housingKeys, in: "housing")
        if let factor = section.number("regional_factor", valid: { $0 > 0 && $0 <= 5 },
                                       message: "regional_factor must be a number above 0 and at most 5 (1 = national average prices; regions run from about 0.9 to 1.3)",
                                       fix: "e.g. regional_factor = 1.08") {
            housing.regionalFactor = factor
        }
        for (key, phase) in [("primary_cost_per_place", PlacePhase.primary), ("secondary_cost_per_place", .secondary),
                             ("sixth_form_cost_per_place", .sixthForm)] {
            if let cost = section.number(key, valid: Bounds.costPerPlace.contains,
                                         message: "\(key) must be a cost per place in pounds, from 0 to \(Int(Bounds.costPerPlace.upperBound))",
                                         fix: "e.g. \(key) = \(Int(HousingSettings.nationalCosts[phase] ?? 0))") {
                housing.costPerPlace[phase] = cost
            }
        }
        let rules = HousingSettings.ChargeRule.allCases.map(\.rawValue)
        if let rule = section.text("charge_rule", message: "charge_rule must be one of \(rules.joined(separator: ", "))",
                                   fix: "e.g. charge_rule = \"peak\"") {
            if let chosen = HousingSettings.ChargeRule(rawValue: rule) { housing.chargeRule = chosen } else {
                section.issue("charge_rule", "charge_rule '\(rule)' is not a rule: use \(rules.joined(separator: " or "))",
                              fix: "charge_rule = \"peak\" (the most places not provided in any year) or \"completion\" (in the year the site completes)")
            }
        }
        background(section, into: &housing)
        return housing
    }

    /// `[housing] background = { AREA = dwellings a year }`: growth beyond the listed sites.
    static func background(_ section: TOMLSection, into housing: inout HousingSettings) {
        guard let rates = section.section("background", notATable: "background must be a table of dwellings a year by primary planning area",
                                          fix: "e.g. background = { P01 = 40, P02 = 25 }") else { return }
        for area in rates.table.keys {
            if let rate = rates.number(area), rate >= 0, rate <= Bounds.dwellings.upperBound { housing.background[area] = rate } else {
                rates.issue("background", "background.\(area) must be a number of dwellings a year, from 0 to \(Int(Bounds.dwellings.upperBound))",
                            fix: "e.g. background = { \(area) = 40 }")
            }
        }
    }
}
