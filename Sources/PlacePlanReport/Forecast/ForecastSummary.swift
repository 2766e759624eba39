import Foundation
import PlacePlanCore

/// The readable summary of a forecast a planner sees first: totals by phase over the years,
/// the areas changing most, and any place where the engine departed from the method.
public enum ForecastSummary {
    /// "Births known to 2022 (mid-year basis), 2023 as projected in births.csv": the years the
    /// file itself marks as projected are never called known. Used by the summary and the report.
    public static func birthsKnown(through last: Int, history: History) -> String {
        let projected = history.projectedBirthYears.filter { $0 <= last }
        let actual = (history.births ?? [:]).values.compactMap(\.lastActualYear).max() ?? last
        var text = "Births known to \(min(actual, last)) (\(history.birthsBasis.rawValue) basis)"
        if !projected.isEmpty {
            text += ", \(projected.map(String.init).joined(separator: ", ")) as projected in births.csv"
        }
        return text
    }

    /// "Ratios into 2015/16 left out (exclude_years); by 2029/30 that changes primary by -4,549, …",
    /// and an area's own years: "Salford (E08000006)'s ratios into 2015/16 left out (exclude-years.csv); …".
    static func exclusion(_ forecast: Forecast, history: History) -> String {
        let effects: [ExclusionEffect]
        do { effects = try forecast.exclusionEffect(history) } catch {
            // Never silent: the years are said even when their effect cannot be worked out.
            return "Years left out, but their effect could not be worked out: \(error)\n"
        }
        guard let year = effects.first?.year else { return "" }
        var said: [String] = []
        if !forecast.settings.excludedYears.isEmpty {
            let years = forecast.settings.excludedYears.sorted().map(Format.academicYear).joined(separator: ", ")
            let why = forecast.exceptionalYears.isEmpty ? "exclude_years"
                : "every area's ratios moved together: " + forecast.exceptionalYears.map { "\($0.percent) into \(Format.academicYear($0.year))" }
                    .joined(separator: ", ") + "; exclude_years = [] keeps them"
            said.append("Ratios into \(years) left out (\(why))")
        }
        let byArea = areaYearsLeftOut(forecast.settings, history: history).map { "\($0.area)'s ratios into \($0.years)" }
        if !byArea.isEmpty {
            let shown = byArea.prefix(3).joined(separator: ", ") + (byArea.count > 3 ? " and \(byArea.count - 3) more areas'" : "")
            said.append(shown + " left out (exclude-years.csv)")
        }
        let changes = effects.map { "\($0.phase) by \(($0.change >= 0.5 ? "+" : "") + Format.number($0.change))" }.joined(separator: ", ")
        return said.joined(separator: "; ") + "; by \(Format.academicYear(year)) that changes \(changes)\n"
    }

    /// Each area with years of its own left out (`exclude-years.csv`), in the history's order:
    /// "Salford (E08000006)" and "2015/16", as `check` and the summary both say them.
    static func areaYearsLeftOut(_ settings: ForecastSettings, history: History) -> [(area: String, years: String)] {
        history.areas.compactMap { rolls in
            settings.excludedAreaYears[rolls.area.code].map { (rolls.area.label, $0.sorted().map(Format.academicYear).joined(separator: ", ")) }
        }
    }

    /// How next year's entry used applications: "R 2020/21 from applications (145 areas) and births,
    /// weighted 0.62 and 0.38 (fitted on 725 past area-years)".
    static func applications(_ used: ApplicationsUse, entry: String) -> String {
        let w = used.blend.weight
        let fitted = used.blend.pairs > 0 ? "fitted on \(Format.count(used.blend.pairs, "past area-year"))"
            : "too few past years to fit, so averaged"
        return "\(entry) \(Format.academicYear(used.year)) from applications (\(Format.count(used.areas, "area"))) and births, weighted "
            + String(format: "%.2f and %.2f", locale: Locale(identifier: "en_GB"), w, 1 - w) + " (\(fitted))"
    }

    /// "4,480,123–4,530,456": a phase's interval as the summary and the report's first page show it.
    public static func range(_ band: (lower: Double, upper: Double)) -> String {
        "\(Format.number(band.lower))–\(Format.number(band.upper))"
    }

    /// The phase totals' prediction intervals year by year, when the forecast has them: the same
    /// draws' bounds `forecast --format csv` and the report give, so that asking for
    /// `--intervals` never leaves the summary without them.
    static func intervals(_ forecast: Forecast, phases: [(String, ClosedRange<Int>)]) -> String {
        guard let uncertainty = forecast.uncertainty else { return "" }
        let shown = phases.compactMap { phase in uncertainty.phaseColumn(phase.1).map { (phase.0, $0) } }
        guard !shown.isEmpty else { return "" }
        var table = TextTable(header: ["year"] + shown.map(\.0))
        for (h, year) in forecast.years.enumerated() {
            table.add([Format.academicYear(year)] + shown.map { range(uncertainty.authorityPhases[h, $0.1]) })
        }
        return "\n\(uncertainty.percent)% prediction intervals, all areas (\(Format.number(Double(uncertainty.draws))) simulated draws; "
            + "--format csv gives every cell's)\n" + table.render()
    }

    public static func render(plan: Plan, forecast: Forecast, largest: Int = 5) -> String {
        let ladder = forecast.ladder
        let history = plan.history
        var out = "\(plan.name)\n"
        out += "Forecast from \(Format.academicYear(forecast.baseYear)) (last census) for \(forecast.horizon) years, "
        out += "\(Format.count(forecast.areas.count, "area")), method \(forecast.settings.label)\n"
        if let choice = forecast.methodChoice {
            out += (forecast.settings.selection?.combine == true ? "ensemble weights" : "auto chose") + ": \(ladder.entry) intake \(choice.intake); "
                + choice.progression.enumerated().map { "\(ladder.yearGroups[$0.offset])→\(ladder.yearGroups[$0.offset + 1]) \($0.element)" }
                    .joined(separator: ", ") + "\n"
        }
        if let births = forecast.lastKnownBirthsYear {
            let projection = BirthsProjection(BirthSeries([:]), trendYears: forecast.settings.birthsTrendYears,
                                              damping: forecast.settings.birthsTrendDamping)
            out += "\(Self.birthsKnown(through: births, history: history)); later births projected by \(projection)\n"
        } else {
            out += "No births file: each area's \(ladder.entry) follows its own recent trend\n"
        }
        if let used = forecast.applications {
            out += Self.applications(used, entry: "\(ladder.entry)") + "\n"
        }
        // A break in an area's series is named before any figure that carries it.
        // As this run was made: a year it found exceptional is in its settings, and said below.
        for line in HistoryFindings(plan, settings: forecast.settings).lines(limit: 3) { out += line + "\n" }
        out += exclusion(forecast, history: history)

        // Totals by phase: the base year (actual) and every forecast year.
        let phases = ladder.phases.compactMap { p in ladder.indices(of: p).map { (p.name, $0) } }
        var table = TextTable(header: ["year"] + phases.map(\.0) + ["all pupils"])
        let actual = (0..<ladder.count).map { g in history.areas.reduce(0) { $0 + ($1.pupils(year: forecast.baseYear, yearGroup: g) ?? 0) } }
        table.add(["\(Format.academicYear(forecast.baseYear)) actual"] + phases.map { Format.number($0.1.reduce(0) { $0 + actual[$1] }) }
                  + [Format.number(actual.reduce(0, +))])
        // Forecast years: the authority rows `forecast --level authority` prints, added up.
        for year in forecast.years {
            table.add([Format.academicYear(year)] + phases.map { Format.number(forecast.total($0.1, year: year) ?? 0) }
                      + [Format.number(forecast.total(0...(ladder.count - 1), year: year) ?? 0)])
        }
        out += "\nPupils by phase, all areas\n" + table.render()
        out += intervals(forecast, phases: phases)

        // The areas whose first phase changes most by the end of the horizon (`Forecast.changes`).
        if let name = ladder.phases.first?.name {
            let changes = forecast.changes(history: history)
            let endYear = Format.academicYear(forecast.baseYear + forecast.horizon)
            // Falls and rises apart only when they cannot overlap.
            let groups = changes.extremes(largest).map { [("Largest falls", $0.falls), ("Largest rises", $0.rises)] }
                ?? [("Change", changes)]
            for (title, picked) in groups where !picked.isEmpty {
                var t = TextTable(header: ["area", Format.academicYear(forecast.baseYear), endYear, "change"])
                for change in picked {
                    t.add([change.area.label, Format.number(change.now), Format.number(change.then), Format.percent(change.relative, signed: true)])
                }
                out += "\n\(title) in \(name) pupils by \(endYear)\n" + t.render()
            }
        }

        return out
    }
}
