/// Pupils on roll at one school, year by year, over the whole ladder (0 in year groups it does
/// not teach), for the consecutive census years it was open.
public struct SchoolRolls: Equatable, Sendable {
    public let school: String
    public let firstYear: Int
    /// `pupils[y - firstYear][g]`.
    public let pupils: [[Double]]

    public init(school: String, firstYear: Int, pupils: [[Double]]) {
        precondition(!pupils.isEmpty, "a school's rolls need at least one year")
        self.school = school
        self.firstYear = firstYear
        self.pupils = pupils
    }

    public var lastYear: Int { firstYear + pupils.count - 1 }
    public var years: ClosedRange<Int> { firstYear...lastYear }

    public func pupils(year: Int, yearGroup g: Int) -> Double? {
        guard years.contains(year) else { return nil }
        return pupils[year - firstYear][g]
    }

    public func known(through year: Int) -> SchoolRolls? {
        guard year >= firstYear else { return nil }
        return SchoolRolls(school: school, firstYear: firstYear, pupils: Array(pupils[0...(min(year, lastYear) - firstYear)]))
    }
}
