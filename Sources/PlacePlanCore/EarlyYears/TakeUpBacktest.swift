/// Funded early-education counts of past Januaries (`early-years.csv` of a plan of areas): the
/// history the take-up rates are measured on.
public struct TakeUpHistory: Equatable, Sendable {
    public enum Entitlement: String, CaseIterable, Sendable {
        /// Funded two-year-olds (the disadvantaged offer).
        case twoYearOlds = "two-year-olds"
        /// The universal 15 hours of three- and four-year-olds.
        case threeFourYearOlds = "three-four-year-olds"

        /// The cohorts the children belong to, by their Reception year relative to the count's
        /// year: 2-year-olds enter Reception two years on; 3- and 4-year-olds next year and this
        /// (the DfE counts four-year-olds in Reception classes among them).
        public var cohortOffsets: [Int] { self == .twoYearOlds ? [2] : [1, 0] }
    }

    public struct Count: Equatable, Sendable {
        public let area: String
        public let year: Int
        public let entitlement: Entitlement
        public let children: Double
        public init(area: String, year: Int, entitlement: Entitlement, children: Double) {
            self.area = area
            self.year = year
            self.entitlement = entitlement
            self.children = children
        }
    }

    public let counts: [Count]
    public init(_ counts: [Count]) { self.counts = counts }
}

/// The take-up model replayed: from each origin, each area's funded children per birth of
/// their cohorts (the rate `EarlyYearsPlan` multiplies births by) is projected `h` years on by a
/// method, times the actual births, and compared with the children counted.
public enum TakeUpBacktest {
    public enum Method: String, CaseIterable, Sendable {
        case hold = "hold the last rate"
        case mean3 = "mean of the last 3"
        case trend = "trend of the last 5, damped 0.8"

        func rate(_ known: [Int: Double], at year: Int) -> Double? {
            let sorted = known.sorted { $0.key < $1.key }
            guard let last = sorted.last else { return nil }
            switch self {
            case .hold: return last.value
            case .mean3:
                let recent = sorted.suffix(3)
                return recent.reduce(0) { $0 + $1.value } / Double(recent.count)
            case .trend:
                var settings = SpecialistSettings.default
                settings.damping = 0.8
                settings.trendYears = 5
                return PrevalenceTrend(rates: known, settings: settings).rate(in: year)
            }
        }
    }

    public struct Score: Equatable, Sendable {
        public let method: Method
        public let entitlement: TakeUpHistory.Entitlement
        public let horizon: Int
        public let summary: ErrorSummary
    }

    public static func run(_ history: TakeUpHistory, births: [String: BirthSeries], basis: BirthsBasis, entryAge: Int,
                           origins: ClosedRange<Int>, horizon: Int) -> [Score] {
        var rates: [TakeUpHistory.Entitlement: [String: [Int: Double]]] = [:]
        var counted: [TakeUpHistory.Entitlement: [String: [Int: Double]]] = [:]
        var cohort: [TakeUpHistory.Entitlement: [String: [Int: Double]]] = [:]
        for count in history.counts {
            guard let series = births[count.area] else { continue }
            var total = 0.0, known = true
            for offset in count.entitlement.cohortOffsets {
                guard let b = basis.cohortBirths(entryYear: count.year + offset, entryAge: entryAge, births: { series.byYear[$0] }) else { known = false; break }
                total += b
            }
            guard known, total > 0 else { continue }
            rates[count.entitlement, default: [:]][count.area, default: [:]][count.year] = count.children / total
            counted[count.entitlement, default: [:]][count.area, default: [:]][count.year] = count.children
            cohort[count.entitlement, default: [:]][count.area, default: [:]][count.year] = total
        }
        var scores: [Score] = []
        for method in Method.allCases {
            for entitlement in TakeUpHistory.Entitlement.allCases {
                for h in 1...horizon {
                    var errors: [Double] = []
                    for (area, byYear) in rates[entitlement] ?? [:] {
                        for origin in origins {
                            let known = byYear.filter { $0.key <= origin }
                            guard known.count >= 2, let actual = counted[entitlement]?[area]?[origin + h],
                                  let births = cohort[entitlement]?[area]?[origin + h], let rate = method.rate(known, at: origin + h),
                                  let e = percentageError(forecast: rate * births, actual: actual) else { continue }
                            errors.append(e)
                        }
                    }
                    if let summary = ErrorSummary(errors: errors) {
                        scores.append(Score(method: method, entitlement: entitlement, horizon: h, summary: summary))
                    }
                }
            }
        }
        return scores
    }
}

extension TakeUpBacktest {
    /// A plan of areas' funded counts (`early-years.csv`) replayed against its births: origins
    /// from the second year with counts to the last that leaves `horizon` years to score.
    public static func run(_ plan: Plan, horizon: Int) throws -> [Score] {
        guard let history = plan.takeUp else { throw PlanKindError(plan: plan.name, purpose: "the early-years backtest", missing: "early-years.csv") }
        let years = Set(history.counts.map(\.year)).sorted()
        guard let first = years.dropFirst().first, let last = years.last.map({ $0 - horizon }), first <= last else { return [] }
        return run(history, births: plan.history.births ?? [:], basis: plan.history.birthsBasis, entryAge: plan.history.ladder.entryAge,
                   origins: first...last, horizon: horizon)
    }
}
