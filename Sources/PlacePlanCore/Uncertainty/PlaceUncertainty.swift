/// A place plan's simulation: each mainstream school's part in one planning area is a unit
/// (an all-through school has a part in a primary and in a secondary area), each area a group
/// of them, and the authority all of them — so schools, areas and the authority are drawn
/// together and add up draw by draw.
extension ForecastUncertainty {
    /// The mainstream schools a place plan's simulation draws, as positions in `forecast.schools`:
    /// the schools `PastErrors.schools` is asked about, in this order. Special schools are held
    /// at their census and are not forecast.
    public static func simulatedSchools(_ forecast: PlaceForecast) -> [Int] {
        forecast.schools.indices.filter { forecast.schools[$0].school.phase != .special }
    }

    /// The place plan's areas' places by phase and year, and the operating margin, for the
    /// chance of a shortfall.
    public struct Places: Sendable {
        public let capacity: [AreaPhaseYear: Int]
        public let operatingMargin: Double
        /// Each area's places by year group (empty: not asked), for the chance by year group.
        public let yearGroupCapacity: [AreaYearGroupYear: Int]

        public init(capacity: [AreaPhaseYear: Int], operatingMargin: Double, yearGroupCapacity: [AreaYearGroupYear: Int] = [:]) {
            self.capacity = capacity
            self.operatingMargin = operatingMargin
            self.yearGroupCapacity = yearGroupCapacity
        }
    }

    /// - Parameters:
    ///   - errors: by school, in `simulatedSchools(forecast)` order (`PastErrors.schools`).
    ///   - places: when given, the chance that each area is short of places in each phase and year.
    ///   - chance: when given, the pupils each area's phase exceeds in only this share of draws
    ///     (`placesForChance`: the places that keep the chance of a shortfall at most this).
    ///   - housing: when given, the pupils planned housing added are scaled in each draw by its
    ///     share of the planned homes built (`DeliveryDraws`).
    public static func simulate(_ forecast: PlaceForecast, errors: PastErrors, coverage: Double, places: Places?,
                                chance: Double? = nil, housing: HousingVariation? = nil, draws: Int = defaultDraws,
                                seed: UInt64 = defaultSeed) -> ForecastUncertainty {
        let G = forecast.ladder.count, H = forecast.horizon, layout = forecast.layout
        let positions = simulatedSchools(forecast)
        precondition(errors.units == positions.count && errors.yearGroups == G, "one row of errors a school")
        // The areas by kind and code (a primary and a secondary area may share a code).
        var areaIndex: [AreaKey: Int] = [:]
        for (j, area) in forecast.areas.enumerated() {
            areaIndex[AreaKey(kind: layout.areaKind(of: area.yearGroups?.lowerBound ?? 0), code: area.area.code)] = j
        }
        // Each school's parts, one per area it is planned in, ordered by area.
        var parts: [Part] = []
        for (s, position) in positions.enumerated() {
            let school = forecast.schools[position].school
            var byArea: [Int: [Int]] = [:]
            for g in 0..<G {
                guard let code = school.area(for: g, layout: layout),
                      let j = areaIndex[AreaKey(kind: layout.areaKind(of: g), code: code)] else { continue }
                byArea[j, default: []].append(g)
            }
            for (j, groups) in byArea { parts.append(Part(school: s, area: j, yearGroups: groups)) }
        }
        parts.sort { ($0.area, $0.school) < ($1.area, $1.school) }
        let units = parts.count, K = errors.origins.count, L = errors.leads, areas = forecast.areas.count
        var central = [Float](repeating: 0, count: units * H * G)
        var deviations = [Float](repeating: 0, count: K * L * units * G)
        var spread = [Float](repeating: 0, count: L * units * G)
        let added = housing?.added(to: forecast)
        var housingPupils = added.map { _ in [Float](repeating: 0, count: units * H * G) }
        var groupStarts = [Int](repeating: units, count: areas + 1)
        for (u, part) in parts.enumerated().reversed() { groupStarts[part.area] = u }
        for j in stride(from: areas - 1, through: 0, by: -1) { groupStarts[j] = min(groupStarts[j], groupStarts[j + 1]) }
        for (u, part) in parts.enumerated() {
            let pupils = forecast.schools[positions[part.school]].pupils
            let fromHousing = added?[forecast.schools[positions[part.school]].school.code]
            for g in part.yearGroups {
                for h in 0..<H { central[(u * H + h) * G + g] = Float(pupils[h][g]) }
                if let fromHousing { for h in 0..<H { housingPupils![(u * H + h) * G + g] = Float(fromHousing[h][g]) } }
                for k in 0..<K {
                    for l in 0..<L { deviations[((k * L + l) * units + u) * G + g] = errors.values[((k * L + l) * errors.units + part.school) * G + g] }
                }
                for l in 0..<L { spread[(l * units + u) * G + g] = errors.spread[(l * errors.units + part.school) * G + g] }
            }
        }
        let phaseOrder = layout.phases
        let phases = phaseOrder.compactMap { layout.yearGroups(of: $0) }
        // A school's births errors go with its part that has the ladder's entry (its primary part).
        let births = errors.births?.selecting(parts.map { $0.yearGroups.contains(0) ? [$0.school] : [] })
        let model = SimulationModel(units: units, yearGroups: G, horizon: H, pastYears: K, leads: L, central: central,
                                    deviations: deviations, spread: spread, births: births, groupStarts: groupStarts, phases: phases,
                                    housing: housingPupils)
        let limits = places.map { Self.limits($0, forecast: forecast, phases: phaseOrder) } ?? []
        let groupPlaces = places.flatMap { $0.yearGroupCapacity.isEmpty ? nil : Self.yearGroupLimits($0, forecast: forecast, areaIndex: areaIndex) }
        let picks = DrawPicks(draws: draws, horizon: H, pastYears: K, seed: seed, wholePaths: true)
        let delivery = housing.map { DeliveryDraws(record: $0.record, trajectory: $0.trajectory, draws: draws, seed: seed) }
        let summary = ForecastSimulation.run(model, picks: picks, quantiles: quantiles(coverage) + (chance.map { [1 - $0] } ?? []),
                                             places: groupPlaces, phaseLimits: limits, unitPhases: false, delivery: delivery,
                                             threads: Parallel.threads)
        // A school's interval in a year group is its part's there.
        var schools = [IntervalGrid?](repeating: nil, count: forecast.schools.count)
        var partsOf = [[Int]](repeating: [], count: positions.count)
        for (u, part) in parts.enumerated() { partsOf[part.school].append(u) }
        for (s, position) in positions.enumerated() {
            var lower = [Double](repeating: 0, count: H * G), upper = lower
            for u in partsOf[s] {
                for g in parts[u].yearGroups {
                    for h in 0..<H {
                        lower[h * G + g] = Double(summary.unit[((0 * H + h) * units + u) * G + g])
                        upper[h * G + g] = Double(summary.unit[((1 * H + h) * units + u) * G + g])
                    }
                }
            }
            schools[position] = IntervalGrid(years: H, columns: G, lower: lower, upper: upper)
        }
        var shortfall: [AreaPhaseYear: ShortfallChance] = [:]
        if let places, limits.count == 2 {
            for (j, area) in forecast.areas.enumerated() {
                for (p, phase) in phaseOrder.enumerated() {
                    for (h, year) in forecast.years.enumerated() {
                        let key = AreaPhaseYear(area: area.area.code, phase: phase, year: year)
                        guard places.capacity[key] != nil else { continue }
                        let i = (h * areas + j) * phases.count + p
                        // A share of draws: a whole number of them, whatever Float made of it.
                        let share = { (x: Float) in (Double(x) * Double(draws)).rounded() / Double(draws) }
                        shortfall[key] = ShortfallChance(short: share(summary.above[0][i]), belowMargin: share(summary.above[1][i]))
                    }
                }
            }
        }
        var result = ForecastUncertainty(summary, model: model, coverage: coverage, seed: seed, origins: errors.origins,
                                         areas: (summary.group, summary.groupPhase, areas), schools: schools, shortfall: shortfall)
        result.housingDelivery = housing?.record
        if let places, let short = summary.short {
            for (key, _) in places.yearGroupCapacity where key.year > forecast.baseYear && key.year - forecast.baseYear <= H {
                guard let j = areaIndex[AreaKey(kind: layout.areaKind(of: key.yearGroup), code: key.area)] else { continue }
                let x = short[((key.year - forecast.baseYear - 1) * areas + j) * G + key.yearGroup]
                result.yearGroupShortfall[key] = (Double(x) * Double(draws)).rounded() / Double(draws)
            }
        }
        if chance != nil {
            // The third quantile asked: (1 − chance) of each area's phase, year by year.
            for (j, area) in forecast.areas.enumerated() {
                let kind = layout.areaKind(of: area.yearGroups?.lowerBound ?? 0)
                for (p, phase) in phaseOrder.enumerated() where phase.areaKind == kind {
                    for (h, year) in forecast.years.enumerated() {
                        result.placesForChance[AreaPhaseYear(area: area.area.code, phase: phase, year: year)] =
                            Double(summary.groupPhase[((2 * H + h) * areas + j) * phases.count + p])
                    }
                }
            }
        }
        return result
    }

    /// Two limits for each area, year and phase: its places, and its places less the operating
    /// margin; where an area has no places in a phase, no draw is above them.
    static func limits(_ places: Places, forecast: PlaceForecast, phases: [PlacePhase]) -> [[Float]] {
        let areas = forecast.areas.count, P = phases.count
        var short = [Float](repeating: .infinity, count: forecast.horizon * areas * P), margin = short
        for (j, area) in forecast.areas.enumerated() {
            for (p, phase) in phases.enumerated() {
                for (h, year) in forecast.years.enumerated() {
                    guard let capacity = places.capacity[AreaPhaseYear(area: area.area.code, phase: phase, year: year)] else { continue }
                    short[(h * areas + j) * P + p] = Float(capacity)
                    margin[(h * areas + j) * P + p] = Float(Double(capacity) * (1 - places.operatingMargin))
                }
            }
        }
        return [short, margin]
    }

    /// Each area's places by year and year group, `[(h × areas + j) × G + g]`; where an area
    /// has no places given, no draw is above them.
    static func yearGroupLimits(_ places: Places, forecast: PlaceForecast, areaIndex: [AreaKey: Int]) -> [Float] {
        let G = forecast.ladder.count, areas = forecast.areas.count
        var limits = [Float](repeating: .infinity, count: forecast.horizon * areas * G)
        for (key, capacity) in places.yearGroupCapacity where key.year > forecast.baseYear && key.year - forecast.baseYear <= forecast.horizon {
            guard let j = areaIndex[AreaKey(kind: forecast.layout.areaKind(of: key.yearGroup), code: key.area)] else { continue }
            limits[((key.year - forecast.baseYear - 1) * areas + j) * G + key.yearGroup] = Float(capacity)
        }
        return limits
    }

    struct AreaKey: Hashable {
        let kind: AreaKind
        let code: String
    }

    /// One school's year groups planned in one area.
    struct Part {
        let school: Int
        let area: Int
        let yearGroups: [Int]
    }
}
