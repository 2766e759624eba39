/// The Pupil Place Plan: pupils against places for every school, planning area and the
/// authority, by phase and year (the base year's census, then every forecast year), with the
/// year-group detail behind it.
///
/// Published figures are whole pupils that add up exactly: in each area, year group and year
/// the area's forecast is rounded and its schools' shares of it are apportioned by largest
/// remainder (`Apportion`), so schools add up to their area, areas to the authority, and year
/// groups to phases.
public struct PupilPlacePlan: Equatable, Sendable {
    public struct SchoolLine: Equatable, Sendable {
        public var school: School { record.school }
        /// The planning area this part of the school is planned in (`nil`: special).
        public let area: String?
        public let phase: PlacePhase
        public let year: Int
        public let sufficiency: Sufficiency
        /// The school, held once for all its lines (a national plan has hundreds of thousands).
        private let record: SchoolRecord

        init(school: SchoolRecord, area: String?, phase: PlacePhase, year: Int, sufficiency: Sufficiency) {
            self.record = school
            self.area = area
            self.phase = phase
            self.year = year
            self.sufficiency = sufficiency
        }
    }

    /// A school shared by the lines that show it, rather than copied into each.
    final class SchoolRecord: Equatable, Sendable {
        let school: School
        init(_ school: School) { self.school = school }
        static func == (a: SchoolRecord, b: SchoolRecord) -> Bool { a === b || a.school == b.school }
    }

    public struct AreaLine: Equatable, Sendable {
        public let area: PlanningArea
        public let kind: AreaKind
        public let phase: PlacePhase
        public let year: Int
        public let sufficiency: Sufficiency
        /// Pupils no open school in the area could take (included in `sufficiency.pupils`).
        public let unallocated: Int
        /// Its area, phase and year: the key its chance of a shortfall is found by.
        public var cell: AreaPhaseYear { AreaPhaseYear(area: area.code, phase: phase, year: year) }
    }

    public struct AuthorityLine: Equatable, Sendable {
        public let phase: PlacePhase
        public let year: Int
        public let sufficiency: Sufficiency
    }

    /// One year group of a school or an area: places (PAN, or the sum of the schools' PANs) and pupils.
    public struct YearGroupLine: Equatable, Sendable {
        /// School or area code.
        public let owner: String
        public let area: String?
        public var yearGroup: Int { Int(storedYearGroup) }
        public var year: Int { Int(storedYear) }
        public var sufficiency: Sufficiency {
            Sufficiency(capacity: capacity, pupils: pupils, placesNeeded: placesNeeded < 0 ? nil : placesNeeded)
        }
        // Held in 64 bytes rather than 80: a national plan has millions of these lines.
        private let storedYear: Int32, storedYearGroup: Int32
        private let capacity: Int, pupils: Int
        /// −1: not counted (a school's line); places needed are never negative.
        private let placesNeeded: Int

        init(owner: String, area: String?, yearGroup: Int, year: Int, sufficiency: Sufficiency) {
            self.owner = owner
            self.area = area
            self.storedYearGroup = Int32(yearGroup)
            self.storedYear = Int32(year)
            self.capacity = sufficiency.capacity
            self.pupils = sufficiency.pupils
            self.placesNeeded = sufficiency.placesNeeded.map { max(0, $0) } ?? -1
        }
    }

    public let name: String
    public let ladder: Ladder
    public let layout: PhaseLayout
    public let baseYear: Int
    /// Base year (actual) and every forecast year.
    public let years: [Int]
    public let targets: CapacityTargets
    public let schools: [SchoolLine]
    public let areas: [AreaLine]
    public let authority: [AuthorityLine]
    public let schoolYearGroups: [YearGroupLine]
    public let areaYearGroups: [YearGroupLine]
    /// Rules used per school, in words (from `SchoolForecast.rules`).
    public let rules: [String: [String]]
    public let forecast: PlaceForecast
    /// Whether special schools' pupils are the specialist plan's (the plan has ehcp.csv), not
    /// their last census held.
    public let specialFromPlans: Bool
    /// Whether schools.csv gave the schools' places. Without them every capacity is 0: the
    /// pupils are the forecast, and no line's sufficiency means anything.
    public let capacityGiven: Bool

    public func isForecast(_ year: Int) -> Bool { year > baseYear }

    /// A special school's rule when the plan has ehcp.csv (`SpecialistPlan`).
    public static let specialRule = "special school: its share of the pupils with EHC plans placed in special schools (ehcp.csv)"

    /// - Parameter specialist: with it, special schools' pupils and the authority's special line
    ///   are the specialist plan's (pupils with EHC plans placed in special schools), not the
    ///   last census held.
    public init(name: String, forecast: PlaceForecast, history: SchoolHistory, targets: CapacityTargets = .default,
                specialist: SpecialistPlan? = nil) {
        let layout = history.layout, ladder = history.ladder, base = forecast.baseYear
        self.name = name
        self.ladder = ladder
        self.layout = layout
        self.baseYear = base
        self.years = [base] + Array(forecast.years)
        self.targets = targets
        self.forecast = forecast
        self.capacityGiven = history.capacityGiven
        self.specialFromPlans = specialist != nil
        self.rules = Dictionary(uniqueKeysWithValues: forecast.schools.map { member in
            (member.school.code, specialist != nil && member.school.phase == .special ? [Self.specialRule] : member.rules)
        })

        var schoolLines: [SchoolLine] = [], areaLines: [AreaLine] = [], authorityLines: [AuthorityLine] = []
        var schoolGroups: [YearGroupLine] = [], areaGroups: [YearGroupLine] = []
        // Each area's schools and forecast, found once rather than every year.
        let areaParts = AreaKind.allCases.map { kind in
            forecast.geography.areas(kind).map { area in
                let members = forecast.schools(in: area.code, kind)
                let schools = members.map(\.school)
                return (area: area, schools: schools, records: schools.map(SchoolRecord.init), grids: members.map(\.pupils), forecast: forecast.area(area.code),
                        unallocated: forecast.unallocated[area.code], phases: schools.map { $0.phases(layout: layout) })
            }
        }
        // Special schools: the specialist plan's by code when there is one, else held at their census.
        let special = forecast.schools.filter { $0.school.phase == .special }.map { (member: $0, record: SchoolRecord($0.school)) }
        let heldSpecial = specialist == nil ? special : []
        let schoolsByCode = Dictionary(special.map { ($0.member.school.code, $0.record) }, uniquingKeysWith: { a, _ in a })
        // Working space reused for every area, year group and year (a national plan has millions).
        var shares: [Double] = [], apportioner = Apportioner()
        // Room for the lines made below (about seven year groups and one or two phases a school
        // a year), rather than growing millions of them by copying.
        let lineCount = years.count * forecast.schools.count
        schoolGroups.reserveCapacity(lineCount * 8)
        schoolLines.reserveCapacity(lineCount * 3 / 2)
        for year in years {
            let h = year - base - 1   // −1: the base year, from the census
            var byPhase: [PlacePhase: Sufficiency] = [:]
            for (kind, parts) in zip(AreaKind.allCases, areaParts) {
                let groups = layout.yearGroups(of: kind)
                for (area, members, records, grids, areaForecast, areaUnallocated, memberPhases) in parts {
                    // Whole pupils per year group: the area rounded, its schools apportioned.
                    var schoolPupils = Array(repeating: Array(repeating: 0, count: ladder.count), count: members.count)
                    var areaPupils = Array(repeating: 0, count: ladder.count)
                    var left = Array(repeating: 0, count: ladder.count)
                    var needed = Array(repeating: 0, count: ladder.count)
                    for g in groups {
                        shares.removeAll(keepingCapacity: true)
                        for i in members.indices { shares.append(h < 0 ? history.pupils(school: members[i].code, year: year, yearGroup: g) : grids[i][h][g]) }
                        let unallocated = h < 0 ? 0 : areaUnallocated?[h][g] ?? 0
                        let total = h < 0 ? shares.reduce(0, +) : areaForecast?.pupils[h][g] ?? 0
                        areaPupils[g] = Apportion.units(total)
                        shares.append(unallocated)
                        apportioner.split(shares, total: areaPupils[g])
                        for i in members.indices { schoolPupils[i][g] = apportioner.result[i] }
                        left[g] = apportioner.result[members.count]
                        var places = 0   // by index: iterating would copy each school
                        for i in members.indices { places += members[i].capacity(yearGroup: g, year: year, layout: layout) }
                        needed[g] = max(0, areaPupils[g] - places)
                        areaGroups.append(YearGroupLine(owner: area.code, area: area.code, yearGroup: g, year: year,
                                                        sufficiency: Sufficiency(capacity: places, pupils: areaPupils[g],
                                                                                 placesNeeded: needed[g])))
                        // A year group a school teaches, once it has reached it (or has pupils in it).
                        for i in members.indices where members[i].teaches(g, layout: layout)
                            && (members[i].hasReached(g, in: year, layout: layout) || schoolPupils[i][g] > 0) {
                            schoolGroups.append(YearGroupLine(
                                owner: members[i].code, area: area.code, yearGroup: g, year: year,
                                sufficiency: Sufficiency(capacity: members[i].capacity(yearGroup: g, year: year, layout: layout),
                                                         pupils: schoolPupils[i][g], placesNeeded: nil)))
                        }
                    }
                    for phase in layout.phases where phase.areaKind == kind {
                        let range = layout.yearGroups(of: phase)!
                        var total = Sufficiency(capacity: 0, pupils: 0, placesNeeded: 0)
                        for i in members.indices where memberPhases[i].contains(phase) {
                            let pupils = range.reduce(0) { $0 + schoolPupils[i][$1] }
                            let capacity = members[i].capacity(phase: phase, year: year, layout: layout)
                            guard members[i].isOpen(in: year) || pupils > 0 else { continue }
                            let line = Sufficiency(capacity: capacity, pupils: pupils, placesNeeded: nil)
                            schoolLines.append(SchoolLine(school: records[i], area: area.code, phase: phase, year: year, sufficiency: line))
                            total = total + Sufficiency(capacity: capacity, pupils: pupils, placesNeeded: 0)
                        }
                        let unallocated = range.reduce(0) { $0 + left[$1] }
                        let sufficiency = Sufficiency(capacity: total.capacity, pupils: total.pupils + unallocated,
                                                      placesNeeded: range.reduce(0) { $0 + needed[$1] })
                        // A phase no school in the area has (a sixth form) is left out.
                        guard sufficiency.capacity > 0 || sufficiency.pupils > 0 else { continue }
                        areaLines.append(AreaLine(area: area, kind: kind, phase: phase, year: year, sufficiency: sufficiency,
                                                  unallocated: unallocated))
                        byPhase[phase] = (byPhase[phase] ?? Sufficiency(capacity: 0, pupils: 0, placesNeeded: 0)) + sufficiency
                    }
                }
            }
            // Special schools: counted for the authority, from the specialist plan where there is
            // one, else held at their last census.
            if let specialist {
                for provider in specialist.providers where provider.placement == .specialSchool && provider.year == year {
                    guard let school = schoolsByCode[provider.code] else { continue }
                    schoolLines.append(SchoolLine(school: school, area: nil, phase: .special, year: year, sufficiency: provider.sufficiency))
                }
                if let line = specialist.line(.specialSchool, year: year) { byPhase[.special] = line.sufficiency }
            }
            for (member, record) in heldSpecial {
                let pupils = (0..<ladder.count).reduce(0) { sum, g in
                    sum + Apportion.units(h < 0 ? history.pupils(school: member.school.code, year: year, yearGroup: g) : member.pupils[h][g])
                }
                let capacity = member.school.capacity(phase: .special, year: year, layout: layout)
                guard member.school.isOpen(in: year) || pupils > 0 else { continue }
                let line = Sufficiency(capacity: capacity, pupils: pupils, placesNeeded: nil)
                schoolLines.append(SchoolLine(school: record, area: nil, phase: .special, year: year, sufficiency: line))
                byPhase[.special] = (byPhase[.special] ?? .zero) + line
            }
            for phase in PlacePhase.allCases { if let s = byPhase[phase] { authorityLines.append(AuthorityLine(phase: phase, year: year, sufficiency: s)) } }
        }
        self.schools = schoolLines
        self.areas = areaLines
        self.authority = authorityLines
        self.schoolYearGroups = schoolGroups
        self.areaYearGroups = areaGroups
    }
}

extension PupilPlacePlan {
    /// An area-phase that needs places in some forecast year.
    public struct Shortfall: Equatable, Sendable {
        public let area: PlanningArea
        public let phase: PlacePhase
        /// The first forecast year with places needed, and how many.
        public let firstYear: Int
        public let firstNeeded: Int
        /// The year most places are needed, and how many.
        public let peakYear: Int
        public let peakNeeded: Int
        /// The phase's whole surplus (negative: deficit) in the peak year.
        public let surplusAtPeak: Int
    }

    /// Every area-phase with DfE places needed in a forecast year, the soonest first.
    public var shortfalls: [Shortfall] {
        var result: [Shortfall] = []
        struct AreaPhase: Hashable { let area: String, phase: PlacePhase }
        let grouped = Dictionary(grouping: areas.filter { isForecast($0.year) }) { AreaPhase(area: $0.area.code, phase: $0.phase) }
        for lines in grouped.values {
            let short = lines.filter { ($0.sufficiency.placesNeeded ?? 0) > 0 }.sorted { $0.year < $1.year }
            guard let first = short.first else { continue }
            let peak = short.max { ($0.sufficiency.placesNeeded!, $1.year) < ($1.sufficiency.placesNeeded!, $0.year) }!
            result.append(Shortfall(area: first.area, phase: first.phase, firstYear: first.year,
                                    firstNeeded: first.sufficiency.placesNeeded!, peakYear: peak.year,
                                    peakNeeded: peak.sufficiency.placesNeeded!, surplusAtPeak: peak.sufficiency.surplus))
        }
        return result.sorted { ($0.firstYear, $0.area.code, $0.phase) < ($1.firstYear, $1.area.code, $1.phase) }
    }

    /// Area-phases whose spare capacity is above the target in the first forecast year, with
    /// their spare share then and at the end of the horizon.
    public var surpluses: [(area: PlanningArea, phase: PlacePhase, first: Sufficiency, last: Sufficiency)] {
        guard let first = years.dropFirst().first, let last = years.last else { return [] }
        // The last year's lines found once, not searched for each line (1,900 areas nationally).
        struct AreaPhase: Hashable { let area: PlanningArea, phase: PlacePhase }
        let atEnd = Dictionary(areas.filter { $0.year == last }.map { (AreaPhase(area: $0.area, phase: $0.phase), $0) },
                               uniquingKeysWith: { first, _ in first })
        return areas.filter { $0.year == first && $0.sufficiency.flag(targets) == .aboveTarget }.compactMap { line in
            guard let end = atEnd[AreaPhase(area: line.area, phase: line.phase)] else { return nil }
            return (line.area, line.phase, line.sufficiency, end.sufficiency)
        }
    }
}
