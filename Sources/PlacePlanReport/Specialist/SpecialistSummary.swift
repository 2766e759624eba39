import PlacePlanCore

/// What `placeplan plan` prints of specialist places and early years.
public enum SpecialistSummary {
    public static func render(_ plan: SpecialistPlan) -> String {
        var out = "\nSpecialist places (pupils with EHC plans: prevalence trend × the mainstream forecast, placed by the placement shares)\n"
        let shares = Placement.allCases.map { "\($0.label) \(Format.percent(plan.settings.shares[$0], decimals: 1))" }
        out += "Placements: \(shares.joined(separator: ", ")); trend of the last \(plan.settings.trendYears) years, damped by "
            + "\(Format.number(plan.settings.damping, decimals: 2)) a year, within ±\(Format.percent(plan.settings.maxChange, decimals: 0)) of the last rate\n"
        var table = TextTable(header: ["year", "plans", "special school", "places", "needed", "resourced", "places", "needed"])
        for year in plan.years {
            guard let special = plan.line(.specialSchool, year: year)?.sufficiency,
                  let resourced = plan.line(.resourcedProvision, year: year)?.sufficiency else { continue }
            let total = plan.wholePlans(in: year)
            table.add([Format.academicYear(year) + (plan.isForecast(year) ? "" : " (census)"), Format.number(Double(total)),
                       Format.number(Double(special.pupils)), Format.number(Double(special.capacity)), Format.number(Double(special.placesNeeded ?? 0)),
                       Format.number(Double(resourced.pupils)), Format.number(Double(resourced.capacity)), Format.number(Double(resourced.placesNeeded ?? 0))])
        }
        out += table.render()
        for note in plan.notes { out += "Note: \(note)\n" }
        return out
    }

    public static func render(_ plan: EarlyYearsPlan) -> String {
        let s = plan.settings
        var out = "\nEarly years (funded places: children aged 2–4 from births, × take-up, × \(Format.number(s.hoursPerEntitlement)) hours ÷ "
            + "\(Format.number(s.hoursPerPlace)) hours a place)\n"
        out += "Take-up: two-year-olds \(Format.percent(s.twoYearOldTakeUp, decimals: 0)), universal 15 hours "
            + "\(Format.percent(s.universalTakeUp, decimals: 0)), extended hours \(Format.percent(s.extendedTakeUp, decimals: 0)); "
            + "four-year-olds in Reception \(Format.percent(s.fourYearOldsInSchool, decimals: 0))\n"
        let forecastYears = plan.years.filter(plan.isForecast)
        let short = Dictionary(grouping: plan.areas.filter { plan.isForecast($0.year) && ($0.sufficiency.placesNeeded ?? 0) > 0 }, by: \.area)
        if short.isEmpty {
            out += "No primary planning area is short of early-years places in any forecast year.\n"
        } else {
            var table = TextTable(header: ["area", "first short", "needed", "peak", "needed"])
            for (area, lines) in short.sorted(by: { $0.key.code < $1.key.code }) {
                let first = lines.min { $0.year < $1.year }!, peak = lines.max { ($0.sufficiency.placesNeeded!, $1.year) < ($1.sufficiency.placesNeeded!, $0.year) }!
                table.add([area.label, Format.academicYear(first.year), Format.number(Double(first.sufficiency.placesNeeded!)),
                           Format.academicYear(peak.year), Format.number(Double(peak.sufficiency.placesNeeded!))])
            }
            out += table.render()
        }
        var totals = TextTable(header: ["year", "places", "demand", "surplus", "needed"])
        for (year, sufficiency) in plan.authority where year == plan.baseYear || year == forecastYears.first || year == forecastYears.last {
            totals.add([Format.academicYear(year), Format.number(Double(sufficiency.capacity)), Format.number(Double(sufficiency.pupils)),
                        Format.number(Double(sufficiency.surplus)), Format.number(Double(sufficiency.placesNeeded ?? 0))])
        }
        out += totals.render()
        for note in plan.notes { out += "Note: \(note)\n" }
        return out
    }
}
