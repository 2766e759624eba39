/// The developer contribution test of the DfE's "Securing developer contributions for
/// education" (2019, updated 2023): the places a development needs that its planning areas
/// cannot provide, counted by year group as the plan's own "places needed" is, and their cost.
///
/// For each phase, planning area (the primary area; the secondary area for secondary and
/// post-16), year group and forecast year:
///
///     site pupils         = Σ dwellings × yield (its category) × profile share (years since completion),
///                           spread over the phase's year groups and moving up a year group a year
///     baseline pupils     = the plan's pupils with the site − the site pupils: the site is taken out
///                           however its pupils entered the plan (housing trajectory or background rate)
///     places available    = places × (1 − operating margin) − baseline pupils
///     places not provided = max(0, site pupils − max(0, places available))
///
/// Spare places in one year group never absorb a shortfall in another. A phase's places not
/// provided in a year are the sum over its year groups; the places charged are the most in any
/// forecast year (`ChargeRule.peak`, the default) or those in the year the site completes
/// (`ChargeRule.completion`), rounded to a whole place (half away from zero); the contribution
/// is places × cost per place (`ContributionCost`: the project's national average × location
/// factor × cost index, + land for a new school). Early-years and SEND children have no places
/// in the plan to test them against: every one counts as a place not provided, at the cost of
/// an early-years or a specialist place.
public struct DeveloperAssessment: Equatable, Sendable {
    /// One year group of one phase in one forecast year.
    public struct YearGroupLine: Equatable, Sendable {
        public let phase: YieldPhase
        public let area: String
        public let year: Int
        public let yearGroup: Int
        /// Places in the year group (the plan's).
        public let capacity: Int
        /// The share of places kept free (the plan's `operating_margin_percent`).
        public let operatingMargin: Double
        /// The plan's whole pupils, the site included.
        public let planPupils: Int
        public let sitePupils: Double

        public var baselinePupils: Double { Double(planPupils) - sitePupils }
        public var placesAvailable: Double { Double(capacity) * (1 - operatingMargin) - baselinePupils }
        public var notProvided: Double { max(0, sitePupils - max(0, placesAvailable)) }
    }

    /// A phase in a forecast year: its year groups added up (early years, SEND: pupils only).
    public struct Line: Equatable, Sendable {
        public let phase: YieldPhase
        public let area: String?
        public let year: Int
        public let sitePupils: Double
        /// Of `sitePupils`, those the plan adds through the housing trajectory (completions above
        /// the area's background rate); the rest are in the background rate already in the ratios.
        public let trajectoryPupils: Double
        /// The phase's year groups in this year (empty for early years).
        public let yearGroups: [YearGroupLine]

        /// Whether the plan has places of this phase to test the pupils against.
        public var hasPlaces: Bool { !yearGroups.isEmpty }
        public var capacity: Int { yearGroups.reduce(0) { $0 + $1.capacity } }
        public var planPupils: Int { yearGroups.reduce(0) { $0 + $1.planPupils } }
        public var baselinePupils: Double { yearGroups.reduce(0) { $0 + $1.baselinePupils } }
        /// Places the site could use: each year group's available places, never below 0.
        public var placesAvailable: Double { yearGroups.reduce(0) { $0 + max(0, $1.placesAvailable) } }
        /// Without places in the plan (early years, SEND), every child needs a place provided.
        public var notProvided: Double { hasPlaces ? yearGroups.reduce(0) { $0 + $1.notProvided } : sitePupils }
        public var backgroundPupils: Double { sitePupils - trajectoryPupils }
    }

    public struct Charge: Equatable, Sendable {
        public let phase: YieldPhase
        public let area: String
        /// The year charged for: the peak of places not provided (the first on a tie), or the
        /// year the site completes.
        public let year: Int
        public let notProvided: Double
        public let places: Int
        /// How a place is priced: project, location factor, index, land.
        public let cost: ContributionCost
        public var costPerPlace: Double { cost.perPlace }
        public var contribution: Double { Double(places) * costPerPlace }
    }

    public let name: String
    public let area: String
    public let secondaryArea: String?
    public let completions: [HousingCompletion]
    public let years: [Int]
    public let lines: [Line]
    public let charges: [Charge]
    public let yields: PupilYields
    public let settings: HousingSettings
    public let operatingMargin: Double
    public let baseYear: Int
    /// The plan's year groups, to name them.
    public let ladder: Ladder

    public var dwellings: Double { completions.reduce(0) { $0 + $1.dwellings } }
    public var total: Double { charges.reduce(0) { $0 + $1.contribution } }
    /// The last year the site has completions in the forecast: the year the completion rule charges.
    public var completionYear: Int { min(completions.map(\.year).max() ?? baseYear + 1, years.last ?? baseYear + 1) }

    public func line(_ phase: YieldPhase, _ year: Int) -> Line? { lines.first { $0.phase == phase && $0.year == year } }
    public func charge(_ phase: YieldPhase) -> Charge? { charges.first { $0.phase == phase } }

    /// - Parameters:
    ///   - completions: the development's dwellings by year and category (all in one primary area).
    ///   - trajectory: the part of `completions` the plan's housing layer adds above the background.
    ///   - plan: the place plan with the development in it.
    public static func assess(name: String, area: String, secondaryArea: String?, completions: [HousingCompletion],
                              trajectory: [HousingCompletion], plan: PupilPlacePlan, yields: PupilYields,
                              settings: HousingSettings) -> DeveloperAssessment {
        let forecast = plan.forecast, layout = plan.layout
        let years = Array(forecast.years)
        let secondary = secondaryArea ?? HousingModel.secondaryArea(of: area, transfer: forecast.transfer, geography: forecast.geography)
        let gross = HousingModel.pupils(of: completions, yields: yields, layout: layout, years: years)
        let added = HousingModel.pupils(of: trajectory, yields: yields, layout: layout, years: years)
        let margin = plan.targets.operatingMargin
        let planGroups = Dictionary(plan.areaYearGroups.map { (AreaYearGroup(area: $0.owner, year: $0.year, yearGroup: $0.yearGroup), $0) },
                                    uniquingKeysWith: { first, _ in first })
        var lines: [Line] = []
        for phase in YieldPhase.allCases {
            guard let grid = gross[phase] else { continue }
            let groups = phase.yearGroups(layout)
            let target = phase == .secondary || phase == .post16 ? secondary : area
            for (h, year) in years.enumerated() {
                var yearGroups: [YearGroupLine] = []
                if let groups, let target {
                    for (j, g) in groups.enumerated() {
                        let line = planGroups[AreaYearGroup(area: target, year: year, yearGroup: g)]
                        yearGroups.append(YearGroupLine(phase: phase, area: target, year: year, yearGroup: g,
                                                        capacity: line?.sufficiency.capacity ?? 0, operatingMargin: margin,
                                                        planPupils: line?.sufficiency.pupils ?? 0, sitePupils: grid[h][j]))
                    }
                }
                lines.append(Line(phase: phase, area: target, year: year, sitePupils: grid[h].reduce(0, +),
                                  trajectoryPupils: added[phase]?[h].reduce(0, +) ?? 0, yearGroups: yearGroups))
            }
        }
        let assessment = DeveloperAssessment(name: name, area: area, secondaryArea: secondary, completions: completions, years: years,
                                             lines: lines, charges: [], yields: yields, settings: settings, operatingMargin: margin,
                                             baseYear: forecast.baseYear, ladder: plan.ladder)
        return assessment.charging()
    }

    /// The charges of each phase with places, by the settings' rule.
    func charging() -> DeveloperAssessment {
        var charges: [Charge] = []
        for phase in YieldPhase.allCases {
            let phaseLines = lines.filter { $0.phase == phase && ($0.hasPlaces || phase.isOutsideThePlan) }
            // A phase the site has no pupils of (early years under a yield of 0) is not listed.
            guard let cost = settings.cost(phase), let area = phaseLines.first?.area, phaseLines.contains(where: { $0.sitePupils > 0 })
            else { continue }
            let chosen: Line?
            switch settings.chargeRule {
            case .peak:
                // The first year of the most, sums that differ in the last bits counting as equal.
                func most(_ line: Line) -> Double { (line.notProvided * 1e6).rounded() }
                chosen = phaseLines.max { (most($0), $1.year) < (most($1), $0.year) }
            case .completion: chosen = phaseLines.first { $0.year == completionYear }
            }
            let short = chosen?.notProvided ?? 0
            charges.append(Charge(phase: phase, area: area, year: chosen?.year ?? completionYear, notProvided: short,
                                  places: Apportion.units(short), cost: cost))
        }
        return DeveloperAssessment(name: name, area: area, secondaryArea: secondaryArea, completions: completions, years: years,
                                   lines: lines, charges: charges, yields: yields, settings: settings, operatingMargin: operatingMargin,
                                   baseYear: baseYear, ladder: ladder)
    }

    /// A development's completions: `phasing` dwellings a year from `start` (all in `start` when
    /// empty), each year's split over `mix` (category → share; unknown mix when empty).
    public static func completions(site: String, area: String, dwellings: Double, start: Int, phasing: [Double],
                                   mix: [(DwellingCategory, Double)]) -> [HousingCompletion] {
        let byYear = phasing.isEmpty ? [dwellings] : phasing
        let parts = mix.isEmpty ? [(DwellingCategory.unknown, 1.0)] : mix
        let shareTotal = parts.reduce(0) { $0 + $1.1 }
        var result: [HousingCompletion] = []
        for (i, count) in byYear.enumerated() where count > 0 {
            for (category, share) in parts where share > 0 {
                result.append(HousingCompletion(site: site, area: area, year: start + i, dwellings: count * share / shareTotal,
                                                category: category))
            }
        }
        return result
    }
}

/// A planning area's year group in a year: the key of the plan's year-group lines.
struct AreaYearGroup: Hashable {
    let area: String
    let year: Int
    let yearGroup: Int
}
