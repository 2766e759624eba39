import Testing
@testable import PlacePlanCore

@Suite("Place-plan forecast: schools within areas")
struct PlaceForecastTests {
    /// A: 20 in every primary year group, B: 10; X: 27 in every secondary year group.
    func steady(extra: [(School, (Int, Int) -> Double)] = [], years: ClosedRange<Int> = 2016...2018,
                a: School = primarySchool("A"), b: School = primarySchool("B", pan: 15)) -> SchoolHistory {
        schoolHistory([(a, { _, _ in 20 }), (b, { _, _ in 10 }), (secondarySchool("X"), { _, _ in 27 })] + extra,
                      years: years, births: flatBirths(30))
    }

    func sum(_ forecast: PlaceForecast, area: String, _ kind: AreaKind, h: Int, g: Int) -> Double {
        forecast.schools.filter { $0.school.area(kind) == area }.reduce(0) { $0 + $1.pupils[h][g] }
            + (forecast.unallocated[area]?[h][g] ?? 0)
    }

    @Test("flat history, ratios of 1: every school stays as it is, with the usual rule")
    func flat() throws {
        let forecast = try PlacePlanning.forecast(steady(), settings: ForecastSettings(method: .mean(years: 3)), horizon: 3)
        #expect(forecast.baseYear == 2018 && forecast.years == 2019...2021)
        let a = try #require(forecast.school("A")), b = try #require(forecast.school("B")), x = try #require(forecast.school("X"))
        for h in 0..<3 {
            for g in 0...6 {
                #expect(close(a.pupils[h][g], 20) && close(b.pupils[h][g], 10))
                #expect(close(forecast.area("PA")!.pupils[h][g], 30))
            }
            for g in 7...11 { #expect(close(x.pupils[h][g], 27)) }
            #expect(x.pupils[h][12] == 0 && a.pupils[h][7] == 0)
        }
        #expect(a.shares.first?.rule == .history(.mean(years: 3), years: 3))
        #expect(close(a.shares.first!.estimate!.value(at: 2019), 2.0 / 3))
        #expect(a.rules == ["intake share mean-3 (3 years)"])
        #expect(forecast.area("PA")!.yearGroups == 0...6 && forecast.area("SA")!.yearGroups == 7...13)
    }

    @Test("property: schools add up exactly to their area, whatever their own ratios")
    func reconciles() throws {
        var random = SeededRandom(seed: 5)
        for _ in 0..<20 {
            var schools: [(School, (Int, Int) -> Double)] = []
            for code in ["A", "B", "C"] {
                let level = Double.random(in: 5...60, using: &random)
                let wobble = (0..<200).map { _ in Double.random(in: 0.7...1.3, using: &random) }
                schools.append((primarySchool(code), { year, g in (level * wobble[(year - 2010) * 14 + g]).rounded() }))
            }
            schools.append((secondarySchool("X", sixthForm: 40), { year, g in (50 * Double(g) / Double(g + (year % 3))).rounded() }))
            let history = schoolHistory(schools, years: 2010...2015, births: flatBirths(Double.random(in: 50...200, using: &random)))
            let forecast = try PlacePlanning.forecast(history, settings: ForecastSettings(method: .weighted(years: 3)), horizon: 8)
            for (code, kind) in [("PA", AreaKind.primary), ("SA", .secondary)] {
                let area = try #require(forecast.area(code))
                for h in 0..<8 {
                    for g in englandLayout.yearGroups(of: kind) {
                        #expect(abs(sum(forecast, area: code, kind, h: h, g: g) - area.pupils[h][g]) <= 1e-9 * max(1, area.pupils[h][g]))
                        #expect(forecast.schools.allSatisfy { $0.pupils[h][g] >= 0 && $0.pupils[h][g].isFinite })
                    }
                }
            }
        }
    }

    @Test("an area's pupils in one year and year group are its rolls' figure, in every year, year group and geography")
    func areaPupils() {
        var random = SeededRandom(seed: 6)
        var schools: [(School, (Int, Int) -> Double)] = []
        for code in ["A", "B", "C"] {
            let wobble = (0..<200).map { _ in Double.random(in: 5...60, using: &random).rounded() }
            schools.append((primarySchool(code), { year, g in wobble[(year - 2010) * 14 + g] }))
        }
        schools.append((secondarySchool("X", sixthForm: 40), { year, g in Double(20 + g + year % 7) }))
        let history = schoolHistory(schools, years: 2010...2015)
        for (code, kind) in [("PA", AreaKind.primary), ("SA", .secondary), ("none", .primary)] {
            let rolls = history.rolls(area: code, kind)
            for year in 2010...2015 {
                for g in 0..<Ladder.england.count {
                    #expect(history.pupils(area: code, kind, year: year, yearGroup: g) == rolls[year - 2010][g], "\(code) \(year) \(g)")
                }
            }
        }
    }

    @Test("a school opened within the history: latest intake share, grows a year group a year, borrows the area's ratio")
    func newSchool() throws {
        // N opened 2017 with Reception only: 6 then 8 in R, 6 in Y1 in 2018.
        let n = primarySchool("N", pan: 15, opened: 2017)
        let history = steady(extra: [(n, { year, g in year == 2017 ? (g == 0 ? 6 : 0) : (g == 0 ? 8 : g == 1 ? 6 : 0) })])
        let forecast = try PlacePlanning.forecast(history, settings: ForecastSettings(method: .mean(years: 3)), horizon: 4)
        let school = try #require(forecast.school("N"))
        #expect(school.shares.first?.rule == .latest(yearsOpen: 2))
        #expect(close(school.shares.first!.estimate!.value(at: 2019), 8.0 / 38))
        #expect(school.ratio(from: 0)?.source == .own(years: 1))
        #expect(school.ratio(from: 1)?.source == .area)
        #expect(close(school.ratio(from: 1)!.estimate!.value(at: 2018), 1))
        #expect(school.rules.contains { $0.contains("opened 2017") && $0.contains("latest intake share") })
        #expect(school.rules.contains { $0.contains("Y1→Y2") && $0.contains("area's schools") })
        // 2019: R, Y1, Y2; Y3 arrives in 2020.
        #expect(school.pupils[0][2] > 5 && school.pupils[0][3] == 0)
        #expect(school.pupils[1][3] > 5 && school.pupils[1][4] == 0)
    }

    @Test("a planned school takes its admission number's share; a closing school's share goes to the others")
    func openingAndClosing() throws {
        let planned = primarySchool("P", pan: 30, opened: 2020)
        let b = primarySchool("B", pan: 15, closed: 2021)
        let history = steady(extra: [(planned, { _, _ in 0 })], b: b)
        let forecast = try PlacePlanning.forecast(history, settings: ForecastSettings(method: .mean(years: 3)), horizon: 4)
        let p = try #require(forecast.school("P")), a = try #require(forecast.school("A")), bf = try #require(forecast.school("B"))
        let reception = { (h: Int) in forecast.area("PA")!.pupils[h][0] }
        #expect(p.shares.first?.rule == .admissionNumber)
        #expect(p.pupils[0][0] == 0)                                   // 2019: not open yet
        // 2020: open schools A (30), B (15), P (30): P takes 30 / 75; A and B keep their 2 : 1.
        #expect(close(p.pupils[1][0], reception(1) * 30 / 75))
        #expect(close(a.pupils[1][0], reception(1) * (45.0 / 75) * 2 / 3))
        #expect(p.pupils[1][1] == 0)
        // 2021: B has closed: nothing at B, P takes 30 / 60.
        #expect(bf.pupils[2].allSatisfy { $0 == 0 })
        #expect(close(p.pupils[2][0], reception(2) / 2))
        #expect(close(sum(forecast, area: "PA", .primary, h: 2, g: 3), forecast.area("PA")!.pupils[2][3]))
        #expect(p.rules.contains { $0.contains("opens 2020") })
        #expect(bf.rules.contains { $0.contains("closes 2021") })
    }

    @Test("an area whose only school closes: its pupils are left unallocated, and the area says so")
    func unallocated() throws {
        let history = schoolHistory([(primarySchool("A", closed: 2020), { _, _ in 20 }), (secondarySchool("X"), { _, _ in 27 })],
                                    years: 2016...2018, births: flatBirths(20))
        let forecast = try PlacePlanning.forecast(history, settings: ForecastSettings(method: .mean(years: 3)), horizon: 3)
        let left = try #require(forecast.unallocated["PA"])
        #expect(left[0].allSatisfy { $0 == 0 })
        #expect(close(left[1][0], forecast.area("PA")!.pupils[1][0]) && left[1][0] > 0)
        #expect(forecast.area("PA")!.notes.contains { $0.contains("no open school teaches it") })
    }

    @Test("Year 7 of a secondary area is the transfer of its feeders' Year 6 the year before")
    func transferFeedsYear7() throws {
        // Year 6 of PA wobbles so that the transfer is identified: Y7 = 0.9 × last year's Y6.
        let y6: [Int: Double] = [2012: 30, 2013: 36, 2014: 28, 2015: 40, 2016: 33, 2017: 38, 2018: 31]
        let history = schoolHistory([(primarySchool("A"), { year, g in g == 6 ? y6[year]! : 30 }),
                                     (secondarySchool("X"), { year, g in g == 7 ? 0.9 * (y6[year - 1] ?? 30) : 27 })],
                                    years: 2012...2018, births: flatBirths(30))
        let forecast = try PlacePlanning.forecast(history, settings: ForecastSettings(method: .mean(years: 3)), horizon: 3)
        #expect(abs(forecast.transfer.share(from: "PA", to: "SA") - 0.9) < 1e-6)
        let sa = try #require(forecast.area("SA")), pa = try #require(forecast.area("PA"))
        #expect(abs(sa.pupils[0][7] - 0.9 * 31) < 1e-4)
        #expect(abs(sa.pupils[1][7] - 0.9 * pa.pupils[0][6]) < 1e-4)
        #expect(abs(forecast.school("X")!.pupils[1][7] - sa.pupils[1][7]) < 1e-9)
    }

    @Test("sixth form: staying-on and Y12→Y13 per school with one; none at a school without")
    func sixthForm() throws {
        // X: Y12 = 60% of last year's Y11, Y13 = 90% of last year's Y12. Y: no sixth form.
        let history = schoolHistory([(primarySchool("A"), { _, _ in 60 }),
                                     (secondarySchool("X", sixthForm: 60), { _, g in g == 12 ? 18 : g == 13 ? 16.2 : 30 }),
                                     (secondarySchool("Y"), { _, _ in 25 })],
                                    years: 2015...2018, births: flatBirths(60))
        let forecast = try PlacePlanning.forecast(history, settings: ForecastSettings(method: .mean(years: 3)), horizon: 2)
        let x = try #require(forecast.school("X")), y = try #require(forecast.school("Y"))
        #expect(close(x.ratio(from: 11)!.estimate!.value(at: 2018), 0.6))
        #expect(close(x.ratio(from: 12)!.estimate!.value(at: 2018), 0.9))
        #expect(y.ratio(from: 11) == nil)
        #expect(y.pupils.allSatisfy { $0[12] == 0 && $0[13] == 0 })
        #expect(close(x.pupils[0][12], 18, 1e-6))
    }

    @Test("a plan with primary schools only: no secondary areas, no transfer, still a plan")
    func primaryOnly() throws {
        let history = schoolHistory([(primarySchool("A"), { _, _ in 20 })], years: 2016...2018, births: flatBirths(20),
                                    geography: Geography(primaryAreas: [PlanningArea(code: "PA")], secondaryAreas: []))
        let forecast = try PlacePlanning.forecast(history, settings: ForecastSettings(method: .mean(years: 3)), horizon: 2)
        #expect(forecast.areas.map(\.area.code) == ["PA"] && forecast.transfer.areas.isEmpty)
        #expect(close(forecast.school("A")!.pupils[1][3], 20))
        let plan = PupilPlacePlan(name: "Primary only", forecast: forecast, history: history)
        #expect(plan.authority.map(\.phase) == [.primary, .primary, .primary])
    }

    @Test("a special school is held at its last census and counted in no area")
    func special() throws {
        let special = School(code: "SP", name: "Special", phase: .special, primaryArea: nil, secondaryArea: nil,
                             capacity: SchoolCapacity(net: 100, pan: 0))
        let history = steady(extra: [(special, { year, g in Double(5 + g + (year == 2018 ? 1 : 0)) })])
        let forecast = try PlacePlanning.forecast(history, settings: ForecastSettings(method: .mean(years: 3)), horizon: 2)
        let sp = try #require(forecast.school("SP"))
        #expect(sp.pupils.allSatisfy { $0 == (0..<14).map { Double(6 + $0) } })
        #expect(sp.shares.first?.rule == .heldAtLastCensus)
        #expect(close(forecast.area("PA")!.pupils[0][0], 30))
    }
}
