/// The cheapest capital programme: which candidate projects to build, and from when, so that no
/// planning area falls below the operating margin in any forecast year, keeping spare capacity
/// within the target as far as possible.
///
/// Programmes are compared in this order:
/// 1. **shortfall**: Σ over area-phases and forecast years of the places still missing for the
///    operating margin, `max(0, ⌈pupils / (1 − margin)⌉ − capacity)` (0 = no area short in any year);
///    with a chance of a shortfall to keep under (`--shortfall-chance`), an area needs at least
///    the places its simulated pupils exceed in only that share of draws, as well;
/// 2. **cost**;
/// 3. **spare above the target**: Σ of `max(0, surplus − target × capacity)` (too many places too soon);
/// 4. the projects and years, so that the answer never depends on the order of the file.
///
/// Candidate projects add places (expansions, bulge classes, new schools) and never change an
/// area's pupils, so a programme's capacity is the baseline's plus the sum of its projects':
/// each project at each start year is evaluated once. The search is depth-first over the
/// candidates, each either left out or started in one of its years, pruned by a lower bound (the
/// programme so far, plus every remaining candidate at the most places it can give in each year,
/// which bounds the shortfall from below; costs are never negative). It is exact — the answer and
/// the runner-up are the best two — when it finishes within `nodeLimit`; otherwise it returns the
/// best found and says it is not proven.
public enum ProgrammeSearch {
    /// An area-phase in a year: where places are added and needed.
    public typealias Cell = AreaPhaseYear

    public struct Candidate: Sendable {
        public let name: String
        public let cost: Double
        /// Start year → places added per cell.
        public let options: [(start: Int, added: [Cell: Int])]
        public init(name: String, cost: Double, options: [(start: Int, added: [Cell: Int])]) {
            self.name = name
            self.cost = cost
            self.options = options
        }
    }

    public struct Programme: Equatable, Sendable {
        /// Candidate index → start year, for the chosen candidates (in candidate order).
        public let choices: [Int: Int]
        public let cost: Double
        public let shortfall: Int
        public let spareAboveTarget: Double
        /// Places still missing for the margin, per area-phase (summed over years), where any are.
        public let shortBy: [String: Int]

        public var chosen: [Int] { choices.keys.sorted() }
    }

    public struct Result: Equatable, Sendable {
        public let best: Programme
        /// The best programme with a different set of projects (`nil` if there is none).
        public let runnerUp: Programme?
        /// The search finished: `best` and `runnerUp` are proven the best two.
        public let exact: Bool
        public let nodes: Int
    }

    /// - Parameters:
    ///   - baseline: capacity and pupils of every area-phase in every forecast year.
    ///   - placesForChance: places that keep a cell's chance of a shortfall under the target
    ///     (`ForecastUncertainty.placesForChance`); a cell needs at least these too.
    public static func solve(baseline: [Cell: (capacity: Int, pupils: Int)], candidates: [Candidate],
                             targets: CapacityTargets, placesForChance: [Cell: Double] = [:], nodeLimit: Int = 2_000_000) -> Result {
        let cells = baseline.keys.sorted()
        let index = Dictionary(uniqueKeysWithValues: cells.enumerated().map { ($1, $0) })
        let capacity = cells.map { baseline[$0]!.capacity }, pupils = cells.map { baseline[$0]!.pupils }
        let required = cells.indices.map { i -> Int in
            let forChance = placesForChance[cells[i]].map { Int(($0 - 1e-6).rounded(.up)) } ?? 0
            guard pupils[i] > 0 else { return max(0, forChance) }
            let need = Double(pupils[i]) / (1 - min(targets.operatingMargin, 0.99))
            return max(Int((need - 1e-9).rounded(.up)), forChance)
        }
        // Sparse options; per candidate the most it can add to each cell in any of its years.
        let options: [[(start: Int, added: [(Int, Int)])]] = candidates.map { c in
            c.options.map { ($0.start, $0.added.compactMap { cell, n in index[cell].map { ($0, n) } }.sorted { $0.0 < $1.0 }) }
        }
        var suffixMax = Array(repeating: Array(repeating: 0, count: cells.count), count: candidates.count + 1)
        for k in stride(from: candidates.count - 1, through: 0, by: -1) {
            var most = Array(repeating: 0, count: cells.count)
            for option in options[k] { for (i, n) in option.added { most[i] = max(most[i], n) } }
            for i in cells.indices { suffixMax[k][i] = suffixMax[k + 1][i] + most[i] }
        }

        func shortfall(_ added: [Int]) -> Int {
            var total = 0
            for i in cells.indices { total += max(0, required[i] - capacity[i] - added[i]) }
            return total
        }
        func spareAbove(_ added: [Int]) -> Double {
            var total = 0.0
            for i in cells.indices {
                let c = Double(capacity[i] + added[i])
                total += max(0, c - Double(pupils[i]) - targets.spareTarget * c)
            }
            return total
        }
        func programme(_ choices: [Int: Int], _ cost: Double, _ added: [Int]) -> Programme {
            var shortBy: [String: Int] = [:]
            for i in cells.indices {
                let missing = max(0, required[i] - capacity[i] - added[i])
                if missing > 0 { shortBy[cells[i].label, default: 0] += missing }
            }
            return Programme(choices: choices, cost: cost, shortfall: shortfall(added), spareAboveTarget: spareAbove(added), shortBy: shortBy)
        }
        typealias Key = (shortfall: Int, cost: Double, spare: Double, tie: [Int])
        func less(_ a: Key, _ b: Key) -> Bool {
            if a.shortfall != b.shortfall { return a.shortfall < b.shortfall }
            if abs(a.cost - b.cost) > 1e-6 { return a.cost < b.cost }
            if abs(a.spare - b.spare) > 1e-6 { return a.spare < b.spare }
            return a.tie.lexicographicallyPrecedes(b.tie)
        }

        var best: (key: Key, set: [Int], programme: Programme)? = nil
        var second: (key: Key, set: [Int], programme: Programme)? = nil
        var nodes = 0
        var stopped = false
        var added = Array(repeating: 0, count: cells.count)
        var choice = Array(repeating: -1, count: candidates.count)   // option index, −1 = left out

        func leaf(_ cost: Double) {
            let tie = choice.enumerated().map { k, o in o < 0 ? 0 : options[k][o].start }
            let key: Key = (shortfall(added), cost, spareAbove(added), tie)
            let set = choice.indices.filter { choice[$0] >= 0 }
            func make() -> Programme {
                var choices: [Int: Int] = [:]
                for k in set { choices[k] = options[k][choice[k]].start }
                return programme(choices, cost, added)
            }
            if let b = best, b.set == set {
                if less(key, b.key) { best = (key, set, make()) }
            } else if best == nil || less(key, best!.key) {
                second = best
                best = (key, set, make())
            } else if let s = second, s.set == set {
                if less(key, s.key) { second = (key, set, make()) }
            } else if second == nil || less(key, second!.key) {
                second = (key, set, make())
            }
        }

        func search(_ k: Int, _ cost: Double) {
            nodes += 1
            if nodes > nodeLimit { stopped = true; return }
            if k == candidates.count { leaf(cost); return }
            // Lower bound: everything remaining at its most; cost so far; no spare above target.
            if let bar = second {
                var lowest = 0
                for i in cells.indices { lowest += max(0, required[i] - capacity[i] - added[i] - suffixMax[k][i]) }
                if !less((lowest, cost, 0, []), bar.key) { return }
            }
            // Left out first (cheapest), then each start year.
            choice[k] = -1
            search(k + 1, cost)
            for (o, option) in options[k].enumerated() {
                if stopped { return }
                for (i, n) in option.added { added[i] += n }
                choice[k] = o
                search(k + 1, cost + candidates[k].cost)
                for (i, n) in option.added { added[i] -= n }
                choice[k] = -1
            }
        }
        search(0, 0)
        return Result(best: best!.programme, runnerUp: second?.programme, exact: !stopped, nodes: nodes)
    }

    /// Candidates from changes (expansions, bulge classes, new schools), each at every start year
    /// from its own to its `latest` within the forecast, and the baseline's cells.
    public static func problem(_ changes: [ScenarioChange], baseline: ScenarioOutcome, history: SchoolHistory,
                               costs: CostRates) -> (baseline: [Cell: (capacity: Int, pupils: Int)], candidates: [Candidate]) {
        let plan = baseline.plan, layout = history.layout
        let years = plan.years.filter { plan.isForecast($0) }
        guard let first = years.first, let last = years.last else { return ([:], []) }
        var cells: [Cell: (capacity: Int, pupils: Int)] = [:]
        for line in baseline.areas where plan.isForecast(line.year) {
            cells[line.cell] = (line.sufficiency.capacity, line.sufficiency.pupils)
        }
        // Specialist places, for the authority: one cell per placement planned and year.
        for line in baseline.specialist?.lines ?? [] where plan.isForecast(line.year) {
            cells[Cell.specialist(line.placement, year: line.year)] = (line.sufficiency.capacity, line.sufficiency.pupils)
        }
        var candidates: [Candidate] = []
        for change in changes {
            var list: [(start: Int, added: [Cell: Int])] = []
            for start in max(change.start, first)...max(max(change.start, first), min(change.latest ?? change.start, last)) {
                let moved = change.starting(in: start)
                var schools = history.schools
                var newSchool: School? = nil
                if case let .newSchool(s, _, _) = moved.kind { schools.append(s); newSchool = s }
                let byCode = Dictionary(schools.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
                // A project at a school that is not open in its start year is not an option.
                switch moved.kind {
                case let .permanent(code, _, from, _, _): guard byCode[code]?.isOpen(in: from) == true else { continue }
                case let .bulge(code, year, _, _): guard byCode[code]?.isOpen(in: year) == true else { continue }
                default: break
                }
                var added: [Cell: Int] = [:]
                let places = ScenarioEngine.addedPlaces([moved], schools: schools, layout: layout, years: first...last)
                for (code, byYear) in places {
                    guard let school = byCode[code] else { continue }
                    for (year, byGroup) in byYear {
                        for (g, n) in byGroup {
                            guard let area = school.area(for: g, layout: layout) else { continue }
                            added[Cell(area: area, phase: layout.phase(of: g), year: year), default: 0] += n
                        }
                    }
                }
                if case let .specialist(addition) = moved.kind {
                    for year in years where year >= addition.from { added[Cell.specialist(addition.placement, year: year), default: 0] += addition.places }
                }
                if let s = newSchool, let area = s.primaryArea ?? s.secondaryArea {
                    for year in years {
                        for phase in s.phases(layout: layout) {
                            let n = s.capacity(phase: phase, year: year, layout: layout)
                            if n != 0 { added[Cell(area: area, phase: phase, year: year), default: 0] += n }
                        }
                    }
                }
                list.append((start, added))
            }
            let cost = ScenarioEngine.project(change, history: history.applying(changes.filter {
                if case .newSchool = $0.kind { return true } else { return false }
            }), costs: costs).cost
            candidates.append(Candidate(name: change.source, cost: cost, options: list))
        }
        return (cells, candidates)
    }
}

/// `placeplan optimise`: candidate projects searched on a run's place plan, with what the
/// answer is compared with (the place plan with no project at all).
public struct ProgrammeStudy: Sendable {
    public let candidates: Scenario
    public let options: [ProgrammeSearch.Candidate]
    public let baseline: ScenarioOutcome
    public let result: ProgrammeSearch.Result
    /// The place plan with no project: what the best programme is measured against.
    public let withoutProjects: ProgrammeSearch.Programme
    /// The chance of a shortfall each area was kept under, when one was asked.
    public let shortfallChance: Double?
    /// The past delivery the draws built planned housing by (`nil`: not varied, or no draws).
    public let housingDelivery: HousingDeliveryRecord?
    /// When the run was simulated: the chance of a shortfall by area, phase and year with no
    /// project, with the chosen programme and with the runner-up, each run as a scenario.
    public let chances: (none: [AreaPhaseYear: ShortfallChance], chosen: [AreaPhaseYear: ShortfallChance],
                         runnerUp: [AreaPhaseYear: ShortfallChance])?

    /// The chances a programme can be asked to keep under: above 0 (no draw short is not a
    /// plan), at most a half (more than that is not keeping a shortfall unlikely).
    public static let shortfallChanceRange: ClosedRange<Double> = 0.001...0.5
    /// The intervals (percent) a run is simulated with for a chance of a shortfall, when none
    /// were asked: only the chances are used.
    public static let defaultIntervals = 80.0

    public init(_ candidates: Scenario, on run: PlanRun, nodeLimit: Int, shortfallChance: Double? = nil) throws {
        let inputs = try run.plan.requireCapacity(for: "choosing capital projects")
        let baseline = try ScenarioEngine.run(nil, on: run)
        let problem = ProgrammeSearch.problem(candidates.changes, baseline: baseline, history: inputs.schools, costs: inputs.costs)
        var forChance: [ProgrammeSearch.Cell: Double] = [:]
        var delivery: HousingDeliveryRecord?
        if let shortfallChance {
            let capacity = problem.baseline.mapValues(\.capacity)
            guard let places = run.places, let drawn = run.simulate(places, capacity: capacity, chance: shortfallChance) else {
                throw ChanceWithoutDraws(chance: shortfallChance, notes: run.notes)
            }
            forChance = drawn.placesForChance.filter { problem.baseline[$0.key] != nil }
            delivery = drawn.housingDelivery
        }
        self.candidates = candidates
        self.options = problem.candidates
        self.baseline = baseline
        self.shortfallChance = shortfallChance
        self.housingDelivery = delivery
        self.result = ProgrammeSearch.solve(baseline: problem.baseline, candidates: problem.candidates, targets: inputs.targets,
                                            placesForChance: forChance, nodeLimit: nodeLimit)
        self.withoutProjects = ProgrammeSearch.solve(baseline: problem.baseline, candidates: [], targets: inputs.targets,
                                                     placesForChance: forChance).best
        // Each programme run as a scenario: its chances come from the same path as `scenario`'s.
        if baseline.shortfall.isEmpty {
            chances = nil
        } else {
            func drawn(_ programme: ProgrammeSearch.Programme?) throws -> [AreaPhaseYear: ShortfallChance] {
                guard let programme else { return [:] }
                let changes = programme.chosen.map { candidates.changes[$0].starting(in: programme.choices[$0]!) }
                return try ScenarioEngine.run(Scenario(name: "programme", changes: changes), on: run).shortfall
            }
            chances = (baseline.shortfall, try drawn(result.best), try drawn(result.runnerUp))
        }
    }

    /// A chance of a shortfall asked of a run with no draws: its history is too short.
    public struct ChanceWithoutDraws: Error, CustomStringConvertible {
        public let chance: Double
        public let notes: [String]
        public var description: String {
            "a chance of a shortfall of \(PlanRun.percent(chance)) needs simulated draws of the forecast, and this plan has none: "
                + (notes.first ?? "its rolls are too short")
                + "\n  fix: leave out --shortfall-chance (the programme then keeps the operating margin on the central forecast)"
        }
    }
}
