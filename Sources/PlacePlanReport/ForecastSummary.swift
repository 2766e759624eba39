import PlacePlanCore

/// The readable summary of a forecast a planner sees first: totals by phase over the years,
/// the areas changing most, and any place where the engine departed from the method.
public enum ForecastSummary {
    public static func render(plan: Plan, forecast: Forecast, largest: Int = 5) -> String {
        let ladder = forecast.ladder
        let history = plan.history
        var out = "\(plan.name)\n"
        out += "Forecast from \(Format.academicYear(forecast.baseYear)) (last census) for \(forecast.horizon) years, "
        out += "\(forecast.areas.count) areas, method \(forecast.settings.label)\n"
        if let choice = forecast.methodChoice {
            out += "auto chose: \(ladder.entry) intake \(choice.intake); "
                + choice.progression.enumerated().map { "\(ladder.yearGroups[$0.offset])→\(ladder.yearGroups[$0.offset + 1]) \($0.element)" }
                    .joined(separator: ", ") + "\n"
        }
        if let births = forecast.lastKnownBirthsYear {
            let projection = BirthsProjection(BirthSeries([:]), trendYears: forecast.settings.birthsTrendYears,
                                              damping: forecast.settings.birthsTrendDamping)
            out += "Births known to \(births) (\(history.birthsBasis.rawValue) basis); later births projected by \(projection)\n"
        } else {
            out += "No births file: each area's \(ladder.entry) follows its own recent trend\n"
        }

        // Totals by phase: the base year (actual) and every forecast year.
        let phases = ladder.phases.compactMap { p in ladder.indices(of: p).map { (p.name, $0) } }
        var table = TextTable(header: ["year"] + phases.map(\.0) + ["all pupils"])
        let actual = (0..<ladder.count).map { g in history.areas.reduce(0) { $0 + ($1.pupils(year: forecast.baseYear, yearGroup: g) ?? 0) } }
        table.add(["\(Format.academicYear(forecast.baseYear)) actual"] + phases.map { Format.number($0.1.reduce(0) { $0 + actual[$1] }) }
                  + [Format.number(actual.reduce(0, +))])
        for (h, year) in forecast.years.enumerated() {
            let totals = (0..<ladder.count).map { g in forecast.areas.reduce(0) { $0 + $1.pupils[h][g] } }
            table.add([Format.academicYear(year)] + phases.map { Format.number($0.1.reduce(0) { $0 + totals[$1] }) }
                      + [Format.number(totals.reduce(0, +))])
        }
        out += "\nPupils by phase, all areas\n" + table.render()

        // The areas whose first phase changes most by the end of the horizon.
        if let (name, range) = phases.first {
            let last = forecast.horizon - 1
            let changes: [(PlanningArea, Double, Double)] = forecast.areas.compactMap { area in
                guard let rolls = history.areas.first(where: { $0.area == area.area }) else { return nil }
                let now = range.reduce(0) { $0 + (rolls.pupils(year: forecast.baseYear, yearGroup: $1) ?? 0) }
                let then = range.reduce(0) { $0 + area.pupils[last][$1] }
                return now > 0 ? (area.area, now, then) : nil
            }.sorted { ($0.2 / $0.1) < ($1.2 / $1.1) }
            let endYear = Format.academicYear(forecast.baseYear + forecast.horizon)
            // Falls and rises apart only when they cannot overlap.
            let groups = changes.count <= 2 * largest
                ? [("Change", changes)]
                : [("Largest falls", Array(changes.prefix(largest))), ("Largest rises", Array(changes.suffix(largest).reversed()))]
            for (title, picked) in groups where !picked.isEmpty {
                var t = TextTable(header: ["area", Format.academicYear(forecast.baseYear), endYear, "change"])
                for (area, now, then) in picked {
                    t.add([area.label, Format.number(now), Format.number(then), Format.percent(then / now - 1, signed: true)])
                }
                out += "\n\(title) in \(name) pupils by \(endYear)\n" + t.render()
            }
        }

        let noted = forecast.areas.filter { !$0.notes.isEmpty && !$0.notes.allSatisfy { $0.hasPrefix("births after") } }
        if !noted.isEmpty {
            out += "\nNotes\n"
            for area in noted {
                for note in area.notes where !note.hasPrefix("births after") { out += "- \(area.area.label): \(note)\n" }
            }
        }
        return out
    }
}
