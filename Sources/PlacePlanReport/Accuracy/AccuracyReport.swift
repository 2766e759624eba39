import PlacePlanCore

/// Renders the scores of archived forecasts (vintages): per vintage, the authority's error and
/// the spread of area errors for each measure and years ahead; then the track record across
/// vintages. Errors are DfE's (forecast − actual) / actual with the sign kept.
public enum AccuracyReport {
    /// What a reader needs to know about a vintage besides its scores.
    public struct Vintage: Sendable {
        public let id: Int64
        public let label: String?
        public let plan: String
        public let origin: Int
        public let horizon: Int
        public let method: String
        public let createdAt: String
        public let result: VintageAccuracy.Result

        public init(id: Int64, label: String?, plan: String, origin: Int, horizon: Int, method: String, createdAt: String,
                    result: VintageAccuracy.Result) {
            self.id = id
            self.label = label
            self.plan = plan
            self.origin = origin
            self.horizon = horizon
            self.method = method
            self.createdAt = createdAt
            self.result = result
        }

        /// `1 "Pupil Place Plan 2025"` or `1`.
        var name: String { label.map { "\(id) \"\($0)\"" } ?? "\(id)" }
    }

    static func pct(_ error: Double?) -> String { error.map { Format.percent($0, decimals: 2, signed: true) } ?? "–" }
    static func abs(_ error: Double?) -> String { error.map { Format.percent($0, decimals: 2) } ?? "–" }

    static func yearSpan(_ years: [Int]) -> String {
        guard let first = years.first, let last = years.last else { return "" }
        return first == last ? Format.academicYear(first) : "\(Format.academicYear(first))–\(Format.academicYear(last))"
    }

    // MARK: - Table

    public static func table(_ vintages: [Vintage], database: String) -> String {
        var out = "Accuracy of \(vintages.count) archived forecast\(vintages.count == 1 ? "" : "s") against the actuals in \(database)\n"
        out += "error = (forecast − actual) / actual, sign kept: + over-forecast, − under-forecast\n"
        for v in vintages {
            out += "\nVintage \(v.name): \(v.plan), origin \(Format.academicYear(v.origin)) (last census), "
            out += "\(v.horizon) years, \(v.method), archived \(v.createdAt)\n"
            let r = v.result
            let kind = r.hasSchools ? "area and school cells" : "area cells"
            if r.scores.isEmpty {
                out += "Nothing to score yet: no actuals for its years; \(Format.number(Double(r.waitingCells))) \(kind) are waiting"
                out += r.waitingYears.isEmpty ? ".\n" : " (\(yearSpan(r.waitingYears))).\n"
                continue
            }
            out += "Scored \(Format.number(Double(r.scoredCells))) \(kind) (\(yearSpan(r.years))); "
            out += r.waitingCells == 0 ? "none waiting.\n"
                : "waiting for actuals: \(Format.number(Double(r.waitingCells))) more (\(yearSpan(r.waitingYears))).\n"

            if r.codeCounts[.authority] != nil {
                var t = TextTable(header: ["authority", "ahead", "year", "forecast", "actual", "error"])
                t.leftAligned = [0, 2]
                for h in r.horizons {
                    for m in r.measures {
                        guard let s = r.firstScore(level: .authority, measure: m.name, horizon: h) else { continue }
                        t.add([m.name, "\(h)", Format.academicYear(s.year), Format.number(s.forecast), Format.number(s.actual), pct(s.error)])
                    }
                }
                out += "\n" + t.render()
            }
            for level in [CellLevel.area, .school] {
                guard let codes = r.codeCounts[level] else { continue }
                let noun = level == .area ? "areas" : "schools"
                var t = TextTable(header: ["\(noun) (\(codes))", "ahead", "year", noun, "median |error|", "mean |error|",
                                           "bias", "within 0.9%"])
                t.leftAligned = [0, 2]
                for h in r.horizons {
                    for m in r.measures {
                        guard let s = r.summary(level: level, measure: m.name, horizon: h),
                              let year = r.firstScore(level: level, measure: m.name, horizon: h)?.year else { continue }
                        t.add([m.name, "\(h)", Format.academicYear(year), "\(s.count)", abs(s.medianAbsolute), abs(s.meanAbsolute),
                               pct(s.bias), Format.percent(s.shareWithin0_9Percent, decimals: 0)])
                    }
                }
                out += "\n" + t.render()
            }
        }
        out += trackRecord(vintages)
        return out
    }

    /// One line per vintage and years ahead, in order of years ahead and origin, so that each
    /// block reads down as time goes on.
    struct TrackLine {
        let vintage: Vintage
        let horizon: Int
        let year: Int
    }

    static func trackLines(_ vintages: [Vintage]) -> [TrackLine] {
        vintages.flatMap { v in
            v.result.horizons.compactMap { h in
                v.result.scores.first(where: { $0.horizon == h }).map { TrackLine(vintage: v, horizon: h, year: $0.year) }
            }
        }.sorted { ($0.horizon, $0.vintage.origin, $0.vintage.id) < ($1.horizon, $1.vintage.origin, $1.vintage.id) }
    }

    static func authorityError(_ v: Vintage, _ measure: String, _ h: Int) -> Double? {
        v.result.scores(level: .authority, measure: measure, horizon: h).first?.error
    }

    static func areaMedian(_ v: Vintage, _ measure: String, _ h: Int) -> Double? {
        v.result.summary(level: .area, measure: measure, horizon: h)?.medianAbsolute
    }

    static func trackRecord(_ vintages: [Vintage]) -> String {
        let lines = trackLines(vintages)
        guard !lines.isEmpty else { return "" }
        var measures: [String] = []
        for v in vintages { for m in v.result.measures where !measures.contains(m.name) { measures.append(m.name) } }
        var out = ""
        for (title, value) in [("Track record: authority error (signed)", { (v: Vintage, m: String, h: Int) in pct(authorityError(v, m, h)) }),
                               ("Track record: median absolute error across areas", { (v: Vintage, m: String, h: Int) in abs(areaMedian(v, m, h)) })] {
            var t = TextTable(header: ["vintage", "origin", "ahead", "year"] + measures)
            t.leftAligned = [0, 1, 3]
            for line in lines {
                t.add([line.vintage.name, "\(line.vintage.origin)", "\(line.horizon)", Format.academicYear(line.year)]
                      + measures.map { value(line.vintage, $0, line.horizon) })
            }
            out += "\n\(title)\n" + t.render()
        }
        // Is it getting better? (`AccuracyTrend`: the latest vintage against the earlier ones.)
        let ordered = vintages.sorted { ($0.origin, $0.id) < ($1.origin, $1.id) }
        var verdicts: [String] = []
        for trend in AccuracyTrend.trends(ordered.map(\.result), measures: measures) {
            let latest = ordered[trend.latest], earlier = trend.earlier.map { ordered[$0] }
            var parts: [String] = []
            for (what, list) in [("authority |error|", trend.authority), ("areas' median |error|", trend.areas)] {
                var text: [String] = []
                for change in [AccuracyTrend.Change.smaller, .larger, .same] {
                    let named = list.filter { $0.change == change }.map(\.measure)
                    if !named.isEmpty { text.append((change == .same ? "the same" : change.rawValue) + " on " + named.joined(separator: ", ")) }
                }
                if !text.isEmpty { parts.append("\(what) " + text.joined(separator: "; ")) }
            }
            let h = trend.horizon
            verdicts.append("- \(h) year\(h == 1 ? "" : "s") ahead, vintage \(latest.name) (origin \(latest.origin)) against "
                + (earlier.count == 1 ? "vintage \(earlier[0].name)" : "the median of \(earlier.count) earlier vintages") + ":\n    "
                + parts.joined(separator: "\n    "))
        }
        if !verdicts.isEmpty { out += "\nGetting better? (latest vintage against the earlier ones)\n" + verdicts.joined(separator: "\n") + "\n" }
        return out
    }

    // MARK: - CSV and JSON

    static func fixed(_ x: Double, _ decimals: Int) -> String { Format.number(x, decimals: decimals, grouping: false) }

    /// One row per vintage, level, code, measure and year; errors in percent.
    public static func csv(_ vintages: [Vintage]) -> String {
        var out = "vintage,label,origin,level,code,measure,kind,year,horizon,forecast,actual,pct_error\n"
        for v in vintages {
            for s in v.result.scores {
                out += ["\(v.id)", CSVField.quote(v.label ?? ""), "\(v.origin)", s.level.rawValue, CSVField.quote(s.code),
                        CSVField.quote(s.measure), s.kind.rawValue, "\(s.year)", "\(s.horizon)", fixed(s.forecast, 1),
                        fixed(s.actual, 1), s.error.map { fixed($0 * 100, 4) } ?? ""].joined(separator: ",") + "\n"
            }
        }
        return out
    }

    public static func json(_ vintages: [Vintage], database: String) throws -> String {
        struct Score: Encodable {
            let level: String, code: String, measure: String, kind: String, year: Int, horizon: Int
            let forecast: Double, actual: Double, pctError: Double?
        }
        struct Summary: Encodable {
            let level: String, measure: String, year: Int, horizon: Int, count: Int
            let medianAbsPctError: Double, meanAbsPctError: Double, biasPct: Double, shareWithin0_9Pct: Double
        }
        struct Entry: Encodable {
            let id: Int64, label: String?, plan: String, origin: Int, horizon: Int, method: String, createdAt: String
            let scoredCells: Int, waitingCells: Int, waitingYears: [Int], scores: [Score], summaries: [Summary]
        }
        struct Track: Encodable {
            let vintage: Int64, origin: Int, horizon: Int, year: Int, measure: String
            let authorityPctError: Double?, areaMedianAbsPctError: Double?
        }
        struct Document: Encodable { let database: String; let vintages: [Entry]; let trackRecord: [Track] }
        let entries = vintages.map { v in
            let r = v.result
            var summaries: [Summary] = []
            for level in [CellLevel.area, .school] {
                for h in r.horizons {
                    for m in r.measures {
                        guard let s = r.summary(level: level, measure: m.name, horizon: h),
                              let year = r.firstScore(level: level, measure: m.name, horizon: h)?.year else { continue }
                        summaries.append(Summary(level: level.rawValue, measure: m.name, year: year, horizon: h, count: s.count,
                                                 medianAbsPctError: s.medianAbsolute * 100, meanAbsPctError: s.meanAbsolute * 100,
                                                 biasPct: s.bias * 100, shareWithin0_9Pct: s.shareWithin0_9Percent * 100))
                    }
                }
            }
            return Entry(id: v.id, label: v.label, plan: v.plan, origin: v.origin, horizon: v.horizon, method: v.method,
                         createdAt: v.createdAt, scoredCells: r.scoredCells, waitingCells: r.waitingCells, waitingYears: r.waitingYears,
                         scores: r.scores.map {
                             Score(level: $0.level.rawValue, code: $0.code, measure: $0.measure, kind: $0.kind.rawValue, year: $0.year,
                                   horizon: $0.horizon, forecast: $0.forecast, actual: $0.actual, pctError: $0.error.map { $0 * 100 })
                         },
                         summaries: summaries)
        }
        var track: [Track] = []
        for line in trackLines(vintages) {
            for m in line.vintage.result.measures {
                track.append(Track(vintage: line.vintage.id, origin: line.vintage.origin, horizon: line.horizon, year: line.year,
                                   measure: m.name, authorityPctError: authorityError(line.vintage, m.name, line.horizon).map { $0 * 100 },
                                   areaMedianAbsPctError: areaMedian(line.vintage, m.name, line.horizon).map { $0 * 100 }))
            }
        }
        return try JSONText.encode(Document(database: database, vintages: entries, trackRecord: track))
    }
}
