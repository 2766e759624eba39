/// A forecast's uncertainty, from simulated draws of it (`ForecastSimulation`): prediction
/// intervals for every area, school, phase and the authority, and — for a place plan with
/// places — the chance that each area is short of places in each phase and year.
///
/// Every interval here comes from the same draws, so an area's interval and its schools' are
/// consistent (the area's draws are its schools' draws added up), and the authority's reflects
/// how much its areas' errors move together rather than assuming they cancel.
public struct ForecastUncertainty: Equatable, Sendable {
    /// The central share of draws each interval bounds (0.8 for 80%).
    public let coverage: Double
    public let draws: Int
    public let seed: UInt64
    /// The census years of the past forecasts whose errors the draws resample.
    public let origins: [Int]
    /// The year groups of each phase column.
    public let phases: [ClosedRange<Int>]
    /// By forecast year and year group (`authority`), or phase (`authorityPhases`).
    public let authority: IntervalGrid
    public let authorityPhases: IntervalGrid
    /// In the forecast's area order, by year and year group or phase.
    public let areas: [IntervalGrid]
    public let areaPhases: [IntervalGrid]
    /// A place plan's schools in `PlaceForecast.schools` order; `nil` for a special school (held
    /// at its census) and for every entry of a plan of areas.
    public let schools: [IntervalGrid?]
    /// The chance of a shortfall by area, phase and year: a place plan's areas with places.
    public let shortfall: [AreaPhaseYear: ShortfallChance]
    /// When a chance was asked (`placeplan optimise --shortfall-chance`): by area, phase and year,
    /// the pupils exceeded in only that share of draws — the places that keep an area's chance of
    /// a shortfall at most the chance asked (to within a draw).
    public var placesForChance: [AreaPhaseYear: Double] = [:]
    /// The share of draws in which an area's year group has more pupils than its places, by
    /// area, year group and forecast year (a place plan's areas with places by year group).
    public var yearGroupShortfall: [AreaYearGroupYear: Double] = [:]
    /// The past delivery the draws built planned housing by (`DeliveryDraws`); `nil`: housing's
    /// pupils were the central forecast's in every draw, moved only by the past forecasts' errors.
    public var housingDelivery: HousingDeliveryRecord?

    /// Enough draws that a 95% interval's bounds rest on 25 draws each.
    public static let defaultDraws = 1_000
    /// A fixed seed: the same plan gives the same intervals, run after run.
    public static let defaultSeed: UInt64 = 2026

    /// The phase column summing exactly `yearGroups`, if the simulation summed them.
    public func phaseColumn(_ yearGroups: ClosedRange<Int>) -> Int? { phases.firstIndex(of: yearGroups) }

    /// The coverage as a reader sees it: 80 (%).
    public var percent: Int { Int((coverage * 100).rounded()) }

    /// What the intervals are, in a sentence for a reader: "80% prediction intervals from 1,000 draws …".
    public var description: String {
        // Digits grouped in threes with a comma, as every other figure a reader sees ("1,000").
        let digits = Array(String(draws))
        let grouped = String(digits.enumerated().flatMap { i, d in (i > 0 && (digits.count - i) % 3 == 0) ? [",", d] : [d] })
        return "\(percent)% prediction intervals from \(grouped) draws of the forecast, each moved by the errors of one of "
            + "the method's own past forecasts (made from the censuses of \(origins.first!)–\(origins.last!) with what was known "
            + "then, followed up to \(PastErrors.maximumLead) years ahead), so areas, schools, year groups and years move "
            + "together as they did, and a cohort carries its errors as it moves up"
            + (housingDelivery.map { "; \(Self.deliveryText($0))" } ?? "")
    }

    /// How the draws build planned housing, in a sentence's words (the summary's and the report's).
    public static func deliveryText(_ record: HousingDeliveryRecord) -> String {
        "each draw builds the planned homes as the trajectory was built in a past year, picked at random for each forecast "
            + "year (\(record.description)), and what a year leaves unbuilt is built later"
    }

    /// The quantiles bounding the central `coverage` share.
    static func quantiles(_ coverage: Double) -> [Double] { [(1 - coverage) / 2, (1 + coverage) / 2] }
}

/// The share of draws in which an area's pupils of a phase exceed its places (`short`), and in
/// which they leave less spare than the operating margin (`belowMargin`, shortfalls included).
public struct ShortfallChance: Equatable, Sendable {
    public let short: Double
    public let belowMargin: Double
}

extension ForecastUncertainty {
    /// A plan of areas: each area a unit, the authority their sum. `errors` are by area in the
    /// forecast's order (`PastErrors.areas`).
    public static func simulate(_ forecast: Forecast, errors: PastErrors, coverage: Double, draws: Int = defaultDraws,
                                seed: UInt64 = defaultSeed) -> ForecastUncertainty {
        let G = forecast.ladder.count, H = forecast.horizon, units = forecast.areas.count
        precondition(errors.units == units && errors.yearGroups == G, "one row of errors an area")
        var central = [Float](repeating: 0, count: units * H * G)
        for (u, area) in forecast.areas.enumerated() {
            for h in 0..<H {
                for g in 0..<G where area.yearGroups?.contains(g) ?? true { central[(u * H + h) * G + g] = Float(area.pupils[h][g]) }
            }
        }
        let phases = forecast.ladder.phases.compactMap { forecast.ladder.indices(of: $0) }
        let model = SimulationModel(units: units, yearGroups: G, horizon: H, pastYears: errors.origins.count, leads: errors.leads,
                                    central: central, deviations: errors.values, spread: errors.spread, births: errors.births, groupStarts: [0, units],
                                    phases: phases)
        let picks = DrawPicks(draws: draws, horizon: H, pastYears: errors.origins.count, seed: seed, wholePaths: true)
        let summary = ForecastSimulation.run(model, picks: picks, quantiles: quantiles(coverage), threads: Parallel.threads)
        return ForecastUncertainty(summary, model: model, coverage: coverage, seed: seed, origins: errors.origins,
                                   areas: (summary.unit, summary.unitPhase, units), schools: [], shortfall: [:])
    }

    /// From a simulation's quantiles: the authority its total, each area `areas` (a plan of
    /// areas' units; a place plan's groups).
    init(_ summary: SimulationSummary, model: SimulationModel, coverage: Double, seed: UInt64, origins: [Int],
         areas: (yearGroups: [Float], phases: [Float], count: Int), schools: [IntervalGrid?], shortfall: [AreaPhaseYear: ShortfallChance]) {
        let H = model.horizon, G = model.yearGroups, phases = model.phases
        self.init(coverage: coverage, draws: summary.draws, seed: seed, origins: origins, phases: phases,
                  authority: .from(summary.total, index: 0, count: 1, years: H, columns: G),
                  authorityPhases: .from(summary.totalPhase, index: 0, count: 1, years: H, columns: phases.count),
                  areas: (0..<areas.count).map { .from(areas.yearGroups, index: $0, count: areas.count, years: H, columns: G) },
                  areaPhases: (0..<areas.count).map { .from(areas.phases, index: $0, count: areas.count, years: H, columns: phases.count) },
                  schools: schools, shortfall: shortfall)
    }
}
