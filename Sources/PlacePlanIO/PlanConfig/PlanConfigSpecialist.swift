import PlacePlanCore

/// `[specialist]` and `[early_years]` of plan.toml: how pupils with EHC plans are projected and
/// placed, and how children become early-years places. Each value is checked here, once.
extension PlanConfig {
    static let specialistKeys: Set<String> = ["trend_years", "trend_damping", "max_change_percent", "placement_shares"]
    static let earlyYearsKeys: Set<String> = ["survival", "two_year_old_take_up", "universal_take_up", "extended_take_up",
                                              "hours_per_entitlement", "hours_per_place", "four_year_olds_in_school"]

    static func specialist(_ top: TOMLSection) -> SpecialistSettings {
        var settings = SpecialistSettings.default
        guard let section = section("specialist", of: top) else { return settings }
        section.unknownKeys(allowed: specialistKeys, in: "specialist")
        let years = SpecialistSettings.trendYearsRange
        if let n = section.wholeNumber("trend_years", in: years, message: "trend_years must be a whole number of years from \(years.lowerBound) to \(years.upperBound)",
                                       fix: "e.g. trend_years = 5") { settings.trendYears = n }
        if let d = section.number("trend_damping", valid: SpecialistSettings.dampingRange.contains,
                                  message: "trend_damping must be a number from 0 (hold the last rate) to 1 (follow the line)",
                                  fix: "e.g. trend_damping = 0.8") { settings.damping = d }
        if let p = section.number("max_change_percent", valid: { SpecialistSettings.maxChangeRange.contains($0 / 100) },
                                  message: "max_change_percent must be a percentage from 0 to 500: how far the projected rate may move from the last one",
                                  fix: "e.g. max_change_percent = 50") { settings.maxChange = p / 100 }
        if let shares = placementShares(section) { settings.shares = shares }
        return settings
    }

    /// `placement_shares = { special_school = 0.30, … }`: every placement's share, adding up to 1.
    static func placementShares(_ section: TOMLSection) -> PlacementShares? {
        let keys = Placement.allCases.map(\.tomlKey)
        let example = "placement_shares = { " + Placement.allCases.map { "\($0.tomlKey) = \(PlacementShares.england[$0])" }.joined(separator: ", ") + " }"
        guard let table = section.section("placement_shares", notATable: "placement_shares must be a table of shares by placement", fix: example) else { return nil }
        var shares: [Placement: Double] = [:], good = true
        for key in table.table.keys {
            guard let placement = Placement.allCases.first(where: { $0.tomlKey == key }) else {
                table.issue("placement_shares", "'\(key)' is not a placement type", fix: "use \(keys.joined(separator: ", "))")
                good = false
                continue
            }
            guard let share = table.number(key), (0...1).contains(share) else {
                table.issue("placement_shares", "placement_shares.\(key) must be a share from 0 to 1", fix: "e.g. \(key) = 0.3")
                good = false
                continue
            }
            shares[placement] = share
        }
        guard good else { return nil }
        let missing = keys.filter { key in !table.table.keys.contains(key) }
        if !missing.isEmpty {
            table.issue("placement_shares", "placement_shares gives no share for \(missing.joined(separator: ", "))",
                        fix: "give every placement its share (0 for none), adding up to 1: \(example)")
            return nil
        }
        guard let result = PlacementShares(shares) else {
            let sum = shares.values.reduce(0, +)
            table.issue("placement_shares", "the placement shares add up to \(Format3.text(sum)), not 1",
                        fix: "make them add up to 1 (to within \(PlacementShares.tolerance)): \(example)")
            return nil
        }
        return result
    }

    static func earlyYears(_ top: TOMLSection) -> EarlyYearsSettings {
        var settings = EarlyYearsSettings.default
        guard let section = section("early_years", of: top) else { return settings }
        section.unknownKeys(allowed: earlyYearsKeys, in: "early_years")
        let shares: [(String, WritableKeyPath<EarlyYearsSettings, Double>, String)] = [
            ("two_year_old_take_up", \.twoYearOldTakeUp, "0.2"), ("universal_take_up", \.universalTakeUp, "0.96"),
            ("extended_take_up", \.extendedTakeUp, "0.25"), ("four_year_olds_in_school", \.fourYearOldsInSchool, "1"),
        ]
        for (key, path, example) in shares {
            if let v = section.number(key, valid: EarlyYearsSettings.shareRange.contains,
                                      message: "\(key) must be a share of children from 0 to 1", fix: "e.g. \(key) = \(example)") {
                settings[keyPath: path] = v
            }
        }
        let survival = EarlyYearsSettings.survivalRange
        if let v = section.number("survival", valid: survival.contains,
                                  message: "survival must be a ratio of children to their cohort's births from \(survival.lowerBound) to \(survival.upperBound)",
                                  fix: "e.g. survival = 1 (births aged forward unchanged)") { settings.survival = v }
        let hours = EarlyYearsSettings.hoursRange
        for (key, path, example) in [("hours_per_entitlement", \EarlyYearsSettings.hoursPerEntitlement, "15"), ("hours_per_place", \.hoursPerPlace, "30")] {
            if let v = section.number(key, valid: hours.contains, message: "\(key) must be hours a week from \(Int(hours.lowerBound)) to \(Int(hours.upperBound))",
                                      fix: "e.g. \(key) = \(example)") { settings[keyPath: path] = v }
        }
        return settings
    }
}

/// A share written to three decimals in a message.
enum Format3 {
    static func text(_ x: Double) -> String {
        let scaled = (x * 1000).rounded() / 1000
        return scaled == scaled.rounded() ? String(Int(scaled)) : String(scaled)
    }
}
