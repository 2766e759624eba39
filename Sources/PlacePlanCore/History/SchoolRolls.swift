/// Pupils on roll at one school, year by year, over the whole ladder (0 in year groups it does
/// not teach), for the consecutive census years it was open.
///
/// The grid is the same as an area's (`AreaRolls`): a school is counted exactly like a small
/// area, so the year arithmetic lives in one place.
public struct SchoolRolls: Equatable, Sendable {
    public let school: String
    public let grid: AreaRolls

    public init(school: String, firstYear: Int, pupils: [[Double]]) {
        self.school = school
        self.grid = AreaRolls(area: PlanningArea(code: school), firstYear: firstYear, pupils: pupils)
    }

    private init(school: String, grid: AreaRolls) {
        self.school = school
        self.grid = grid
    }

    public var firstYear: Int { grid.firstYear }
    /// `pupils[y - firstYear][g]`.
    public var pupils: [[Double]] { grid.pupils }
    public var lastYear: Int { grid.lastYear }
    public var years: ClosedRange<Int> { grid.years }

    public func pupils(year: Int, yearGroup g: Int) -> Double? { grid.pupils(year: year, yearGroup: g) }

    public func known(through year: Int) -> SchoolRolls? {
        grid.known(through: year).map { SchoolRolls(school: school, grid: $0) }
    }
}
