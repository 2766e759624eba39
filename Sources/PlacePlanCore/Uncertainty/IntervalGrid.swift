/// Prediction intervals of one forecast (an area's, a school's, the authority's) by forecast
/// year and column — year groups of the ladder, or phases.
public struct IntervalGrid: Equatable, Sendable {
    public let years: Int
    public let columns: Int
    /// `lower[h × columns + c]`, `upper` likewise.
    let lower: [Double], upper: [Double]

    init(years: Int, columns: Int, lower: [Double], upper: [Double]) {
        precondition(lower.count == years * columns && upper.count == lower.count, "one bound a year and column")
        self.years = years
        self.columns = columns
        self.lower = lower
        self.upper = upper
    }

    /// The interval in forecast year `h` (0-based) and column `c`.
    public subscript(h: Int, c: Int) -> (lower: Double, upper: Double) {
        (lower[h * columns + c], upper[h * columns + c])
    }

    /// Every year's intervals, `[h][c]`: the shape `AreaForecast.intervals` keeps.
    public var rows: [[(lower: Double, upper: Double)]] {
        (0..<years).map { h in (0..<columns).map { self[h, $0] } }
    }

    /// The bounds of simulated quantiles `lowerQ` and `upperQ` (each `[(q × H + h) × count + index] ×
    /// columns + c`-shaped, as `SimulationSummary` lays them out) for one index.
    static func from(_ quantiles: [Float], index: Int, count: Int, years: Int, columns: Int) -> IntervalGrid {
        var lower = [Double](repeating: 0, count: years * columns), upper = lower
        for h in 0..<years {
            for c in 0..<columns {
                lower[h * columns + c] = Double(quantiles[((0 * years + h) * count + index) * columns + c])
                upper[h * columns + c] = Double(quantiles[((1 * years + h) * count + index) * columns + c])
            }
        }
        return IntervalGrid(years: years, columns: columns, lower: lower, upper: upper)
    }
}
