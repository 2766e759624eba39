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
            guard let places else { throw PlanKindError(plan: plan.name, purpose: "--level school", missing: "schools.csv") }
            var cells: [ForecastCellValue] = []
            places.forecast.forEachSchoolCell(bands: uncertainty?.schools) { cells.append($0) }
            return cells
        }
    }

    /// The same cells as `cells(level)`, in the same order, handed over one at a time rather
    /// than gathered: a national plan has millions of school cells, and a writer needs only
    /// the one in hand.
    public func forEachCell(_ level: CellLevel, _ body: (ForecastCellValue) throws -> Void) throws {
        switch level {
        case .area, .authority: for cell in try cells(level) { try body(cell) }
        case .school:
            guard let places else { throw PlanKindError(plan: plan.name, purpose: "--level school", missing: "schools.csv") }
            try places.forecast.forEachSchoolCell(bands: uncertainty?.schools, body)
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

extension PlaceForecast {
    /// Every school's cells to the tenth, apportioned from its area's, one at a time: year by year, schools in
    /// the plan's order, the year groups each teaches; with each school's intervals from
    /// `bands` (`ForecastUncertainty.schools`) when given.
    public func forEachSchoolCell(bands: [IntervalGrid?]? = nil, _ body: (ForecastCellValue) throws -> Void) rethrows {
        let forecast = self
        let rounded = forecast.rounded(per: 10)
        // The forecast is of mainstream pupils at every level: a special school is held at its
        // last census and counted only on the place plan's special lines, so that schools add
        // up to their areas and areas to the authority with nothing left over.
        let positions = forecast.schools.indices.filter { forecast.schools[$0].school.phase != .special }
        let mainstream = positions.map { forecast.schools[$0].school }
        // What does not change from year to year, worked out once per school.
        let units = positions.map { rounded.schools[$0] }
        let schoolBands = positions.map { bands?[$0] }
        let groups = forecast.ladder.count
        let taught = mainstream.map { school in
            forecast.ladder.yearGroups.indices.filter { school.teaches($0, layout: forecast.layout) }
                .map { (g: $0, area: school.area(for: $0, layout: forecast.layout) ?? "") }
        }
        let yearGroups = forecast.ladder.yearGroups
        for (h, year) in forecast.years.enumerated() {
            for (i, school) in mainstream.enumerated() {
                let open = school.isOpen(in: year)
                for (g, area) in taught[i] where open || units[i][h * groups + g] > 0 {
                    let interval = schoolBands[i]?[h, g]
                    try body(ForecastCellValue(level: .school, code: school.code, area: area, year: year,
                                               yearGroup: yearGroups[g], tenths: units[i][h * groups + g],
                                               lower: interval?.lower, upper: interval?.upper))
                }
            }
        }
    }
}
