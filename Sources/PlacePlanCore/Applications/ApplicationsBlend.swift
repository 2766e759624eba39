/// The entry one year ahead, forecast two ways and combined:
///
///     from births:        cohort births(t) × intake ratio(t)
///     from applications:  applications(t) × (entry ÷ applications)(t)
///     entry(t)            = w × from applications + (1 − w) × from births
///
/// each ratio the intake method's summary of the area's own past ratios. Applications for entry
/// in September of t close in the January of the census the forecast starts from, so the year
/// ahead is the one year they are known for; later years are forecast from births alone.
///
/// The weight w is fitted, not chosen: over every area and every past year t the history can
/// replay (both forecasts made from the years before t), w in 0…1 minimises the sum of the
/// combination's absolute relative errors, Σ |b + w(a − b)|, where a and b are the two
/// forecasts' relative errors. That sum is Σ |a − b| × |w − wᵢ|, with wᵢ = b ÷ (b − a) the
/// weight that would have made pair i exact, so w is the median of the wᵢ weighted by |a − b|.
/// Absolute rather than squared errors: accuracy is scored as the median absolute error, and a
/// few areas' large misses (a school opening, a boundary moved) would otherwise pull the weight
/// (on England, least squares gave 0.77–0.94 and Reception 1.10% one year ahead; this gives
/// 0.55–0.63 and 1.02%). Only what was known at the forecast's census is used, so a backtest
/// scores it as it would have been. On England's local authorities (`Data/england/applications.csv`,
/// DfE applications) see docs/method.md.
public struct ApplicationsBlend: Equatable, Sendable {
    /// The share of the forecast from applications (0…1).
    public let weight: Double
    /// The past (area, year) pairs the weight was fitted on; 0 when it is the uninformed half.
    public let pairs: Int

    public init(weight: Double, pairs: Int) {
        self.weight = weight
        self.pairs = pairs
    }

    /// Fewer past pairs than this, and the two forecasts are weighted equally: one or two years
    /// of a few areas say little about which is better.
    public static let minimumPairs = 20
    /// The weight of an uninformed combination: the two forecasts averaged.
    public static let uninformed = 0.5

    /// The observed ratios entry(t) ÷ applications(t) of an area.
    static func ratios(of rolls: AreaRolls, applications: EntryApplications) -> [(year: Int, ratio: Double)] {
        rolls.years.compactMap { t in
            guard let applied = applications.byYear[t], applied > 0, let entry = rolls.pupils(year: t, yearGroup: 0) else { return nil }
            return (t, entry / applied)
        }
    }

    /// The weight fitted on `history` (see the type's comment): each area's intake ratios from
    /// births (`birthsRatios`) and from applications, summarised by `method` over the years
    /// before each year replayed, outside `excludedYears`.
    static func fit(_ history: History, method: RatioMethod, birthsRatios: (AreaRolls) -> [(year: Int, ratio: Double)],
                    excludedYears: Set<Int>) -> ApplicationsBlend {
        guard let applications = history.applications, let births = history.births else { return .init(weight: uninformed, pairs: 0) }
        // Each pair's exact weight wᵢ (held to 0…1, which leaves the minimum in 0…1 where it was) and |a − b|.
        var exact: [(weight: Double, size: Double)] = []
        for rolls in history.areas {
            guard let applied = applications[rolls.area.code], let series = births[rolls.area.code] else { continue }
            let fromApplications = ratios(of: rolls, applications: applied).filter { !excludedYears.contains($0.year) }
            let fromBirths = birthsRatios(rolls).filter { !excludedYears.contains($0.year) }
            for t in rolls.years {
                guard let actual = rolls.pupils(year: t, yearGroup: 0), actual > 0, let count = applied.byYear[t],
                      let cohort = history.birthsBasis.cohortBirths(entryYear: t, entryAge: history.ladder.entryAge, births: { series.byYear[$0] }),
                      let a = method.estimate(from: fromApplications.filter { $0.year < t })?.value(at: t),
                      let b = method.estimate(from: fromBirths.filter { $0.year < t })?.value(at: t) else { continue }
                let errorA = count * a / actual - 1, errorB = cohort * b / actual - 1
                guard errorA != errorB else { continue }  // any weight does as well: no say in it
                exact.append((min(1, max(0, errorB / (errorB - errorA))), abs(errorA - errorB)))
            }
        }
        guard exact.count >= minimumPairs else { return .init(weight: uninformed, pairs: 0) }
        return .init(weight: weightedMedian(exact), pairs: exact.count)
    }

    /// The value below and above which lie half the total size each: the first, in ascending
    /// order, at which the running size reaches half.
    static func weightedMedian(_ points: [(weight: Double, size: Double)]) -> Double {
        let sorted = points.sorted { $0.weight < $1.weight }
        let half = sorted.reduce(0) { $0 + $1.size } / 2
        var running = 0.0
        for point in sorted {
            running += point.size
            if running >= half { return point.weight }
        }
        return sorted.last!.weight
    }

    /// The entry in `year` from both forecasts.
    public func combine(fromApplications: Double, fromBirths: Double) -> Double {
        weight * fromApplications + (1 - weight) * fromBirths
    }
}

/// What a forecast took from applications: the entry year they were for, how many areas had
/// them, and the blend.
public struct ApplicationsUse: Equatable, Sendable {
    public let year: Int
    public let areas: Int
    public let blend: ApplicationsBlend
}
