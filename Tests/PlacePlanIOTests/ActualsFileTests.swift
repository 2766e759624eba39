import Testing
@testable import PlacePlanCore
@testable import PlacePlanIO

@Suite("Actuals files")
struct ActualsFileTests {
    @Test("rows are read as the ladder spells them; other columns are ignored")
    func valid() throws {
        let contents = try ActualsFile.read(csv: "year,area,area_name,year_group,pupils\n2020,A,\"Ayr, North\",y1,12\n2020,B,Bee,R,3.5\n",
                                            file: "census.csv", ladder: .england, areas: ["A", "B"])
        #expect(contents.rowsRead == 2 && contents.issues.isEmpty && contents.rejectedRows == 0)
        #expect(contents.rows == [ActualRoll(level: .area, code: "A", year: 2020, yearGroup: "Y1", pupils: 12, line: 2),
                                  ActualRoll(level: .area, code: "B", year: 2020, yearGroup: "R", pupils: 3.5, line: 3)])
        #expect(contents.pupilsColumn == 5)
    }

    @Test("every bad row is reported with line and column, once per problem")
    func problems() throws {
        let csv = """
            year,area,year_group,pupils
            2020,A,R,10
            2020,Z,R,10
            twenty,A,Y1,10
            2020,A,Y20,-3
            2020,A,R,11
            2020,A,Y2
            """
        let contents = try ActualsFile.read(csv: csv, file: "c.csv", ladder: .england, areas: ["A"])
        #expect(contents.rowsRead == 6)
        #expect(contents.rows.count == 1)
        #expect(contents.rejectedRows == 5)
        let places = contents.issues.map { "\($0.line ?? 0):\($0.column ?? 0)" }
        #expect(places == ["7:0", "3:2", "4:1", "5:3", "5:4", "6:3"], "\(contents.issues)")
        #expect(contents.issues[5].message.contains("a second row for area A, 2020, R (the first is on line 2)"))
        #expect(contents.issues.allSatisfy { $0.file == "c.csv" && !$0.fix.isEmpty })
    }

    @Test("a school column keeps rows at school level, apart from the area rows")
    func schools() throws {
        let csv = "year,area,school,year_group,pupils\n2020,A,,R,60\n2020,A,S1,R,30\n2020,A,S2,R,30\n2020,A,S1,R,31\n"
        let contents = try ActualsFile.read(csv: csv, file: "s.csv", ladder: .england, areas: nil)
        #expect(contents.rows.map(\.level) == [.area, .school, .school])
        #expect(contents.rows.map(\.code) == ["A", "S1", "S2"])
        #expect(contents.issues.first?.message.contains("a second row for school S1") == true)
    }

    @Test("checked in parts, one per core, or whole: the same rows, issues and counts, repeats found across the parts")
    func parts() throws {
        // 4 years × 300 schools × 14 year groups, with bad rows and a cell given again far from its first.
        var csv = "year,area,school,year_group,pupils\n"
        var line = 1
        for year in 2020...2023 {
            for school in 0..<300 {
                for group in Ladder.england.yearGroups {
                    line += 1
                    let pupils = line % 997 == 0 ? "-1" : String((year + school) % 60)
                    csv += "\(year),A\(school % 7),S\(school),\(line % 1499 == 0 ? "Y20" : group.name),\(pupils)\n"
                }
            }
        }
        csv += "2020,A0,S0,R,5\n2023,A1,S1,Y13,6\n2021,A9,S5,R,1\n"
        let table = try CSVTable(bytes: Array(csv.utf8), file: "p.csv")
        let areas = Set((0..<7).map { "A\($0)" })
        let whole = try ActualsFile.read(table, ladder: .england, areas: areas, parts: 1)
        #expect(whole.rowsRead == 16_803 && whole.rejectedRows > 20)
        #expect(whole.issues.contains { $0.message.contains("a second row for school S0, 2020, R (the first is on line 2)") })
        #expect(whole.issues.contains { $0.message.contains("a second row for school S1, 2023, Y13 (the first is on line ") })
        #expect(whole.issues.contains { $0.message.contains("area A9 is not one of the plan's areas") })
        for parts in [2, 3, 7] {
            let split = try ActualsFile.read(table, ladder: .england, areas: areas, parts: parts)
            #expect(split == whole, "\(parts) parts")
        }
    }

    @Test("a file without the rolls columns, or without rows, is refused whole")
    func wholeFile() {
        let missing = firstIssue { _ = try ActualsFile.read(csv: "year,area,pupils\n2020,A,1\n", file: "m.csv", ladder: .england, areas: nil) }
        #expect(missing?.line == 1 && missing?.message.contains("'year_group'") == true)
        let empty = firstIssue { _ = try ActualsFile.read(csv: "year,area,year_group,pupils\n", file: "e.csv", ladder: .england, areas: nil) }
        #expect(empty?.message == "has a header but no rows")
    }

    @Test("fields are trimmed of spaces and tabs at both ends, and only there")
    func trimming() {
        #expect(CSVTable.trimmed("E06000001") == "E06000001")
        #expect(CSVTable.trimmed(" E06000001\t") == "E06000001")
        #expect(CSVTable.trimmed("Y 1 ") == "Y 1")
        #expect(CSVTable.trimmed("   ") == "")
        #expect(CSVTable.trimmed("") == "")
        #expect(CSVTable.trimmed("Ynys Môn") == "Ynys Môn")
        #expect(CSVTable.trimmed("\u{00A0}Môn\u{2003}") == "Môn")
    }
}
