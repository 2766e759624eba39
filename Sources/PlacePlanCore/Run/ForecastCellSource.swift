/// A run's cells at one level, made ready once and handed out a span of forecast years at a
/// time, so that a writer on each core can take a span and the spans be put together in
/// order: the same cells, in the same order, as handing them all out at once.
public struct ForecastCellSource: Sendable {
    /// The forecast years.
    public let years: ClosedRange<Int>
    /// Area and authority cells, in year order (a few thousand: listed once).
    private let listed: [ForecastCellValue]
    /// School cells are made as they are handed out (a national plan has millions).
    private let schools: SchoolCells?

    init(years: ClosedRange<Int>, listed: [ForecastCellValue]) {
        self.years = years
        self.listed = listed
        schools = nil
    }

    init(years: ClosedRange<Int>, schools: SchoolCells) {
        self.years = years
        listed = []
        self.schools = schools
    }

    /// The cells of the forecast years at `positions` (0 = the first forecast year), in order.
    public func forEach(yearsAt positions: Range<Int>, _ body: (ForecastCellValue) throws -> Void) rethrows {
        if let schools { return try schools.forEach(yearsAt: positions, body) }
        guard !positions.isEmpty else { return }
        let first = years.lowerBound + positions.lowerBound, last = years.lowerBound + positions.upperBound - 1
        for cell in listed where cell.year >= first && cell.year <= last { try body(cell) }
    }

    /// Every cell, year by year.
    public func forEach(_ body: (ForecastCellValue) throws -> Void) rethrows {
        try forEach(yearsAt: 0..<years.count, body)
    }
}

/// A place forecast's school cells: each school's tenths apportioned from its area's (worked out
/// once), the year groups it teaches and its intervals; a cell is made as it is handed out.
struct SchoolCells: Sendable {
    private let years: ClosedRange<Int>
    private let yearGroups: [YearGroup]
    private let mainstream: [School]
    /// The schools' tenths, and each mainstream school's position among them.
    private let rounded: PlaceForecast.Rounded
    private let positions: [Int]
    private let bands: [IntervalGrid?]
    /// Each mainstream school's year groups, with its planning area for each.
    private let taught: [[(g: Int, area: String)]]

    init(_ forecast: PlaceForecast, bands: [IntervalGrid?]?) {
        let rounded = forecast.rounded(per: 10)
        // The forecast is of mainstream pupils at every level: a special school is held at its
        // last census and counted only on the place plan's special lines, so that schools add
        // up to their areas and areas to the authority with nothing left over.
        let positions = forecast.schools.indices.filter { forecast.schools[$0].school.phase != .special }
        years = forecast.years
        yearGroups = forecast.ladder.yearGroups
        mainstream = positions.map { forecast.schools[$0].school }
        self.rounded = rounded
        self.positions = positions
        self.bands = positions.map { bands?[$0] }
        taught = mainstream.map { school in
            forecast.ladder.yearGroups.indices.filter { school.teaches($0, layout: forecast.layout) }
                .map { (g: $0, area: school.area(for: $0, layout: forecast.layout) ?? "") }
        }
    }

    /// The cells of the forecast years at `positions`: year by year, schools in the plan's
    /// order, the year groups each teaches while open (or while it still has pupils).
    func forEach(yearsAt yearPositions: Range<Int>, _ body: (ForecastCellValue) throws -> Void) rethrows {
        for h in yearPositions {
            let year = years.lowerBound + h
            for (i, school) in mainstream.enumerated() {
                let open = school.isOpen(in: year)
                for (g, area) in taught[i] {
                    let tenths = rounded.units(school: positions[i], h: h, g: g)
                    guard open || tenths > 0 else { continue }
                    let interval = bands[i]?[h, g]
                    try body(ForecastCellValue(level: .school, code: school.code, area: area, year: year,
                                               yearGroup: yearGroups[g], tenths: tenths, lower: interval?.lower, upper: interval?.upper))
                }
            }
        }
    }
}
