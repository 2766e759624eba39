/// The ordered year groups of a school system, and how its entry year group is fed by births.
///
/// Nothing about England is hard-coded in the engine: England and the US are two ladders.
public struct Ladder: Equatable, Sendable {
    public let name: String
    public let yearGroups: [YearGroup]
    /// Age on 1 September of the entry year: 4 for Reception in England, 5 for US kindergarten.
    /// Children entering in year Y were born Sep(Y − entryAge − 1) … Aug(Y − entryAge).
    public let entryAge: Int
    /// Named ranges of year groups whose totals are reported (primary, secondary …).
    public let phases: [Phase]

    public init(name: String, yearGroups: [YearGroup], entryAge: Int, phases: [Phase] = []) {
        precondition(!yearGroups.isEmpty, "a ladder needs at least one year group")
        self.name = name
        self.yearGroups = yearGroups
        self.entryAge = entryAge
        self.phases = phases
    }

    public var entry: YearGroup { yearGroups[0] }
    public var count: Int { yearGroups.count }

    public func index(of yearGroup: YearGroup) -> Int? { yearGroups.firstIndex(of: yearGroup) }

    /// England: Reception, Years 1–13. Primary R–Y6, secondary Y7–Y11 (as DfE scorecards count
    /// them), sixth form Y12–Y13.
    public static let england = Ladder(
        name: "england",
        yearGroups: ["R"] + (1...13).map { YearGroup("Y\($0)") },
        entryAge: 4,
        phases: [
            Phase(name: "primary", first: "R", last: "Y6"),
            Phase(name: "secondary", first: "Y7", last: "Y11"),
            Phase(name: "sixth form", first: "Y12", last: "Y13"),
        ])

    /// United States: kindergarten, grades 1–12.
    public static let us = Ladder(
        name: "us",
        yearGroups: ["K"] + (1...12).map { YearGroup("G\($0)") },
        entryAge: 5,
        phases: [
            Phase(name: "elementary", first: "K", last: "G5"),
            Phase(name: "middle", first: "G6", last: "G8"),
            Phase(name: "high", first: "G9", last: "G12"),
        ])

    /// The year groups each phase starts at (Reception, Year 7, Year 12 in England's): where a
    /// cohort is entered or changes school.
    public var phaseStarts: Set<Int> { Set(phases.compactMap { indices(of: $0)?.lowerBound }) }

    /// Indices of the year groups in a phase, or `nil` if its ends are not on this ladder.
    public func indices(of phase: Phase) -> ClosedRange<Int>? {
        guard let first = index(of: phase.first), let last = index(of: phase.last), first <= last
        else { return nil }
        return first...last
    }
}

/// A contiguous run of year groups reported as one total, e.g. primary = R…Y6.
public struct Phase: Equatable, Sendable {
    public let name: String
    public let first: YearGroup
    public let last: YearGroup
    public init(name: String, first: YearGroup, last: YearGroup) {
        self.name = name
        self.first = first
        self.last = last
    }
}
