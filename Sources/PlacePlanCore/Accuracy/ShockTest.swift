/// A shock year for testing a method's robustness: a copy of the history in which every
/// progression ratio into `year` is `change` off (−0.03: 3% low) — the children of every cohort
/// past its entry year group in `year` fewer (or more) from then on, as after a pandemic year or
/// a change in what was counted. Births and the entry year group are untouched.
///
/// A method that carries one year's ratios into its forecasts (`mean-1`) forecasts the years
/// after the shock as if it kept happening; one that a single odd year cannot drag (`median-K`)
/// does not. `placeplan backtest --shock 2015:-3` replays both histories from the origins that
/// see the shock and shows each method's error with and without it.
public struct Shock: Equatable, Sendable {
    public let year: Int
    /// The relative change of every ratio into `year` (−0.03 = 3% low).
    public let change: Double

    /// The size of a shock a planner would test: a percent from −50 to +50, not 0.
    public static let percentRange: ClosedRange<Double> = -50...50

    public init(year: Int, change: Double) {
        self.year = year
        self.change = change
    }

    /// `2015:-3`: the year and the change in percent; `nil` when it is not written so.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let year = Int(parts[0]), (1900...2200).contains(year),
              let percent = Double(parts[1]), percent.isFinite, Self.percentRange.contains(percent), percent != 0 else { return nil }
        self.init(year: year, change: percent / 100)
    }

    /// "every progression ratio into 2015/16 3% low".
    public var description: String {
        let size = (abs(change) * 1000).rounded() / 10
        let percent = size == size.rounded() ? String(Int(size)) : String(size)
        return "every progression ratio into \(AcademicYear.text(year)) \(percent)% \(change < 0 ? "low" : "high")"
    }

    /// The history with the shock: in `year` and every year after, year group g holds the
    /// cohort that was in year group g − (t − year) in `year`; it is scaled when that was past
    /// the entry year group.
    public func apply(to history: History) -> History {
        let areas = history.areas.map { area -> AreaRolls in
            let pupils = area.pupils.enumerated().map { i, row -> [Double] in
                let t = area.firstYear + i
                guard t >= year else { return row }
                return row.enumerated().map { g, n in g - (t - year) >= 1 ? n * (1 + change) : n }
            }
            return AreaRolls(area: area.area, firstYear: area.firstYear, pupils: pupils)
        }
        return History(ladder: history.ladder, birthsBasis: history.birthsBasis, areas: areas, births: history.births,
                       applications: history.applications)
    }
}
