/// The level a forecast or actual count is kept at: the whole authority (the sum of its areas),
/// a planning area, or a school.
public enum CellLevel: String, CaseIterable, Sendable, Comparable {
    case authority, area, school

    /// The code of the single authority-level cell set: the total over every area.
    public static let authorityCode = "authority"

    public static func < (lhs: CellLevel, rhs: CellLevel) -> Bool { lhs.index < rhs.index }

    /// Its position in `allCases`: authority 0, area 1, school 2 (arrays by level are indexed by it).
    public var index: Int {
        switch self {
        case .authority: 0
        case .area: 1
        case .school: 2
        }
    }
}

/// One actual count of pupils (a census figure), as read from a file.
public struct ActualRoll: Equatable, Sendable {
    public let level: CellLevel
    public let code: String
    public let year: Int
    /// The year group's name as the ladder spells it (`R`, `Y7`).
    public let yearGroup: String
    public let pupils: Double
    /// The line of the file it came from, for messages (`nil` when not from a file).
    public let line: Int?

    public init(level: CellLevel, code: String, year: Int, yearGroup: String, pupils: Double, line: Int? = nil) {
        self.level = level
        self.code = code
        self.year = year
        self.yearGroup = yearGroup
        self.pupils = pupils
        self.line = line
    }
}

extension Array where Element == ActualRoll {
    /// The rows' years, each once, in order. A census gives its rows year by year, so a year is
    /// noted when it differs from the row before rather than hashed for each of millions of rows.
    /// (On arrays, not any sequence: a generic one is not specialised in other modules, and
    /// went through a witness table for each of a census's rows.)
    public var distinctYears: [Int] {
        var years = Set<Int>(), last: Int?
        for row in self where row.year != last {
            last = row.year
            years.insert(row.year)
        }
        return years.sorted()
    }
}

/// Scores an archived forecast (a vintage) against the actual counts known now, as DfE
/// scorecards do: error = (forecast − actual) / actual, sign kept (positive = over-forecast).
///
/// Measured: the intake year groups (the ladder's entry year group, e.g. Reception, and the
/// first year group of its second phase, e.g. Y7) and every phase total (R–Y6, Y7–Y11 …), for
/// each forecast year, at every level the vintage has cells for. A measure is scored for a code
/// and year only when every year group it adds up has an actual; the authority's actual is the
/// sum of its areas' actuals, and is scored only when every area of the vintage has one.
public enum VintageAccuracy {
    public enum Kind: String, Sendable { case intake, phase }

    public struct Measure: Equatable, Sendable {
        public let name: String
        public let kind: Kind
        public let yearGroups: ClosedRange<Int>
    }

    /// Entry year group, first year group of the second phase (when there is one), then phases.
    public static func measures(for ladder: Ladder) -> [Measure] {
        var measures = [Measure(name: "\(ladder.entry) intake", kind: .intake, yearGroups: 0...0)]
        let phases = ladder.phases.compactMap { phase in ladder.indices(of: phase).map { (phase.name, $0) } }
        if phases.count >= 2, let second = phases.dropFirst().first?.1.lowerBound, second > 0 {
            measures.append(Measure(name: "\(ladder.yearGroups[second]) intake", kind: .intake, yearGroups: second...second))
        }
        measures += phases.map { Measure(name: $0.0, kind: .phase, yearGroups: $0.1) }
        return measures
    }

    /// A forecast cell of a vintage: year group as an index into the ladder.
    public struct Cell: Hashable, Sendable {
        public let level: CellLevel
        public let code: String
        public let year: Int
        public let yearGroup: Int
        public init(level: CellLevel, code: String, year: Int, yearGroup: Int) {
            self.level = level
            self.code = code
            self.year = year
            self.yearGroup = yearGroup
        }
    }

    /// One measure for one code in one year.
    public struct Score: Equatable, Sendable {
        public let level: CellLevel
        public let code: String
        public let measure: String
        public let kind: Kind
        public let year: Int
        /// Years after the vintage's origin (base) year: 1 = the first forecast year.
        public let horizon: Int
        public let forecast: Double
        public let actual: Double
        /// `nil` when the actual is zero (no percentage exists).
        public var error: Double? { percentageError(forecast: forecast, actual: actual) }
    }

    public struct Result: Equatable, Sendable {
        public let measures: [Measure]
        public let scores: [Score]
        /// Forecast cells below authority level with an actual (scored) and without one yet.
        public let scoredCells: Int
        public let waitingCells: Int
        /// Whether the vintage forecast schools as well as areas: what those cells are called.
        public var hasSchools = false
        /// Forecast years with at least one cell still waiting for its actual.
        public let waitingYears: [Int]
        /// Each (level, measure, horizon)'s scores, by position, at `group(level:measure:horizon:)`:
        /// reports ask for them by the dozen, and a national vintage has a million scores,
        /// grouped here by arithmetic rather than by hashing a key for each.
        private let groups: [[Int]]
        /// Each group's summary (`nil` where it has no errors), made once as the vintage is
        /// scored (on its own core).
        private let summaries: [ErrorSummary?]
        /// The horizons a group may have: groups are `horizonRange.count` to a measure.
        private let horizonRange: ClosedRange<Int>
        /// How many codes of each level have a score.
        public let codeCounts: [CellLevel: Int]
        /// The years with a score, in order.
        public let years: [Int]

        /// `measureOf[i]` is the position in `measures` of `scores[i]`'s measure.
        init(measures: [Measure], scores: [Score], measureOf: [Int], scoredCells: Int, waitingCells: Int, waitingYears: [Int]) {
            precondition(measureOf.count == scores.count, "a measure for each score")
            self.measures = measures
            self.scores = scores
            self.scoredCells = scoredCells
            self.waitingCells = waitingCells
            self.waitingYears = waitingYears
            let horizonRange = (scores.lazy.map(\.horizon).min() ?? 1)...(scores.lazy.map(\.horizon).max() ?? 1)
            self.horizonRange = horizonRange
            var groups = [[Int]](repeating: [], count: CellLevel.allCases.count * measures.count * horizonRange.count)
            // Scores come row by row (level, year, code), each row's measures in order: a year
            // and a code are noted when they change.
            var years = Set<Int>(), lastYear: Int?
            var codes = [CellLevel: Set<String>]()
            var lastCode: (level: CellLevel, code: String)?
            var scoredHorizon = [Bool](repeating: false, count: horizonRange.count)
            for (i, score) in scores.enumerated() {
                scoredHorizon[score.horizon - horizonRange.lowerBound] = true
                groups[Self.group(level: score.level, measure: measureOf[i], horizon: score.horizon, measures: measures.count,
                                  horizons: horizonRange)].append(i)
                if score.year != lastYear { years.insert(score.year); lastYear = score.year }
                if lastCode == nil || lastCode! != (score.level, score.code) {
                    codes[score.level, default: []].insert(score.code)
                    lastCode = (score.level, score.code)
                }
            }
            self.groups = groups
            self.summaries = groups.map { positions in ErrorSummary(errors: positions.compactMap { scores[$0].error }) }
            self.codeCounts = codes.mapValues(\.count)
            self.years = years.sorted()
            self.horizons = horizonRange.filter { scoredHorizon[$0 - horizonRange.lowerBound] }
        }

        /// A group's position: level, then measure, then horizon.
        private static func group(level: CellLevel, measure: Int, horizon: Int, measures: Int, horizons: ClosedRange<Int>) -> Int {
            (level.index * measures + measure) * horizons.count + horizon - horizons.lowerBound
        }

        /// The position of a group, `nil` for a measure or horizon no score has.
        private func group(_ level: CellLevel, _ measure: String, _ horizon: Int) -> Int? {
            guard let m = measures.firstIndex(where: { $0.name == measure }), horizonRange.contains(horizon) else { return nil }
            return Self.group(level: level, measure: m, horizon: horizon, measures: measures.count, horizons: horizonRange)
        }

        public func scores(level: CellLevel, measure: String, horizon: Int) -> [Score] {
            group(level, measure, horizon).map { groups[$0].map { scores[$0] } } ?? []
        }

        /// The first score of a group (its year: a vintage forecasts each horizon for one year).
        public func firstScore(level: CellLevel, measure: String, horizon: Int) -> Score? {
            group(level, measure, horizon).flatMap { groups[$0].first.map { scores[$0] } }
        }

        /// Summary of the errors across codes of one level (areas, schools).
        public func summary(level: CellLevel, measure: String, horizon: Int) -> ErrorSummary? {
            group(level, measure, horizon).flatMap { summaries[$0] }
        }

        /// The horizons with at least one score, in order.
        public let horizons: [Int]
    }

    /// A vintage's forecast as rows, one per level, code and year, of pupils by year group
    /// (ladder index), in one flat array. A national vintage has hundreds of thousands of rows;
    /// they are scored without a dictionary keyed by strings or an array each.
    public struct ForecastRows: Sendable {
        public struct Row: Equatable, Sendable {
            public let level: CellLevel
            public let code: String
            public let year: Int
        }

        /// Year groups a row holds: the ladder's.
        public let groups: Int
        public private(set) var rows: [Row] = []
        /// `pupils[row × groups + g]`; NaN where the vintage has no cell (a stored forecast is
        /// never NaN: SQLite keeps no NaN).
        private var pupils: [Double] = []

        public init(groups: Int) { self.groups = groups }

        /// A new row, with no cells yet.
        public mutating func add(level: CellLevel, code: String, year: Int) {
            rows.append(Row(level: level, code: code, year: year))
            pupils.append(contentsOf: repeatElement(.nan, count: groups))
        }

        /// The pupils of year group `g` in the last row.
        public mutating func setLast(_ g: Int, pupils value: Double) { pupils[pupils.count - groups + g] = value }

        /// The pupils of year group `g` in row `r`, `nil` where it has no cell.
        public func pupils(_ r: Int, _ g: Int) -> Double? {
            let value = pupils[r * groups + g]
            return value.isNaN ? nil : value
        }
    }

    /// Scores a vintage.
    /// - Parameters:
    ///   - forecast: the vintage's cells (pupils), at any level.
    ///   - actual: the actual count for a level, code, year and year group, if known.
    public static func score(ladder: Ladder, origin: Int, forecast: [Cell: Double],
                             actual: (CellLevel, String, Int, Int) -> Double?) -> Result {
        struct Key: Hashable { let level: CellLevel; let code: String; let year: Int }
        var byRow: [Key: [(Int, Double)]] = [:]
        for (cell, pupils) in forecast where ladder.yearGroups.indices.contains(cell.yearGroup) {
            byRow[Key(level: cell.level, code: cell.code, year: cell.year), default: []].append((cell.yearGroup, pupils))
        }
        var rows = ForecastRows(groups: ladder.count)
        for (key, cells) in byRow {
            rows.add(level: key.level, code: key.code, year: key.year)
            for (g, pupils) in cells { rows.setLast(g, pupils: pupils) }
        }
        return score(ladder: ladder, origin: origin, rows: rows, actual: actual)
    }

    /// Scores a vintage given as rows, one per level, code and year (each at most once), of
    /// the ladder's year groups. `actual` is asked once for every cell below authority level,
    /// row by row in the order given (a caller can keep the last code it looked up).
    public static func score(ladder: Ladder, origin: Int, rows forecast: ForecastRows,
                             actual: (CellLevel, String, Int, Int) -> Double?) -> Result {
        precondition(forecast.groups == ladder.count, "rows of another ladder")
        let measures = measures(for: ladder)
        let groups = ladder.count
        let rows = forecast.rows
        // Actuals for every non-authority cell, looked up once: `known[row * groups + g]`.
        var known = [Double?](repeating: nil, count: rows.count * groups)
        var scored = 0, waiting = 0
        var waitingYears: Set<Int> = [], lastWaiting: Int?
        for (r, row) in rows.enumerated() where row.level != .authority {
            for g in 0..<groups where forecast.pupils(r, g) != nil {
                if let value = actual(row.level, row.code, row.year, g) {
                    known[r * groups + g] = value
                    scored += 1
                } else {
                    waiting += 1
                    if row.year != lastWaiting { waitingYears.insert(row.year); lastWaiting = row.year }
                }
            }
        }
        // The authority's actual is the sum over the vintage's areas that forecast that year
        // group (a place plan's primary areas Reception to Year 6, its secondary areas the rest),
        // when every one of them has an actual.
        struct AreaYear: Hashable { let code: String; let year: Int }
        var areaRow: [AreaYear: Int] = [:]
        var areasOf = [Set<String>](repeating: [], count: groups)
        for (r, row) in rows.enumerated() where row.level == .area {
            areaRow[AreaYear(code: row.code, year: row.year)] = r
            for g in 0..<groups where forecast.pupils(r, g) != nil { areasOf[g].insert(row.code) }
        }
        func authorityActual(year: Int, yearGroup g: Int) -> Double? {
            guard !areasOf[g].isEmpty else { return nil }
            var sum = 0.0
            for code in areasOf[g] {
                guard let r = areaRow[AreaYear(code: code, year: year)], let value = known[r * groups + g] else { return nil }
                sum += value
            }
            return sum
        }

        var scores: [Score] = [], measureOf: [Int] = []
        for r in order(rows) {
            let row = rows[r]
            for (m, measure) in measures.enumerated() {
                var f = 0.0, a = 0.0
                var complete = true
                for g in measure.yearGroups {
                    guard let value = forecast.pupils(r, g),
                          let truth = row.level == .authority ? authorityActual(year: row.year, yearGroup: g) : known[r * groups + g]
                    else { complete = false; break }
                    f += value
                    a += truth
                }
                guard complete else { continue }
                scores.append(Score(level: row.level, code: row.code, measure: measure.name, kind: measure.kind,
                                    year: row.year, horizon: row.year - origin, forecast: f, actual: a))
                measureOf.append(m)
            }
        }
        var result = Result(measures: measures, scores: scores, measureOf: measureOf, scoredCells: scored, waitingCells: waiting,
                            waitingYears: waitingYears.sorted())
        result.hasSchools = rows.contains { $0.level == .school }
        return result
    }

    /// The rows' positions by level, year and code: grouped by (level, year) with integers, and
    /// each group's codes sorted only when the rows did not already come in code order.
    static func order(_ rows: [ForecastRows.Row]) -> [Int] {
        struct Group: Hashable, Comparable {
            let level: CellLevel, year: Int
            static func < (a: Group, b: Group) -> Bool { (a.level, a.year) < (b.level, b.year) }
        }
        var members: [Group: [Int]] = [:]
        for (r, row) in rows.enumerated() { members[Group(level: row.level, year: row.year), default: []].append(r) }
        var order: [Int] = []
        order.reserveCapacity(rows.count)
        for group in members.keys.sorted() {
            var positions = members[group]!
            if zip(positions, positions.dropFirst()).contains(where: { !(rows[$0].code < rows[$1].code) }) {
                positions.sort { rows[$0].code < rows[$1].code }
            }
            order += positions
        }
        return order
    }
}
