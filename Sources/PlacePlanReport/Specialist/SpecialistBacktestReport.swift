import PlacePlanCore

/// The specialist and early-years backtests as tables: median absolute % error across areas
/// and origins by measure and years ahead, with the share within 5%.
public enum SpecialistBacktestReport {
    public static func table(_ scores: [SpecialistBacktest.Score], horizon: Int) -> String {
        guard !scores.isEmpty else { return "Too few years of EHC plans and rolls together to replay: three at least, and the years ahead.\n" }
        var out = "EHC plans by age: rate projected from the origin × the actual pupils (births for under-5s); "
            + "median absolute % error across areas and origins (share within 5%)\n"
        for measure in scores.map(\.measure).uniqued() {
            var table = TextTable(header: [measure] + (1...horizon).map { "\($0)y ahead" })
            for method in scores.map(\.method).uniqued() {
                table.add([method] + (1...horizon).map { h in
                    scores.first { $0.method == method && $0.measure == measure && $0.horizon == h }.map(cell) ?? "–"
                })
            }
            out += "\n" + table.render()
        }
        if let n = scores.first(where: { $0.measure == SpecialistBacktest.schoolAge })?.summary.count {
            out += "\n\(Format.count(n, "forecast")) per cell of the school-age total.\n"
        }
        return out
    }

    public static func table(_ scores: [TakeUpBacktest.Score], horizon: Int) -> String {
        guard !scores.isEmpty else { return "Too few years of funded early-education counts to replay: two at least, and the years ahead.\n" }
        var out = "Children in funded early education: children per birth of their cohorts projected from the origin × the actual births; "
            + "median absolute % error across areas and origins (share within 5%)\n"
        for entitlement in TakeUpHistory.Entitlement.allCases {
            var table = TextTable(header: [entitlement.rawValue] + (1...horizon).map { "\($0)y ahead" })
            for method in TakeUpBacktest.Method.allCases {
                table.add([method.rawValue] + (1...horizon).map { h in
                    scores.first { $0.method == method && $0.entitlement == entitlement && $0.horizon == h }.map { cell($0.summary) } ?? "–"
                })
            }
            out += "\n" + table.render()
        }
        return out
    }

    static func cell(_ score: SpecialistBacktest.Score) -> String { cell(score.summary) }

    static func cell(_ s: ErrorSummary) -> String {
        Format.percent(s.medianAbsolute, decimals: 2) + " (" + Format.percent(s.shareWithin(0.05), decimals: 0) + ")"
    }


}
