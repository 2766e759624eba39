import Testing
@testable import PlacePlanCore

/// The settings of a run: one check per setting, merged flags over plan.toml over defaults.
@Suite("Run options: one check, one merge")
struct RunOptionsTests {
    @Test("each setting outside its range is one problem, named for its setting")
    func problems() {
        let bad = RunOptions(horizon: 16, method: "mean-0", intakeMethod: "sideways", birthsTrendYears: 0, birthsTrendDamping: 1.5,
                             intervals: 99.5)
        #expect(bad.problems.map(\.setting) == [.horizon, .method, .intakeMethod, .birthsTrendYears, .birthsTrendDamping, .intervals])
        #expect(RunOptions(horizon: 15, method: "auto", birthsTrendYears: 30, birthsTrendDamping: 0, intervals: 50).problems.isEmpty)
        #expect(RunOptions(horizon: 0).problems.first?.flagDescription
                == "--horizon must be a whole number of years from 1 to 15 (got 0); e.g. --horizon 10")
        #expect(RunOptions(horizon: 0).problems.first?.tomlFix == "e.g. horizon = 10")
        #expect(RunOptions(method: "mean-3").problems.isEmpty && RunOptions(method: "mean-3:weighted-3").problems.isEmpty)
        // The intake named twice is a problem, not a silent choice.
        #expect(RunOptions(method: "mean-3:weighted-3", intakeMethod: "mean-1").problems.map(\.setting) == [.method])
    }

    @Test("a method named replaces the method and intake method and nothing else")
    func methodKeepsTheRest() throws {
        var base = ForecastSettings.default
        base.intervals = 0.8
        base.birthsTrendYears = 7
        let (settings, horizon) = try RunOptions(method: "mean-3").resolve(over: base, horizon: 6)
        #expect(settings.method == .mean(years: 3) && settings.intakeMethod == nil)
        #expect(settings.intervals == 0.8 && settings.birthsTrendYears == 7 && horizon == 6)
        let split = try RunOptions(method: "mean-3:weighted-5").resolve(over: base, horizon: 6).settings
        #expect(split.method == .mean(years: 3) && split.intakeMethod == .weighted(years: 5))
        let intakeOnly = try RunOptions(intakeMethod: "mean-1").resolve(over: base, horizon: 6).settings
        #expect(intakeOnly.method == base.method && intakeOnly.intakeMethod == .mean(years: 1))
        let auto = try RunOptions(method: "auto", intervals: 90).resolve(over: base, horizon: 6).settings
        #expect(auto.selection != nil && auto.intervals == 0.9)
        #expect(throws: SettingProblems.self) { try RunOptions(horizon: 99).resolve(over: base, horizon: 6) }
    }

    @Test("settings are named alike in plan.toml and as flags")
    func names() {
        #expect(Setting.allCases.map(\.tomlKey) == ["horizon", "method", "intake_method", "births_trend_years", "births_trend_damping", "intervals", "exclude_years"])
        #expect(Setting.allCases.map(\.flag) == ["--horizon", "--method", "--intake-method", "--births-trend-years",
                                                  "--births-trend-damping", "--intervals", "--exclude-years"])
    }
}

@Suite("Largest changes and whether accuracy is getting better")
struct ChangeAndTrendTests {
    @Test("areas' changes are sorted from the largest fall; extremes only when falls and rises cannot overlap")
    func changes() throws {
        let ladder = Ladder(name: "t", yearGroups: ["A", "B"], entryAge: 4, phases: [Phase(name: "all", first: "A", last: "B")])
        let areas = [("X", 100.0), ("Y", 0.0), ("Z", 50.0)].map { code, n in
            AreaRolls(area: PlanningArea(code: code), firstYear: 2019, pupils: [[n, n], [n, n]])
        }
        let history = History(ladder: ladder, birthsBasis: .midYear, areas: areas, births: nil)
        let forecast = Forecast(ladder: ladder, baseYear: 2020, horizon: 1, settings: .default, areas: [
            AreaForecast(area: PlanningArea(code: "X"), years: [2021], pupils: [[110, 110]], notes: []),
            AreaForecast(area: PlanningArea(code: "Y"), years: [2021], pupils: [[5, 5]], notes: []),
            AreaForecast(area: PlanningArea(code: "Z"), years: [2021], pupils: [[40, 40]], notes: []),
        ], lastKnownBirthsYear: nil)
        let changes = forecast.changes(history: history)
        // Y had no pupils: no relative change to show.
        #expect(changes.map(\.area.code) == ["Z", "X"])
        #expect(changes.map(\.now) == [100, 200] && changes.map(\.then) == [80, 220])
        #expect(abs(changes[0].relative + 0.2) < 1e-12 && abs(changes[1].relative - 0.1) < 1e-12)
        #expect(changes.extremes(1) == nil)
        let many = (0..<5).map { AreaChange(area: PlanningArea(code: "\($0)"), now: 10, then: Double(8 + $0)) }
        let extremes = try #require(many.extremes(2))
        #expect(extremes.falls.map(\.area.code) == ["0", "1"] && extremes.rises.map(\.area.code) == ["4", "3"])
    }

    @Test("the latest vintage against the median of the earlier ones, measure by measure")
    func trend() {
        let ladder = Ladder(name: "t", yearGroups: ["A"], entryAge: 4)
        func result(forecast: Double) -> VintageAccuracy.Result {
            let cells: [VintageAccuracy.Cell: Double] = [
                .init(level: .area, code: "X", year: 2021, yearGroup: 0): forecast,
                .init(level: .authority, code: CellLevel.authorityCode, year: 2021, yearGroup: 0): forecast,
            ]
            return VintageAccuracy.score(ladder: ladder, origin: 2020, forecast: cells) { level, _, _, _ in level == .area ? 100 : nil }
        }
        // Errors 10%, 4%, then 2%: the latest is smaller than the median (7%) of the earlier two.
        let trends = AccuracyTrend.trends([result(forecast: 110), result(forecast: 96), result(forecast: 102)],
                                          measures: ["A intake", "all"])
        #expect(trends.count == 1)
        #expect(trends[0].latest == 2 && trends[0].earlier == [0, 1] && trends[0].horizon == 1)
        #expect(trends[0].authority.allSatisfy { $0.change == .smaller } && trends[0].areas.allSatisfy { $0.change == .smaller })
        #expect(AccuracyTrend.trends([result(forecast: 110)], measures: ["all"]).isEmpty)
    }
}
