import Foundation
import Testing
@testable import PlacePlanCore
@testable import PlacePlanIO

@Suite("Plan outline: what a census is checked against, without a place plan's rolls")
struct PlanOutlineTests {
    @Test("every bundled plan's outline is the whole plan's: ladder, areas and schools", arguments: ["borough", "england", "scotland"])
    func bundled(_ name: String) throws {
        let folder = repositoryRoot.appendingPathComponent("Data/\(name)")
        let (outline, _) = try PlanFolder.loadOutline(folder)
        let whole = PlanOutline(try PlanFolder.load(folder))
        #expect(outline == whole)
        #expect(!outline.areas.isEmpty && (name == "england") == (outline.schools == nil))
    }

    @Test("a place plan's outline does not read its rolls; a problem in schools.csv is one the whole load reports too")
    func placePlanFiles() throws {
        let borough = repositoryRoot.appendingPathComponent("Data/borough")
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("placeplan-outline-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: borough, to: copy)
        defer { try? FileManager.default.removeItem(at: copy) }
        let (before, _) = try PlanFolder.loadOutline(copy)
        // A broken row of rolls: the whole load refuses it, the outline is as it was.
        let rollsURL = copy.appendingPathComponent("rolls.csv")
        var rolls = try String(contentsOf: rollsURL, encoding: .utf8)
        rolls += "2024,NOSUCH,P01,R,3\n"
        try rolls.write(to: rollsURL, atomically: true, encoding: .utf8)
        #expect(throws: InputErrors.self) { _ = try PlanFolder.load(copy) }
        #expect(try PlanFolder.loadOutline(copy).outline == before)
        // A school with no code: both refuse it, the outline with the same located issue.
        let schoolsURL = copy.appendingPathComponent("schools.csv")
        var lines = try String(contentsOf: schoolsURL, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[1] = "," + lines[1].split(separator: ",", omittingEmptySubsequences: false).dropFirst().joined(separator: ",")
        try lines.joined(separator: "\n").write(to: schoolsURL, atomically: true, encoding: .utf8)
        var outlineIssues: [InputIssue] = [], wholeIssues: [InputIssue] = []
        do { _ = try PlanFolder.loadOutline(copy) } catch let errors as InputErrors { outlineIssues = errors.issues }
        do { _ = try PlanFolder.load(copy) } catch let errors as InputErrors { wholeIssues = errors.issues }
        #expect(!outlineIssues.isEmpty && outlineIssues.allSatisfy { issue in wholeIssues.contains(issue) }, "\(outlineIssues)")
        #expect(outlineIssues.contains { $0.file == schoolsURL.path && $0.line == 2 })
    }
}
