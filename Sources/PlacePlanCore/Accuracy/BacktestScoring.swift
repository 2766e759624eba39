extension Backtest {
    /// What one replayed forecast adds to the backtest's rows: each case's row, error, coverage
    /// and width, in the order the cases are met, and the cases themselves when asked for. It is
    /// made on the core that made the forecast, so scoring runs beside the next forecast; the
    /// rows then take the entries one forecast after another, in the order a single core would.
    struct Scores: Sendable {
        struct Entry: Sendable {
            let row: Int
            let error: Double?
            let covered: Bool?
            let width: Double?
        }
        var entries: [Entry] = []
        var cases: [Case] = []
    }

    /// Scores forecasts against the history's rolls, by area and for their sum.
    struct Scorer: Sendable {
        let measures: [Measure]
        let actualByArea: [String: AreaRolls]
        let yearGroups: Int
        let methodCount: Int
        let horizon: Int
        /// Whether each `Case` is kept for the caller (only a caller that reads them pays for them).
        let keepCases: Bool

        /// The row a case adds to: by level, method, measure and horizon.
        func row(_ level: Level, _ method: Int, _ measure: Int, _ h: Int) -> Int {
            ((Level.allCases.firstIndex(of: level)! * methodCount + method) * measures.count + measure) * horizon + h - 1
        }

        var rowCount: Int { Level.allCases.count * methodCount * measures.count * horizon }

        /// A measure's interval from the simulation: a year group's, or a phase column's.
        private func interval(_ grid: IntervalGrid?, phases: IntervalGrid?, _ measure: Measure, _ h: Int,
                              uncertainty: ForecastUncertainty?) -> (lower: Double, upper: Double)? {
            if measure.yearGroups.count == 1 { return grid.map { $0[h, measure.yearGroups.lowerBound] } }
            guard let column = uncertainty?.phaseColumn(measure.yearGroups) else { return nil }
            return phases.map { $0[h, column] }
        }

        /// Every case of `forecast` (method number `method`, called `label`, made at `origin`
        /// for `reach` years): each area's measures in each year it has actuals, then the
        /// authority's.
        func score(_ forecast: Forecast, method: Int, label: String, origin: Int, reach: Int) -> Scores {
            var scores = Scores()
            scores.entries.reserveCapacity((forecast.areas.count + 1) * reach * measures.count)
            func add(_ scored: Case, measure: Int) {
                scores.entries.append(Scores.Entry(row: row(scored.level, method, measure, scored.horizon), error: scored.error,
                                                   covered: scored.covered, width: scored.width))
                if keepCases { scores.cases.append(scored) }
            }
            var totalForecast = [[Double]](repeating: [Double](repeating: 0, count: yearGroups), count: reach)
            var totalActual = totalForecast
            var counted = [Int](repeating: 0, count: reach)
            let uncertainty = forecast.uncertainty
            for (j, area) in forecast.areas.enumerated() {
                guard let actual = actualByArea[area.area.code] else { continue }
                for (h, year) in area.years.enumerated() where actual.years.contains(year) {
                    let truth = actual.pupils[year - actual.firstYear]
                    counted[h] += 1
                    for i in 0..<yearGroups {
                        totalForecast[h][i] += area.pupils[h][i]
                        totalActual[h][i] += truth[i]
                    }
                    for (k, measure) in measures.enumerated() {
                        var scored = Case(level: .area, method: label, measure: measure.name, horizon: h + 1, origin: origin,
                                          area: area.area.code, forecast: measure.total(area.pupils[h]), actual: measure.total(truth))
                        if let interval = interval(uncertainty?.areas[j], phases: uncertainty?.areaPhases[j], measure, h,
                                                   uncertainty: uncertainty) {
                            scored.lower = interval.lower
                            scored.upper = interval.upper
                        }
                        add(scored, measure: k)
                    }
                }
            }
            // The authority's interval is the simulation's total: it is scored only in years
            // every area has its actuals (else the total is of fewer areas than it).
            for h in 0..<reach {
                let whole = counted[h] == forecast.areas.count
                for (k, measure) in measures.enumerated() {
                    var scored = Case(level: .authority, method: label, measure: measure.name, horizon: h + 1,
                                      origin: origin, area: "all areas", forecast: measure.total(totalForecast[h]),
                                      actual: measure.total(totalActual[h]))
                    if whole, let interval = interval(uncertainty?.authority, phases: uncertainty?.authorityPhases, measure, h,
                                                       uncertainty: uncertainty) {
                        scored.lower = interval.lower
                        scored.upper = interval.upper
                    }
                    add(scored, measure: k)
                }
            }
            return scores
        }
    }
}
