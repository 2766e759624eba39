import Foundation
import Testing
@testable import PlacePlanCore
@testable import PlacePlanIO

/// The rolls by school are checked in parts, one per core: whatever the number of parts, the
/// history and the issues must be those of one pass over the rows in order.
@Suite("Rolls by school read in parts")
struct SchoolRollsReaderTests {
    private static let borough = repositoryRoot.appendingPathComponent("Data/borough")

    private static func table(_ name: String, _ text: String? = nil) throws -> CSVTable {
        let url = borough.appendingPathComponent(name)
        return try text.map { try CSVTable(bytes: Array($0.utf8), file: name) } ?? CSVTable(url: url, file: name)
    }

    /// The borough's history, or its issues, read in `parts` parts from `rolls` (rolls.csv's text).
    private static func read(rolls: String, parts: Int) throws -> Result<SchoolHistory, InputErrors> {
        let layout = try #require(PhaseLayout(ladder: .england))
        var reader = SchoolsReader(layout: layout)
        reader.readAreas(try table("areas.csv"))
        reader.readSchools(try table("schools.csv"))
        do {
            return .success(try SchoolRollsReader.read(rolls: table("rolls.csv", rolls), births: table("births.csv"), schools: reader,
                                                       ladder: .england, basis: .midYear, schoolsFile: "schools.csv", parts: parts))
        } catch let errors as InputErrors {
            return .failure(errors)
        }
    }

    @Test("the borough's rolls give the same history in 1, 2, 3 and 7 parts")
    func sameHistory() throws {
        let rolls = try String(contentsOf: Self.borough.appendingPathComponent("rolls.csv"), encoding: .utf8)
        let whole = try Self.read(rolls: rolls, parts: 1).get()
        #expect(whole.rolls.count > 60)
        for parts in [2, 3, 7] {
            #expect(try Self.read(rolls: rolls, parts: parts).get() == whole, "\(parts) parts")
        }
    }

    @Test("problems all through the file are reported alike, in the file's order, in any number of parts")
    func sameIssues() throws {
        var lines = try String(contentsOf: Self.borough.appendingPathComponent("rolls.csv"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // Spread over the file, so that every part has some: an unknown school, a year group
        // not on the ladder, a negative count, an area that is not the school's, a repeated row.
        for (k, n) in stride(from: 7, to: lines.count - 2, by: 401).enumerated() {
            var fields = lines[n].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            switch k % 5 {
            case 0: fields[1] = "ZZ\(k)"
            case 1: fields[3] = "Y20"
            case 2: fields[4] = "-3"
            case 3: fields[2] = "P99"
            default: lines.append(lines[n])
            }
            lines[n] = fields.joined(separator: ",")
        }
        let whole = try Self.read(rolls: lines.joined(separator: "\n"), parts: 1)
        guard case .failure(let errors) = whole else { Issue.record("the broken rolls were accepted"); return }
        #expect(errors.issues.count >= 12)
        let located = errors.issues.compactMap(\.line)
        #expect(located == located.sorted(), "issues in the file's order")
        for parts in [2, 3, 7] {
            guard case .failure(let split) = try Self.read(rolls: lines.joined(separator: "\n"), parts: parts) else {
                Issue.record("\(parts) parts accepted the broken rolls"); continue
            }
            #expect(split == errors, "\(parts) parts")
        }
    }
}
