/// The level a forecast or actual count is kept at: the whole authority (the sum of its areas),
/// a planning area, or a school.
public enum CellLevel: String, CaseIterable, Sendable, Comparable {
    case authority, area, school

    /// The code of the single authority-level cell set: the total over every area.
    public static let authorityCode = "authority"

    public static func < (lhs: CellLevel, rhs: CellLevel) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
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
        /// Forecast years with at least one cell still waiting for its actual.
        public let waitingYears: [Int]

        public func scores(level: CellLevel, measure: String, horizon: Int) -> [Score] {
            scores.filter { $0.level == level && $0.measure == measure && $0.horizon == horizon }
        }

        /// Summary of the errors across codes of one level (areas, schools).
        public func summary(level: CellLevel, measure: String, horizon: Int) -> ErrorSummary? {
            ErrorSummary(errors: scores(level: level, measure: measure, horizon: horizon).compactMap(\.error))
        }

        /// The horizons with at least one score, in order.
        public var horizons: [Int] { Array(Set(scores.map(\.horizon))).sorted() }
    }

    /// Scores a vintage.
    /// - Parameters:
    ///   - forecast: the vintage's cells (pupils), at any level.
    ///   - actual: the actual count for a level, code, year and year group, if known.
    public static func score(ladder: Ladder, origin: Int, forecast: [Cell: Double],
                             actual: (CellLevel, String, Int, Int) -> Double?) -> Result {
        let measures = measures(for: ladder)
        // Actuals for every non-authority cell, looked up once.
        var known: [Cell: Double] = [:]
        var scored = 0, waiting = 0
        var waitingYears: Set<Int> = []
        for cell in forecast.keys where cell.level != .authority {
            if let value = actual(cell.level, cell.code, cell.year, cell.yearGroup) {
                known[cell] = value
                scored += 1
            } else {
                waiting += 1
                waitingYears.insert(cell.year)
            }
        }
        // The authority's actual is the sum over the vintage's areas that forecast that year
        // group (a place plan's primary areas Reception to Year 6, its secondary areas the rest),
        // when every one of them has an actual.
        var areasOf: [Int: Set<String>] = [:]
        for cell in forecast.keys where cell.level == .area { areasOf[cell.yearGroup, default: []].insert(cell.code) }
        func authorityActual(year: Int, yearGroup: Int) -> Double? {
            guard let codes = areasOf[yearGroup], !codes.isEmpty else { return nil }
            var sum = 0.0
            for code in codes {
                guard let value = known[Cell(level: .area, code: code, year: year, yearGroup: yearGroup)] else { return nil }
                sum += value
            }
            return sum
        }

        struct Key: Hashable { let level: CellLevel; let code: String; let year: Int }
        let keys = Set(forecast.keys.map { Key(level: $0.level, code: $0.code, year: $0.year) })
        var scores: [Score] = []
        for key in keys.sorted(by: { ($0.level, $0.year, $0.code) < ($1.level, $1.year, $1.code) }) {
            for measure in measures {
                var f = 0.0, a = 0.0
                var complete = true
                for g in measure.yearGroups {
                    let cell = Cell(level: key.level, code: key.code, year: key.year, yearGroup: g)
                    guard let value = forecast[cell],
                          let truth = key.level == .authority ? authorityActual(year: key.year, yearGroup: g) : known[cell]
                    else { complete = false; break }
                    f += value
                    a += truth
                }
                guard complete else { continue }
                scores.append(Score(level: key.level, code: key.code, measure: measure.name, kind: measure.kind,
                                    year: key.year, horizon: key.year - origin, forecast: f, actual: a))
            }
        }
        return Result(measures: measures, scores: scores, scoredCells: scored, waitingCells: waiting,
                      waitingYears: waitingYears.sorted())
    }
}
