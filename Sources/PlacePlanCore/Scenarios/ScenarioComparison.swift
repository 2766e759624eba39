/// The baseline and scenarios side by side: for each planning area and phase, the first forecast
/// year places are needed and the peak need; for each scenario, what its places cost per place of
/// need they remove.
///
/// **Deficit places removed** = the largest fall, in any forecast year, of the places needed over
/// all areas (Σ over area-phases of the DfE's places needed, counted year group by year group):
/// `max over years of (needed in the baseline − needed in the scenario)`. A place serves every
/// year it exists, so a place is counted once, not once a year: a 1FE primary expansion removes
/// at most 210, a bulge class at most its class size. A scenario that adds need somewhere (a
/// closure) has that subtracted in the same year.
public struct ScenarioComparison: Equatable, Sendable {
    public struct AreaPhase: Hashable, Sendable {
        public let area: PlanningArea
        public let phase: PlacePhase

        public init(area: PlanningArea, phase: PlacePhase) {
            self.area = area
            self.phase = phase
        }
    }

    public let baseline: ScenarioOutcome
    public let scenarios: [ScenarioOutcome]
    /// The past delivery every outcome's draws built planned housing by (`nil`: not varied).
    public var housingDelivery: HousingDeliveryRecord?

    public init(baseline: ScenarioOutcome, scenarios: [ScenarioOutcome], housingDelivery: HousingDeliveryRecord? = nil) {
        self.baseline = baseline
        self.scenarios = scenarios
        self.housingDelivery = housingDelivery
    }

    public var all: [ScenarioOutcome] { [baseline] + scenarios }
    public var forecastYears: [Int] { baseline.plan.years.filter { baseline.plan.isForecast($0) } }

    /// Every area-phase of the plan, in the plan's order.
    public var areaPhases: [AreaPhase] {
        var seen = Set<AreaPhase>(), result: [AreaPhase] = []
        for outcome in all {
            for line in outcome.areas where seen.insert(AreaPhase(area: line.area, phase: line.phase)).inserted {
                result.append(AreaPhase(area: line.area, phase: line.phase))
            }
        }
        return result
    }

    /// The first forecast year with places needed (`nil`: none in the horizon).
    public func firstDeficit(_ outcome: ScenarioOutcome, _ key: AreaPhase) -> Int? {
        forecastYears.first { (outcome.line(key.area.code, key.phase, $0)?.sufficiency.placesNeeded ?? 0) > 0 }
    }

    /// The most places needed in any forecast year.
    public func peakNeeded(_ outcome: ScenarioOutcome, _ key: AreaPhase) -> Int {
        forecastYears.map { outcome.line(key.area.code, key.phase, $0)?.sufficiency.placesNeeded ?? 0 }.max() ?? 0
    }

    /// Σ over area-phases of the peak places needed, and the peak specialist places needed of
    /// each placement planned.
    public func peakNeeded(_ outcome: ScenarioOutcome) -> Int {
        areaPhases.reduce(0) { $0 + peakNeeded(outcome, $1) }
            + Placement.planned.reduce(0) { $0 + peakSpecialistNeeded(outcome, $1) }
    }

    /// The most specialist places of a placement needed in any forecast year (0 without ehcp.csv).
    public func peakSpecialistNeeded(_ outcome: ScenarioOutcome, _ placement: Placement) -> Int {
        forecastYears.map { outcome.specialist?.line(placement, year: $0)?.sufficiency.placesNeeded ?? 0 }.max() ?? 0
    }

    /// Whether some scenario changes the specialist places or pupils in a forecast year.
    public var specialistChanged: Bool {
        scenarios.contains { o in forecastYears.contains { y in Placement.planned.contains { o.specialist?.line($0, year: y) != baseline.specialist?.line($0, year: y) } } }
    }

    /// Σ over area-phases of the places needed in one year, and the specialist places needed.
    public func needed(_ outcome: ScenarioOutcome, in year: Int) -> Int {
        areaPhases.reduce(0) { $0 + (outcome.line($1.area.code, $1.phase, year)?.sufficiency.placesNeeded ?? 0) }
            + specialistNeeded(outcome, in: year)
    }

    /// Specialist places needed in one year: special schools' and resourced bases' (0 without ehcp.csv).
    public func specialistNeeded(_ outcome: ScenarioOutcome, in year: Int) -> Int {
        Placement.planned.reduce(0) { $0 + (outcome.specialist?.line($1, year: year)?.sufficiency.placesNeeded ?? 0) }
    }

    /// The most deficit places the scenario removes in any forecast year (0 if it removes none).
    public func placesRemoved(_ outcome: ScenarioOutcome) -> Int {
        max(0, forecastYears.map { needed(baseline, in: $0) - needed(outcome, in: $0) }.max() ?? 0)
    }

    /// Cost ÷ deficit places removed; `nil` when it removes none.
    public func costPerPlaceRemoved(_ outcome: ScenarioOutcome) -> Double? {
        let removed = placesRemoved(outcome)
        return removed > 0 ? outcome.cost / Double(removed) : nil
    }

    /// Whether the run was simulated: every outcome then has its chance of a shortfall.
    public var simulated: Bool { !baseline.shortfall.isEmpty }

    /// The highest chance of a shortfall in any forecast year, and the first year it is reached
    /// (`nil`: not simulated, or the area-phase has no places).
    public func highestChance(_ outcome: ScenarioOutcome, _ key: AreaPhase) -> (year: Int, chance: ShortfallChance)? {
        var highest: (year: Int, chance: ShortfallChance)? = nil
        for year in forecastYears {
            guard let chance = outcome.shortfall[AreaPhaseYear(area: key.area.code, phase: key.phase, year: year)] else { continue }
            if highest == nil || chance.short > highest!.chance.short { highest = (year, chance) }
        }
        return highest
    }

    /// Area-phases where some scenario differs from the baseline in a forecast year.
    public var changedAreaPhases: [AreaPhase] {
        areaPhases.filter { key in
            scenarios.contains { outcome in
                forecastYears.contains { outcome.line(key.area.code, key.phase, $0) != baseline.line(key.area.code, key.phase, $0) }
            }
        }
    }
}

extension ScenarioComparison {
    /// The run's place plan (the baseline) and each scenario on it, side by side.
    public static func run(_ scenarios: [Scenario], on base: PlanRun) throws -> ScenarioComparison {
        ScenarioComparison(baseline: try ScenarioEngine.run(nil, on: base),
                           scenarios: try scenarios.map { try ScenarioEngine.run($0, on: base) },
                           housingDelivery: base.uncertainty?.housingDelivery)
    }
}
