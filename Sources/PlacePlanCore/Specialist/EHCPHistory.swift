/// Pupils with EHC plans counted in past Januaries (`ehcp.csv`): by age group and year, for the
/// authority, or by area where a plan of areas counts each authority.
public struct EHCPHistory: Equatable, Sendable {
    public struct Count: Equatable, Sendable {
        /// `nil`: the whole authority (a place plan).
        public let area: String?
        public let group: SpecialistGroup
        /// The academic year of the January count (2021 = January 2022, the 2021/22 census).
        public let year: Int
        public let plans: Double

        public init(area: String?, group: SpecialistGroup, year: Int, plans: Double) {
            self.area = area
            self.group = group
            self.year = year
            self.plans = plans
        }
    }

    public let counts: [Count]
    /// Groups in the file, the youngest first.
    public let groups: [SpecialistGroup]
    /// Areas in the file, in the file's order (`[nil]` for an authority's counts).
    public let areas: [String?]
    private let index: [Key: Double]

    private struct Key: Hashable { let area: String?, group: SpecialistGroup, year: Int }

    public init(_ counts: [Count]) {
        self.counts = counts
        self.groups = Array(Set(counts.map(\.group))).sorted()
        var seen = Set<String?>(), areas: [String?] = []
        for count in counts where seen.insert(count.area).inserted { areas.append(count.area) }
        self.areas = areas
        self.index = Dictionary(counts.map { (Key(area: $0.area, group: $0.group, year: $0.year), $0.plans) }, uniquingKeysWith: +)
    }

    public func plans(area: String?, group: SpecialistGroup, year: Int) -> Double? {
        index[Key(area: area, group: group, year: year)]
    }

    public var years: [Int] { Array(Set(counts.map(\.year))).sorted() }
}

/// What each group's plans are set against, in any year, past or projected: the pupils of its
/// year groups and the births of its cohorts. A closure each, so that a place plan (its schools'
/// rolls and forecast) and a plan of areas (an authority's rolls) answer alike.
public struct SpecialistDenominators: Sendable {
    /// Mainstream pupils in year groups `g` in `year`; `nil` when not known.
    public let pupils: @Sendable (_ year: Int, _ yearGroups: ClosedRange<Int>) -> Double?
    /// Births of the cohort entering the ladder's entry year group in `entryYear`.
    public let cohortBirths: @Sendable (_ entryYear: Int) -> Double?

    public init(pupils: @escaping @Sendable (Int, ClosedRange<Int>) -> Double?, cohortBirths: @escaping @Sendable (Int) -> Double?) {
        self.pupils = pupils
        self.cohortBirths = cohortBirths
    }

    /// The denominator of `group` in `year`.
    public func value(_ group: SpecialistGroup, year: Int) -> Double? {
        switch group.denominator {
        case .pupils(let groups): return pupils(year, groups)
        case .births(let cohorts):
            var sum = 0.0
            for k in 0..<cohorts {
                guard let b = cohortBirths(year + k) else { return nil }
                sum += b
            }
            return sum
        case .notPlanned: return nil
        }
    }
}
