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

    /// The check, given the ratios on the declared basis (`HistoryFindings` has them already).
    public static func check(_ history: History, declared ratios: IntakeRatios) -> BirthsBasisCheck? {
        guard history.births != nil, let declared = ratios.yearToYearChange else { return nil }
        let others = BirthsBasis.allCases.filter { $0 != history.birthsBasis }
            .compactMap { basis in IntakeRatios(history, basis: basis).yearToYearChange.map { (basis, $0) } }
        guard let best = others.min(by: { $0.1 < $1.1 }), best.1 < steadier * declared, declared > 0.005 else { return nil }
        return BirthsBasisCheck(declared: history.birthsBasis, likelier: best.0, declaredChange: declared, likelierChange: best.1)
    }

    public var description: String {
        func percent(_ x: Double) -> String { String(format: "%.1f%%", locale: Locale(identifier: "en_GB"), x * 100) }
        return "births_basis is \"\(declared.rawValue)\", but read as \"\(likelier.rawValue)\" the births line up with the intake more steadily "
            + "(the intake ratio moves \(percent(likelierChange)) a year instead of \(percent(declaredChange))): check which twelve months "
            + "the births file counts and set births_basis in plan.toml"
    }
}
