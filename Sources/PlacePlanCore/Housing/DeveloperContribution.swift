/// The developer infrastructure assessment (PRIMER §6): the pupils a development brings, the
/// places its planning areas will have spare without it, the places it needs that local schools
/// cannot provide, and their cost.
///
/// For each phase and forecast year:
///
///     development pupils  = Σ dwellings × yield per dwelling (its category) × profile share (years since completion)
///     spare places        = places − pupils of the baseline forecast (other planned housing included), in the
///                           phase and planning area (primary area; secondary area for secondary and post-16)
///     places not provided = max(0, development pupils − max(0, spare places))
///
/// The places charged for a phase are the most places not provided in any forecast year,
/// rounded to a whole place (half away from zero); the contribution is places × cost per place
/// × the regional factor. Early-years children are shown but not charged: the plan has no
/// early-years places to set them against.
public struct DeveloperAssessment: Equatable, Sendable {
    public struct Line: Equatable, Sendable {
        public let phase: YieldPhase
        public let area: String?
        public let year: Int
        public let pupils: Double
        /// Baseline places and pupils of the phase in the area (nil: early years).
        public let capacity: Int?
        public let baselinePupils: Int?
        public var spare: Int? { capacity.flatMap { c in baselinePupils.map { c - $0 } } }
        public var notProvided: Double? { spare.map { max(0, pupils - Double(max(0, $0))) } }
    }

    public struct Charge: Equatable, Sendable {
        public let phase: YieldPhase
        public let area: String
        /// The year most places are not provided (the first such year on a tie), and how many.
        public let peakYear: Int
        public let notProvided: Double
        public let places: Int
        /// £ per place, the regional factor applied.
        public let costPerPlace: Double
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
    public let baseYear: Int

    public var dwellings: Double { completions.reduce(0) { $0 + $1.dwellings } }
    public var total: Double { charges.reduce(0) { $0 + $1.contribution } }

    public func line(_ phase: YieldPhase, _ year: Int) -> Line? { lines.first { $0.phase == phase && $0.year == year } }

    /// - Parameters:
    ///   - completions: the development's dwellings by year and category (all in one primary area).
    ///   - baseline: the place plan without the development (with the other planned housing).
    public static func assess(name: String, area: String, secondaryArea: String?, completions: [HousingCompletion],
                              baseline: PupilPlacePlan, yields: PupilYields, settings: HousingSettings) -> DeveloperAssessment {
        let forecast = baseline.forecast, layout = baseline.layout
        let years = Array(forecast.years)
        let secondary = secondaryArea ?? HousingModel.secondaryArea(of: area, transfer: forecast.transfer, geography: forecast.geography)
        let pupils = HousingModel.pupils(of: completions, yields: yields, layout: layout, years: years)
        var lines: [Line] = []
        var charges: [Charge] = []
        for phase in YieldPhase.allCases {
            guard let grid = pupils[phase] else { continue }
            let place = phase.placePhase
            let where_ = phase == .primary ? area : (phase == .earlyYears ? area : secondary)
            var phaseLines: [Line] = []
            for (h, year) in years.enumerated() {
                let total = grid[h].reduce(0, +)
                if let place, let where_ {
                    let s = baseline.areas.first { $0.area.code == where_ && $0.phase == place && $0.year == year }?.sufficiency
                    phaseLines.append(Line(phase: phase, area: where_, year: year, pupils: total,
                                           capacity: s?.capacity ?? 0, baselinePupils: s?.pupils ?? 0))
                } else {
                    phaseLines.append(Line(phase: phase, area: where_, year: year, pupils: total, capacity: nil, baselinePupils: nil))
                }
            }
            lines += phaseLines
            if let place, let where_, let cost = settings.cost(place) {
                let peak = phaseLines.max { ($0.notProvided ?? 0, $1.year) < ($1.notProvided ?? 0, $0.year) }
                let short = peak?.notProvided ?? 0
                charges.append(Charge(phase: phase, area: where_, peakYear: peak?.year ?? years[0], notProvided: short,
                                      places: Apportion.units(short), costPerPlace: cost))
            }
        }
        return DeveloperAssessment(name: name, area: area, secondaryArea: secondary, completions: completions, years: years,
                                   lines: lines, charges: charges, yields: yields, settings: settings, baseYear: forecast.baseYear)
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
