import PlacePlanCore

/// What housing growth added to a place plan, and why: for the summary and as a table.
public enum HousingSummary {
    public static func render(_ layer: HousingLayer, geography: Geography, layout: PhaseLayout) -> String {
        let first = layer.baseYear + 1, last = layer.baseYear + layer.horizon
        var out = "\nHousing growth (housing.csv): pupils of completions above each area's background rate are added\n"
        out += "(the background is already in the past ratios: adding it again would count those pupils twice)\n"
        var table = TextTable(header: ["area", "planned \(Format.academicYear(first))–\(Format.academicYear(last))", "background a year",
                                       "added", "primary", "secondary", "post-16", "background from"])
        table.leftAligned = [0, 7]
        for account in layer.accounts {
            let label = geography.area(code: account.area)?.label ?? account.area
            table.add([label, Format.number(account.plannedDwellings), Format.number(account.background, decimals: 1),
                       Format.number(account.addedDwellings), Format.number(account.pupilsAtHorizon[.primary] ?? 0),
                       Format.number(account.pupilsAtHorizon[.secondary] ?? 0), Format.number(account.pupilsAtHorizon[.post16] ?? 0),
                       account.backgroundSource])
        }
        out += table.render()
        out += "Pupils added are those in \(Format.academicYear(last)); secondary and post-16 pupils go to the secondary area most of "
            + "the area's Year 6 move to, unless housing.csv names one.\n"
        out += "Yields (\(layer.yields.source)):\n"
        for row in layer.yields.rows {
            out += "- \(row.category): " + YieldPhase.allCases.map { "\($0.name) \(Format.number(row.yield($0), decimals: 3))" }
                .joined(separator: ", ") + " per dwelling\n"
        }
        if !layer.yields.profile.isEmpty {
            for phase in YieldPhase.allCases {
                guard let values = layer.yields.profile[phase] else { continue }
                out += "- \(phase.name) share of the yield 0, 1, 2 … years after completion: "
                    + values.map { Format.number($0, decimals: 2) }.joined(separator: ", ") + " (the last held after)\n"
            }
        }
        let early = (0..<layer.horizon).map { h in layer.total(.earlyYears, h: h, layout: layout) }
        if early.contains(where: { $0 > 0 }) {
            out += "Early-years children from the new homes (not in the plan's year groups): \(Format.number(early.last ?? 0)) in "
                + "\(Format.academicYear(last))\n"
        }
        return out
    }

    /// `year,area,phase,year_group,pupils_added`: the housing part of every area's forecast, to a tenth.
    public static func csv(_ layer: HousingLayer, ladder: Ladder, layout: PhaseLayout) -> String {
        var out = "year,area,phase,year_group,pupils_added\n"
        for (h, year) in layer.years.enumerated() {
            for area in layer.areaPupils.keys.sorted() {
                let grid = layer.areaPupils[area]!
                for g in 0..<ladder.count where grid[h][g] != 0 {
                    out += [String(year), CSVField.quote(area), layout.phase(of: g).name, ladder.yearGroups[g].name,
                            Format.number(grid[h][g], decimals: 1, grouping: false)].joined(separator: ",") + "\n"
                }
            }
        }
        return out
    }
}
