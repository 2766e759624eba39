/// A scenario applied to the baseline: its place plan, its areas' sufficiency with the places it
/// adds, and its projects with their cost.
public struct ScenarioOutcome: Equatable, Sendable {
    /// One planning area's phase in one year, with the scenario's places.
    public struct AreaLine: Equatable, Sendable {
        public let area: PlanningArea
        public let kind: AreaKind
        public let phase: PlacePhase
        public let year: Int
        public let sufficiency: Sufficiency
        /// Its area, phase and year: the key its chance of a shortfall is found by.
        public var cell: AreaPhaseYear { AreaPhaseYear(area: area.code, phase: phase, year: year) }
    }

    /// One change, costed.
    public struct Project: Equatable, Sendable {
        public let change: ScenarioChange
        /// The phase its places are in (`nil`: a change with no places, such as births).
        public let kind: AreaKind?
        /// `nil` for changes that add no places (closures, PAN reductions, births, preference).
        public let type: ProjectType?
        /// Places once complete: a permanent change × the year groups it reaches, a bulge class's
        /// class size, a new school's PAN × its year groups; negative when places are removed.
        public let places: Int
        /// Cost per place used (`nil` when the change gives its own cost or adds no places).
        public let costPerPlace: Double?
        public let cost: Double
    }

    /// `nil`: the baseline.
    public let scenario: Scenario?
    public let plan: PupilPlacePlan
    /// Every area, phase and year of the plan (the census year and every forecast year).
    public let areas: [AreaLine]
    public let projects: [Project]
    /// Places added to each school: school → year → year group → places (negative: removed).
    public let addedPlaces: [String: [Int: [Int: Int]]]
    /// Specialist places against pupils with EHC plans, with the scenario's places (when the plan has ehcp.csv).
    public var specialist: SpecialistPlan? = nil
    /// The chance of a shortfall by area, phase and forecast year, with the scenario's pupils and
    /// places, when the run was simulated (`--intervals`); empty otherwise.
    public var shortfall: [AreaPhaseYear: ShortfallChance] = [:]

    public var name: String { scenario?.name ?? "baseline" }
    /// Places the scenario's projects add once complete (removals not subtracted).
    public var placesAdded: Int { projects.reduce(0) { $0 + max(0, $1.places) } }
    public var cost: Double { projects.reduce(0) { $0 + $1.cost } }

    public func line(_ area: String, _ phase: PlacePhase, _ year: Int) -> AreaLine? {
        areas.first { $0.area.code == area && $0.phase == phase && $0.year == year }
    }
}

public enum ScenarioEngine {
    /// The place plan under `scenario` (`nil`: the baseline), from the same history and settings
    /// as the baseline. Schools that open or close are forecast by `PlacePlanning` (a new school
    /// takes its admission number's share of its area's intake; a closed school's pupils go to
    /// the area's other schools); births and preference changes then move whole cohorts; the
    /// places of expansions, PAN reductions, bulge classes and a new school's extra opening year
    /// groups are added year group by year group.
    public static func run(_ scenario: Scenario?, on base: PlanRun) throws -> ScenarioOutcome {
        let inputs = try base.plan.requireCapacity(for: "a capital programme scenario")
        let changes = scenario?.changes ?? []
        // A change after the forecast's last year would be costed and change nothing.
        if let late = changes.first(where: { $0.start > base.years.upperBound }) {
            throw ScenarioChange.AfterForecast(change: late, lastYear: base.years.upperBound)
        }
        // Specialist places are set against pupils with EHC plans: without them they would be costed and change nothing.
        if inputs.specialist == nil, let specialist = changes.first(where: { if case .specialist = $0.kind { return true } else { return false } }) {
            throw PlanKindError(plan: base.plan.name, purpose: "a specialist change (\(specialist.source))", missing: "ehcp.csv")
        }
        let changed = inputs.schools.applying(changes)
        let run: PlacePlanRun
        if changes.isEmpty, let places = base.places {
            run = places  // the baseline is the place plan itself, not a copy made again
        } else {
            // Planned housing sits on every run alike, as in `placeplan plan`, so scenarios and
            // the baseline differ only by the scenario's own changes.
            run = try PlacePlanRun.make(
                name: base.plan.name, history: changed, inputs: inputs, settings: base.settings, horizon: base.horizon,
                housing: base.options.housing ? inputs.housing?.varied(by: changes) : nil,
                specialist: inputs.specialist?.applying(changes)) { forecast in
                var forecast = forecast
                for change in changes {
                    if case let .births(percent, from) = change.kind { forecast = forecast.scalingBirths(percent: percent, from: from) }
                }
                for change in changes {
                    if case let .preference(area, school, share, from) = change.kind {
                        forecast = forecast.movingIntake(of: area, to: school, share: share, from: from)
                    }
                }
                return forecast
            }
        }
        let plan = run.tables
        let years = (plan.years.first ?? run.forecast.baseYear)...(plan.years.last ?? run.forecast.baseYear)
        let added = addedPlaces(changes, schools: changed.schools, layout: changed.layout, years: years)
        let lines = areaLines(plan, added: added)
        // The baseline's chances are the run's own; a scenario's are drawn from the same past
        // forecasts, with its pupils and its places.
        // (Only a simulated run has any: its places are gathered only then.)
        let shortfall = changes.isEmpty && base.places != nil ? base.uncertainty?.shortfall
            : base.schoolErrors == nil ? nil
            : base.simulate(run, capacity: Dictionary(lines.map { ($0.cell, $0.sufficiency.capacity) },
                                                               uniquingKeysWith: { a, _ in a }))?.shortfall
        return ScenarioOutcome(scenario: scenario, plan: plan, areas: lines,
                               projects: changes.map { project($0, history: changed, costs: inputs.costs) }, addedPlaces: added,
                               specialist: run.specialist, shortfall: shortfall ?? [:])
    }

    // MARK: - Places

    /// Places each change adds, by school, year and year group :
    /// - a permanent change of `d` places a year group from `Y`, phased: `d` in the entry year
    ///   group in `Y`, in the entry and the next in `Y + 1`, … until every year group of the part
    ///   has it (unphased: every year group from `Y`);
    /// - a bulge class: its class size in its year group and year, then the next year group the
    ///   next year, to the end of the phase at the school;
    /// - a new school opening with more than its entry year group, or growing faster than a year
    ///   group a year: the places of the year groups it has beyond that.
    public static func addedPlaces(_ changes: [ScenarioChange], schools: [School], layout: PhaseLayout,
                                   years: ClosedRange<Int>) -> [String: [Int: [Int: Int]]] {
        var added: [String: [Int: [Int: Int]]] = [:]
        func add(_ school: String, _ year: Int, _ g: Int, _ places: Int) {
            guard places != 0, years.contains(year) else { return }
            added[school, default: [:]][year, default: [:]][g, default: 0] += places
        }
        let byCode = Dictionary(schools.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        for change in changes {
            switch change.kind {
            case let .permanent(code, places, from, phased, part):
                guard let school = byCode[code] else { continue }
                let groups = part == .primary ? layout.primary : layout.secondary
                for year in years where year >= from && school.isOpen(in: year) {
                    for g in groups where school.teaches(g, layout: layout) && (!phased || g - groups.lowerBound <= year - from) {
                        add(code, year, g, places)
                    }
                }
            case let .bulge(code, year, yearGroup, classSize):
                guard let school = byCode[code] else { continue }
                let groups = layout.primary.contains(yearGroup) ? layout.primary
                    : layout.secondary.contains(yearGroup) ? layout.secondary : (layout.sixthForm ?? yearGroup...yearGroup)
                for g in yearGroup...groups.upperBound where school.teaches(g, layout: layout) && school.isOpen(in: year + g - yearGroup) {
                    add(code, year + g - yearGroup, g, classSize)
                }
            case let .newSchool(school, atOpening, growth):
                guard let opened = school.opened else { continue }
                let kind: AreaKind = school.phase == .secondary ? .secondary : .primary
                let groups = kind == .primary ? layout.primary : layout.secondary
                for year in years where school.isOpen(in: year) {
                    for g in groups {
                        let step = g - groups.lowerBound
                        let reached = step < atOpening + growth * (year - opened)
                        let usual = step <= year - opened
                        if reached && !usual { add(school.code, year, g, school.places(yearGroup: g, layout: layout)) }
                    }
                }
            case .closure, .births, .preference, .housing, .specialist:
                continue
            }
        }
        return added
    }

    /// The plan's area lines with the scenario's added places: capacity gains them, and places
    /// needed (DfE) is counted again year group by year group against the new places.
    static func areaLines(_ plan: PupilPlacePlan, added: [String: [Int: [Int: Int]]]) -> [ScenarioOutcome.AreaLine] {
        var areaLines: [AreaPhaseYear: PupilPlacePlan.AreaLine] = [:]
        for line in plan.areas { areaLines[line.cell] = line }
        var groupLines: [AreaYearGroupYear: PupilPlacePlan.YearGroupLine] = [:]
        for line in plan.areaYearGroups { groupLines[AreaYearGroupYear(area: line.owner, yearGroup: line.yearGroup, year: line.year)] = line }
        let layout = plan.layout
        var result: [ScenarioOutcome.AreaLine] = []
        for kind in AreaKind.allCases {
            for area in plan.forecast.geography.areas(kind) {
                let members = plan.forecast.schools(in: area.code, kind).map(\.school.code)
                for phase in layout.phases where phase.areaKind == kind {
                    let range = layout.yearGroups(of: phase)!
                    for year in plan.years {
                        var extra = 0, pupils = 0, needed = 0
                        for g in range {
                            let more = members.reduce(0) { $0 + (added[$1]?[year]?[g] ?? 0) }
                            extra += more
                            let line = groupLines[AreaYearGroupYear(area: area.code, yearGroup: g, year: year)]
                            let places = (line?.sufficiency.capacity ?? 0) + more
                            let count = line?.sufficiency.pupils ?? 0
                            pupils += count
                            needed += max(0, count - places)
                        }
                        let base = areaLines[AreaPhaseYear(area: area.code, phase: phase, year: year)]
                        let capacity = (base?.sufficiency.capacity ?? 0) + extra
                        guard capacity > 0 || pupils > 0 else { continue }
                        result.append(.init(area: area, kind: kind, phase: phase, year: year,
                                            sufficiency: Sufficiency(capacity: capacity, pupils: base?.sufficiency.pupils ?? pupils,
                                                                     placesNeeded: needed)))
                    }
                }
            }
        }
        return result
    }

    /// Places a change adds once complete (negative: removed); see `ScenarioOutcome.Project.places`.
    public static func places(of change: ScenarioChange, layout: PhaseLayout, schools: [School]) -> Int {
        let history = schools
        switch change.kind {
        case let .permanent(code, perYearGroup, _, _, part):
            let groups = part == .primary ? layout.primary : layout.secondary
            return perYearGroup * (history.first { $0.code == code }.map { s in groups.filter { s.teaches($0, layout: layout) }.count } ?? 0)
        case let .bulge(_, _, _, classSize): return classSize
        case let .newSchool(school, _, _): return (0...(layout.sixthForm?.upperBound ?? layout.secondary.upperBound)).reduce(0) { $0 + school.places(yearGroup: $1, layout: layout) }
        case let .closure(code, _): return -(history.first { $0.code == code }?.capacity.net ?? 0)
        case .births, .preference, .housing: return 0
        case let .specialist(addition): return addition.places
        }
    }

    static func project(_ change: ScenarioChange, history: SchoolHistory, costs: CostRates) -> ScenarioOutcome.Project {
        let layout = history.layout
        var kind: AreaKind? = nil, type: ProjectType? = nil, places = 0
        switch change.kind {
        case let .permanent(code, perYearGroup, _, _, part):
            let groups = part == .primary ? layout.primary : layout.secondary
            let taught = history.school(code).map { school in groups.filter { school.teaches($0, layout: layout) }.count } ?? 0
            kind = part
            places = perYearGroup * taught
            type = perYearGroup > 0 ? .permanent : nil
        case let .bulge(_, _, yearGroup, classSize):
            kind = layout.areaKind(of: yearGroup)
            type = .temporary
            places = classSize
        case let .newSchool(school, _, _):
            kind = school.phase == .secondary ? .secondary : .primary
            type = .newSchool
            places = (0..<history.ladder.count).reduce(0) { $0 + school.places(yearGroup: $1, layout: layout) }
        case let .closure(code, _):
            if let school = history.school(code) { places = -school.capacity.net }
        case .births, .preference, .housing:
            break
        case let .specialist(addition):
            type = .specialist
            places = addition.places
        }
        let rate = type == .specialist ? costs.specialist : type.flatMap { t in kind.map { costs.perPlace(t, $0) } }
        let cost = change.cost ?? (places > 0 ? Double(places) * (rate ?? 0) : 0)
        return .init(change: change, kind: kind, type: type, places: places, costPerPlace: change.cost == nil ? rate : nil, cost: cost)
    }
}

extension SchoolHistory {
    /// The schools as a scenario leaves them: closures close them, new schools join their area.
    func applying(_ changes: [ScenarioChange]) -> SchoolHistory {
        var schools = self.schools
        for change in changes {
            switch change.kind {
            case let .closure(code, year):
                guard let i = schools.firstIndex(where: { $0.code == code }) else { continue }
                let s = schools[i]
                schools[i] = School(code: s.code, name: s.name, phase: s.phase, primaryArea: s.primaryArea, secondaryArea: s.secondaryArea,
                                    capacity: s.capacity, opened: s.opened, closed: min(year, s.closed ?? year))
            case let .newSchool(school, _, _):
                schools.append(school)
            default:
                continue
            }
        }
        return SchoolHistory(ladder: ladder, layout: layout, birthsBasis: birthsBasis, geography: geography, schools: schools,
                             rolls: rolls, births: births, firstYear: firstYear, lastYear: lastYear)
    }
}

extension PlaceForecast {
    /// A copy with other pupils (same shape).
    func with(areaPupils: [String: PupilGrid], schoolPupils: [PupilGrid], unallocated: [String: PupilGrid],
              rules: [Int: [String]] = [:]) -> PlaceForecast {
        let newAreas = areas.map { area -> AreaForecast in
            var copy = AreaForecast(area: area.area, years: area.years, pupils: areaPupils[area.area.code] ?? area.pupils, notes: area.notes)
            copy.yearGroups = area.yearGroups
            return copy
        }
        let newSchools = schools.enumerated().map { i, s in
            SchoolForecast(school: s.school, years: s.years, pupils: schoolPupils[i], shares: s.shares, ratios: s.ratios,
                           rules: s.rules + (rules[i] ?? []))
        }
        return PlaceForecast(ladder: ladder, layout: layout, geography: geography, baseYear: baseYear, horizon: horizon,
                             settings: settings, shareMethod: shareMethod, areas: newAreas, schools: newSchools,
                             unallocated: unallocated, transfer: transfer, lastKnownBirthsYear: lastKnownBirthsYear)
    }

    func kind(ofArea code: String) -> AreaKind? {
        if geography.primaryAreas.contains(where: { $0.code == code }) { return .primary }
        if geography.secondaryAreas.contains(where: { $0.code == code }) { return .secondary }
        return nil
    }

    /// Births `percent` % higher for the cohorts entering the entry year group from `from`: every
    /// cell of those cohorts scales, in primary areas by the births factor, in secondary areas by
    /// what the transfer shares make of the scaled Year 6 (the inflow from outside does not scale).
    /// Cohort survival is multiplicative, so this is the forecast those births would give.
    public func scalingBirths(percent: Double, from: Int) -> PlaceForecast {
        let c = 1 + percent / 100
        var y7Factor: [String: [Int: Double]] = [:]
        func year6(_ p: String, _ year: Int) -> Double {
            guard year > baseYear, let area = area(p) else { return 0 }
            return area.pupils[year - baseYear - 1][layout.transferFrom]
        }
        for s in geography.secondaryAreas {
            for year in years where year - layout.transferTo >= from {
                let plain = transfer.year7(s.code) { year6($0, year - 1) }
                let scaled = transfer.year7(s.code) { c * year6($0, year - 1) }
                y7Factor[s.code, default: [:]][year] = plain > 0 ? scaled / plain : 1
            }
        }
        func factor(_ area: String, _ kind: AreaKind, _ year: Int, _ g: Int) -> Double {
            guard year - g >= from else { return 1 }
            if kind == .primary { return c }
            return y7Factor[area]?[year - (g - layout.transferTo)] ?? 1
        }
        var areaPupils: [String: PupilGrid] = [:], left = unallocated
        for area in areas {
            guard let kind = kind(ofArea: area.area.code) else { continue }
            var grid = area.pupils
            for h in 0..<horizon { for g in layout.yearGroups(of: kind) { grid[h][g] *= factor(area.area.code, kind, baseYear + h + 1, g) } }
            areaPupils[area.area.code] = grid
            if var rest = left[area.area.code] {
                for h in rest.indices { for g in layout.yearGroups(of: kind) { rest[h][g] *= factor(area.area.code, kind, baseYear + h + 1, g) } }
                left[area.area.code] = rest
            }
        }
        let schoolPupils = schools.map { s -> PupilGrid in
            guard s.school.phase != .special else { return s.pupils }
            var grid = s.pupils
            for h in 0..<horizon {
                for g in 0..<ladder.count {
                    guard let code = s.school.area(for: g, layout: layout) else { continue }
                    grid[h][g] *= factor(code, layout.areaKind(of: g), baseYear + h + 1, g)
                }
            }
            return grid
        }
        return with(areaPupils: areaPupils, schoolPupils: schoolPupils, unallocated: left)
    }

    /// `share` of `area`'s entry year group goes to `school` from `from` (once it is open), taken
    /// from the area's other schools in proportion to their pupils, and moves up with its cohort
    /// (by the area's own progression) while the school teaches it. A school in another area of
    /// the same kind takes the pupils into that area; the authority's total never changes.
    public func movingIntake(of area: String, to school: String, share: Double, from: Int) -> PlaceForecast {
        guard let kind = kind(ofArea: area), let source = self.area(area),
              let target = schools.firstIndex(where: { $0.school.code == school }) else { return self }
        let targetSchool = schools[target].school
        guard let targetArea = targetSchool.area(kind) else { return self }
        let groups = layout.yearGroups(of: kind), entry = groups.lowerBound
        let others = schools.indices.filter { $0 != target && schools[$0].school.area(kind) == area && schools[$0].school.phase != .special }
        var schoolPupils = schools.map(\.pupils)
        var areaPupils = Dictionary(uniqueKeysWithValues: areas.map { ($0.area.code, $0.pupils) })
        var moved = PupilGrid(years: horizon, yearGroups: ladder.count)
        for h in 0..<horizon {
            let year = baseYear + h + 1
            for g in groups where targetSchool.teaches(g, layout: layout) && targetSchool.isOpen(in: year) {
                var m: Double
                if g == entry {
                    m = year >= from ? share * source.pupils[h][g] : 0
                } else {
                    guard h > 0 else { continue }
                    let before = source.pupils[h - 1][g - 1]
                    m = before > 0 ? moved[h - 1][g - 1] * source.pupils[h][g] / before : 0
                }
                let available = others.reduce(0.0) { $0 + schoolPupils[$1][h][g] }
                m = min(m, available)
                guard m > 0 else { continue }
                moved[h][g] = m
                for i in others { schoolPupils[i][h][g] *= 1 - m / available }
                schoolPupils[target][h][g] += m
                if targetArea != area {
                    areaPupils[area]?[h][g] -= m
                    areaPupils[targetArea]?[h][g] += m
                }
            }
        }
        let rule = "scenario: takes \(Int((share * 100).rounded()))% of \(area)'s \(ladder.yearGroups[entry]) from \(from)"
        return with(areaPupils: areaPupils, schoolPupils: schoolPupils, unallocated: unallocated, rules: [target: [rule]])
    }
}
