/// One forecast figure as every output shows it: pupils to the tenth, made to add up — a
/// school's tenths are apportioned from its area's, the authority's are its areas' added up.
/// `forecast`, `archive` and the consistency tests all read these, so a cell has one value.
public struct ForecastCellValue: Equatable, Sendable {
    public let level: CellLevel
    /// The school's or area's code; `CellLevel.authorityCode` for the authority.
    public let code: String
    /// A school's planning area for this year group (`nil` for the authority).
    public let area: String?
    public let year: Int
    public let yearGroup: YearGroup
    /// Pupils in tenths: the unit every output rounds to.
    public let tenths: Int
    /// The prediction interval, when the run has one at this level.
    public let lower: Double?
    public let upper: Double?

    public var pupils: Double { Double(tenths) / 10 }
}

extension PlanRun {
    /// The levels this run has cells at: the authority and areas, and schools for a place plan.
    public var levels: [CellLevel] { places == nil ? [.authority, .area] : [.authority, .area, .school] }

    /// The run's cells at `level`, year by year: areas in the plan's order and their year groups
    /// (a primary area R–Y6); the authority's every year group; schools the year groups they
    /// teach while open (or while they still have pupils).
    public func cells(_ level: CellLevel) throws -> [ForecastCellValue] {
        switch level {
        case .area: return areaCells
        case .authority: return authorityCells
        case .school:
            var cells: [ForecastCellValue] = []
            try cellSource(.school).forEach { cells.append($0) }
            return cells
        }
    }

    /// The same cells as `cells(level)`, in the same order, handed over one at a time rather
    /// than gathered: a national plan has millions of school cells, and a writer needs only
    /// the one in hand.
    public func forEachCell(_ level: CellLevel, _ body: (ForecastCellValue) throws -> Void) throws {
        try cellSource(level).forEach(body)
    }

    /// The cells at `level` made ready once, to be handed out a span of forecast years at a
    /// time: a writer on each core, the spans then put together in order.
    public func cellSource(_ level: CellLevel) throws -> ForecastCellSource {
        switch level {
        case .area: return ForecastCellSource(years: areaForecast.years, listed: areaCells)
        case .authority: return ForecastCellSource(years: areaForecast.years, listed: authorityCells)
        case .school:
            guard let places else { throw PlanKindError(plan: plan.name, purpose: "--level school", missing: "schools.csv") }
            return ForecastCellSource(years: places.forecast.years, schools: SchoolCells(places.forecast, bands: uncertainty?.schools))
        }
    }

    /// Whether the cells at `level` have prediction intervals (as `cells(level)` shows them):
    /// every level of a run that was simulated.
    public func hasIntervals(_ level: CellLevel) -> Bool {
        switch level {
        case .area: return areaForecast.areas.contains { $0.intervals != nil }
        case .authority: return areaForecast.uncertainty != nil
        case .school: return uncertainty?.schools.isEmpty == false
        }
    }

    var areaCells: [ForecastCellValue] { areaForecast.areaCells }
    var authorityCells: [ForecastCellValue] { areaForecast.authorityCells }
}

extension Forecast {
    /// Every area's cells, to the tenth.
    public var areaCells: [ForecastCellValue] {
        let forecast = self
        var cells: [ForecastCellValue] = []
        cells.reserveCapacity(forecast.areas.count * forecast.horizon * forecast.ladder.count)
        for (h, year) in forecast.years.enumerated() {
            for area in forecast.areas {
                for (g, yearGroup) in forecast.ladder.yearGroups.enumerated() where area.yearGroups?.contains(g) ?? true {
                    let interval = area.intervals?[h][g]
                    cells.append(ForecastCellValue(level: .area, code: area.area.code, area: area.area.code, year: year,
                                                   yearGroup: yearGroup, tenths: Apportion.units(area.pupils[h][g], per: 10),
                                                   lower: interval?.lower, upper: interval?.upper))
                }
            }
        }
        return cells
    }

    /// Each year group's areas as printed, added up: the authority row equals the sum of the
    /// area rows a reader sees.
    public var authorityCells: [ForecastCellValue] {
        let forecast = self
        var cells: [ForecastCellValue] = []
        for (h, year) in forecast.years.enumerated() {
            for (g, yearGroup) in forecast.ladder.yearGroups.enumerated() {
                let tenths = forecast.authorityTenths(yearGroup: g, h: h)
                let interval = forecast.uncertainty?.authority[h, g]
                cells.append(ForecastCellValue(level: .authority, code: CellLevel.authorityCode, area: nil, year: year,
                                               yearGroup: yearGroup, tenths: tenths, lower: interval?.lower, upper: interval?.upper))
            }
        }
        return cells
    }

}
