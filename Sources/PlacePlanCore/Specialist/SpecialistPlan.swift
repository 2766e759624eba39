/// Specialist places: pupils with EHC plans projected by age group (prevalence rate × the
/// mainstream forecast, × births for the under-5s), placed by the placement shares, and set
/// against the places of special schools and resourced bases, year by year.
///
/// Whole numbers that add up: each year's plans (the groups' projections, plus the SEND children
/// of planned housing) are rounded once and split among placements by largest remainder, and
/// the special-school pupils among the open special schools by their base-year pupils (their
/// places, for a school with none), so school lines add up to the authority's.
public struct SpecialistPlan: Equatable, Sendable {
    /// One group in one year: what its plans are set against, the rate and the plans.
    public struct GroupYear: Equatable, Sendable {
        public let group: SpecialistGroup
        public let year: Int
        /// Pupils of its year groups (births of its cohorts, for the under-5s).
        public let denominator: Double
        public let rate: Double
        public let plans: Double
        /// Counted in ehcp.csv rather than projected.
        public let observed: Bool
    }

    /// Whole pupils with plans in each placement in a year.
    public struct PlacementYear: Equatable, Sendable {
        public let placement: Placement
        public let year: Int
        public let pupils: Int
    }

    /// One special school or resourced base in a year: its places and pupils.
    public struct ProviderYear: Equatable, Sendable {
        /// School code (special school) or base code (resourced base).
        public let code: String
        public let label: String
        public let placement: Placement
        public let year: Int
        public let sufficiency: Sufficiency
    }

    /// Places against pupils for a placement the authority provides, in a year.
    public struct ProvisionLine: Equatable, Sendable {
        public let placement: Placement
        public let year: Int
        public let sufficiency: Sufficiency
    }

    public let baseYear: Int
    /// The base year, then every forecast year.
    public let years: [Int]
    public let settings: SpecialistSettings
    public let groups: [GroupYear]
    /// SEND children from planned housing by year (forecast years; 0 without housing).
    public let housing: [Int: Double]
    public let placements: [PlacementYear]
    public let providers: [ProviderYear]
    public let lines: [ProvisionLine]
    /// What the planner should know: groups left out, years projected rather than counted.
    public let notes: [String]

    public func line(_ placement: Placement, year: Int) -> ProvisionLine? {
        lines.first { $0.placement == placement && $0.year == year }
    }

    public func pupils(_ placement: Placement, year: Int) -> Int {
        placements.first { $0.placement == placement && $0.year == year }?.pupils ?? 0
    }

    /// Whole pupils with plans in a year: its placements added up (what the tables print).
    public func wholePlans(in year: Int) -> Int {
        placements.filter { $0.year == year }.reduce(0) { $0 + $1.pupils }
    }

    /// Total plans (every group, and housing) in a year, before rounding.
    public func plans(in year: Int) -> Double {
        groups.filter { $0.year == year }.reduce(0) { $0 + $1.plans } + (housing[year] ?? 0)
    }

    public func isForecast(_ year: Int) -> Bool { year > baseYear }
}

extension SpecialistPlan {
    /// - Parameters:
    ///   - specialSchools: the plan's special schools (a scenario's, with its changes).
    ///   - basePupils: each special school's pupils in the base year (the census).
    ///   - housingSEND: SEND children from planned housing by forecast year.
    public static func make(_ inputs: SpecialistInputs, denominators: SpecialistDenominators, baseYear: Int, horizon: Int,
                            specialSchools: [School], basePupils: [String: Double], housingSEND: [Int: Double] = [:]) -> SpecialistPlan {
        let settings = inputs.settings
        let years = Array(baseYear...(baseYear + horizon))
        var (groups, notes) = project(inputs, denominators: denominators, years: years)
        var placements: [PlacementYear] = [], providers: [ProviderYear] = [], lines: [ProvisionLine] = []
        let weights = specialSchools.map { basePupils[$0.code] ?? 0 }
        for year in years {
            let total = groups.filter { $0.year == year }.reduce(0) { $0 + $1.plans } + (housingSEND[year] ?? 0)
            let whole = Apportion.units(total)
            let split = Apportion.largestRemainder(Placement.allCases.map { settings.shares[$0] * total }, total: whole)
            for (placement, n) in zip(Placement.allCases, split) { placements.append(PlacementYear(placement: placement, year: year, pupils: n)) }
            let special = split[Placement.allCases.firstIndex(of: .specialSchool)!]
            let resourced = split[Placement.allCases.firstIndex(of: .resourcedProvision)!]

            // Special schools: the census in the base year; after it, the special-school pupils
            // shared among the open schools.
            let open = specialSchools.indices.filter { specialSchools[$0].isOpen(in: year) }
            let places = specialSchools.map { school in
                school.capacity.net + inputs.additions.filter { $0.placement == .specialSchool && $0.school == school.code && year >= $0.from }
                    .reduce(0) { $0 + $1.places }
            }
            let shares = open.map { weights[$0] > 0 ? weights[$0] : Double(places[$0]) }
            let pupilsAt = year == baseYear ? open.map { Int((basePupils[specialSchools[$0].code] ?? 0).rounded()) }
                : Apportion.largestRemainder(shares, total: special)
            for (k, i) in open.enumerated() {
                providers.append(ProviderYear(code: specialSchools[i].code, label: specialSchools[i].label, placement: .specialSchool, year: year,
                                              sufficiency: Sufficiency(capacity: places[i], pupils: pupilsAt[k], placesNeeded: nil)))
            }
            let specialPlaces = open.reduce(0) { $0 + places[$1] }
            let specialPupils = year == baseYear ? pupilsAt.reduce(0, +) : special
            lines.append(ProvisionLine(placement: .specialSchool, year: year, sufficiency: Sufficiency(
                capacity: specialPlaces, pupils: specialPupils, placesNeeded: max(0, specialPupils - specialPlaces))))

            // Resourced bases, and bases a scenario adds.
            var basePlaces = 0
            for base in inputs.bases where base.isOpen(in: year) {
                providers.append(ProviderYear(code: base.code, label: base.label, placement: .resourcedProvision, year: year,
                                              sufficiency: Sufficiency(capacity: base.places, pupils: 0, placesNeeded: nil)))
                basePlaces += base.places
            }
            for addition in inputs.additions where addition.placement == .resourcedProvision && year >= addition.from {
                providers.append(ProviderYear(code: "\(addition.school)-base", label: "new resourced base at \(addition.school)",
                                              placement: .resourcedProvision, year: year,
                                              sufficiency: Sufficiency(capacity: addition.places, pupils: 0, placesNeeded: nil)))
                basePlaces += addition.places
            }
            lines.append(ProvisionLine(placement: .resourcedProvision, year: year, sufficiency: Sufficiency(
                capacity: basePlaces, pupils: resourced, placesNeeded: max(0, resourced - basePlaces))))
        }
        if !specialSchools.contains(where: { school in years.contains { school.isOpen(in: $0) } }) {
            notes.append("no special school is open in the plan's years: every special-school pupil needs a place")
        }
        let housing = Dictionary(uniqueKeysWithValues: years.filter { $0 > baseYear }.map { ($0, housingSEND[$0] ?? 0) })
        return SpecialistPlan(baseYear: baseYear, years: years, settings: settings, groups: groups, housing: housing,
                              placements: placements, providers: providers, lines: lines, notes: notes)
    }

    /// Each age group's rate and plans in every year: counted where ehcp.csv has the year, else
    /// its trend × what it is set against.
    static func project(_ inputs: SpecialistInputs, denominators: SpecialistDenominators, years: [Int]) -> ([GroupYear], [String]) {
        let area = inputs.history.areas.first ?? nil
        var groups: [GroupYear] = [], notes: [String] = []
        for group in inputs.history.groups {
            if group.denominator == .notPlanned { continue }
            var rates: [Int: Double] = [:]
            for year in inputs.history.years {
                guard let plans = inputs.history.plans(area: area, group: group, year: year),
                      let d = denominators.value(group, year: year), d > 0 else { continue }
                rates[year] = plans / d
            }
            let trend = PrevalenceTrend(rates: rates, settings: inputs.settings)
            guard trend.lastYear != nil else {
                notes.append("\(group.label): no year with both plans and \(group.denominatorWords) to rate them by; left out")
                continue
            }
            for year in years {
                guard let d = denominators.value(group, year: year), let rate = trend.rate(in: year) else { continue }
                let observed = inputs.history.plans(area: area, group: group, year: year)
                groups.append(GroupYear(group: group, year: year, denominator: d, rate: rate, plans: observed ?? rate * d,
                                        observed: observed != nil))
            }
        }
        if inputs.history.groups.contains(where: { $0.denominator == .notPlanned }) {
            notes.append("20-25: past school age, counted in ehcp.csv but not planned for here")
        }
        return (groups, notes)
    }
}

extension SpecialistGroup {
    /// "pupils in Y1–Y6", "births" — for notes.
    var denominatorWords: String {
        switch denominator {
        case .pupils: return "pupils"
        case .births: return "births"
        case .notPlanned: return "a school-age denominator"
        }
    }
}
