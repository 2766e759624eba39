/// A dense matrix of `Double`, stored column by column because that is the layout LAPACK
/// works in natively: no transposed copy is made on the way in.
public struct Matrix: Equatable, Sendable {
    public let rows: Int
    public let columns: Int
    /// Column-major storage: element (i, j) is at `i + j * rows`.
    public private(set) var storage: [Double]

    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        precondition(rows >= 0 && columns >= 0, "matrix dimensions must be non-negative")
        self.rows = rows
        self.columns = columns
        self.storage = Array(repeating: value, count: rows * columns)
    }

    /// Builds a matrix from rows, the way a design matrix is usually written down.
    /// All rows must have the same length.
    public init(rowsOf values: [[Double]]) {
        let columns = values.first?.count ?? 0
        precondition(values.allSatisfy { $0.count == columns }, "all rows must have the same length")
        self.init(rows: values.count, columns: columns)
        for (i, row) in values.enumerated() {
            for (j, value) in row.enumerated() { self[i, j] = value }
        }
    }

    public subscript(row: Int, column: Int) -> Double {
        get { storage[row + column * rows] }
        set { storage[row + column * rows] = newValue }
    }

    public func row(_ i: Int) -> [Double] { (0..<columns).map { self[i, $0] } }
}
