import Testing
import TestSupport
@testable import PlacePlanCore
import Foundation

@Suite("Uncertainty: past forecasts' errors, the widening, and a place plan's draws at every level")
struct UncertaintyTests {
    @Test("a past forecast's ratio errors, carried up the year groups, rebuild its cell errors; beyond reach, one unit: an entry grows as √(years ahead), a ratio is held")
    func ratioErrorsRebuildCells() throws {
        // One unit, 3 year groups; forecasts from 2010, 2011, 2012; rolls to 2013.
        let actual: @Sendable (Int, Int) -> Double = { year, g in 100 + Double(year - 2010) * 3 + Double(g) * 7 }
        let forecast: @Sendable (Int, Int, Int) -> Double = { origin, h, g in 100 + Double(origin - 2010 + h) * 2.5 + Double(g) * 6 + Double(h) }
        let errors = try #require(try PastErrors.replay(
            origins: [2010, 2011, 2012], lastYear: 2013, horizon: 3, units: 1, yearGroups: 3,
            forecast: { origin, reach in (origin, reach) }, predicted: { made, _, h, g in h < made.1 ? forecast(made.0, h, g) : nil },
            actual: { _, year, g in year <= 2013 ? actual(year, g) : nil }))
        #expect(errors.leads == 3 && errors.origins == [2010, 2011, 2012])
        let value = { (k: Int, l: Int, g: Int) in Double(errors.values[((k * 3 + l) * 1 + 0) * 3 + g]) }
        // 2010 was followed three years: Y2 in 2013 came from R in 2011 through Y1 in 2012.
        let cell = log(actual(2013, 2) / forecast(2010, 2, 2))
        #expect(abs(value(0, 0, 0) + value(0, 1, 1) + value(0, 2, 2) - cell) < 1e-5)
        // 2012 was followed one year: its entry's error 3 years ahead is √3 × its error 1 year ahead
        // (one unit: too few followed errors to learn a growth from, `ErrorGrowth`).
        let entry = log(actual(2013, 0) / forecast(2012, 0, 0))
        #expect(abs(value(2, 0, 0) - entry) < 1e-6 && abs(value(2, 2, 0) - entry * 3.0.squareRoot()) < 1e-5)
        // A ratio beyond reach keeps its last known error; 2011, followed two years, its own.
        #expect(value(2, 2, 1) == value(2, 0, 1))
        let ratio = log(actual(2013, 2) / forecast(2011, 1, 2)) - log(actual(2012, 1) / forecast(2011, 0, 1))
        #expect(abs(value(1, 1, 2) - ratio) < 1e-5)
        #expect(errors.widening >= 1)
    }

    @Test("where a cohort is entered or changes school, each step's noise is the one-year-ahead spread grown as the errors grew; elsewhere the spread of that lead's errors")
    func noiseGrowsAtTransfers() throws {
        // The first test's unit: forecasts from 2010, 2011, 2012, followed three, two and one years.
        let actual: @Sendable (Int, Int) -> Double = { year, g in 100 + Double(year - 2010) * 3 + Double(g) * 7 + (year % 2 == 0 ? 4 : 0) }
        let forecast: @Sendable (Int, Int, Int) -> Double = { origin, h, g in 100 + Double(origin - 2010 + h) * 2.5 + Double(g) * 6 + Double(h) }
        func replay(transfers: Set<Int>) throws -> PastErrors {
            try #require(try PastErrors.replay(
                origins: [2010, 2011, 2012], lastYear: 2013, horizon: 3, units: 1, yearGroups: 3, transfers: transfers,
                forecast: { origin, reach in (origin, reach) }, predicted: { made, _, h, g in h < made.1 ? forecast(made.0, h, g) : nil },
                actual: { _, year, g in year <= 2013 ? actual(year, g) : nil }))
        }
        let plain = try replay(transfers: []), transfer = try replay(transfers: [2])
        let spread = { (errors: PastErrors, l: Int, g: Int) in Double(errors.spread[l * 3 + g]) }
        // The entry (Reception) in both: one unit learns no growth, so an entry's is √(years ahead).
        #expect(spread(plain, 0, 0) > 0)
        #expect(abs(spread(plain, 1, 0) - spread(plain, 0, 0) * 2.0.squareRoot()) < 1e-5)
        #expect(abs(spread(plain, 2, 0) - spread(plain, 0, 0) * 3.0.squareRoot()) < 1e-5)
        // Year group 2 as a transfer: its one-year-ahead spread at every lead (a ratio learns no
        // growth here either: it is held); as a ratio within a phase, its own lead's spread.
        #expect(spread(transfer, 2, 2) == spread(transfer, 0, 2) && spread(transfer, 1, 2) == spread(transfer, 0, 2))
        #expect(spread(plain, 2, 2) != spread(plain, 0, 2), "\(plain.spread)")
        // One year ahead, and every other year group, the same either way.
        #expect(spread(plain, 0, 2) == spread(transfer, 0, 2))
        #expect((0..<3).allSatisfy { l in spread(plain, l, 1) == spread(transfer, l, 1) })
        #expect(Ladder.england.phaseStarts == [0, 7, 12])
    }

    @Test("a year group a unit is entered at (a secondary school's Year 7: no Year 6 below it) keeps its own error at every lead")
    func entryAboveNothing() throws {
        // Year group 0 never has pupils at this unit; year group 1 is its entry.
        let errors = try #require(try PastErrors.replay(
            origins: [2010, 2011, 2012], lastYear: 2013, horizon: 2, units: 1, yearGroups: 2,
            forecast: { origin, reach in (origin, reach) },
            predicted: { made, _, h, g in h < made.1 ? (g == 0 ? 0 : 50 + Double(made.0 - 2010 + h)) : nil },
            actual: { _, year, g in g == 0 ? 0 : 52 + Double(year - 2010) }))
        // 2010, two years ahead (2012): its own log error, not less an error of the year group below.
        let own = log((52 + 2.0) / (50 + 1.0))
        #expect(abs(Double(errors.values[((0 * 2 + 1) * 1 + 0) * 2 + 1]) - own) < 1e-6)
        #expect(errors.values[((0 * 2 + 1) * 1 + 0) * 2 + 0] == 0)
    }

    @Test("too few past forecasts give no errors (and so no intervals), never made-up ones")
    func tooFewPastForecasts() throws {
        #expect(PastErrors.origins(firstYear: 2010, lastYear: 2013).count == 1)
        let none = try PastErrors.replay(origins: [2012], lastYear: 2013, horizon: 2, units: 1, yearGroups: 2,
                                         forecast: { _, _ in 0 }, predicted: { _, _, _, _ in 1 }, actual: { _, _, _ in 1 })
        #expect(none == nil)
    }

    /// `count` normal errors of standard deviation `sd`, seeded.
    static func normalErrors(_ count: Int, seed: UInt64, sd: Float) -> [Float] {
        var random = SeededRandom(seed: seed)
        return (0..<count).map { _ in sd * Float(NormalScore.quantile((Double(random.next() % 1_000_000) + 0.5) / 1_000_000)) }
    }

    @Test("the widening: normal errors from a few past forecasts need some (their spread is itself uncertain); errors that repeat need none (seeded)")
    func widening() {
        let K = 6, units = 400, G = 2
        // Errors alike year to year.
        let steady = Self.normalErrors(K * units * G, seed: 5, sd: 0.02)
        let calm = Widening.fit(steady, pastForecasts: K, leads: 1, units: units, yearGroups: G, typical: [], weight: 0).factor
        // Each unit's past forecasts missed by +a or −a, alternately: a new one will too.
        let repeating = (0..<(K * units * G)).map { i in Float(i / (units * G) % 2 == 0 ? 0.02 : -0.02) }
        let settled = Widening.fit(repeating, pastForecasts: K, leads: 1, units: units, yearGroups: G, typical: [], weight: 0).factor
        #expect(calm > 1 && calm <= 2, "\(calm)")
        #expect(settled == 1, "\(settled)")
    }

    @Test("a unit's variance moderated towards the typical one of its size: the formula, the size classes, none for a plan of few units")
    func typicalSpread() {
        // (d₀ × typical + d × own) ÷ (d₀ + d): own 0.0001 from three errors (d = 2), typical 0.0004, d₀ = 2.
        let own = [0.01, 0.03, 0.02]
        #expect(abs(TypicalSpread.moderated(own, typical: 0.0004, weight: 2)! - 0.00025) < 1e-12)
        #expect(TypicalSpread.moderated(own, typical: 0, weight: 2) == sampleVariance(own))
        #expect(TypicalSpread.moderated(own, typical: 0.0004, weight: 0) == sampleVariance(own))
        // 40 units, one year group, three past forecasts: the 20 smallest have errors ±a (variance
        // a²), the 20 largest ±b; one small unit's errors are far apart, and the trimmed mean leaves it out.
        let K = 3, units = 40
        var values = [Float](repeating: 0, count: K * units)
        for u in 0..<units {
            let a: Float = u == 3 ? 0.5 : (u < 20 ? 0.02 : 0.01)
            for k in 0..<K { values[k * units + u] = [-a, 0, a][k] }
        }
        let typical = TypicalSpread.fit(values, pastForecasts: K, leads: 1, units: units, yearGroups: 1, pupils: { u, _ in Double(100 + u) })
        #expect(abs(typical[0] - 0.0004) < 1e-9 && abs(typical[3] - 0.0004) < 1e-9, "\(typical)")
        #expect(abs(typical[25] - 0.0001) < 1e-9, "\(typical)")
        // Fewer units than a class: nothing to moderate towards.
        let few = TypicalSpread.fit(Array(values.prefix(K * 10)), pastForecasts: K, leads: 1, units: 10, yearGroups: 1, pupils: { _, _ in 100 })
        #expect(few.allSatisfy { $0 == 0 })
    }

    @Test("units alike but with three errors each: moderating towards the typical spread covers closer to nominal, left out, than each unit's own (seeded)")
    func moderationFits() {
        let K = 3, units = 400, G = 1
        let values = Self.normalErrors(K * units * G, seed: 11, sd: 0.02)
        let typical = TypicalSpread.fit(values, pastForecasts: K, leads: 1, units: units, yearGroups: G, pupils: { _, _ in 1_000 })
        let own = Widening.fit(values, pastForecasts: K, leads: 1, units: units, yearGroups: G, typical: typical, weight: 0)
        let chosen = Widening.moderated(values, pastForecasts: K, leads: 1, units: units, yearGroups: G, typical: typical)
        let moderated = Widening.fit(values, pastForecasts: K, leads: 1, units: units, yearGroups: G, typical: typical, weight: chosen.weight)
        #expect(chosen.weight > 0 && moderated.miss < own.miss / 2, "own \(own), chosen \(chosen), moderated \(moderated)")
        #expect(moderated.factor == chosen.factor && own.factor == chosen.own)
    }

    @Test("normal scores: the quantile function at known points, and symmetric")
    func normalScores() {
        #expect(abs(NormalScore.quantile(0.975) - 1.959964) < 1e-5)
        #expect(abs(NormalScore.quantile(0.5)) < 1e-12)
        #expect(abs(NormalScore.quantile(0.01) + NormalScore.quantile(0.99)) < 1e-9)
        #expect(abs(SimulationModel.jitterScores.reduce(0, +)) < 1e-4)
    }

    /// Two primary schools in PA, one secondary in SA, growing rolls; births flat.
    static func placeForecast() throws -> PlaceForecast {
        let history = schoolHistory([(primarySchool("A"), { y, g in 20 + Double(y - 2010) + Double(g) }),
                                     (primarySchool("B"), { y, _ in 10 + Double(y - 2010) * 0.5 }),
                                     (secondarySchool("X"), { _, g in 27 + Double(g % 3) })],
                                    years: 2010...2016, births: flatBirths(60))
        return try PlacePlanning.forecast(history, horizon: 3)
    }

    @Test("births projection errors: each past forecast's flat births against the births since, centred and spread as far as they missed, by years beyond what it knew")
    func birthsErrors() {
        // Births of 100 a year to 2012, then 110 from 2013, registered to 2015; projected flat.
        var byYear: [Int: Double] = [:]
        for year in 2005...2015 { byYear[year] = year <= 2012 ? 100 : 110 }
        var settings = ForecastSettings()
        settings.birthsTrendDamping = 0
        // A census of 2012, ten years ahead: Reception in 2020 needs the births of 2016 (entry
        // age 4), one year beyond 2015; 2022 needs 2018, three beyond.
        let errors = BirthsErrors.replay(origins: [2010, 2011, 2012], series: [BirthSeries(byYear), nil], settings: settings,
                                         lastKnown: 2015, baseYear: 2012, horizon: 10) { $0 - 4 }
        #expect(errors.leadOfYear == [0, 0, 0, 0, 0, 0, 0, 1, 2, 3])
        #expect(errors.leads == 3 && errors.projects)
        // Raw misses (origin 2010: 2011–2013; 2011: 2012–2014; 2012: 2013–2015) are 0 until 2013,
        // then log 1.1; centred by lead on their mean (L/3, 2L/3, L) and scaled to the raw misses'
        // root mean square (√(L²/3) and √(2L²/3): by √1.5 and √3); three misses all L, with no
        // spread to scale, take ±L in turn.
        let L = Float(log(1.1)), a = Float(1.5.squareRoot()), c = Float(3.0.squareRoot())
        let expected: [[Float]] = [[-L / 3 * a, -2 * L / 3 * c, L], [-L / 3 * a, L / 3 * c, -L], [2 * L / 3 * a, L / 3 * c, L]]
        for k in 0..<3 {
            for b in 1...3 {
                #expect(abs(errors.values[(k * 3 + b - 1) * 2 + 0] - expected[k][b - 1]) < 1e-6, "k \(k) b \(b)")
                #expect(errors.values[(k * 3 + b - 1) * 2 + 1] == 0)  // no births: no error
            }
            #expect(errors.error(pastForecast: k, unit: 0, year: 6) == 0)  // births known
            #expect(errors.error(pastForecast: k, unit: 0, year: 9) == expected[k][2])
        }
        // Misses by lead: mean 0, root mean square the raw misses', in their order (property, seeded).
        var random = SeededRandom(seed: 11)
        for _ in 0..<200 {
            let misses = (0..<(3 + Int(random.next() % 6))).map { _ in Float(Int(random.next() % 2001) - 1300) / 10_000 }
            let spread = BirthsErrors.spreadAsLarge(misses)
            let n = Float(misses.count)
            #expect(abs(spread.reduce(0, +) / n) < 1e-6)
            let rms = { (v: [Float]) in (v.reduce(0) { $0 + $1 * $1 } / n).squareRoot() }
            #expect(abs(rms(spread) - rms(misses)) < 1e-5 * max(1, rms(misses)), "\(misses) → \(spread)")
            for i in misses.indices { for j in misses.indices where misses[i] < misses[j] { #expect(spread[i] <= spread[j]) } }
        }
        // Births known through the horizon: nothing to move.
        let known = BirthsErrors.replay(origins: [2010, 2011, 2012], series: [BirthSeries(byYear)], settings: settings,
                                        lastKnown: 2015, baseYear: 2012, horizon: 7) { $0 - 4 }
        #expect(!known.projects)
    }

    @Test("a place plan with no errors: every school, area and the authority's interval is its central figure, and P(short) is 0 or 1 by the places")
    func placeDrawsAddUp() throws {
        let forecast = try Self.placeForecast()
        let schools = ForecastUncertainty.simulatedSchools(forecast)
        let G = forecast.ladder.count, H = forecast.horizon
        let errors = PastErrors(origins: [2012, 2013, 2014], units: schools.count, yearGroups: G, leads: H,
                                values: [Float](repeating: 0, count: 3 * H * schools.count * G),
                                spread: [Float](repeating: 0, count: H * schools.count * G), widening: 1)
        let year = forecast.baseYear + 1
        let primaryPupils = (0...6).reduce(0.0) { $0 + forecast.area("PA")!.pupils[0][$1] }
        let capacity = [AreaPhaseYear(area: "PA", phase: .primary, year: year): Int(primaryPupils) - 1,
                        AreaPhaseYear(area: "SA", phase: .secondary, year: year): 10_000]
        let reception = forecast.area("PA")!.pupils[0][0], year1 = forecast.area("PA")!.pupils[0][1]
        let year7 = forecast.area("SA")!.pupils[0][7]
        let byYearGroup = [AreaYearGroupYear(area: "PA", yearGroup: 0, year: year): Int(reception.rounded(.down)) - 1,
                           AreaYearGroupYear(area: "PA", yearGroup: 1, year: year): Int(year1.rounded(.up)) + 5,
                           AreaYearGroupYear(area: "SA", yearGroup: 7, year: year): Int(year7.rounded(.down)) - 1]
        let result = ForecastUncertainty.simulate(forecast, errors: errors, coverage: 0.8,
                                                  places: .init(capacity: capacity, operatingMargin: 0.02, yearGroupCapacity: byYearGroup),
                                                  chance: 0.1)
        #expect(year7 > 0)
        #expect(result.yearGroupShortfall == [AreaYearGroupYear(area: "PA", yearGroup: 0, year: year): 1,
                                              AreaYearGroupYear(area: "PA", yearGroup: 1, year: year): 0,
                                              AreaYearGroupYear(area: "SA", yearGroup: 7, year: year): 1])
        // With no errors, the places for any chance are the central forecast's pupils.
        let forChance = try #require(result.placesForChance[AreaPhaseYear(area: "PA", phase: .primary, year: year)])
        #expect(abs(forChance - primaryPupils) < 1e-2)
        for (i, school) in forecast.schools.enumerated() {
            let grid = try #require(result.schools[i])
            for h in 0..<H { for g in 0..<G { #expect(abs(grid[h, g].lower - school.pupils[h][g]) < 1e-3 && abs(grid[h, g].upper - school.pupils[h][g]) < 1e-3) } }
        }
        for (j, area) in forecast.areas.enumerated() {
            for h in 0..<H {
                for g in area.yearGroups! {
                    let schoolsSum = forecast.schools(in: area.area.code, j == 0 ? .primary : .secondary).reduce(0.0) { $0 + $1.pupils[h][g] }
                    #expect(abs(result.areas[j][h, g].lower - schoolsSum) < 1e-2, "\(area.area.code) \(h) \(g)")
                }
            }
        }
        let authority = (0..<G).map { g in forecast.schools.reduce(0.0) { $0 + $1.pupils[0][g] } }
        for g in 0..<G { #expect(abs(result.authority[0, g].upper - authority[g]) < 1e-2) }
        #expect(result.shortfall[AreaPhaseYear(area: "PA", phase: .primary, year: year)] == ShortfallChance(short: 1, belowMargin: 1))
        #expect(result.shortfall[AreaPhaseYear(area: "SA", phase: .secondary, year: year)] == ShortfallChance(short: 0, belowMargin: 0))
        #expect(result.shortfall[AreaPhaseYear(area: "PA", phase: .primary, year: year + 1)] == nil)
    }

    @Test("a place plan's draws: an area's interval is wider than none and narrower than its schools' bounds added up (errors partly cancel), the same for a seed")
    func placeDrawsVary() throws {
        let forecast = try Self.placeForecast()
        let schools = ForecastUncertainty.simulatedSchools(forecast)
        let G = forecast.ladder.count, H = forecast.horizon, K = 4
        var random = SeededRandom(seed: 9)
        let values = (0..<(K * H * schools.count * G)).map { _ in Float(Int(random.next() % 200) - 100) / 2_000 }
        let errors = PastErrors(origins: [2011, 2012, 2013, 2014], units: schools.count, yearGroups: G, leads: H, values: values,
                                spread: [Float](repeating: 0.01, count: H * schools.count * G), widening: 1)
        let one = ForecastUncertainty.simulate(forecast, errors: errors, coverage: 0.8, places: nil)
        let again = ForecastUncertainty.simulate(forecast, errors: errors, coverage: 0.8, places: nil)
        #expect(one == again)
        let pa = try #require(forecast.areas.firstIndex { $0.area.code == "PA" })
        let members = forecast.schools.indices.filter { forecast.schools[$0].school.primaryArea == "PA" }
        let widths = members.map { one.schools[$0]![1, 0].upper - one.schools[$0]![1, 0].lower }
        let area = one.areas[pa][1, 0]
        #expect(area.upper - area.lower > 0)
        #expect(area.upper - area.lower <= widths.reduce(0, +) + 1e-3)
    }
}
