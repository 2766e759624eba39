/// The specialist model replayed on the past: from each origin year, each area's prevalence
/// trend is fitted to the rates known then, projected `h` years on, and set against that year's
/// actual pupils (or births) — the denominator is the mainstream forecast's business, scored by
/// `backtest`; this scores the rate — then compared with the plans counted.
///
/// Error = (forecast − actual) / actual per area, group and horizon; the summary is the median
/// absolute error across areas and origins, as the mainstream backtest reports it.
public enum SpecialistBacktest {
    public struct Method: Equatable, Sendable {
        public let name: String
        public let settings: SpecialistSettings
        public init(name: String, settings: SpecialistSettings) {
            self.name = name
            self.settings = settings
        }
    }

    public struct Score: Equatable, Sendable {
        public let method: String
        /// An age group's name, or `school age` for 5-10, 11-15 and 16-19 together.
        public let measure: String
        public let horizon: Int
        public let summary: ErrorSummary
    }

    public static let schoolAge = "school age"

    /// The default, and what it is measured against: the last rate held, and the trend undamped.
    public static var standardMethods: [Method] {
        let d = SpecialistSettings.default
        var hold = d, line = d
        hold.damping = 0
        line.damping = 1
        return [Method(name: "default (trend damped \(d.damping))", settings: d), Method(name: "hold the last rate", settings: hold),
                Method(name: "trend, undamped", settings: line)]
    }

    /// - Parameters:
    ///   - denominators: each area's, from its actual rolls and births.
    ///   - origins: the years forecasts are made from (each needs two earlier rates).
    public static func run(_ history: EHCPHistory, denominators: [String: SpecialistDenominators], methods: [Method],
                           origins: ClosedRange<Int>, horizon: Int) -> [Score] {
        let groups = history.groups.filter { $0.denominator != .notPlanned }
        var errors: [String: [String: [Int: [Double]]]] = [:]   // method → measure → h → errors
        for area in history.areas {
            guard let denominator = denominators[area ?? ""] else { continue }
            // Rates of every year both counts and denominators exist.
            var rates: [SpecialistGroup: [Int: Double]] = [:]
            for group in groups {
                for year in history.years {
                    if let plans = history.plans(area: area, group: group, year: year), let d = denominator.value(group, year: year), d > 0 {
                        rates[group, default: [:]][year] = plans / d
                    }
                }
            }
            for method in methods {
                for origin in origins {
                    for h in 1...horizon {
                        let target = origin + h
                        var forecastTotal = 0.0, actualTotal = 0.0, complete = true
                        for group in groups {
                            let known = (rates[group] ?? [:]).filter { $0.key <= origin }
                            guard known.count >= 2, let actual = history.plans(area: area, group: group, year: target),
                                  let d = denominator.value(group, year: target),
                                  let rate = PrevalenceTrend(rates: known, settings: method.settings).rate(in: target) else {
                                if case .pupils = group.denominator { complete = false }
                                continue
                            }
                            let forecast = rate * d
                            if let e = percentageError(forecast: forecast, actual: actual) { errors[method.name, default: [:]][group.label, default: [:]][h, default: []].append(e) }
                            if case .pupils = group.denominator {
                                forecastTotal += forecast
                                actualTotal += actual
                            }
                        }
                        if complete, let e = percentageError(forecast: forecastTotal, actual: actualTotal) {
                            errors[method.name, default: [:]][schoolAge, default: [:]][h, default: []].append(e)
                        }
                    }
                }
            }
        }
        var scores: [Score] = []
        for method in methods {
            for measure in groups.map(\.label) + [schoolAge] {
                for h in 1...horizon {
                    if let summary = ErrorSummary(errors: errors[method.name]?[measure]?[h] ?? []) {
                        scores.append(Score(method: method.name, measure: measure, horizon: h, summary: summary))
                    }
                }
            }
        }
        return scores
    }
}

extension SpecialistDenominators {
    /// A plan of areas': each area's actual rolls and births (what the backtest sets rates against).
    public static func areas(_ history: History) -> [String: SpecialistDenominators] {
        var result: [String: SpecialistDenominators] = [:]
        let basis = history.birthsBasis, entryAge = history.ladder.entryAge
        for area in history.areas {
            let births = history.births?[area.area.code]
            result[area.area.code] = SpecialistDenominators(
                pupils: { year, groups in
                    var sum = 0.0
                    for g in groups {
                        guard let p = area.pupils(year: year, yearGroup: g) else { return nil }
                        sum += p
                    }
                    return sum
                },
                cohortBirths: { entryYear in births.flatMap { b in basis.cohortBirths(entryYear: entryYear, entryAge: entryAge, births: { b.byYear[$0] }) } })
        }
        return result
    }
}

extension SpecialistBacktest {
    /// A plan's EHC plans replayed: each area's of a plan of areas (`ehcp.csv` with `area`), or
    /// a place plan's authority, against its own rolls and births. Origins run from the third
    /// year with rates to the last that leaves `horizon` years to score.
    public static func run(_ plan: Plan, methods: [Method] = standardMethods, horizon: Int) throws -> [Score] {
        let history: EHCPHistory, denominators: [String: SpecialistDenominators]
        if let places = plan.places {
            guard let specialist = places.specialist else { throw PlanKindError(plan: plan.name, purpose: "the specialist backtest", missing: "ehcp.csv") }
            history = specialist.history
            let pooled = plan.history.pooled()
            // Births of every primary area added up (the secondary areas have none).
            let births = plan.history.births.map { [pooled.rolls.area.code: BirthSeries.total(Array($0.values))] }
            let authority = History(ladder: plan.history.ladder, birthsBasis: plan.history.birthsBasis, areas: [pooled.rolls], births: births)
            denominators = ["": SpecialistDenominators.areas(authority)[pooled.rolls.area.code]!]
        } else {
            guard let ehcp = plan.ehcp else { throw PlanKindError(plan: plan.name, purpose: "the specialist backtest", missing: "ehcp.csv") }
            history = ehcp
            denominators = SpecialistDenominators.areas(plan.history)
        }
        let years = Set(history.years).intersection(plan.history.firstYear...plan.history.lastYear).sorted()
        guard years.count >= 3 + horizon - 1, let first = years.dropFirst(1).first, let last = years.last.map({ $0 - horizon }), first <= last else {
            return []
        }
        return run(history, denominators: denominators, methods: methods, origins: first...last, horizon: horizon)
    }
}
