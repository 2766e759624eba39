import Testing
@testable import PlacePlanCore

@Suite("ApplicationsBlend: next year's entry from births and applications, weighted by past errors")
struct ApplicationsBlendTests {
    /// `areas` areas, 2012–2019, whose Reception is `entry(area, year)`, with births of 1,000 a year
    /// and applications `applied(area, year)` for entry 2014–2020.
    static func history(areas: Int, entry: (Int, Int) -> Double, applied: (Int, Int) -> Double) -> History {
        let ladder = Ladder.england
        let rolls = (0..<areas).map { a in
            AreaRolls(area: PlanningArea(code: "A\(a)", name: nil), firstYear: 2012,
                      pupils: (2012...2019).map { y in [entry(a, y)] + [Double](repeating: 100, count: ladder.count - 1) })
        }
        let births = Dictionary(uniqueKeysWithValues: (0..<areas).map { a in
            ("A\(a)", BirthSeries(Dictionary(uniqueKeysWithValues: (2000...2019).map { ($0, 1_000.0) })))
        })
        let applications = Dictionary(uniqueKeysWithValues: (0..<areas).map { a in
            ("A\(a)", EntryApplications(Dictionary(uniqueKeysWithValues: (2014...2020).map { ($0, applied(a, $0)) })))
        })
        return History(ladder: ladder, birthsBasis: .midYear, areas: rolls, births: births, applications: applications)
    }

    static func fit(_ history: History) -> ApplicationsBlend {
        ApplicationsBlend.fit(history, method: .mean(years: 3), birthsRatios: { rolls in
            intakeRatios(of: rolls, births: history.births?[rolls.area.code], ladder: history.ladder, basis: history.birthsBasis)
        }, excludedYears: [])
    }

    /// A wobble that differs by area and year, so neither ratio is steady by accident.
    static func wobble(_ a: Int, _ y: Int) -> Double { Double((a * 7 + y * 13) % 11) - 5 }

    @Test("applications that always say the entry get all the weight")
    func applicationsExact() {
        let h = Self.history(areas: 10, entry: { a, y in 900 + 10 * Self.wobble(a, y) }, applied: { a, y in (900 + 10 * Self.wobble(a, y)) / 0.95 })
        let blend = Self.fit(h)
        #expect(blend.weight == 1)
        #expect(blend.pairs == 10 * 5)  // 2015–2019: each with a year of ratios before it
    }

    @Test("applications that say nothing (steady while the entry moves with births held) get none")
    func birthsBetter() {
        // The entry is steady (births are), applications wobble: the births forecast is exact.
        let h = Self.history(areas: 10, entry: { _, _ in 900 }, applied: { a, y in 1_000 + 40 * Self.wobble(a, y) })
        #expect(Self.fit(h).weight == 0)
    }

    @Test("the weight minimises the sum of absolute errors: the median of each pair's exact weight, weighted by how far apart the two were")
    func weightedMedian() {
        #expect(ApplicationsBlend.weightedMedian([(0.2, 1), (0.9, 1), (0.5, 1)]) == 0.5)
        #expect(ApplicationsBlend.weightedMedian([(0.2, 1), (0.9, 3), (0.5, 1)]) == 0.9)
        // Brute force over a grid agrees with the median on random pairs (seeded).
        var state: UInt64 = 7
        func next() -> Double { state = state &* 6364136223846793005 &+ 1442695040888963407; return Double(state >> 11) / Double(1 << 53) }
        for _ in 0..<20 {
            let pairs = (0..<15).map { _ in (a: next() * 0.1 - 0.05, b: next() * 0.1 - 0.05) }
            let points = pairs.map { (weight: min(1, max(0, $0.b / ($0.b - $0.a))), size: abs($0.a - $0.b)) }
            let w = ApplicationsBlend.weightedMedian(points)
            func loss(_ w: Double) -> Double { pairs.reduce(0) { $0 + abs($1.b + w * ($1.a - $1.b)) } }
            let best = (0...1000).map { Double($0) / 1000 }.map(loss).min()!
            #expect(loss(w) <= best + 1e-12, "\(w)")
        }
    }

    @Test("two forecasts with independent errors of equal size are weighted equally")
    func equalErrors() {
        // Errors in each forecast of ±e, independent: the best weight is about ½.
        let h = Self.history(areas: 40, entry: { a, y in 900 * (1 + 0.02 * Self.wobble(a, y) / 5) },
                             applied: { a, y in 900 * (1 + 0.02 * Self.wobble(a + 3, y + 5) / 5) })
        let blend = Self.fit(h)
        #expect(blend.pairs >= ApplicationsBlend.minimumPairs)
        #expect(blend.weight > 0.2 && blend.weight < 0.8, "\(blend.weight)")
    }

    @Test("too few past pairs: the two forecasts are averaged")
    func uninformed() {
        let h = Self.history(areas: 3, entry: { a, y in 900 + Self.wobble(a, y) }, applied: { _, _ in 1_000 }).known(through: 2016)
        let blend = Self.fit(h)
        #expect(blend.pairs == 0 && blend.weight == ApplicationsBlend.uninformed)
        #expect(blend.combine(fromApplications: 100, fromBirths: 200) == 150)
    }

    @Test("a census knows applications for entry up to the year after it, no later")
    func knownAtCensus() {
        let h = Self.history(areas: 2, entry: { _, _ in 900 }, applied: { _, _ in 1_000 })
        #expect(h.known(through: 2016).applications?["A0"]?.byYear.keys.max() == 2017)
        #expect(h.known(through: 2013).applications?["A0"]?.byYear.keys.sorted() == [2014])
        #expect(h.known(through: 2012).applications?["A0"]?.byYear.isEmpty == true)
    }

    @Test("the forecast's first entry year is the blend of its two forecasts; later years come from births alone")
    func forecastUsesBlend() throws {
        let h = Self.history(areas: 10, entry: { a, y in 900 + 10 * Self.wobble(a, y) }, applied: { a, y in (900 + 10 * Self.wobble(a, y + 1)) / 0.95 })
        var settings = ForecastSettings(method: .mean(years: 3))
        settings.findsExceptionalYears = false
        let with = try CohortSurvival.forecast(h, settings: settings, horizon: 3)
        let without = try CohortSurvival.forecast(History(ladder: h.ladder, birthsBasis: h.birthsBasis, areas: h.areas, births: h.births),
                                                  settings: settings, horizon: 3)
        let used = try #require(with.applications)
        #expect(used.year == 2020 && used.areas == 10)
        for (a, (w, b)) in zip(with.areas, without.areas).enumerated() {
            let ratios = (2017...2019).map { y in h.areas[a].pupils(year: y, yearGroup: 0)! / h.applications!["A\(a)"]!.byYear[y]! }
            let fromApplications = h.applications!["A\(a)"]!.byYear[2020]! * ratios.reduce(0, +) / 3
            let expected = used.blend.combine(fromApplications: fromApplications, fromBirths: b.pupils[0][0])
            #expect(abs(w.pupils[0][0] - expected) < 1e-9)
            #expect(w.pupils[1][0] == b.pupils[1][0] && w.pupils[2][0] == b.pupils[2][0])
        }
    }
}
