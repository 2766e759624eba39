import Testing
@testable import PlacePlanCore
@testable import PlacePlanIO

@Suite("Dwelling categories in housing.csv and yields.csv")
struct DwellingCategoryTests {
    func read(_ csv: String) throws -> (categories: [DwellingCategory?], issues: [InputIssue]) {
        let table = try CSVTable(bytes: Array(csv.utf8), file: "housing.csv")
        var log = IssueLog()
        let categories = table.rows.map { HousingReader.category(table, $0, log: &log) }
        return (categories, log.issues)
    }

    @Test("type, tenure and a bedroom band; 3 or more bedrooms are one band; empty means not known")
    func valid() throws {
        let (categories, issues) = try read("type,tenure,bedrooms\nFlat,affordable,2\nhouse,,3+\n,,4\n,,\n")
        #expect(issues.isEmpty)
        #expect(categories[0]?.type == .flat && categories[0]?.tenure == .affordable && categories[0]?.bedrooms == 2)
        #expect(categories[1]?.type == .house && categories[1]?.tenure == nil && categories[1]?.bedrooms == 3)
        #expect(categories[2]?.bedrooms == 3)
        #expect(categories[3] == .unknown)
    }

    @Test("a value the yields do not know is refused with its line and column, every one of them")
    func invalid() throws {
        let (categories, issues) = try read("type,tenure,bedrooms\nbungalow,social,0\n")
        #expect(categories == [nil])
        #expect(issues.map(\.columnName) == ["type", "tenure", "bedrooms"])
        #expect(issues.allSatisfy { $0.line == 2 })
    }

    @Test("developer-report --mix reads bedrooms by the same rule as housing.csv")
    func mixFlag() throws {
        let mix = try DevelopmentFlags.mix("house/market/3+=60,flat/2=40")
        #expect(mix.map(\.0.bedrooms) == [3, 2] && mix.map(\.1) == [60, 40])
        #expect(mix[0].0.type == .house && mix[0].0.tenure == .market && mix[1].0.type == .flat)
        // 25 bedrooms is refused here as in housing.csv, not read as a band of 3.
        let (_, issues) = try read("type,tenure,bedrooms\nhouse,,25\n")
        #expect(issues.map(\.columnName) == ["bedrooms"])
        #expect(throws: DevelopmentFlags.Problem.self) { try DevelopmentFlags.mix("house/25=100") }
        #expect(throws: DevelopmentFlags.Problem.self) { try DevelopmentFlags.mix("house=0") }
        #expect(try DevelopmentFlags.phasing("100, 200,200", dwellings: 500) == [100, 200, 200])
        #expect(throws: DevelopmentFlags.Problem.self) { try DevelopmentFlags.phasing("100,200", dwellings: 500) }
    }
}
