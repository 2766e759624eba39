/// Why a forecast changed, cell by cell and input by input: the Shapley split of each cell's
/// change over the inputs that differ between the two forecasts.
///
/// Swapping the changed inputs one at a time in a fixed order would also add up, but the split
/// would depend on the order wherever inputs interact (new births matter more under a method
/// that weights the latest intake more). The Shapley value is each input's effect averaged over
/// every order: it adds up exactly to the change, and no order is favoured. With k changed
/// inputs it needs 2^k forecasts — at most 64 for the six kinds of input, usually 4 or 8.
public struct ForecastChange: Equatable, Sendable {
    /// A cell of both forecasts.
    public struct Key: Hashable, Sendable, Comparable {
        public let level: CellLevel
        public let code: String
        public let year: Int
        public let yearGroup: String

        public init(level: CellLevel, code: String, year: Int, yearGroup: String) {
            self.level = level
            self.code = code
            self.year = year
            self.yearGroup = yearGroup
        }

        public static func < (a: Key, b: Key) -> Bool {
            // The authority first, then areas, then schools (CellLevel's order).
            a.level != b.level ? a.level < b.level : (a.code, a.year, a.yearGroup) < (b.code, b.year, b.yearGroup)
        }
    }

    public struct Cell: Equatable, Sendable {
        public let key: Key
        public let before: Double
        public let after: Double
        /// Each changed input's share of `after − before`, in `factors` order.
        public let shares: [Double]
        public var change: Double { after - before }
    }

    /// The inputs that changed, in `ChangeFactor` order.
    public let factors: [ChangeFactor]
    /// Cells in both forecasts, in key order.
    public let cells: [Cell]
    /// Cells in only one of the two forecasts (years one forecast does not reach): not compared.
    public let unmatched: Int

    /// `forecasts[mask]` is the forecast made with the inputs whose bit is set in `mask` taken
    /// from the newer side (bit i = `factors[i]`), the rest from the older: `forecasts[0]` is
    /// the older forecast and `forecasts[2^k − 1]` the newer.
    /// `order` is the order the cells are listed in (the newer forecast's own: the authority,
    /// areas, schools, each year's year groups up the ladder); by default, `Key`'s order.
    public init(factors: [ChangeFactor], forecasts: [[Key: Double]], order: [Key]? = nil) {
        precondition(forecasts.count == 1 << factors.count, "one forecast for every subset of the changed inputs")
        self.factors = factors
        let before = forecasts[0], after = forecasts[forecasts.count - 1]
        let keys = (order ?? after.keys.sorted()).filter { key in forecasts.allSatisfy { $0[key] != nil } }
        unmatched = Set(before.keys).union(after.keys).count - keys.count
        let n = factors.count
        // Shapley weight of a coalition of size s not holding the factor: s! (n − s − 1)! / n!.
        func factorial(_ m: Int) -> Double { m < 2 ? 1 : (2...m).reduce(1.0) { $0 * Double($1) } }
        let weights = (0..<max(n, 1)).map { s in factorial(s) * factorial(n - s - 1) / factorial(n) }
        cells = keys.map { key in
            let shares = (0..<n).map { i -> Double in
                var share = 0.0
                for mask in 0..<(1 << n) where mask & (1 << i) == 0 {
                    share += weights[mask.nonzeroBitCount] * (forecasts[mask | (1 << i)][key]! - forecasts[mask][key]!)
                }
                return share
            }
            return Cell(key: key, before: before[key]!, after: after[key]!, shares: shares)
        }
    }
}

extension ForecastChange {
    /// One area's (or the authority's) phase in one year: its year groups' cells added up.
    public struct PhaseLine: Equatable, Sendable {
        public let level: CellLevel
        public let code: String
        public let phase: String
        public let year: Int
        public let before: Double
        public let after: Double
        public let shares: [Double]
        public var change: Double { after - before }
    }

    /// Every area's and the authority's phases, year by year, from the cells (schools left out).
    public func phaseLines(ladder: Ladder) -> [PhaseLine] {
        struct Line: Hashable { let level: CellLevel; let code: String; let phase: String; let year: Int }
        var sums: [Line: (before: Double, after: Double, shares: [Double])] = [:]
        var order: [Line] = []
        let phaseOf = Dictionary(uniqueKeysWithValues: ladder.phases.flatMap { phase in
            (ladder.indices(of: phase).map(Array.init) ?? []).map { (ladder.yearGroups[$0].name, phase.name) }
        })
        for cell in cells where cell.key.level != .school {
            guard let phase = phaseOf[cell.key.yearGroup] else { continue }
            let line = Line(level: cell.key.level, code: cell.key.code, phase: phase, year: cell.key.year)
            if let sum = sums[line] {
                sums[line] = (sum.before + cell.before, sum.after + cell.after, zip(sum.shares, cell.shares).map(+))
            } else {
                sums[line] = (cell.before, cell.after, cell.shares)
                order.append(line)
            }
        }
        return order.map { line in
            let s = sums[line]!
            return PhaseLine(level: line.level, code: line.code, phase: line.phase, year: line.year, before: s.before, after: s.after, shares: s.shares)
        }
    }
}
