import Testing
@testable import PlacePlanCore
@testable import PlacePlanReport

@Suite("Accuracy report")
struct AccuracyReportTests {
    let ladder = Ladder(name: "tiny", yearGroups: ["A", "B"], entryAge: 4, phases: [Phase(name: "all", first: "A", last: "B")])

    /// A vintage from `origin` whose forecasts are `actual × (1 + error)` for area X, with the
    /// actual 100 in every cell, for `years` years.
    func vintage(id: Int64, origin: Int, error: Double, years: Int = 2) -> AccuracyReport.Vintage {
        var forecast: [VintageAccuracy.Cell: Double] = [:]
        for year in (origin + 1)...(origin + years) {
            for g in 0..<2 {
                forecast[.init(level: .area, code: "X", year: year, yearGroup: g)] = 100 * (1 + error)
                forecast[.init(level: .authority, code: "authority", year: year, yearGroup: g)] = 100 * (1 + error)
            }
        }
        let result = VintageAccuracy.score(ladder: ladder, origin: origin, forecast: forecast) { _, _, year, _ in
            year <= 2021 ? 100 : nil
        }
        return AccuracyReport.Vintage(id: id, label: "Plan \(origin)", plan: "Tiny", origin: origin, horizon: years,
                                      method: "weighted-3", createdAt: "2020-09-01T00:00:00Z", result: result)
    }

    @Test("each vintage's authority and area errors, then the track record and whether it is getting better")
    func table() {
        let text = AccuracyReport.table([vintage(id: 1, origin: 2018, error: 0.02), vintage(id: 2, origin: 2019, error: -0.01)],
                                        database: "x.sqlite")
        #expect(text.contains("Vintage 1 \"Plan 2018\": Tiny, origin 2018/19 (last census), 2 years"))
        // Vintage 1 forecasts 2019 and 2020, both known; vintage 2 forecasts 2020 and 2021.
        #expect(text.contains("Scored 4 area cells (2019/20–2020/21); none waiting."))
        #expect(text.contains("A intake       1  2019/20       102     100  +2.00%"), "\(text)")
        #expect(text.contains("A intake       1  2020/21        99     100  -1.00%"), "\(text)")
        let track = text.components(separatedBy: "Track record: authority error (signed)")[1]
        let lines = track.split(separator: "\n").filter { $0.hasPrefix("1 ") || $0.hasPrefix("2 ") }.prefix(4).map(String.init)
        // Sorted by years ahead, then origin.
        #expect(lines.map { $0.prefix(14) } == ["1 \"Plan 2018\" ", "2 \"Plan 2019\" ", "1 \"Plan 2018\" ", "2 \"Plan 2019\" "])
        #expect(lines[0].contains("+2.00%") && lines[1].contains("-1.00%"))
        #expect(text.contains("Getting better?"))
        #expect(text.contains("authority |error| smaller on A intake, all"))
    }

    @Test("a vintage with nothing known yet says what is waiting; CSV has one row per score")
    func waitingAndCSV() {
        let future = vintage(id: 3, origin: 2021, error: 0.05)
        let text = AccuracyReport.table([future], database: "x.sqlite")
        #expect(text.contains("Nothing to score yet: no actuals for its years; 4 area cells are waiting (2022/23–2023/24)."))
        #expect(!text.contains("Track record"))
        let csv = AccuracyReport.csv([vintage(id: 1, origin: 2018, error: 0.02)]).split(separator: "\n")
        // 2 years × (authority + area) × (A intake + all).
        #expect(csv.count == 1 + 2 * 2 * 2)
        #expect(csv.contains("1,Plan 2018,2018,area,X,A intake,intake,2019,1,102.0,100.0,2.0000"))
    }
}
