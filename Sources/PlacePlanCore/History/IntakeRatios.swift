import Foundation

/// Each area's intake ratio by year: pupils in the entry year group (Reception) ÷ the births of
/// their cohort, aligned on a births basis. The forecast's entry year group is this ratio ×
/// births, so a planner should see it: a ratio that jumps, or sits far from every other area's,
/// means births and rolls do not describe the same children (a wrong basis, a boundary).
public struct IntakeRatios: Equatable, Sendable {
    public struct Row: Equatable, Sendable {
        public let area: PlanningArea
        /// Academic year → ratio, for the years with both rolls and the cohort's births.
        public let byYear: [Int: Double]
    }
    public let basis: BirthsBasis
    public let rows: [Row]

    /// The ratios of every area on `basis` (the births file's years read as that basis).
    public init(_ history: History, basis: BirthsBasis) {
        self.basis = basis
        rows = history.areas.compactMap { area -> Row? in
            // The forecast's own reading of the ratio; a year without entrants has none to show.
            let observed = intakeRatios(of: area, births: history.births?[area.area.code], ladder: history.ladder, basis: basis)
            let byYear = Dictionary(uniqueKeysWithValues: observed.filter { $0.ratio > 0 }.map { ($0.year, $0.ratio) })
            return byYear.isEmpty ? nil : Row(area: area.area, byYear: byYear)
        }
    }

    /// How much the ratio moves from one year to the next: the median, over areas, of each
    /// area's median |log change|. Children are born and start school a fixed time apart, so
    /// the right alignment is the one on which the ratio is steadiest. `nil` when no area has
    /// two changes.
    public var yearToYearChange: Double? {
        let perArea = rows.compactMap { row -> Double? in
            let years = row.byYear.keys.sorted()
            let changes = zip(years, years.dropFirst()).compactMap { a, b -> Double? in
                b == a + 1 ? abs(log(row.byYear[b]! / row.byYear[a]!)) : nil
            }
            return changes.count >= 2 ? median(changes) : nil
        }
        return median(perArea)
    }

    /// Of the year-to-year changes both sets of ratios have (an area's, from one year to the
    /// next), how many there are and the share in which these move less than `other`.
    public func steadierShare(than other: IntakeRatios) -> (share: Double, compared: Int) {
        let theirs = Dictionary(rows.map { ($0.area.code, $0.byYear) }, uniquingKeysWith: { a, _ in a })
        var steadier = 0, compared = 0
        for row in other.rows {
            guard let mine = theirs[row.area.code] else { continue }
            for year in row.byYear.keys.sorted() {
                guard let a = row.byYear[year], let b = row.byYear[year + 1], let c = mine[year], let d = mine[year + 1] else { continue }
                compared += 1
                if abs(log(d / c)) < abs(log(b / a)) { steadier += 1 }
            }
        }
        return (compared > 0 ? Double(steadier) / Double(compared) : 0, compared)
    }

    /// Each area's median ratio.
    public var medians: [(area: PlanningArea, ratio: Double)] {
        rows.map { ($0.area, median(Array($0.byYear.values))!) }
    }
}

/// A warning that the births basis declared in plan.toml is not the one the data follows: read
/// as `likelier`, the file's births line up with the intake far more steadily.
public struct BirthsBasisCheck: Equatable, Sendable {
    public let declared: BirthsBasis
    public let likelier: BirthsBasis
    /// Median year-to-year change of the intake ratio on each basis (0.02 = 2%).
    public let declaredChange: Double
    public let likelierChange: Double

    /// The likelier basis must make the ratio this much steadier (its change at most this share
    /// of the declared one's) to be named: on real data the right basis is clearly steadier.
    public static let steadier = 0.7
    /// …and steadier in this share of the year-to-year changes, of at least `fewestChanges`: a
    /// basis a year off adds the births' own swing to nearly every change, where one authority's
    /// eight changes can favour the wrong basis by chance (Thurrock's ONS mid-year births, whose
    /// layout fixes the basis, moved 1.3% a year read as calendar against 2.0% as they are, and
    /// were steadier so in five of eight changes).
    public static let mostChanges = 0.75
    public static let fewestChanges = 6

    /// The check, given the ratios on the declared basis (`HistoryFindings` has them already).
    public static func check(_ history: History, declared ratios: IntakeRatios) -> BirthsBasisCheck? {
        guard history.births != nil, let declared = ratios.yearToYearChange else { return nil }
        let others = BirthsBasis.allCases.filter { $0 != history.birthsBasis }
            .compactMap { basis in IntakeRatios(history, basis: basis).yearToYearChange.map { (basis, $0) } }
        guard let best = others.min(by: { $0.1 < $1.1 }), best.1 < steadier * declared, declared > 0.005 else { return nil }
        let (share, compared) = IntakeRatios(history, basis: best.0).steadierShare(than: ratios)
        guard compared >= fewestChanges, share >= mostChanges else { return nil }
        return BirthsBasisCheck(declared: history.birthsBasis, likelier: best.0, declaredChange: declared, likelierChange: best.1)
    }

    public var description: String {
        func percent(_ x: Double) -> String { String(format: "%.1f%%", locale: Locale(identifier: "en_GB"), x * 100) }
        return "births_basis is \"\(declared.rawValue)\", but read as \"\(likelier.rawValue)\" the births line up with the intake more steadily "
            + "(the intake ratio moves \(percent(likelierChange)) a year instead of \(percent(declaredChange))): check which twelve months "
            + "the births file counts and set births_basis in plan.toml"
    }
}
