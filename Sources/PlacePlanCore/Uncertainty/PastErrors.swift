import Foundation  // log

/// How far the plan's own method missed, forecast by forecast, in every past year it can be
/// replayed: the errors a simulation resamples whole (`SimulationModel.deviations`).
///
/// Each past forecast is made at a census from what was known then, by the same method and
/// settings as the forecast being simulated, and followed up to `maximumLead` years ahead. Its
/// error in each year is split the way a cohort moves: the entry's own error, and for every
/// other year group the error in the ratio into it — the cell's `log(actual ÷ forecast)` less
/// that of the cell the cohort came from the year before. Carried up the year groups again, a
/// past forecast's ratio errors rebuild its cell errors exactly. Given a history known through
/// an origin (a backtest), only forecasts and outcomes knowable at that origin are used.
public struct PastErrors: Equatable, Sendable {
    /// The census years the past forecasts were made from, oldest first.
    public let origins: [Int]
    public let units: Int
    public let yearGroups: Int
    /// Years ahead kept: the forecast's horizon, at most `maximumLead` (beyond it a ratio's
    /// error is held and the entry's grows, `SimulationModel`).
    public let leads: Int
    /// `values[((k × leads + ℓ) × units + u) × G + g]`: forecast k's error ℓ + 1 years ahead.
    /// Beyond what it could be followed (its origin too recent), its one-year-ahead error grown
    /// as the followed forecasts' errors grew (`ErrorGrowth`): a ratio that was off stays off,
    /// and the cohorts it carries drift further. 0 where the unit had no forecast or no pupils.
    public let values: [Float]
    /// `spread[(ℓ × units + u) × G + g]`: the noise each simulated step adds, so that a handful of
    /// past forecasts stand for what a new one could do (see `spread(of:)`), × `widening`.
    public let spread: [Float]
    /// How much the noise was widened so that, leaving each past forecast out in turn, the
    /// others' draws would have covered its one-year-ahead errors as often as they claim
    /// (`Widening`): fitted on past forecasts alone, so knowable at the origin.
    public let widening: Double
    /// The past forecasts' births projection errors, for entries whose births the forecast
    /// projects (`nil`: none replayed).
    public var births: BirthsErrors? = nil

    /// Years of rolls before the first origin replayed: a ratio method needs a few to average.
    public static let minimumHistory = 3
    /// Past forecasts needed before a simulation says anything: with fewer, the spread of
    /// outcomes is itself unknown.
    public static let minimumYears = 3
    /// How far ahead each past forecast is followed: beyond it, errors are held (few past
    /// forecasts could be followed further).
    public static let maximumLead = 3

    /// The origins a history of `firstYear…lastYear` can replay.
    public static func origins(firstYear: Int, lastYear: Int) -> [Int] {
        let first = firstYear + minimumHistory - 1
        return first < lastYear ? Array(first..<lastYear) : []
    }

    /// Rolls of this many years at least give a simulation.
    public static var yearsOfRollsNeeded: Int { minimumHistory + minimumYears }

    /// The noise a step adds, from n past errors with sample standard deviation s: s × √(2 / n).
    /// Resampling n values gives a spread of s² (n − 1) / n; a new error's is s² (1 + 1 / n)
    /// (the values' own spread, and the uncertainty of their centre); the noise makes up the
    /// difference, 2 s² / n.
    public static func spread(of values: [Double]) -> Double {
        spread(of: values, typical: 0, weight: 0)
    }

    /// The same from their variance moderated towards a typical one (`TypicalSpread`).
    static func spread(of values: [Double], typical: Double, weight: Double) -> Double {
        guard let variance = TypicalSpread.moderated(values, typical: typical, weight: weight) else { return 0 }
        return (variance * 2 / Double(values.count)).squareRoot()
    }

    /// Each past forecast's errors, from forecasts made at each origin (`forecast(origin, reach)`,
    /// on both cores), their figures (`predicted(made, unit, h, g)` for origin + h + 1) and what
    /// happened (`actual(unit, year, g)`, `nil` = unknown). `transfers`: the year groups a cohort
    /// changes school at (`Ladder.phaseStarts`), whose noise grows with the years ahead.
    static func replay<F>(origins: [Int], lastYear: Int, horizon: Int, units: Int, yearGroups G: Int, transfers: Set<Int> = [],
                          forecast: @Sendable (Int, Int) throws -> F, predicted: @Sendable (F, Int, Int, Int) -> Double?,
                          actual: @Sendable (Int, Int, Int) -> Double?) throws -> PastErrors? {
        guard origins.count >= minimumYears else { return nil }
        let reach = origins.map { min(maximumLead, lastYear - $0) }
        let L = min(horizon, maximumLead)
        // Each origin's cell errors, `[(h × units + u) × G + g]` (NaN: unknown; −∞: the unit had no
        // pupils forecast there, as a secondary school has no Year 6), made and scored on its own
        // core: only the errors are kept, not a national plan's forecasts all at once.
        let cells = try Parallel.map(origins.count) { k -> [Float] in
            let made = try forecast(origins[k], reach[k])
            var errors = [Float](repeating: .nan, count: reach[k] * units * G)
            for h in 0..<reach[k] {
                for u in 0..<units {
                    for g in 0..<G {
                        guard let f = predicted(made, u, h, g), f > 0 else { errors[(h * units + u) * G + g] = -.infinity; continue }
                        if let a = actual(u, origins[k] + h + 1, g), a > 0 { errors[(h * units + u) * G + g] = Float(log(a / f)) }
                    }
                }
            }
            return errors
        }
        var values = [Float](repeating: 0, count: origins.count * L * units * G)
        var entry = [Bool](repeating: false, count: units * G)
        var cell = [Float](repeating: .nan, count: maximumLead * G)
        for k in origins.indices {
            for u in 0..<units {
                for h in 0..<reach[k] {
                    for g in 0..<G {
                        cell[h * G + g] = cells[k][(h * units + u) * G + g]
                    }
                }
                for h in 0..<min(L, reach[k]) {
                    for g in 0..<G {
                        // The entry's own error; a ratio's: the cell's less the cohort's the year before
                        // (at the origin, the census: no error). A year group the unit is entered
                        // at (Reception; a secondary school's Year 7) is an entry too.
                        let here = cell[h * G + g]
                        guard here.isFinite else { continue }
                        let isEntry = g == 0 || cell[max(0, h - 1) * G + g - 1] == -.infinity
                        if h == 0 && isEntry { entry[u * G + g] = true }
                        let before: Float = isEntry || h == 0 ? 0 : cell[(h - 1) * G + g - 1]
                        guard !before.isNaN else { continue }
                        values[((k * L + h) * units + u) * G + g] = here - before
                    }
                }
            }
        }
        // Beyond what a forecast was followed: its one-year-ahead error, grown as the followed
        // forecasts' errors grew (`ErrorGrowth`), so that no lead is every forecast's error of one year.
        let growth = ErrorGrowth.fit(values, reach: reach, leads: L, units: units, yearGroups: G, entry: entry)
        for k in origins.indices {
            for l in min(L, reach[k])..<L {
                for u in 0..<units {
                    for g in 0..<G {
                        let kind = entry[u * G + g] ? 1 : 0
                        values[((k * L + l) * units + u) * G + g] = values[((k * L) * units + u) * G + g] * Float(growth[(l * G + g) * 2 + kind])
                    }
                }
            }
        }
        // One year ahead, each unit's spread moderated towards the typical one of units its size,
        // with the weight and widening that fit together (`TypicalSpread`, `Widening.moderated`);
        // `widening`: the factor for a unit's own spread, as later years' spreads are.
        let typical = TypicalSpread.fit(values, pastForecasts: origins.count, leads: L, units: units, yearGroups: G,
                                        pupils: { u, g in actual(u, lastYear, g) })
        let oneYear = Widening.moderated(values, pastForecasts: origins.count, leads: L, units: units, yearGroups: G, typical: typical)
        let widening = oneYear.own
        // Each step's noise. One year ahead, the moderated spread. Further ahead, where a cohort
        // is entered or changes school (Reception, Year 7, Year 12: `transfers`), the spread of
        // every past forecast's one-year-ahead errors, grown as those errors grew with the years
        // ahead: the choices made there (which school, staying on) drift, and the one or two
        // forecasts followed two or three years say too little of how far (from the spread of
        // those alone, on England from 2016–2018, Reception's 80% intervals held 74% two years
        // ahead and Year 12's 70%). Elsewhere, where a cohort stays put, the spread of the errors
        // of that lead. Both with the widening of spreads as unmoderated as theirs: moderated
        // too, with the one-year widening, three years ahead held 60–86% at 80%.
        var spread = [Float](repeating: 0, count: L * units * G)
        for l in 0..<L {
            let reached = origins.indices.filter { reach[$0] > l }
            let followed = reached.count >= 2 ? reached : Array(origins.indices)
            for u in 0..<units {
                for g in 0..<G {
                    let isEntry = entry[u * G + g]
                    if l == 0 {
                        let errors = origins.indices.map { Double(values[(($0 * L) * units + u) * G + g]) }
                        spread[(l * units + u) * G + g] = Float(Self.spread(of: errors, typical: typical[u * G + g], weight: oneYear.weight) * oneYear.factor)
                    } else if isEntry || transfers.contains(g) {
                        let first = origins.indices.map { Double(values[(($0 * L) * units + u) * G + g]) }
                        spread[(l * units + u) * G + g] = Float(Self.spread(of: first) * widening * growth[(l * G + g) * 2 + (isEntry ? 1 : 0)])
                    } else {
                        let errors = followed.map { Double(values[(($0 * L + l) * units + u) * G + g]) }
                        spread[(l * units + u) * G + g] = Float(Self.spread(of: errors) * widening)
                    }
                }
            }
        }
        return PastErrors(origins: origins, units: units, yearGroups: G, leads: L, values: values, spread: spread, widening: widening)
    }

    /// The errors of a plan of areas, for `areas` (codes, in the simulated forecast's order).
    public static func areas(_ history: History, settings: ForecastSettings, horizon: Int, areas: [String]) throws -> PastErrors? {
        let plain = settings.central  // the replayed forecasts are central ones
        let byCode = Dictionary(history.areas.map { ($0.area.code, $0) }, uniquingKeysWith: { first, _ in first })
        var errors = try replay(origins: origins(firstYear: history.firstYear, lastYear: history.lastYear), lastYear: history.lastYear,
                          horizon: horizon, units: areas.count, yearGroups: history.ladder.count, transfers: history.ladder.phaseStarts,
                          forecast: { origin, reach in
                              let forecast = try CohortSurvival.forecast(history.known(through: origin), settings: plain, horizon: reach)
                              return Dictionary(forecast.areas.map { ($0.area.code, $0.pupils) }, uniquingKeysWith: { first, _ in first })
                          },
                          predicted: { made, u, h, g in made[areas[u]]?[h, g] },
                          actual: { u, year, g in
                              guard let rolls = byCode[areas[u]], rolls.years.contains(year) else { return nil }
                              return rolls.pupils[year - rolls.firstYear][g]
                          })
        if let origins = errors?.origins {
            errors?.births = BirthsErrors.replay(origins: origins, areas: areas, births: history.births, basis: history.birthsBasis,
                                                 ladder: history.ladder, settings: plain, baseYear: history.lastYear, horizon: horizon)
        }
        return errors
    }

    /// The errors of a place plan's schools, for `schools` (codes, one per unit).
    public static func schools(_ history: SchoolHistory, settings: ForecastSettings, shareMethod: RatioMethod, horizon: Int,
                               schools: [String]) throws -> PastErrors? {
        let plain = settings.central
        var errors = try replay(origins: origins(firstYear: history.firstYear, lastYear: history.lastYear), lastYear: history.lastYear,
                          horizon: horizon, units: schools.count, yearGroups: history.ladder.count, transfers: history.ladder.phaseStarts,
                          forecast: { origin, reach in
                              try PlacePlanning.forecast(history.known(through: origin), settings: plain, shareMethod: shareMethod, horizon: reach)
                          },
                          predicted: { made, u, h, g in made.pupils(school: schools[u], h: h, yearGroup: g) },
                          actual: { u, year, g in history.rolls[schools[u]]?.pupils(year: year, yearGroup: g) })
        // A school's entry is made from its primary area's births: each area's projections are
        // replayed once, and its schools take them.
        if let origins = errors?.origins {
            let areaOf = schools.map { history.school($0)?.primaryArea }
            let areas = Array(Set(areaOf.compactMap { $0 })).sorted()
            let row = Dictionary(uniqueKeysWithValues: areas.enumerated().map { ($1, $0) })
            errors?.births = BirthsErrors.replay(origins: origins, areas: areas, births: history.births, basis: history.birthsBasis,
                                                 ladder: history.ladder, settings: plain, baseYear: history.lastYear, horizon: horizon)
                .selecting(areaOf.map { $0.flatMap { row[$0] }.map { [$0] } ?? [] })
        }
        return errors
    }
}
