import PlacePlanCore
import PlacePlanSpreadsheet

/// The workbook's `specialist` and `early years` sheets: the same lines as `plan-specialist.csv`
/// and `plan-early-years.csv`, numbers as numbers.
enum SpecialistSheets {
    static func specialist(_ plan: SpecialistPlan, name: String) -> Sheet {
        var rows: [[Cell]] = []
        for year in plan.years {
            for placement in Placement.planned {
                guard let s = plan.line(placement, year: year)?.sufficiency else { continue }
                rows.append([.integer(year), .text(plan.isForecast(year) ? "forecast" : "actual"), .text(placement.label), .text("all"),
                             .integer(s.capacity), .integer(s.pupils), .integer(s.surplus), .integer(s.placesNeeded ?? 0)])
                for p in plan.providers where p.placement == placement && p.year == year {
                    let own = placement == .specialSchool
                    rows.append([.integer(year), .text(plan.isForecast(year) ? "forecast" : "actual"), .text(placement.label), .text(p.label),
                                 .integer(p.sufficiency.capacity), own ? .integer(p.sufficiency.pupils) : .empty,
                                 own ? .integer(p.sufficiency.surplus) : .empty, .empty])
                }
            }
        }
        return Sheet(name: "specialist", columns: ["year", "basis", "provision", "school or base", "places", "pupils", "surplus", "places needed"],
                     rows: rows, title: "\(name): pupils with EHC plans placed in special schools and resourced provision, against places")
    }

    static func earlyYears(_ plan: EarlyYearsPlan, name: String) -> Sheet {
        let rows: [[Cell]] = plan.areas.map { line in
            [.integer(line.year), .text(line.area.label)] + plan.ages.map { Cell.number(line.children[$0] ?? 0) }
                + [.number(line.twoYearOlds), .number(line.universal), .number(line.extended), .number(line.housing),
                   .integer(line.sufficiency.capacity), .integer(line.sufficiency.pupils), .integer(line.sufficiency.surplus),
                   .integer(line.sufficiency.placesNeeded ?? 0)]
        }
        return Sheet(name: "early years", columns: ["year", "area"] + plan.ages.map { "aged \($0)" }
                        + ["funded 2-year-olds", "universal 15 hours", "extended hours", "new homes' children", "places", "places taken (demand)",
                           "surplus", "places needed"], rows: rows,
                     title: "\(name): early-years places the funded hours need, against the settings' places",
                     formats: [nil, nil] + Array(repeating: NumberFormat.oneDecimal, count: plan.ages.count + 4))
    }
}
