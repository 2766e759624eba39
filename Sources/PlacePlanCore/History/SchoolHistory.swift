/// Everything a place plan is made from, already validated: the schools, their rolls, the two
/// geographies and the births of the primary planning areas.
///
/// Area rolls are not given separately: an area's pupils are the sum of its schools', so that
/// school and area forecasts can never disagree about the past.
public struct SchoolHistory: Equatable, Sendable {
    public let ladder: Ladder
    public let layout: PhaseLayout
    public let birthsBasis: BirthsBasis
    public let geography: Geography
    public let schools: [School]
    /// Rolls by school code; a school with no census yet (planned) has none.
    public let rolls: [String: SchoolRolls]
    /// Births by primary planning area; `nil` when the plan has no births file.
    public let births: [String: BirthSeries]?
    /// Whether the schools' places were given (`schools.csv`'s net_capacity and pan); without
    /// them every school's capacity is 0 and only forecasts, not sufficiency, are meaningful.
    public var capacityGiven = true
    /// The census years of the plan: the first and the latest in the rolls file.
    public let firstYear: Int
    public let lastYear: Int
    /// Where each school is in `schools`, and each area's schools, found once here: a plan of
    /// 20,000 schools would otherwise scan them all for every area and every lookup.
    private let index: SchoolIndex

    public init(ladder: Ladder, layout: PhaseLayout, birthsBasis: BirthsBasis, geography: Geography, schools: [School],
                rolls: [String: SchoolRolls], births: [String: BirthSeries]?, firstYear: Int, lastYear: Int) {
        self.ladder = ladder
        self.layout = layout
        self.birthsBasis = birthsBasis
        self.geography = geography
        self.schools = schools
        self.rolls = rolls
        self.births = births
        self.firstYear = firstYear
        self.lastYear = lastYear
        self.index = SchoolIndex(schools)
    }

    /// What was known at the end of `year`: rolls up to `year`, births keyed up to `year`. The
    /// schools stay as listed: a school opening later was, by then, a planned school.
    public func known(through year: Int) -> SchoolHistory {
        var known = SchoolHistory(ladder: ladder, layout: layout, birthsBasis: birthsBasis, geography: geography, schools: schools,
                                  rolls: rolls.compactMapValues { $0.known(through: year) }, births: births?.mapValues { $0.known(through: year) },
                                  firstYear: firstYear, lastYear: min(lastYear, year))
        known.capacityGiven = capacityGiven
        return known
    }

    public func school(_ code: String) -> School? { index.position[code].map { schools[$0] } }

    /// The schools planned in an area (special schools are in none), in `schools` order.
    public func schools(in area: String, _ kind: AreaKind) -> [School] {
        (index.members[kind]?[area] ?? []).map { schools[$0] }
    }

    /// Pupils of one school (0 when it has no census that year).
    public func pupils(school: String, year: Int, yearGroup g: Int) -> Double {
        rolls[school]?.pupils(year: year, yearGroup: g) ?? 0
    }

    /// An area's rolls over the whole ladder: the sum of its schools' pupils in the year groups
    /// the area plans (0 elsewhere), for every census year of the plan.
    public func rolls(area: String, _ kind: AreaKind) -> [[Double]] {
        let members = memberRolls(area, kind)
        return (firstYear...lastYear).map { year in
            (0..<ladder.count).map { g in Self.pupils(of: members, year: year, yearGroup: g, planned: layout.yearGroups(of: kind)) }
        }
    }

    /// An area's pupils in one year and year group: `rolls(area:_:)`'s figure, without making
    /// the others.
    public func pupils(area: String, _ kind: AreaKind, year: Int, yearGroup g: Int) -> Double {
        Self.pupils(of: memberRolls(area, kind), year: year, yearGroup: g, planned: layout.yearGroups(of: kind))
    }

    /// The rolls of an area's schools that have any.
    private func memberRolls(_ area: String, _ kind: AreaKind) -> [SchoolRolls] { schools(in: area, kind).compactMap { rolls[$0.code] } }

    /// The schools' pupils added up in a year group the area plans; 0 in one it does not.
    private static func pupils(of members: [SchoolRolls], year: Int, yearGroup g: Int, planned: ClosedRange<Int>) -> Double {
        planned.contains(g) ? members.reduce(0) { $0 + ($1.pupils(year: year, yearGroup: g) ?? 0) } : 0
    }

    /// The ladder of one geography: primary year groups fed by births, or secondary and sixth
    /// form year groups fed by transfer.
    public func ladder(_ kind: AreaKind) -> Ladder {
        let groups = layout.yearGroups(of: kind)
        let phases = ladder.phases.filter { phase in ladder.indices(of: phase).map { groups.contains($0.lowerBound) } ?? false }
        return Ladder(name: "\(ladder.name) \(kind.rawValue)", yearGroups: Array(ladder.yearGroups[groups]),
                      entryAge: ladder.entryAge + groups.lowerBound, phases: phases)
    }

    /// The area history of one geography on its own ladder, as cohort survival takes it
    /// (births for primary areas only).
    public func areaHistory(_ kind: AreaKind) -> History {
        let groups = layout.yearGroups(of: kind)
        let areas = geography.areas(kind).map { area in
            AreaRolls(area: area, firstYear: firstYear, pupils: rolls(area: area.code, kind).map { Array($0[groups]) })
        }
        return History(ladder: ladder(kind), birthsBasis: birthsBasis, areas: areas, births: kind == .primary ? births : nil)
    }

    /// Both geographies as one area history on the whole ladder, primary areas first: each area
    /// has pupils only in its own year groups, so sums over areas are the authority's.
    public var combinedHistory: History {
        let areas = AreaKind.allCases.flatMap { kind in
            geography.areas(kind).map { AreaRolls(area: $0, firstYear: firstYear, pupils: rolls(area: $0.code, kind)) }
        }
        return History(ladder: ladder, birthsBasis: birthsBasis, areas: areas, births: births)
    }
}

/// Schools by code and by planning area, as positions in a plan's list of schools.
struct SchoolIndex: Equatable, Sendable {
    let position: [String: Int]
    let members: [AreaKind: [String: [Int]]]

    init(_ schools: [School]) {
        var position: [String: Int] = [:], members: [AreaKind: [String: [Int]]] = [:]
        position.reserveCapacity(schools.count)
        for (i, school) in schools.enumerated() {
            if position[school.code] == nil { position[school.code] = i }
            for kind in AreaKind.allCases { if let area = school.area(kind) { members[kind, default: [:]][area, default: []].append(i) } }
        }
        self.position = position
        self.members = members
    }
}
