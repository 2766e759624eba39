/// A change in what an area's rolls count, recorded by the planner in `area-changes.csv`, so
/// that the forecast is made from a history on today's boundaries rather than reading the step
/// as pupils moving (`SeriesBreak` finds such steps; this says what to do about one).
///
/// - `transfer`: from `year`, part of `area` belongs to `to` (Christchurch moved from Dorset
///   to Bournemouth, Christchurch and Poole in 2019/20). Every year before `year` is restated on
///   the new boundaries: `share` of `area`'s pupils in each year group move to `to`. Without a
///   share the engine estimates it from the jump in `area`'s progression ratios into `year`.
///   A split is a transfer to a new area: its history before `year` is its share of `area`'s.
/// - `start`: the series before `year` is not comparable (a change in what was counted, a
///   merger the data cannot undo): `area`'s history starts at `year`.
///
/// Births are taken to be on today's boundaries throughout, as ONS publishes them.
public struct BoundaryChange: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        case transfer(to: String, share: Double?)
        case start
    }
    public let area: String
    /// The first academic year on the new boundaries.
    public let year: Int
    public let kind: Kind

    public init(area: String, year: Int, kind: Kind) {
        self.area = area
        self.year = year
        self.kind = kind
    }
}

/// A boundary change as the engine applied it: the share moved and whether it was estimated.
public struct AppliedBoundaryChange: Equatable, Sendable {
    public let change: BoundaryChange
    public let area: PlanningArea
    public let to: PlanningArea?
    /// The share of `area`'s pupils before the change that moved (transfers only).
    public let share: Double?
    public let estimated: Bool

    /// "Dorset (E06000059) → Bournemouth, Christchurch and Poole (E06000058) from 2019/20:
    /// 13.1% of Dorset's pupils before 2019/20 restated in Bournemouth, … (estimated from the
    /// 2019/20 ratios)".
    public var description: String {
        let from = AcademicYear.text(change.year)
        guard let to, let share else {
            return "\(area.label): history starts in \(from) (area-changes.csv); earlier years are not used"
        }
        let percent = (share * 1000).rounded() / 10
        return "\(area.label) → \(to.label) from \(from): \(percent)% of \(area.name)'s pupils before \(from) restated in "
            + "\(to.name) (\(estimated ? "estimated from the \(from) progression ratios" : "share given in area-changes.csv"))"
    }
}

/// Why a boundary change cannot be applied; the reader turns it into a located error.
public struct BoundaryChangeProblem: Error, Equatable, Sendable {
    public let index: Int
    public let message: String
    public let fix: String
}

extension History {
    /// The history restated on today's boundaries, changes applied in year order.
    public func harmonised(_ changes: [BoundaryChange]) -> Result<(History, [AppliedBoundaryChange]), BoundaryChangeProblem> {
        var byCode = Dictionary(uniqueKeysWithValues: areas.map { ($0.area.code, $0) })
        var applied: [AppliedBoundaryChange] = []
        for (index, change) in changes.enumerated().sorted(by: { ($0.element.year, $0.offset) < ($1.element.year, $1.offset) }) {
            guard let from = byCode[change.area] else {
                return .failure(BoundaryChangeProblem(index: index, message: "area \(change.area) has no rolls",
                                                      fix: "use an area code from rolls.csv"))
            }
            guard change.year <= from.lastYear else {
                return .failure(BoundaryChangeProblem(
                    index: index, message: "\(change.year) is after \(from.area.code)'s last census (\(from.lastYear)): there is nothing to restate yet",
                    fix: "remove the row until the rolls reach \(change.year), or correct the year"))
            }
            guard change.year > from.firstYear else {
                return .failure(BoundaryChangeProblem(
                    index: index, message: "\(change.year) is not within \(from.area.code)'s rolls after their first year (\(from.firstYear + 1)–\(from.lastYear))",
                    fix: "give the first academic year on the new boundaries"))
            }
            let cut = change.year - from.firstYear
            switch change.kind {
            case .start:
                byCode[change.area] = AreaRolls(area: from.area, firstYear: change.year, pupils: Array(from.pupils[cut...]))
                applied.append(AppliedBoundaryChange(change: change, area: from.area, to: nil, share: nil, estimated: false))
            case .transfer(let toCode, let given):
                guard toCode != change.area, let to = byCode[toCode] else {
                    return .failure(BoundaryChangeProblem(
                        index: index, message: toCode == change.area ? "an area cannot move pupils to itself" : "area \(toCode) has no rolls",
                        fix: "give, in `to`, the code of the area that gained part of \(change.area)"))
                }
                let share: Double
                if let given { share = given } else {
                    guard let estimate = Self.estimatedShare(from, year: change.year) else {
                        return .failure(BoundaryChangeProblem(
                            index: index, message: "the share of \(change.area)'s pupils that moved cannot be estimated: "
                                + "it needs two years of ratios before \(change.year) and a fall in \(change.year)'s",
                            fix: "give the share in the share column (0.12 = 12% of the pupils moved)"))
                    }
                    share = estimate
                }
                // A new area (a split) takes its history from the part it came from.
                let toFirst = min(to.firstYear, from.firstYear)
                var fromGrid = from.pupils
                var toGrid = Array(repeating: Array(repeating: 0.0, count: ladder.count), count: to.firstYear - toFirst) + to.pupils
                for year in from.firstYear..<change.year {
                    let i = year - from.firstYear, j = year - toFirst
                    for g in 0..<ladder.count {
                        let moved = from.pupils[i][g] * share
                        fromGrid[i][g] -= moved
                        if j < toGrid.count { toGrid[j][g] += moved }
                    }
                }
                byCode[change.area] = AreaRolls(area: from.area, firstYear: from.firstYear, pupils: fromGrid)
                byCode[toCode] = AreaRolls(area: to.area, firstYear: toFirst, pupils: toGrid)
                applied.append(AppliedBoundaryChange(change: change, area: from.area, to: to.area, share: share, estimated: given == nil))
            }
        }
        let restated = History(ladder: ladder, birthsBasis: birthsBasis, areas: areas.map { byCode[$0.area.code]! }, births: births,
                               applications: applications)
        return .success((restated, applied))
    }

    /// The share of an area's pupils that left it in `year`: one minus the median, over year
    /// groups, of that year's progression ratio over the area's own median ratio before it.
    /// A boundary moves every age at once, so the median across year groups is robust to one
    /// year group's noise. `nil` without two earlier years of ratios, or without a fall.
    static func estimatedShare(_ area: AreaRolls, year: Int) -> Double? {
        var relative: [Double] = []
        for g in 1..<area.pupils[0].count {
            let ratios = SeriesBreak.judged(area, into: g)
            let earlier = ratios.filter { $0.key < year }.map(\.value)
            guard earlier.count >= 2, let now = ratios[year], let typical = median(earlier), typical > 0 else { continue }
            relative.append(now / typical)
        }
        guard relative.count >= 3, let middle = median(relative) else { return nil }
        let share = 1 - middle
        return share > 0.005 && share < 0.9 ? share : nil
    }
}
