/// Pupils by year and year group: `grid[h][g]` (or `grid[h, g]`) is the `h`-th year of its owner
/// (a forecast's first projected year, a history's first census) and the ladder's year group
/// `g`. A type rather than `[[Double]]`, so that what a grid holds is said once, here, and every
/// row has one value per year group of the ladder.
public struct PupilGrid: Equatable, Sendable, RandomAccessCollection, MutableCollection, ExpressibleByArrayLiteral {
    public private(set) var rows: [[Double]]

    public init(_ rows: [[Double]] = []) { self.rows = rows }
    public init(arrayLiteral rows: [Double]...) { self.rows = rows }

    /// A grid of zeros: `years` rows of `yearGroups` values.
    public init(years: Int, yearGroups: Int) {
        rows = Array(repeating: Array(repeating: 0, count: yearGroups), count: Swift.max(0, years))
    }

    /// The next year's row (a projection adds a year at a time).
    public mutating func append(_ row: [Double]) { rows.append(row) }

    public var startIndex: Int { rows.startIndex }
    public var endIndex: Int { rows.endIndex }

    /// One year's row, every year group of the ladder. Changed in place (`grid[h][g] += x`):
    /// with only `get` and `set`, each such change would copy the row first (a national plan
    /// adds up millions of school cells).
    public subscript(h: Int) -> [Double] {
        get { rows[h] }
        _modify { yield &rows[h] }
    }

    /// Pupils in year `h`, year group `g`.
    public subscript(h: Int, g: Int) -> Double {
        get { rows[h][g] }
        set { rows[h][g] = newValue }
    }
}
