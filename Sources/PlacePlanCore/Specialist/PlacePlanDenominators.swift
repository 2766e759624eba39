extension SpecialistDenominators {
    /// A place plan's: the authority's mainstream pupils (its schools' census up to the base
    /// year, then the forecast before housing — housing's SEND children come from their own
    /// yield) and its births (every primary area's, projected as the forecast projects them).
    public static func placePlan(history: SchoolHistory, forecast: PlaceForecast) -> SpecialistDenominators {
        let count = history.ladder.count
        var byYear: [Int: [Double]] = [:]
        for area in history.combinedHistory.areas {
            for year in area.years {
                var row = byYear[year] ?? Array(repeating: 0, count: count)
                for g in 0..<count { row[g] += area.pupils(year: year, yearGroup: g) ?? 0 }
                byYear[year] = row
            }
        }
        for (h, year) in forecast.years.enumerated() {
            var row = Array(repeating: 0.0, count: count)
            for area in forecast.areas {
                // Each area has pupils in its own year groups only: primary areas R–Y6, secondary Y7 on.
                for g in 0..<count where area.yearGroups?.contains(g) ?? true {
                    row[g] += area.pupils[h][g]
                }
            }
            byYear[year] = row
        }
        let pupils = byYear
        let births = history.births.map { series in
            BirthsProjection(BirthSeries.total(Array(series.values)), trendYears: forecast.settings.birthsTrendYears,
                             damping: forecast.settings.birthsTrendDamping)
        }
        let basis = history.birthsBasis, entryAge = history.ladder.entryAge
        return SpecialistDenominators(
            pupils: { year, groups in pupils[year].map { row in groups.reduce(0) { $0 + row[$1] } } },
            cohortBirths: { entryYear in births.flatMap { basis.cohortBirths(entryYear: entryYear, entryAge: entryAge, births: $0.value(at:)) } })
    }
}

extension BirthSeries {
    /// Several areas' births added up, over the years every one of them has.
    public static func total(_ series: [BirthSeries]) -> BirthSeries {
        guard let first = series.first else { return BirthSeries([:]) }
        var common = Set(first.byYear.keys)
        for s in series.dropFirst() { common.formIntersection(s.byYear.keys) }
        var summed: [Int: Double] = [:]
        for year in common { summed[year] = series.reduce(0) { $0 + ($1.byYear[year] ?? 0) } }
        return BirthSeries(summed, projected: Set(series.flatMap(\.projected)))
    }
}
