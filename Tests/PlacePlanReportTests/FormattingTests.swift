import Testing
import TestSupport
@testable import PlacePlanCore
@testable import PlacePlanReport

@Suite("Formatting and output")
struct FormattingTests {
    @Test("numbers round half away from zero, group thousands, and ignore the locale")
    func numbers() {
        #expect(Format.number(2.5) == "3")
        #expect(Format.number(3.5) == "4")
        #expect(Format.number(-2.5) == "-3")
        #expect(Format.number(1_234_567.25, decimals: 1) == "1,234,567.3")
        #expect(Format.number(1234.05, decimals: 2, grouping: false) == "1234.05")
        #expect(Format.number(-0.04, decimals: 1) == "0.0")
        #expect(Format.number(0.5, decimals: 0) == "1")
    }

    @Test("percentages and academic years")
    func percentAndYears() {
        #expect(Format.percent(0.01234) == "1.2%")
        #expect(Format.percent(0.0125, decimals: 2, signed: true) == "+1.25%")
        #expect(Format.percent(-0.0125, decimals: 2, signed: true) == "-1.25%")
        #expect(Format.academicYear(2019) == "2019/20")
        #expect(Format.academicYear(2009) == "2009/10")
        #expect(Format.academicYear(1999) == "1999/00")
    }

    @Test("a chance of a shortfall: a whole percent without a decimal, whatever binary makes of the share of draws")
    func chances() {
        #expect(PlacePlanSummary.percent(0.57) == "57%")   // 0.57 × 100 = 56.99999999999999
        #expect(PlacePlanSummary.percent(0.72) == "72%")
        #expect(PlacePlanSummary.percent(0.562) == "56.2%")
        #expect(PlacePlanSummary.percent(1) == "100%")
        #expect(PlacePlanSummary.percent(0.001) == "0.1%")
        #expect(PlacePlanSummary.percent(0) == "0%")
    }

    @Test("CSV fields are quoted only when they must be")
    func quoting() {
        #expect(CSVField.quote("E06000001") == "E06000001")
        #expect(CSVField.quote("Bristol, City of") == "\"Bristol, City of\"")
        #expect(CSVField.quote("say \"hi\"") == "\"say \"\"hi\"\"\"")
    }

    @Test("forecast CSV: header, one row per cell, areas with commas quoted")
    func forecastCSV() throws {
        let ladder = Ladder(name: "t", yearGroups: ["A", "B"], entryAge: 4)
        let area = AreaRolls(area: PlanningArea(code: "X,1"), firstYear: 2018, pupils: [[10, 10], [10, 10]])
        let history = History(ladder: ladder, birthsBasis: .midYear, areas: [area], births: nil)
        let plan = Plan(name: "t", history: history, settings: ForecastSettings(method: .mean(years: 1)), horizon: 2)
        #expect(try ForecastOutput.csv(PlanRun(plan), level: .area) == """
            year,area,year_group,pupils
            2020,"X,1",A,10.0
            2020,"X,1",B,10.0
            2021,"X,1",A,10.0
            2021,"X,1",B,10.0

            """)
    }

    @Test("text tables align columns")
    func table() {
        var t = TextTable(header: ["area", "pupils"])
        t.add(["A", "1"])
        t.add(["Longer", "1,000"])
        #expect(t.render() == "area    pupils\n──────  ──────\nA            1\nLonger   1,000\n")
    }
}

@Suite("CSV: formulas are never written live")
struct CSVInjectionTests {
    @Test("text starting =, +, -, @, tab or CR gets a leading quote; numbers, negative ones too, do not")
    func neutralised() {
        #expect(CSVField.quote("=HYPERLINK(\"http://x\")") == "\"'=HYPERLINK(\"\"http://x\"\")\"")
        #expect(CSVField.quote("+44 20") == "'+44 20" && CSVField.quote("@SUM(A1)") == "'@SUM(A1)")
        #expect(CSVField.quote("-1+2") == "'-1+2" && CSVField.quote("\tx") == "'\tx")
        #expect(CSVField.quote("-779") == "-779" && CSVField.quote("-7.2") == "-7.2" && CSVField.quote("+3") == "+3")
        #expect(CSVField.quote("Northgate (P01)") == "Northgate (P01)")
        // A CRLF inside a field is one Character in Swift: it must still be quoted.
        #expect(CSVField.quote("a\r\nb") == "\"a\r\nb\"")
    }

    @Test("property: a field written as it is never needed quoting or neutralising")
    func plainFieldsUnchanged() {
        let alphabet: [Character] = ["a", "Z", "0", "7", " ", ",", "\"", "\n", "\r", "=", "+", "-", "@", "\t", ".", "é"]
        var random = SeededRandom(seed: 4180)
        for _ in 0..<5_000 {
            let field = String((0..<Int.random(in: 0...6, using: &random)).map { _ in alphabet.randomElement(using: &random)! })
            let written = CSVField.quote(field)
            if written == field {
                #expect(!field.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }, "\(field.debugDescription)")
                #expect(field.first.map { !"=+-@\t\r".contains($0) } ?? true || CSVField.isNumber(field), "\(field.debugDescription)")
            } else {
                #expect(written.hasPrefix("\"") || written.hasPrefix("'"), "\(field.debugDescription) → \(written.debugDescription)")
            }
        }
    }
}

@Suite("Tenths as every output writes them")
struct TenthsTests {
    @Test("Format.tenths is Format.number to one decimal, without the Double")
    func sameAsNumber() {
        for tenths in Array(-2_000...2_000) + [123_456_789, -98_765_432, 10, 0] {
            #expect(Format.tenths(tenths) == Format.number(Double(tenths) / 10, decimals: 1, grouping: false), "\(tenths)")
        }
    }

    @Test("CSVText writes fields as CSVField.quote does, and numbers as String and Format.number do")
    func csvText() {
        let fields = ["U100000", "P0001", "R", "", "St Mary's, Northgate", "say \"hi\"", "=SUM(A1)", "-12", "+3.5", "@x", "\tx",
                      "line\nbreak", "cr\rhere", "Ysgol Gymraeg", "école"]
        for field in fields {
            var out = CSVText(capacity: 0)
            out.field(field)
            #expect(out.text == CSVField.quote(field), "\(field)")
        }
        for n in [0, 7, 10, 99, 100, 2025, 1_000_000, -1, -45, Int.max, Int.min + 1] {
            var out = CSVText(capacity: 0)
            out.integer(n)
            #expect(out.text == String(n))
        }
        for tenths in [0, 5, 9, 10, 95, 1234, 100_000, -5, -1234] {
            var out = CSVText(capacity: 0)
            out.tenths(tenths)
            #expect(out.text == Format.number(Double(tenths) / 10, decimals: 1, grouping: false))
        }
    }
}
