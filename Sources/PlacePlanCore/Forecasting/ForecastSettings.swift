/// How a forecast is made. Every field has a default chosen by backtesting on real data
/// (see docs/method.md, "Accuracy" and `placeplan backtest`).
public struct ForecastSettings: Equatable, Sendable {
    /// Summary of past progression ratios N(g+1, t+1) / N(g, t).
    public var method: RatioMethod
    /// Summary of past intake ratios entry(t) / cohort births(t); `nil` = the same as `method`.
    public var intakeMethod: RatioMethod?
    /// Years of births a straight line is fitted to when births must be projected beyond the
    /// last known year (1 = hold the last known year flat). Without a births file the entry
    /// year group's own counts are projected the same way.
    public var birthsTrendYears: Int
    /// How fast that trend fades: the slope is multiplied by this each further year
    /// (1 = a straight line, 0 = flat). See `BirthsProjection`.
    public var birthsTrendDamping: Double
    /// When set (`auto`), `method` and `intakeMethod` are replaced, ratio by ratio, by the
    /// candidate that predicted that ratio best in the history the forecast is given.
    public var selection: MethodSelection?
    /// Coverage of prediction intervals (e.g. 0.8 for 80%), or `nil` for none. Intervals come
    /// from draws of the forecast that resample the method's own past errors (`ForecastUncertainty`).
    public var intervals: Double?
    /// Years whose ratios are left out (`exclude_years`): a ratio *into* one of these years — a
    /// pandemic year, a miscounted census — is not summarised, so it is not carried forward.
    public var excludedYears: Set<Int> = []
    /// When no years are named (`exclude_years` absent), whether a year in which every area's
    /// ratios moved together (`ExceptionalYear`: a pandemic year, a change in what was counted)
    /// is left out as if named. Naming years, even none (`exclude_years = []`), turns it off.
    public var findsExceptionalYears = true
    /// Years whose ratios are left out in one area alone (`exclude-years.csv`, by area code): a
    /// census the planner knows was miscounted there, a school counted in the wrong area.
    public var excludedAreaYears: [String: Set<Int>] = [:]

    /// Whether the ratios into `year` are left out of `area`'s summaries: the year is named for
    /// every area (`exclude_years`, or found exceptional) or for that area.
    public func leavesOut(_ year: Int, in area: String) -> Bool {
        excludedYears.contains(year) || excludedAreaYears[area]?.contains(year) == true
    }

    public init(method: RatioMethod = Self.default.method, intakeMethod: RatioMethod? = nil,
                birthsTrendYears: Int = Self.default.birthsTrendYears,
                birthsTrendDamping: Double = Self.default.birthsTrendDamping, selection: MethodSelection? = nil,
                intervals: Double? = nil) {
        self.method = method
        self.intakeMethod = intakeMethod
        self.birthsTrendYears = birthsTrendYears
        self.birthsTrendDamping = birthsTrendDamping
        self.selection = selection
        self.intervals = intervals
    }

    public var effectiveIntakeMethod: RatioMethod { intakeMethod ?? method }

    /// The same settings without intervals: for the forecasts a simulation is built around or
    /// replays, which need only their central figures.
    public var central: ForecastSettings {
        var central = self
        central.intervals = nil
        return central
    }

    /// Chosen by `placeplan backtest Data/england` (docs/method.md).
    public static let `default` = ForecastSettings(
        method: .blend([.mean(years: 1), .weighted(years: 5)]), intakeMethod: .weighted(years: 3),
        birthsTrendYears: 5, birthsTrendDamping: 0, selection: nil)

    /// `weighted-3`, or `mean-1+weighted-5:weighted-3` when the intake method differs
    /// (progression method, colon, intake method): the same text `init?(spec:)` reads.
    public var label: String {
        if let selection { return selection.label }
        return intakeMethod.map { $0 == method ? method.description : "\(method):\($0)" } ?? method.description
    }

    /// Reads a label: `P` (one method for both) or `P:I` (progression P, intake I), keeping
    /// `birthsTrendYears` from `base`.
    public init?(spec: String, base: ForecastSettings = .default) {
        if spec.lowercased() == "auto" || spec.lowercased() == "ensemble" {
            self.init(method: MethodSelection.standardCandidates[0], birthsTrendYears: base.birthsTrendYears,
                      birthsTrendDamping: base.birthsTrendDamping, selection: MethodSelection(combine: spec.lowercased() == "ensemble"))
            return
        }
        let parts = spec.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard (1...2).contains(parts.count), let method = RatioMethod(name: parts[0]) else { return nil }
        var intake: RatioMethod? = nil
        if parts.count == 2 {
            guard let parsed = RatioMethod(name: parts[1]) else { return nil }
            intake = parsed == method ? nil : parsed
        }
        self.init(method: method, intakeMethod: intake, birthsTrendYears: base.birthsTrendYears,
                  birthsTrendDamping: base.birthsTrendDamping)
    }
}
