/// How a school's entry year group (Reception, or Year 7 at a secondary school) was forecast:
/// as a share of its area's entry year group.
public enum ShareRule: Equatable, Sendable {
    /// The share method over the school's last `years` years of intake shares.
    case history(RatioMethod, years: Int)
    /// A school that opened within the history and has had fewer than twice the method's years
    /// of intake: its latest share, because a new school's share rises as it fills, and a mean
    /// over its first years would hold it down.
    case latest(yearsOpen: Int)
    /// No intake yet (it opens in the forecast): its admission number's share of the admission
    /// numbers of the area's open schools, the share it would take if it filled like them.
    case admissionNumber
    /// A special school: held at its last census, year group by year group.
    case heldAtLastCensus
}

/// Where a school's progression ratio for one year group came from.
public enum RatioSource: Equatable, Sendable {
    /// Its own ratios, from `years` years (fewer than the method's when it has no more).
    case own(years: Int)
    /// It has no history in that year group (it is new, or growing into it): the ratio of the
    /// area's schools that have, pooled — the rate a cohort moving up in that area shows.
    case area
    /// No school in its area has it either: pooled over the whole authority's schools.
    case authority
    /// No school anywhere has it: nobody is projected into the year group.
    case none
}

public struct ProgressionRatio: Equatable, Sendable {
    /// Ratio from year group `from` to the next.
    public let from: Int
    public let estimate: RatioEstimate?
    public let source: RatioSource
}

/// One school's share of its area's entry year group, how it was set, and its estimate.
public struct IntakeShare: Equatable, Sendable {
    public let kind: AreaKind
    public let rule: ShareRule
    /// `nil` for `.admissionNumber` (set each year from the open schools' admission numbers).
    public let estimate: RatioEstimate?
}

/// A school's forecast, reconciled so that the schools of an area add up to the area's.
public struct SchoolForecast: Equatable, Sendable {
    public let school: School
    /// base year + 1 … base year + horizon.
    public let years: [Int]
    /// `pupils[h][g]` over the whole ladder (0 in year groups it does not teach).
    public let pupils: PupilGrid
    public let shares: [IntakeShare]
    public let ratios: [ProgressionRatio]
    /// The rules used, in words, for the output: "share mean-3 (3 years)", "Y5→Y6 from the area's schools" …
    public let rules: [String]

    public func pupils(year: Int, yearGroup g: Int) -> Double? {
        guard let h = years.firstIndex(of: year) else { return nil }
        return pupils[h][g]
    }

    public func ratio(from g: Int) -> ProgressionRatio? { ratios.first { $0.from == g } }
}

extension ShareRule {
    public var description: String {
        switch self {
        case .history(let method, let years): return "intake share \(method) (\(years) year\(years == 1 ? "" : "s"))"
        case .latest(let years): return "new school: latest intake share (\(years) year\(years == 1 ? "" : "s") open)"
        case .admissionNumber: return "no intake yet: intake share from its admission number"
        case .heldAtLastCensus: return "special school: held at its last census"
        }
    }
}
