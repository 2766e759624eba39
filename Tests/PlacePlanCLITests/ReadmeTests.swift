import Foundation
import Testing

/// The figures in docs/method.md must be what the command it names prints today.
@Suite("docs/method.md figures")
struct ReadmeTests {
    /// Every percentage in a block of text, in order.
    func percentages(_ text: String) -> [Double] {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "*" }).compactMap { word in
            word.hasSuffix("%") ? Double(word.dropLast()) : nil
        }
    }

    @Test("the accuracy table in docs/method.md matches `placeplan backtest Data/england --horizon 3`")
    func backtestTable() throws {
        let readme = try String(contentsOf: CLI.root.appendingPathComponent("docs/method.md"), encoding: .utf8)
        let begin = try #require(readme.range(of: "<!-- backtest:begin -->"))
        let end = try #require(readme.range(of: "<!-- backtest:end -->"))
        let block = String(readme[begin.upperBound..<end.lowerBound])
        let result = try CLI.run(["backtest", "Data/england", "--horizon", "3"])
        #expect(result.status == 0, "\(result.stderr)")
        let documented = percentages(block), measured = percentages(result.stdout)
        #expect(documented.count == measured.count && documented.count > 50)
        // Allow one unit in the last printed digit for floating-point differences between CPUs.
        for (d, m) in zip(documented, measured) { #expect(abs(d - m) <= 0.011, "docs/method.md \(d)% but measured \(m)%") }
        // The labels, too: same methods, same default.
        let labels = { (text: String) in text.split(separator: "\n").filter { $0.contains("%") }.map { $0.split(separator: " ").first ?? "" } }
        #expect(labels(block) == labels(result.stdout))
        #expect(block.contains("(default)"))
        // The README's front-page table: the default's and mean-3's rows of the same run, 1 and 3 years ahead.
        let front = try String(contentsOf: CLI.root.appendingPathComponent("README.md"), encoding: .utf8)
        let from = try #require(front.range(of: "<!-- readme-accuracy:begin -->")), to = try #require(front.range(of: "<!-- readme-accuracy:end -->"))
        let shown = percentages(String(front[from.upperBound..<to.lowerBound]).replacingOccurrences(of: "|", with: " "))
        var expected: [Double] = []
        for measure in ["R (intake)", "Y7 (intake)", "primary", "secondary", "sixth form"] {
            let table = result.stdout.components(separatedBy: "\n\n").first { $0.hasPrefix(measure + " ") } ?? ""
            func figures(_ method: String) -> [Double] {
                percentages(table.split(separator: "\n").first { $0.hasPrefix(method + " ") }.map(String.init) ?? "")
            }
            let ours = figures("mean-1+weighted-5:weighted-3 (default)"), theirs = figures("mean-3")
            guard ours.count >= 3, theirs.count >= 3 else { Issue.record("no rows for \(measure)"); continue }
            expected += [ours[0], theirs[0], ours[2], theirs[2]]
        }
        #expect(shown.count == 20 && shown.count == expected.count, "\(shown) \(expected)")
        for (d, m) in zip(shown, expected) { #expect(abs(d - m) <= 0.011, "README \(d)% but measured \(m)%") }
        // The ceiling table (Scripts/accuracy-ceiling.py) starts from the same mean-3: Y7, secondary, sixth form, 1 and 3 years.
        let ceiling = try #require(readme.range(of: "\nclairvoyant level "))
        let ceilingRow = try #require(readme[..<ceiling.lowerBound].split(separator: "\n").last { $0.hasPrefix("mean-3 ") })
        var mean3: [Double] = []
        for measure in ["Y7 (intake)", "secondary", "sixth form"] {
            let table = result.stdout.components(separatedBy: "\n\n").first { $0.hasPrefix(measure + " ") } ?? ""
            let row = percentages(table.split(separator: "\n").first { $0.hasPrefix("mean-3 ") }.map(String.init) ?? "")
            if row.count >= 3 { mean3 += [row[0], row[2]] }
        }
        #expect(percentages(String(ceilingRow)) == mean3, "\(ceilingRow) against \(mean3)")
    }

    @Test("the ceiling table in docs/method.md and the README's Year 7 figures are what Scripts/accuracy-ceiling.py prints today")
    func ceilingTable() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", CLI.root.appendingPathComponent("Scripts/accuracy-ceiling.py").path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let docs = try String(contentsOf: CLI.root.appendingPathComponent("docs/method.md"), encoding: .utf8)
        #expect(output.hasPrefix("Data/england/rolls.csv: origins 2013-2018") && docs.contains("```text\n" + output + "```"), "\(output)")
        // The README quotes Year 7 one year ahead: the clairvoyant level's and the bar's.
        let rows = output.split(separator: "\n")
        let level = try #require(rows.first { $0.hasPrefix("clairvoyant level ") }), bar = try #require(rows.first { $0.hasPrefix("the bar ") })
        let front = try String(contentsOf: CLI.root.appendingPathComponent("README.md"), encoding: .utf8)
            .replacingOccurrences(of: "\n", with: " ")
        func first(_ row: Substring) -> Substring { row.split(separator: " ").first { $0.hasSuffix("%") } ?? "" }
        let quoted = front.contains("reaches only \(first(level)), against the \(first(bar)) asked")
        #expect(quoted, "README should quote \(first(level)) and \(first(bar)): \(level) \(bar)")
    }

    @Test("the Scottish school-level backtest figures in the README are what the command prints today")
    func scotlandTable() throws {
        let readme = try String(contentsOf: CLI.root.appendingPathComponent("README.md"), encoding: .utf8)
        let begin = try #require(readme.range(of: "<!-- scotland:begin -->"))
        let end = try #require(readme.range(of: "<!-- scotland:end -->"))
        let documented = percentages(String(readme[begin.upperBound..<end.lowerBound]).replacingOccurrences(of: "|", with: " "))
        let result = try CLI.run(["backtest", "Data/scotland", "--level", "school", "--horizon", "2", "--minimum-history", "2",
                                  "--methods", "mean-1+weighted-5:weighted-3"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("origins 2020, 2021; median absolute % error across schools"))
        let measured = percentages(result.stdout.split(separator: "\n").filter { $0.contains("(default)") }
            .map { $0.split(separator: " ").dropFirst(2).prefix(2).joined(separator: " ") }.joined(separator: "\n"))
        #expect(documented.count == 10 && documented.count == measured.count, "\(documented) \(measured)")
        for (d, m) in zip(documented, measured) { #expect(abs(d - m) <= 0.011, "README \(d)% but measured \(m)%") }
        let areas = try CLI.run(["backtest", "Data/scotland", "--horizon", "2", "--methods", "mean-1+weighted-5:weighted-3"])
        #expect(areas.stdout.contains("0.86%") && areas.stdout.contains("0.70%"), "\(areas.stdout)")
    }

    @Test("the shock-test table in docs/method.md is what the command prints today; bad --shock values and place plans are refused")
    func shockTable() throws {
        let docs = try String(contentsOf: CLI.root.appendingPathComponent("docs/method.md"), encoding: .utf8)
        let methods = ["--methods", "mean-1 mean-3 median-3 huber-5 mean-1+weighted-5:weighted-3 median-3:weighted-3"]
        // Keeping every year (the contrast), and with the shocked year found and left out.
        for (marker, keep) in [("shock", ["--exclude-years", "none"]), ("shock-found", [])] {
            let begin = try #require(docs.range(of: "<!-- \(marker):begin -->")), end = try #require(docs.range(of: "<!-- \(marker):end -->"))
            let block = String(docs[begin.upperBound..<end.lowerBound])
            let result = try CLI.run(["backtest", "Data/england", "--horizon", "2", "--shock", "2015:-3"] + keep + methods)
            #expect(result.status == 0, "\(result.stderr)")
            let documented = percentages(block), measured = percentages(result.stdout)
            #expect(documented.count == measured.count && documented.count > 100, "\(marker)")
            for (d, m) in zip(documented, measured) { #expect(abs(d - m) <= 1.01, "docs/method.md \(marker) \(d)% but measured \(m)%") }
            #expect(block.contains("every progression ratio into 2015/16 3% low; origins 2015, 2016, 2017, 2018"))
        }
        // The default with the shocked year left out: the figures docs/method.md quotes.
        let excluded = try CLI.run(["backtest", "Data/england", "--horizon", "2", "--shock", "2015:-3", "--exclude-years", "2015",
                                    "--methods", "mean-1+weighted-5:weighted-3"])
        let rows = excluded.stdout.split(separator: "\n").filter { $0.hasPrefix("mean-1+weighted-5:weighted-3 (default)") }
        #expect(rows.count == 5 && percentages(String(rows[2])).prefix(2) == [0.30, 0.30] && percentages(String(rows[3])).prefix(2) == [0.38, 0.38],
                "\(excluded.stdout)")
        #expect(docs.contains("the default's primary error one year ahead is 0.30% with the\nshock and 0.30% without it, secondary 0.38% and 0.38%"))
        for (arguments, message) in [(["Data/england", "--shock", "2015"], "--shock must be YEAR:PERCENT"),
                                     (["Data/england", "--shock", "2015:0"], "--shock must be YEAR:PERCENT"),
                                     (["Data/england", "--shock", "2011:-3"], "the year must be after the first census (2011)"),
                                     (["Data/borough", "--shock", "2020:-3"], "--shock replays a plan of areas")] {
            let bad = try CLI.run(["backtest"] + arguments)
            #expect(bad.status != 0 && bad.stderr.contains(message), "\(arguments): \(bad.stderr)")
        }
    }
}
