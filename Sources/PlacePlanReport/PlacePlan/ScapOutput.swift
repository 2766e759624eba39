import PlacePlanCore

/// Pupil forecasts in the shape the DfE's school capacity survey (SCAP) asks for: by planning
/// area, year group and year, whole pupils, primary 5 years ahead and secondary (with sixth
/// form) 7 years ahead.
///
/// One row per planning area and year group, one column per forecast year. The columns run 7
/// years; primary rows leave the last two empty, as the survey asks primary only 5 years ahead.
/// For a place plan the figures are the plan's own whole pupils (schools add up to areas); for
/// an area forecast they are the forecast rounded half away from zero. With a specialist plan,
/// the authority's specialist forecasts follow: pupils with EHC plans placed in special schools
/// and in resourced provision, and the places needed for each (`planning_area` = the authority's
/// name, `year_group` = `all`), over the secondary years.
public enum ScapOutput {
    public static let primaryYears = 5
    public static let secondaryYears = 7

    /// The run's SCAP rows; it must reach the survey's 7 years.
    public static func csv(_ run: PlanRun) throws -> String {
        guard run.horizon >= secondaryYears else { throw ScapTooShort(horizon: run.horizon) }
        return csv(forecast: run.areaForecast, placePlan: run.places?.tables) + (run.places?.specialist.map { specialistRows($0, name: run.plan.name) } ?? "")
    }

    /// The specialist rows: pupils placed, and places needed, by provision and year.
    static func specialistRows(_ plan: SpecialistPlan, name: String) -> String {
        var out = ""
        let years = (1...secondaryYears).map { plan.baseYear + $0 }
        for placement in Placement.planned {
            for (measure, value) in [("pupils", { (s: Sufficiency) in s.pupils }), ("places needed", { (s: Sufficiency) in s.placesNeeded ?? 0 })] {
                let cells = years.map { y in plan.line(placement, year: y).map { String(value($0.sufficiency)) } ?? "" }
                out += ([CSVField.quote("authority"), CSVField.quote(name), CSVField.quote("specialist: \(placement.label) (\(measure))"), "all"] + cells)
                    .joined(separator: ",") + "\n"
            }
        }
        return out
    }

    public struct ScapTooShort: Error, CustomStringConvertible {
        let horizon: Int
        public var description: String {
            "the SCAP export needs \(secondaryYears) years ahead (secondary), and the forecast reaches \(horizon); use --horizon \(secondaryYears) or more"
        }
    }

    public static func csv(forecast: Forecast, placePlan: PupilPlacePlan?) -> String {
        let ladder = forecast.ladder
        let firstPhase = ladder.phases.first.flatMap { ladder.indices(of: $0) } ?? 0...(ladder.count - 1)
        let columns = (1...min(secondaryYears, forecast.horizon)).map { forecast.baseYear + $0 }
        var out = "planning_area,planning_area_name,phase,year_group,"
        out += columns.map { Format.academicYear($0) }.joined(separator: ",") + "\n"
        // Whole pupils per area, year group and year from the place plan, when there is one.
        struct Cell: Hashable { let area: String; let yearGroup: Int; let year: Int }
        var whole: [Cell: Int] = [:]
        for line in placePlan?.areaYearGroups ?? [] {
            whole[Cell(area: line.owner, yearGroup: line.yearGroup, year: line.year)] = line.sufficiency.pupils
        }
        for area in forecast.areas {
            for g in area.yearGroups ?? 0...(ladder.count - 1) {
                let primary = firstPhase.contains(g)
                let phase = ladder.phases.first { ladder.indices(of: $0)?.contains(g) ?? false }?.name ?? ""
                // A primary area of a place plan has no secondary rows and vice versa; an area
                // forecast covers the whole ladder, and every year group is reported.
                var row = [CSVField.quote(area.area.code), CSVField.quote(area.area.name), CSVField.quote(phase),
                           CSVField.quote(ladder.yearGroups[g].name)]
                for (h, year) in columns.enumerated() {
                    if primary && h >= primaryYears { row.append(""); continue }
                    let value = whole[Cell(area: area.area.code, yearGroup: g, year: year)]
                        ?? Int(area.pupils[h][g].rounded(.toNearestOrAwayFromZero))
                    row.append(String(value))
                }
                out += row.joined(separator: ",") + "\n"
            }
        }
        return out
    }
}
