/// Early-years sufficiency: eligible children by single age from births aged forward, the
/// funded entitlements they take up, the places those hours fill, against the providers' places,
/// by primary planning area and year.
///
/// The child aged `a` at the start of academic year `Y` belongs to the cohort entering Reception
/// in `Y + 4 − a`, so its births are the ones the Reception forecast uses (`BirthsBasis`, the
/// same projection beyond the known years). In places:
///
///     places = (age 2 × two-year-old take-up
///               + (age 3 + age 4 × (1 − in school)) × (universal + extended take-up))
///              × hours per entitlement ÷ hours per place
///              + the early-years children of planned housing × hours per entitlement ÷ hours per place
public struct EarlyYearsPlan: Equatable, Sendable {
    public struct AreaYear: Equatable, Sendable {
        public let area: PlanningArea
        public let year: Int
        /// Children aged 2, 3 and 4 at the start of the year.
        public let children: [Int: Double]
        /// Children in funded places by entitlement.
        public let twoYearOlds: Double
        public let universal: Double
        public let extended: Double
        /// Early-years children of planned housing (forecast years).
        public let housing: Double
        /// Places the funded hours fill, and the providers' places: whole numbers.
        public let sufficiency: Sufficiency
    }

    public let ages: [Int]
    public let baseYear: Int
    public let years: [Int]
    public let settings: EarlyYearsSettings
    public let areas: [AreaYear]
    public let notes: [String]

    /// The authority, each year: the areas' lines added up.
    public var authority: [(year: Int, sufficiency: Sufficiency)] {
        years.map { year in
            (year, areas.filter { $0.year == year }.reduce(Sufficiency(capacity: 0, pupils: 0, placesNeeded: 0)) { $0 + $1.sufficiency })
        }
    }

    public func line(_ area: String, year: Int) -> AreaYear? { areas.first { $0.area.code == area && $0.year == year } }
    public func isForecast(_ year: Int) -> Bool { year > baseYear }
}

extension EarlyYearsPlan {
    public static let singleAges = [2, 3, 4]

    /// - Parameters:
    ///   - births: each primary area's births, as the forecast has them (known and projected).
    ///   - housingChildren: primary area → early-years children of planned housing by forecast year.
    public static func make(_ inputs: EarlyYearsInputs, areas: [PlanningArea], births: [String: BirthsProjection],
                            basis: BirthsBasis, entryAge: Int, baseYear: Int, horizon: Int,
                            housingChildren: [String: [Int: Double]] = [:]) -> EarlyYearsPlan {
        let s = inputs.settings
        let years = Array(baseYear...(baseYear + horizon))
        let perChild = s.hoursPerEntitlement / s.hoursPerPlace
        var lines: [AreaYear] = [], notes: [String] = []
        for area in areas {
            guard let projection = births[area.code] else {
                notes.append("\(area.label): no births, so no eligible children; its providers' places are counted")
                continue
            }
            for year in years {
                var children: [Int: Double] = [:]
                for age in singleAges {
                    let cohort = basis.cohortBirths(entryYear: year + entryAge - age, entryAge: entryAge, births: projection.value(at:))
                    children[age] = (cohort ?? 0) * s.survival
                }
                let threeFour = (children[3] ?? 0) + (children[4] ?? 0) * (1 - s.fourYearOldsInSchool)
                let two = (children[2] ?? 0) * s.twoYearOldTakeUp
                let universal = threeFour * s.universalTakeUp
                let extended = threeFour * s.extendedTakeUp
                let housing = year > baseYear ? housingChildren[area.code]?[year] ?? 0 : 0
                let demand = (two + universal + extended + housing) * perChild
                let places = inputs.providers.filter { $0.area == area.code && $0.isOpen(in: year) }.reduce(0) { $0 + $1.places }
                let whole = Apportion.units(demand)
                let sufficiency = Sufficiency(capacity: places, pupils: whole, placesNeeded: max(0, whole - places))
                lines.append(AreaYear(area: area, year: year, children: children, twoYearOlds: two, universal: universal,
                                      extended: extended, housing: housing, sufficiency: sufficiency))
            }
        }
        return EarlyYearsPlan(ages: singleAges, baseYear: baseYear, years: years, settings: s, areas: lines, notes: notes)
    }
}
