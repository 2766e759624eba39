/// How a forecast is made. Every field has a default chosen by backtesting on real data
/// (see the README's accuracy table and `placeplan backtest`).
public struct ForecastSettings: Equatable, Sendable {
    /// Summary of past progression ratios N(g+1, t+1) / N(g, t).
    public var method: RatioMethod
    /// Summary of past intake ratios entry(t) / cohort births(t); `nil` = the same as `method`.
    public var intakeMethod: RatioMethod?
    /// Years of births a straight line is fitted to when births must be projected beyond the
    /// last known year (1 = hold the last known year flat). Without a births file the entry
    /// year group's own counts are projected the same way.
    public var birthsTrendYears: Int

    public init(method: RatioMethod = Self.default.method, intakeMethod: RatioMethod? = nil,
                birthsTrendYears: Int = Self.default.birthsTrendYears) {
        self.method = method
        self.intakeMethod = intakeMethod
        self.birthsTrendYears = birthsTrendYears
    }

    public var effectiveIntakeMethod: RatioMethod { intakeMethod ?? method }

    /// Chosen by `placeplan backtest Data/england` (README, "Accuracy").
    public static let `default` = ForecastSettings(method: .weighted(years: 3), intakeMethod: nil, birthsTrendYears: 5)

    /// A short label such as `weighted-3` or `weighted-3, intake mean-3`.
    public var label: String {
        intakeMethod.map { $0 == method ? method.description : "\(method), intake \($0)" } ?? method.description
    }
}
