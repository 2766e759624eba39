/// A planning area's year group in a year: the cell a bulge class answers (the chance that an
/// area's Reception has more children than places).
public struct AreaYearGroupYear: Hashable, Sendable, Comparable {
    public let area: String
    /// A position on the plan's ladder (0 = Reception); it says which kind of area `area` is.
    public let yearGroup: Int
    public let year: Int

    public init(area: String, yearGroup: Int, year: Int) {
        self.area = area
        self.yearGroup = yearGroup
        self.year = year
    }

    public static func < (a: AreaYearGroupYear, b: AreaYearGroupYear) -> Bool {
        (a.area, a.yearGroup, a.year) < (b.area, b.yearGroup, b.year)
    }
}
