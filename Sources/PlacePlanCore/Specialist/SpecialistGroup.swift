/// An age group whose pupils with education, health and care (EHC) plans are counted and
/// projected together, with what the count is set against (the prevalence rate's denominator).
///
/// SEN2 counts plans by age in January: `under-5`, `5-10`, `11-15`, `16-19` (and `20-25`, past
/// school age). A plan folder may count by those bands or by year group (`R`, `Y1`, …). The bands
/// are set against the year groups whose pupils are mostly of those ages at the start of the
/// year (5–10: Y1–Y6; 11–15: Y7–Y11; 16–19: Y12–Y13): the months between September and January
/// that put some pupils in the next band are the same every year, so the ratio absorbs them.
/// The under-5s are set against births: five cohorts, from the one entering Reception this
/// year to the one born last year.
public struct SpecialistGroup: Hashable, Sendable, Comparable {
    public enum Denominator: Hashable, Sendable {
        /// Mainstream pupils in these year groups of the ladder (all the plan's areas together).
        case pupils(ClosedRange<Int>)
        /// Births of the cohorts entering the ladder's entry year group in year + 0 … year + n − 1.
        case births(cohorts: Int)
        /// Past school age (20–25): counted, not planned for.
        case notPlanned
    }

    /// As written in ehcp.csv: `5-10`, `R`, `Y7`.
    public let name: String
    public let denominator: Denominator
    /// Sort position: the youngest first.
    public let order: Int
    /// The primary need (`ASD`, `SEMH` …) when ehcp.csv counts by need; each need of an age is a
    /// group of its own, with its own rate and trend.
    public let need: String?

    public init(name: String, denominator: Denominator, order: Int, need: String? = nil) {
        self.name = name
        self.denominator = denominator
        self.order = order
        self.need = need
    }

    /// "5-10", or "5-10 ASD" for one need.
    public var label: String { need.map { "\(name) \($0)" } ?? name }

    /// The same age group, for one primary need.
    public func withNeed(_ need: String?) -> SpecialistGroup {
        SpecialistGroup(name: name, denominator: denominator, order: order, need: need)
    }

    public static func < (a: SpecialistGroup, b: SpecialistGroup) -> Bool {
        (a.order, a.name, a.need ?? "") < (b.order, b.name, b.need ?? "")
    }

    /// The SEN2 bands a plan can use, on the England ladder.
    public static let bands: [(name: String, first: String, last: String)] = [
        ("5-10", "Y1", "Y6"), ("11-15", "Y7", "Y11"), ("16-19", "Y12", "Y13"),
    ]
    /// The band counted against births.
    public static let underFive = "under-5"
    /// Past school age: read, and left out of the model with a note.
    public static let pastSchoolAge = "20-25"

    /// The group a name in ehcp.csv stands for on `ladder`: a SEN2 band or a year group; `nil`
    /// when it is neither (or a band whose year groups the ladder lacks).
    public static func named(_ name: String, ladder: Ladder) -> SpecialistGroup? {
        let key = name.lowercased()
        if key == underFive { return SpecialistGroup(name: underFive, denominator: .births(cohorts: 5), order: -1) }
        if key == pastSchoolAge { return SpecialistGroup(name: pastSchoolAge, denominator: .notPlanned, order: 1_000) }
        for band in bands where band.name == key {
            guard let first = ladder.yearGroups.firstIndex(where: { $0.name == band.first }),
                  let last = ladder.yearGroups.firstIndex(where: { $0.name == band.last }) else { return nil }
            return SpecialistGroup(name: band.name, denominator: .pupils(first...last), order: first)
        }
        guard let g = ladder.yearGroups.firstIndex(where: { $0.name.lowercased() == key }) else { return nil }
        return SpecialistGroup(name: ladder.yearGroups[g].name, denominator: .pupils(g...g), order: g)
    }
}
