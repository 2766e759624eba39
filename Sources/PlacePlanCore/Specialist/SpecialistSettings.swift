/// How pupils with EHC plans are projected (`[specialist]` in plan.toml).
public struct SpecialistSettings: Equatable, Sendable {
    /// Years of history the prevalence trend is fitted to (the last `trendYears` with a rate).
    public var trendYears: Int
    /// Each further year keeps this share of the year before's rise: 1 follows the line, 0 holds
    /// the last rate. Plans rose by about 10% a year after the 2014 reforms; no rise lasts.
    public var damping: Double
    /// The projected rate stays within this share of the last observed rate (0.5: between half
    /// and one and a half times it), and never below 0: the bound on a line run too far.
    public var maxChange: Double
    /// Where pupils with plans are placed.
    public var shares: PlacementShares

    public init(trendYears: Int = Self.defaultTrendYears, damping: Double = Self.defaultDamping,
                maxChange: Double = Self.defaultMaxChange, shares: PlacementShares = .england) {
        self.trendYears = trendYears
        self.damping = damping
        self.maxChange = maxChange
        self.shares = shares
    }

    public static let defaultTrendYears = 5
    public static let defaultDamping = 0.8
    public static let defaultMaxChange = 0.5
    public static let `default` = SpecialistSettings()

    public static let trendYearsRange = 2...15
    public static let dampingRange = 0.0...1.0
    public static let maxChangeRange = 0.0...5.0
}
