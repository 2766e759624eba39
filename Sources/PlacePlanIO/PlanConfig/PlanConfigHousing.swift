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
        if let costs {
            housing.costPerPlace = HousingSettings.permanentCosts(costs)
            housing.newSchoolCostPerPlace = HousingSettings.newSchoolCosts(costs)
            housing.sendCostPerPlace = costs.specialistGiven
        }
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
        contributionSettings(section, into: &housing)
        if let rule: HousingSettings.ChargeRule = section.choice("charge_rule", example: "peak", meanings:
            "charge_rule = \"peak\" (the most places not provided in any year) or \"completion\" (in the year the site completes)") {
            housing.chargeRule = rule
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

    /// The developer contribution's project, region, specialist and early-years costs, land and
    /// payment triggers.
    static func contributionSettings(_ section: TOMLSection, into housing: inout HousingSettings) {
        for (key, path) in [("send_cost_per_place", \HousingSettings.sendCostPerPlace),
                            ("early_years_cost_per_place", \HousingSettings.earlyYearsCostPerPlace)] {
            if let cost = section.number(key, valid: Bounds.costPerPlace.contains,
                                         message: "\(key) must be a cost per place in pounds, from 0 to \(Int(Bounds.costPerPlace.upperBound))",
                                         fix: "e.g. \(key) = 84056") {
                housing[keyPath: path] = cost
            }
        }
        if let mitigation: HousingSettings.Mitigation = section.choice("mitigation", example: "expansion", meanings:
            "mitigation = \"expansion\" (places at existing schools) or \"new_school\"") {
            housing.mitigation = mitigation
        }
        let regions = Region.allCases.map(\.rawValue)
        if let text = section.text("region", message: "region must be the name of an English region", fix: "e.g. region = \"South East\"") {
            if let region = Region.allCases.first(where: { $0.rawValue.lowercased() == text.lowercased() }) {
                if section.table["regional_factor"] != nil {
                    section.issue("region", "give region or regional_factor, not both: the region sets the factor (\(region.locationFactor))",
                                  fix: "remove one of the two lines")
                } else {
                    housing.region = region
                    housing.regionalFactor = region.locationFactor
                }
            } else {
                section.issue("region", "region '\(text)' is not one of the DfE's: \(regions.joined(separator: ", "))",
                              fix: "e.g. region = \"South East\", or give the council's own regional_factor")
            }
        }
        land(section, into: &housing)
        if section.table["payment_triggers"] != nil {
            let values = section.table["payment_triggers"]?.array.map { $0.map { $0.double ?? $0.int.map(Double.init) } }
            if let values, !values.isEmpty, values.allSatisfy({ $0.map { $0 > 0 && $0 <= 100 } == true }),
               zip(values.dropFirst(), values).allSatisfy({ $0! > $1! }) {
                housing.paymentTriggers = values.map { $0! / 100 }
            } else {
                section.issue("payment_triggers", "payment_triggers must be percentages of the homes occupied, rising, each above 0 and at most 100",
                              fix: "e.g. payment_triggers = [25, 50, 75]")
            }
        }
    }

    /// `land_hectares_per_form_of_entry = { primary = 1.1, secondary = 1.6 }` and `land_value_per_hectare`.
    static func land(_ section: TOMLSection, into housing: inout HousingSettings) {
        let value = section.number("land_value_per_hectare", valid: { $0 >= 0 && $0 <= 1e9 },
                                   message: "land_value_per_hectare must be pounds a hectare, from 0 to 1,000,000,000",
                                   fix: "e.g. land_value_per_hectare = 1500000")
        let areas = section.section("land_hectares_per_form_of_entry",
                                    notATable: "land_hectares_per_form_of_entry must be a table of hectares by phase",
                                    fix: "e.g. land_hectares_per_form_of_entry = { primary = 1.1, secondary = 1.6 }")
        guard value != nil || areas != nil else { return }
        var hectares: [PlacePhase: Double] = [:]
        for key in areas?.table.keys ?? [] {
            let phase: PlacePhase? = key == "primary" ? .primary : key == "secondary" ? .secondary : key == "sixth_form" ? .sixthForm : nil
            if let phase, let h = areas?.number(key), h > 0, h <= 20 { hectares[phase] = h } else {
                areas?.issue(key, "land_hectares_per_form_of_entry.\(key) must be primary, secondary or sixth_form, with hectares above 0 and at most 20",
                             fix: "e.g. land_hectares_per_form_of_entry = { primary = 1.1, secondary = 1.6 }")
            }
        }
        guard let value, !hectares.isEmpty else {
            section.issue(value == nil ? "land_hectares_per_form_of_entry" : "land_value_per_hectare",
                          "land needs both land_hectares_per_form_of_entry and land_value_per_hectare",
                          fix: "give both, or neither (land is then not charged)")
            return
        }
        housing.land = LandCost(hectaresPerFormOfEntry: hectares, valuePerHectare: value)
    }

    /// `cost_base_period` and `cost_period`: checked against the index when it is read.
    static func costPeriods(_ top: TOMLSection, into config: inout PlanConfig) {
        guard let section = top.section("housing") else { return }  // a [housing] that is not a table is reported once, by housing(_:)
        config.hasHousingSection = true
        for key in ["cost_base_period", "cost_period"] {
            guard let text = section.text(key, trimmed: true, message: "\(key) must be a period: a quarter such as \"2026Q1\" or a year",
                                          fix: "e.g. \(key) = \"2026Q1\"") else { continue }
            guard CostIndexReader.ordinal(text) != nil else {
                section.issue(key, "\(key) '\(text)' is not a period: write a quarter as \"2026Q1\" or a year as \"2026\"",
                              fix: "e.g. \(key) = \"2026Q1\"")
                continue
            }
            if key == "cost_base_period" { config.costBasePeriod = text.uppercased() } else { config.costPeriod = text.uppercased() }
        }
    }
}
