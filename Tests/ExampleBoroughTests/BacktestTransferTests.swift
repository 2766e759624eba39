import Testing
@testable import PlacePlanCore

/// A backtest fits each origin's transfer once for all its methods (`SchoolHistory.transfers(at:)`)
/// and scores each forecast on the core that made it: the tables must be those of fitting the
/// transfer inside every forecast and scoring one forecast after another.
@Suite("Backtest: the transfer fitted once an origin gives the tables of fitting it every time")
struct BacktestTransferTests {
    static let methods = ["mean-3", "weighted-5", "mean-1+weighted-5:weighted-3"].compactMap { ForecastSettings(spec: $0) }

    @Test("school level: every method, every origin, on Data/borough")
    func schools() throws {
        let borough = try Borough()
        let (history, share) = (borough.history, borough.plan.places!.shareMethod)
        let origins = Backtest.origins(for: history.schoolsAsHistory)
        #expect(origins.count >= 3 && Self.methods.count == 3)
        let once = try history.schoolBacktest(methods: Self.methods, shareMethod: share, horizon: 3, origins: origins)
        let everyTime = try Backtest.run(history.schoolsAsHistory, methods: Self.methods, horizon: 3, origins: origins,
                                         measures: Backtest.measures(for: history.ladder, layout: history.layout)) { settings, origin, reach in
            try PlacePlanning.forecast(history.known(through: origin), settings: settings, shareMethod: share, horizon: reach).schoolForecast
        }
        #expect(!once.rows.isEmpty)
        #expect(once == everyTime)
    }

    @Test("area level: a place plan's areas, on Data/borough")
    func areas() throws {
        let borough = try Borough()
        let (history, share) = (borough.history, borough.plan.places!.shareMethod)
        let once = try borough.plan.backtest(methods: Self.methods, horizon: 3)
        var cases = 0, scored = 0
        let everyTime = try Backtest.run(borough.plan.history, methods: Self.methods, horizon: 3,
                                         measures: Backtest.measures(for: history.ladder, layout: history.layout), forecaster: { settings, origin, reach in
            try PlacePlanning.forecast(history.known(through: origin), settings: settings, shareMethod: share, horizon: reach).areaForecast
        }, onCase: { cases += 1; if $0.error != nil { scored += 1 } })
        #expect(once == everyTime)
        // Every case reached the caller once: those with an error (an actual other than 0) are
        // the rows' counts; a primary area's sixth form, for one, has none.
        #expect(cases > scored && scored == everyTime.rows.reduce(0) { $0 + $1.summary.count })
    }
}
