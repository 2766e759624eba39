/// Projected pupils for one planning area, by year and year group.
public struct AreaForecast: Equatable, Sendable {
    public let area: PlanningArea
    /// The projected years, base year + 1 … base year + horizon.
    public let years: [Int]
    /// `pupils[h][g]` for `years[h]` and year group `g` of the ladder.
    public let pupils: PupilGrid
    /// Where the engine had to depart from the method, in words a planner can act on.
    public let notes: [String]
    /// `intervals[h][g]` = (lower, upper) when the settings ask for prediction intervals.
    public var intervals: [[(lower: Double, upper: Double)]]? = nil
    /// The year groups this area is planned for (a primary planning area: R–Y6); `nil` = the
    /// whole ladder. Rows are written for these only.
    public var yearGroups: ClosedRange<Int>? = nil

    public static func == (a: AreaForecast, b: AreaForecast) -> Bool {
        a.area == b.area && a.years == b.years && a.pupils == b.pupils && a.notes == b.notes && a.yearGroups == b.yearGroups
            && a.intervals?.map { $0.map { [$0.lower, $0.upper] } } == b.intervals?.map { $0.map { [$0.lower, $0.upper] } }
    }

    public func pupils(year: Int, yearGroup g: Int) -> Double? {
        guard let h = years.firstIndex(of: year) else { return nil }
        return pupils[h][g]
    }
}

/// A forecast for every area of a plan from one base year.
public struct Forecast: Equatable, Sendable {
    public let ladder: Ladder
    /// The last census year used: the forecast starts the year after.
    public let baseYear: Int
    public let horizon: Int
    public let settings: ForecastSettings
    public var areas: [AreaForecast]
    /// The last year of known births, if births were given (later births were projected).
    public let lastKnownBirthsYear: Int?
    /// The methods chosen per ratio when the settings ask for a selection (`auto`).
    public var methodChoice: MethodSelection.Choice? = nil
    /// Years found exceptional (every area's ratios moved together) and so left out; they are in
    /// `settings.excludedYears` too.
    public var exceptionalYears: [ExceptionalYear] = []
    /// Next year's entry combined from births and applications (`nil`: no applications given).
    public var applications: ApplicationsUse? = nil
    /// Simulated intervals (and chances of shortfall), when asked for and the history allowed.
    public private(set) var uncertainty: ForecastUncertainty? = nil

    /// Keeps a simulation's intervals, each area's in the area too (what its cells show).
    public mutating func setUncertainty(_ uncertainty: ForecastUncertainty?) {
        self.uncertainty = uncertainty
        for i in areas.indices { areas[i].intervals = uncertainty?.areas[i].rows }
    }

    public var years: ClosedRange<Int> { (baseYear + 1)...(baseYear + horizon) }

    /// One row per year × area × year group, in that order: the shape of `rolls.csv`.
    public var cells: [ForecastCell] {
        var cells: [ForecastCell] = []
        cells.reserveCapacity(areas.count * horizon * ladder.count)
        for (h, year) in years.enumerated() {
            for area in areas {
                for (g, yearGroup) in ladder.yearGroups.enumerated() where area.yearGroups?.contains(g) ?? true {
                    let interval = area.intervals?[h][g]
                    cells.append(ForecastCell(year: year, area: area.area, yearGroup: yearGroup, pupils: area.pupils[h][g],
                                              lower: interval?.lower, upper: interval?.upper))
                }
            }
        }
        return cells
    }

    /// Pupils of a phase over all areas in a forecast year, as every output prints it: the
    /// authority's tenths (`authorityCells`) added up, so a summary's total is the sum of the
    /// `forecast --level authority` rows, not a rounding of its own.
    public func total(phase: Phase, year: Int) -> Double? {
        ladder.indices(of: phase).flatMap { total($0, year: year) }
    }

    /// The same for any year groups.
    public func total(_ yearGroups: ClosedRange<Int>, year: Int) -> Double? {
        guard years.contains(year) else { return nil }
        return Double(yearGroups.reduce(0) { $0 + authorityTenths(yearGroup: $1, h: year - baseYear - 1) }) / 10
    }

    /// One year group's authority total in tenths: each area's tenths, added up.
    func authorityTenths(yearGroup g: Int, h: Int) -> Int {
        areas.reduce(0) { sum, area in (area.yearGroups?.contains(g) ?? true) ? sum + Apportion.units(area.pupils[h][g], per: 10) : sum }
    }
}

public struct ForecastCell: Equatable, Sendable {
    public let year: Int
    public let area: PlanningArea
    public let yearGroup: YearGroup
    public let pupils: Double
    /// Prediction interval, when the forecast has one.
    public var lower: Double? = nil
    public var upper: Double? = nil
}
