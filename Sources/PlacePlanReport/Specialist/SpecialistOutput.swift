import PlacePlanCore

/// Specialist and early-years sufficiency as CSV tables (`placeplan plan --out-dir`), whole
/// numbers that add up: providers to the provision line, placements to the year's plans.
public enum SpecialistOutput {
    /// Special schools and resourced bases against the pupils placed in them, by year; then
    /// each provider's places (and, for special schools, pupils).
    public static func provision(_ plan: SpecialistPlan) -> String {
        var out = "year,basis,provision,code,name,places,pupils,surplus,places_needed\n"
        for year in plan.years {
            for placement in Placement.planned {
                guard let line = plan.line(placement, year: year) else { continue }
                let s = line.sufficiency
                out += row([String(year), basis(plan.isForecast(year)), placement.label, "", "all", String(s.capacity), String(s.pupils),
                            String(s.surplus), String(s.placesNeeded ?? 0)])
                for p in plan.providers where p.placement == placement && p.year == year {
                    let own = placement == .specialSchool
                    out += row([String(year), basis(plan.isForecast(year)), placement.label, p.code, p.label, String(p.sufficiency.capacity),
                                own ? String(p.sufficiency.pupils) : "", own ? String(p.sufficiency.surplus) : "", ""])
                }
            }
        }
        return out
    }

    /// Pupils with EHC plans by age group and year: the rate, what it is set against, the plans;
    /// then the year's whole plans by placement.
    public static func demand(_ plan: SpecialistPlan) -> String {
        var out = "year,basis,age,denominator,rate,plans,placement,pupils\n"
        for year in plan.years {
            for g in plan.groups where g.year == year {
                out += row([String(year), g.observed ? "actual" : "forecast", g.group.label, fixed(g.denominator, 1), fixed(g.rate, 5),
                            fixed(g.plans, 1), "", ""])
            }
            if let housing = plan.housing[year], housing > 0 {
                out += row([String(year), "forecast", "new homes (SEND yield)", "", "", fixed(housing, 1), "", ""])
            }
            for p in plan.placements where p.year == year {
                out += row([String(year), basis(plan.isForecast(year)), "all", "", "", "", p.placement.rawValue, String(p.pupils)])
            }
        }
        return out
    }

    /// Early-years places needed against providers' places, by primary area and year.
    public static func earlyYears(_ plan: EarlyYearsPlan) -> String {
        var out = "year,basis,area,name,age_2,age_3,age_4,two_year_olds,universal,extended,new_homes,places,demand_places,surplus,places_needed\n"
        for line in plan.areas {
            let s = line.sufficiency
            // The base year is modelled from births too (no count of places taken): "base", not "actual".
            out += row([String(line.year), plan.isForecast(line.year) ? "forecast" : "base", line.area.code, line.area.name]
                       + plan.ages.map { fixed(line.children[$0] ?? 0, 1) }
                       + [fixed(line.twoYearOlds, 1), fixed(line.universal, 1), fixed(line.extended, 1), fixed(line.housing, 1),
                          String(s.capacity), String(s.pupils), String(s.surplus), String(s.placesNeeded ?? 0)])
        }
        return out
    }

    static func basis(_ forecast: Bool) -> String { forecast ? "forecast" : "actual" }
    static func fixed(_ x: Double, _ decimals: Int) -> String { Format.number(x, decimals: decimals, grouping: false) }
    static func row(_ fields: [String]) -> String { fields.map(CSVField.quote).joined(separator: ",") + "\n" }
}
