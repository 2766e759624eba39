import PlacePlanCore
import PlacePlanSpreadsheet

/// The developer contribution as a workbook: the charges, every phase and year, every year
/// group, the payments and any shared school, with numbers as numbers — the same figures as
/// the text, HTML and CSV, from the same assessment.
public enum DeveloperWorkbook {
    public static func workbook(_ assessments: [DeveloperAssessment], geography: Geography) -> Workbook {
        var charges: [[Cell]] = [], phases: [[Cell]] = [], groups: [[Cell]] = [], payments: [[Cell]] = []
        for a in assessments {
            for c in a.charges {
                let line = a.line(c.phase, c.year)
                charges.append([.text(a.name), .text(c.phase.name), .text(DeveloperReport.label(c.area, geography)), .text(Format.academicYear(c.year)),
                                .number(line?.sitePupils ?? 0), line?.hasPlaces == true ? .number(line?.placesAvailable ?? 0) : .empty,
                                .number(c.notProvided), .integer(c.places), .text(c.cost.project), .number(c.cost.national),
                                .number(c.cost.regionalFactor), .number(c.cost.indexFactor), .number(c.cost.landPerPlace),
                                .number(c.costPerPlace), .number(c.contribution)])
            }
            charges.append([.text(a.name), .text("total")] + Array(repeating: Cell.empty, count: 5)
                           + [.integer(a.charges.reduce(0) { $0 + $1.places })] + Array(repeating: Cell.empty, count: 6) + [.number(a.total)])
            for line in a.lines {
                phases.append([.text(a.name), .text(line.phase.name), .text(line.area ?? ""), .text(Format.academicYear(line.year)),
                               .number(line.sitePupils), .number(line.trajectoryPupils),
                               line.hasPlaces ? .integer(line.capacity) : .empty, line.hasPlaces ? .integer(line.planPupils) : .empty,
                               line.hasPlaces ? .number(line.baselinePupils) : .empty, line.hasPlaces ? .number(line.placesAvailable) : .empty,
                               .number(line.notProvided)])
                for g in line.yearGroups {
                    groups.append([.text(a.name), .text(g.phase.name), .text(g.area), .text(Format.academicYear(g.year)),
                                   .text(a.ladder.yearGroups[g.yearGroup].name), .integer(g.capacity), .number(g.operatingMargin),
                                   .integer(g.planPupils), .number(g.sitePupils), .number(g.baselinePupils), .number(g.placesAvailable),
                                   .number(g.notProvided)])
                }
            }
            for p in PaymentSchedule(a).payments {
                payments.append([.text(a.name), .number(p.trigger), .number(p.homes), .text(Format.academicYear(p.year)), .number(p.amount),
                                 p.indexed.map(Cell.number) ?? .empty])
            }
        }
        var sheets = [
            Sheet(name: "contribution", columns: ["development", "phase", "area", "year", "site pupils", "places available", "places not provided",
                                                  "places charged", "project", "national cost per place", "location factor", "index factor",
                                                  "land per place", "cost per place", "contribution"], rows: charges,
                  title: "Developer contribution: the places charged and what each costs",
                  formats: [nil, nil, nil, nil, .oneDecimal, .oneDecimal, .oneDecimal, .whole, nil, .pounds, .threeDecimals, .threeDecimals,
                            .pounds, .pounds, .pounds]),
            Sheet(name: "phases by year", columns: ["development", "phase", "area", "year", "site pupils", "of which trajectory", "places",
                                                    "plan pupils", "baseline pupils", "places available", "places not provided"], rows: phases,
                  title: "Site pupils against places, by phase and forecast year",
                  formats: [nil, nil, nil, nil, .oneDecimal, .oneDecimal, .whole, .whole, .oneDecimal, .oneDecimal, .oneDecimal]),
            Sheet(name: "year groups", columns: ["development", "phase", "area", "year", "year group", "places", "operating margin", "plan pupils",
                                                 "site pupils", "baseline pupils", "places available", "places not provided"], rows: groups,
                  title: "The test by year group: places less the operating margin less the baseline without the site",
                  formats: [nil, nil, nil, nil, nil, .whole, .percent, .whole, .oneDecimal, .oneDecimal, .oneDecimal, .oneDecimal]),
            Sheet(name: "payments", columns: ["development", "share of homes occupied", "homes", "expected", "amount", "at that year's index"],
                  rows: payments, title: "Payments at occupation triggers (they add up to the total)",
                  formats: [nil, .percent, .oneDecimal, nil, .twoDecimals, .twoDecimals]),
        ]
        let schools = SharedSchool.plan(for: assessments)
        if !schools.isEmpty {
            sheets.append(Sheet(name: "shared school", columns: ["phase", "forms of entry", "places", "building", "land", "development", "places not provided", "share"],
                                rows: schools.flatMap { s in
                                    s.shares.map { [.text(s.phase.name), .integer(s.formsOfEntry), .integer(s.places), .number(s.buildCost), .number(s.landCost),
                                                    .text($0.development), .integer($0.places), .number($0.amount)] }
                                        + [[.text(s.phase.name), .integer(s.formsOfEntry), .integer(s.places), .number(s.buildCost), .number(s.landCost),
                                            .text("the council"), .integer(s.places - s.neededPlaces), .number(s.councilShare)]]
                                }))
        }
        return Workbook(sheets: sheets)
    }
}
