import Foundation  // log

/// How far each past forecast's projected births missed: births known at its origin, projected
/// as the forecast projects them (`BirthsProjection`, the same trend and damping), against the
/// births registered since. A simulation moves an entry whose births are projected by the
/// error the same past forecast's births projection made as many years beyond what it knew.
public struct BirthsErrors: Equatable, Sendable {
    /// Years beyond the last known births kept (the forecast's horizon at most).
    public let leads: Int
    public let units: Int
    /// `values[(k × leads + b − 1) × units + u]`: past forecast k's log(actual ÷ projected) births
    /// b years beyond its last known year, for unit u's births, less the mean over the past
    /// forecasts and spread as far as the misses were large (`spreadAsLarge`). Beyond the births
    /// registered since, the last error is held, grown as
    /// √(years beyond ÷ years seen) as a wandering trend's error does; 0 where a unit has no births.
    public let values: [Float]
    /// By forecast year (0-based): how many years beyond the last known births the entry's
    /// births are (0: known, or no births).
    public let leadOfYear: [Int]

    public init(leads: Int, units: Int, values: [Float], leadOfYear: [Int]) {
        precondition(values.count == 0 || values.count % max(1, leads * units) == 0, "a value a past forecast, lead and unit")
        self.leads = leads
        self.units = units
        self.values = values
        self.leadOfYear = leadOfYear
    }

    /// No births errors: every entry's births are known, or the plan has none.
    public static func none(units: Int, horizon: Int) -> BirthsErrors {
        BirthsErrors(leads: 0, units: units, values: [], leadOfYear: [Int](repeating: 0, count: horizon))
    }

    /// Whether any forecast year's entry rests on projected births.
    public var projects: Bool { leads > 0 && leadOfYear.contains { $0 > 0 } }

    /// The errors of `areas`' births (codes, one unit each) in a plan whose births are `births`:
    /// the forecast knows them to the last year of any area's (as `CohortSurvival` does), and an
    /// entry year needs the births `basis` keys to it.
    static func replay(origins: [Int], areas: [String], births: [String: BirthSeries]?, basis: BirthsBasis, ladder: Ladder,
                       settings: ForecastSettings, baseYear: Int, horizon: Int) -> BirthsErrors {
        replay(origins: origins, series: areas.map { births?[$0] }, settings: settings, lastKnown: BirthSeries.lastYear(of: births),
               baseYear: baseYear, horizon: horizon) { basis.latestKeyNeeded(entryYear: $0, entryAge: ladder.entryAge) }
    }

    /// - Parameters:
    ///   - origins: the past forecasts' census years (`PastErrors.origins`).
    ///   - series: each unit's births (`nil`: none).
    ///   - lastKnown: the last year of births the forecast knows; `baseYear`, `horizon`: its years.
    ///   - key: the births year an entry year's cohort needs (`BirthsBasis.latestKeyNeeded`).
    static func replay(origins: [Int], series: [BirthSeries?], settings: ForecastSettings, lastKnown: Int?, baseYear: Int,
                       horizon: Int, key: (Int) -> Int) -> BirthsErrors {
        let units = series.count
        let leadOfYear = (0..<horizon).map { h in lastKnown.map { max(0, key(baseYear + h + 1) - $0) } ?? 0 }
        let leads = leadOfYear.max() ?? 0
        guard leads > 0, series.contains(where: { $0 != nil }) else { return .none(units: units, horizon: horizon) }
        var values = [Float](repeating: 0, count: origins.count * leads * units)
        for (k, origin) in origins.enumerated() {
            for (u, births) in series.enumerated() {
                guard let births, let registered = births.lastActualYear else { continue }
                let known = births.known(through: origin)
                guard let last = known.lastYear else { continue }
                let projection = BirthsProjection(known, trendYears: settings.birthsTrendYears, damping: settings.birthsTrendDamping)
                var seen: (error: Float, lead: Int)? = nil
                for b in 1...leads {
                    let year = last + b
                    var error: Float = 0
                    if year <= registered, let actual = births.byYear[year], actual > 0, let projected = projection.value(at: year), projected > 0 {
                        error = Float(log(actual / projected))
                        seen = (error, b)
                    } else if let seen {
                        error = seen.error * Float((Double(b) / Double(seen.lead)).squareRoot())
                    }
                    values[(k * leads + b - 1) * units + u] = error
                }
            }
        }
        // Centred on their mean, unit by unit and lead by lead, and spread as far as the misses
        // themselves were large (`spreadAsLarge`). A mean miss is the projection's bias over a
        // handful of years that moved one way (England's births fell below every flat projection
        // from 2013 to 2018); resampled raw, it put the central forecast outside its own interval.
        // Centred alone, it vanished: six years beyond what they knew, England's flat projections
        // from 2013–2016 missed its births by 8.7–12.2%, all low, and the draws spread about ±2%,
        // the interval narrowing with the years while the misses grew.
        let K = origins.count
        var misses = [Float](repeating: 0, count: K)
        for b in 0..<leads {
            for u in 0..<units {
                for k in 0..<K { misses[k] = values[(k * leads + b) * units + u] }
                let spread = Self.spreadAsLarge(misses)
                for k in 0..<K { values[(k * leads + b) * units + u] = spread[k] }
            }
        }
        return BirthsErrors(leads: leads, units: units, values: values, leadOfYear: leadOfYear)
    }

    /// Misses centred on their mean and scaled so that their root mean square is the raw misses':
    /// the draws spread around the central forecast's births as far as past projections missed,
    /// whichever way. (The root mean square of raw misses is √(variance + mean²).) Misses all
    /// alike, with nothing to scale, take the mean's size with alternating signs.
    static func spreadAsLarge(_ misses: [Float]) -> [Float] {
        guard !misses.isEmpty else { return [] }
        let n = Double(misses.count)
        let mean = misses.reduce(0.0) { $0 + Double($1) } / n
        let variance = misses.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / n
        let meanSquare = variance + mean * mean
        guard meanSquare > 0 else { return misses.map { _ in 0 } }
        guard variance > meanSquare * 1e-9 else {
            return misses.indices.map { Float($0 % 2 == 0 ? abs(mean) : -abs(mean)) }
        }
        let scale = (meanSquare / variance).squareRoot()
        return misses.map { Float((Double($0) - mean) * scale) }
    }

    /// The error of past forecast k for unit u in forecast year h (0 when its births are known).
    @inline(__always) public func error(pastForecast k: Int, unit u: Int, year h: Int) -> Float {
        let b = leadOfYear[h]
        guard b > 0, !values.isEmpty else { return 0 }
        return values[(k * leads + b - 1) * units + u]
    }

    /// The same errors for other units: `rows[u]` are the units each new unit takes the mean of
    /// (one: a unit's own; none: no births).
    func selecting(_ rows: [[Int]]) -> BirthsErrors {
        guard leads > 0, !values.isEmpty else { return .none(units: rows.count, horizon: leadOfYear.count) }
        let K = values.count / (leads * units)
        var out = [Float](repeating: 0, count: K * leads * rows.count)
        for (u, from) in rows.enumerated() where !from.isEmpty {
            for k in 0..<K {
                for b in 0..<leads {
                    var sum: Float = 0
                    for r in from { sum += values[(k * leads + b) * units + r] }
                    out[(k * leads + b) * rows.count + u] = sum / Float(from.count)
                }
            }
        }
        return BirthsErrors(leads: leads, units: rows.count, values: out, leadOfYear: leadOfYear)
    }
}
