import PlacePlanCore

/// `placeplan backtest --shock YEAR:PERCENT`: each method's median absolute error from the
/// origins that see the shock, on the plan's own history and on the shocked copy, and how much
/// the shock made it worse — the test of whether one odd year is carried into the forecasts.
public enum ShockReport {
    public static func table(without: Backtest.Result, with: Backtest.Result, shock: Shock, methods: [String], measures: [String],
                             horizons: [Int], defaultMethod: String? = nil) -> String {
        var out = "Shock test: \(shock.description); origins \(with.origins.map(String.init).joined(separator: ", ")) "
        out += "(those that see it); median absolute % error across areas, without → with the shock\n"
        for measure in measures {
            var table = TextTable(header: [measure] + horizons.flatMap { ["\($0)y without", "\($0)y with", "worse by"] })
            for method in methods {
                var row = [method + (method == defaultMethod ? " (default)" : "")]
                for h in horizons {
                    let a = without.row(method: method, measure: measure, horizon: h)?.summary.medianAbsolute
                    let b = with.row(method: method, measure: measure, horizon: h)?.summary.medianAbsolute
                    row += [a.map { Format.percent($0, decimals: 2) } ?? "–", b.map { Format.percent($0, decimals: 2) } ?? "–",
                            a.flatMap { a in b.map { a > 0 ? Format.percent($0 / a - 1, decimals: 0, signed: true) : "–" } } ?? "–"]
                }
                table.add(row)
            }
            out += "\n" + table.render()
        }
        return out
    }
}
