/// Pupils on roll in one planning area: a complete grid of years × year groups, as counted in
/// each January census. Year `y` is the academic year starting in September of `y`.
public struct AreaRolls: Equatable, Sendable {
    public let area: PlanningArea
    public let firstYear: Int
    /// `pupils[y - firstYear][g]`: pupils in year group `g` (ladder order) in year `y`.
    public let pupils: [[Double]]

    public init(area: PlanningArea, firstYear: Int, pupils: [[Double]]) {
        precondition(!pupils.isEmpty, "an area needs at least one year of rolls")
        self.area = area
        self.firstYear = firstYear
        self.pupils = pupils
    }

    public var lastYear: Int { firstYear + pupils.count - 1 }
    public var years: ClosedRange<Int> { firstYear...lastYear }

    public func pupils(year: Int, yearGroup g: Int) -> Double? {
        guard years.contains(year) else { return nil }
        return pupils[year - firstYear][g]
    }

    /// The rolls known at the end of `year`: the history a forecast made then could have seen.
    public func known(through year: Int) -> AreaRolls? {
        guard year >= firstYear else { return nil }
        return AreaRolls(area: area, firstYear: firstYear, pupils: Array(pupils[0...(min(year, lastYear) - firstYear)]))
    }
}

/// Live births for one area, keyed on the plan's `BirthsBasis`.
public struct BirthSeries: Equatable, Sendable {
    public let byYear: [Int: Double]
    /// Years whose births the source itself projected (`type = projected` in births.csv, e.g.
    /// a demographer's prediction of the latest year): used like the others, but never called
    /// known, so that a reader can tell a count from an estimate.
    public let projected: Set<Int>
    public init(_ byYear: [Int: Double], projected: Set<Int> = []) {
        self.byYear = byYear
        self.projected = projected.intersection(byYear.keys)
    }
    public var lastYear: Int? { byYear.keys.max() }
    /// The last year of registered (not projected) births.
    public var lastActualYear: Int? { byYear.keys.filter { !projected.contains($0) }.max() }
    public func known(through year: Int) -> BirthSeries {
        BirthSeries(byYear.filter { $0.key <= year }, projected: projected)
    }

    /// The last year of births known in any area (a forecast's `lastKnownBirthsYear`); `nil`
    /// without births.
    public static func lastYear(of births: [String: BirthSeries]?) -> Int? {
        births.flatMap { $0.values.compactMap(\.lastYear).max() }
    }
}

/// Everything a forecast is made from, already validated: rolls for every area, births where
/// given, and the ladder and births basis they are on.
public struct History: Equatable, Sendable {
    public let ladder: Ladder
    public let birthsBasis: BirthsBasis
    public let areas: [AreaRolls]
    /// Births by area code; `nil` when the plan has no births file.
    public let births: [String: BirthSeries]?
    /// Applications for a place in the entry year group, by area code (`applications.csv`);
    /// `nil` when the plan has none.
    public let applications: [String: EntryApplications]?

    public init(ladder: Ladder, birthsBasis: BirthsBasis, areas: [AreaRolls], births: [String: BirthSeries]?,
                applications: [String: EntryApplications]? = nil) {
        self.ladder = ladder
        self.birthsBasis = birthsBasis
        self.areas = areas
        self.births = births
        self.applications = applications
    }

    /// The same history with no applications: what a plan of rolls and births alone knows.
    public var withoutApplications: History {
        History(ladder: ladder, birthsBasis: birthsBasis, areas: areas, births: births)
    }

    public var firstYear: Int { areas.map(\.firstYear).min() ?? 0 }
    /// The base year of a forecast: the latest census every area has.
    public var lastYear: Int { areas.map(\.lastYear).min() ?? 0 }

    /// What was known at the end of `year`: rolls up to `year`, births keyed up to `year`, and
    /// applications for entry up to `year + 1` (they close in the January of the census).
    /// Areas with no rolls by then are left out.
    public func known(through year: Int) -> History {
        History(
            ladder: ladder, birthsBasis: birthsBasis,
            areas: areas.compactMap { $0.known(through: year) },
            births: births?.mapValues { $0.known(through: year) },
            applications: applications?.mapValues { $0.known(atCensus: year) })
    }

    /// All areas added together, year group by year group, over the years every area has:
    /// the pooled history that small or new areas fall back on.
    public func pooled() -> (rolls: AreaRolls, births: BirthSeries?) {
        let first = areas.map(\.firstYear).max() ?? firstYear
        let last = lastYear
        let grid = (max(first, 0) <= last ? Array(first...last) : []).map { year in
            (0..<ladder.count).map { g in areas.reduce(0.0) { $0 + ($1.pupils(year: year, yearGroup: g) ?? 0) } }
        }
        let rolls = AreaRolls(area: PlanningArea(code: "all areas"), firstYear: first,
                              pupils: grid.isEmpty ? [Array(repeating: 0, count: ladder.count)] : grid)
        guard let births else { return (rolls, nil) }
        // Only years that every area has births for, so that the pooled ratio is like for like.
        var common: Set<Int>? = nil
        for area in areas {
            let years = Set(births[area.area.code]?.byYear.keys.map { $0 } ?? [])
            common = common.map { $0.intersection(years) } ?? years
        }
        var summed: [Int: Double] = [:]
        for year in common ?? [] {
            summed[year] = areas.reduce(0.0) { $0 + (births[$1.area.code]?.byYear[year] ?? 0) }
        }
        let projected = Set(areas.flatMap { births[$0.area.code]?.projected ?? [] })
        return (rolls, BirthSeries(summed, projected: projected))
    }

    /// Years of births that the births file marks as projected, in any area (empty without births).
    public var projectedBirthYears: [Int] {
        Set((births ?? [:]).values.flatMap(\.projected)).sorted()
    }
}
