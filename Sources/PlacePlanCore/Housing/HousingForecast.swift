/// Pupils from new homes, added to a place-plan forecast.
///
/// Past progression and intake ratios already carry the pupils of homes built at the usual
/// rate. So in each primary planning area only completions above its **background rate** add
/// pupils: the rate given in plan.toml (`[housing] background`), or else the mean yearly
/// completions in housing.csv over the years the ratios are drawn from (the method's last K
/// census years up to the base year). No recorded history: a background of 0, and the output
/// says so. The excess of a year is shared among that year's sites in proportion to their
/// dwellings, so a site keeps its category and its school.
public struct HousingLayer: Equatable, Sendable {
    /// How much housing an area has, how much of it was added, and why.
    public struct AreaAccount: Equatable, Sendable {
        public let area: String
        public let secondaryArea: String?
        /// Completions planned in the forecast years.
        public let plannedDwellings: Double
        /// Background completions a year, already in the ratios.
        public let background: Double
        /// Where the background came from, in words.
        public let backgroundSource: String
        /// Completions above the background, whose pupils were added.
        public let addedDwellings: Double
        /// Pupils added in the last forecast year, by phase.
        public let pupilsAtHorizon: [YieldPhase: Double]
    }

    public let baseYear: Int
    public let horizon: Int
    /// Area code → `[h][g]` pupils added over the whole ladder (a primary area in R–Y6, a
    /// secondary area in Y7–Y13).
    public let areaPupils: [String: PupilGrid]
    /// Area code → school code → `[h][g]`: the part of `areaPupils` from sites assigned to a school.
    public let assigned: [String: [String: PupilGrid]]
    /// Primary area → `[h]` early-years children (the early-years plan's, where it has one).
    public let earlyYears: [String: [Double]]
    /// Primary area → `[h]` children needing a specialist place (the specialist plan's).
    public var send: [String: [Double]] = [:]
    public let accounts: [AreaAccount]
    public let yields: PupilYields
    /// The completions whose pupils were added: each area-year's dwellings above its background,
    /// shared among its sites in proportion to their dwellings.
    public let added: [HousingCompletion]

    public var years: [Int] { Array((baseYear + 1)...(baseYear + horizon)) }

    /// Total pupils added in a phase and forecast year, over all areas.
    public func total(_ phase: YieldPhase, h: Int, layout: PhaseLayout) -> Double {
        if phase == .earlyYears { return earlyYears.values.reduce(0) { $0 + $1[h] } }
        if phase == .send { return send.values.reduce(0) { $0 + $1[h] } }
        guard let groups = phase.yearGroups(layout) else { return 0 }
        return areaPupils.values.reduce(0) { sum, grid in sum + groups.reduce(0) { $0 + grid[h][$1] } }
    }
}

public enum HousingModel {
    /// The secondary planning area a primary area's new homes send their secondary pupils to,
    /// when housing.csv does not say: the one taking the largest fitted share of its Year 6
    /// (else the first it feeds, else the first secondary area).
    public static func secondaryArea(of area: String, transfer: TransferModel, geography: Geography) -> String? {
        let candidates = geography.secondaryAreas.map(\.code)
        let best = candidates.map { ($0, transfer.share(from: area, to: $0)) }.max { $0.1 < $1.1 }
        if let best, best.1 > 0 { return best.0 }
        return geography.feeds[area]?.first ?? candidates.first
    }

    /// Background completions a year in each primary area, and how each was found.
    public static func background(_ input: HousingInput, baseYear: Int, window: Int, areas: [String]) -> [String: (rate: Double, source: String)] {
        let history = input.completions.filter { $0.year <= baseYear }
        let first = history.map(\.year).min()
        var result: [String: (Double, String)] = [:]
        for area in areas {
            if let given = input.settings.background[area] {
                result[area] = (given, "given in plan.toml")
                continue
            }
            guard let first else {
                result[area] = (0, "no completions up to \(baseYear) in housing.csv: none assumed in the ratios")
                continue
            }
            let from = max(first, baseYear - max(1, window) + 1)
            let years = baseYear - from + 1
            let built = history.filter { $0.area == area && $0.year >= from }.reduce(0) { $0 + $1.dwellings }
            result[area] = (built / Double(years), "mean of \(from)–\(baseYear) completions (\(Self.whole(built)) in \(years) year\(years == 1 ? "" : "s"))")
        }
        return result
    }

    /// Completions in the forecast years scaled to their part above each area's background.
    static func excess(_ input: HousingInput, baseYear: Int, horizon: Int,
                       background: [String: (rate: Double, source: String)]) -> [HousingCompletion] {
        let future = input.completions.filter { $0.year > baseYear && $0.year <= baseYear + horizon }
        var result: [HousingCompletion] = []
        struct AreaYear: Hashable, Comparable {
            let area: String, year: Int
            static func < (a: Self, b: Self) -> Bool { (a.area, a.year) < (b.area, b.year) }
        }
        let groups = Dictionary(grouping: future) { AreaYear(area: $0.area, year: $0.year) }
        for key in groups.keys.sorted() {
            let rows = groups[key]!
            let total = rows.reduce(0) { $0 + $1.dwellings }
            let above = max(0, total - (background[rows[0].area]?.rate ?? 0))
            guard total > 0, above > 0 else { continue }
            for row in rows {
                result.append(HousingCompletion(site: row.site, area: row.area, secondaryArea: row.secondaryArea, school: row.school,
                                                year: row.year, dwellings: row.dwellings * above / total, category: row.category,
                                                line: row.line))
            }
        }
        return result
    }

    /// Pupils from completions in `years`, by phase: `[phase][h][j]` over the phase's `n` year
    /// groups (early years: one group). Linear in the dwellings.
    public static func pupils(of completions: [HousingCompletion], yields: PupilYields, layout: PhaseLayout?,
                              years: [Int]) -> [YieldPhase: [[Double]]] {
        var result: [YieldPhase: [[Double]]] = [:]
        for phase in YieldPhase.allCases {
            let n = phase.isOutsideThePlan ? 1 : layout.flatMap { phase.yearGroups($0)?.count } ?? 0
            guard n > 0 else { continue }
            let groups = max(n, 1)
            var grid = Array(repeating: Array(repeating: 0.0, count: groups), count: years.count)
            let shape = yields.shape(phase, yearGroups: groups, upTo: max(0, (years.last ?? 0) - (completions.map(\.year).min() ?? 0)))
            for completion in completions {
                let perDwelling = yields.row(for: completion.category).yield(phase)
                for (h, year) in years.enumerated() where year >= completion.year {
                    let k = year - completion.year
                    for j in 0..<groups { grid[h][j] += completion.dwellings * perDwelling * shape[k][j] }
                }
            }
            result[phase] = grid
        }
        return result
    }

    /// The housing layer of a place-plan forecast.
    public static func layer(_ input: HousingInput, forecast: PlaceForecast) -> HousingLayer {
        let layout = forecast.layout, ladder = forecast.ladder, base = forecast.baseYear, horizon = forecast.horizon
        let years = Array(forecast.years)
        let primaryAreas = forecast.geography.primaryAreas.map(\.code)
        let background = background(input, baseYear: base, window: forecast.settings.method.years, areas: primaryAreas)
        let added = excess(input, baseYear: base, horizon: horizon, background: background)
        let zero = PupilGrid(years: horizon, yearGroups: ladder.count)
        var areaPupils: [String: PupilGrid] = [:]
        var assigned: [String: [String: PupilGrid]] = [:]
        var earlyYears: [String: [Double]] = [:], send: [String: [Double]] = [:]
        var atHorizon: [String: [YieldPhase: Double]] = [:]
        for completion in added {
            let secondary = completion.secondaryArea
                ?? secondaryArea(of: completion.area, transfer: forecast.transfer, geography: forecast.geography)
            let pupils = Self.pupils(of: [completion], yields: input.yields, layout: layout, years: years)
            let school = completion.school.flatMap { code in forecast.schools.first { $0.school.code == code }?.school }
            for (phase, grid) in pupils {
                atHorizon[completion.area, default: [:]][phase, default: 0] += grid[horizon - 1].reduce(0, +)
                if phase.isOutsideThePlan {
                    var row = (phase == .earlyYears ? earlyYears : send)[completion.area] ?? Array(repeating: 0, count: horizon)
                    for h in 0..<horizon { row[h] += grid[h][0] }
                    if phase == .earlyYears { earlyYears[completion.area] = row } else { send[completion.area] = row }
                    continue
                }
                guard let groups = phase.yearGroups(layout) else { continue }
                let target = phase == .primary ? completion.area : secondary
                guard let target else { continue }
                var areaGrid = areaPupils[target] ?? zero
                var schoolGrid = school.flatMap { $0.area(layout.areaKind(of: groups.lowerBound)) == target ? $0 : nil }
                    .map { assigned[target]?[$0.code] ?? zero }
                for h in 0..<horizon {
                    for (j, g) in groups.enumerated() {
                        areaGrid[h][g] += grid[h][j]
                        schoolGrid?[h][g] += grid[h][j]
                    }
                }
                areaPupils[target] = areaGrid
                if let schoolGrid, let school { assigned[target, default: [:]][school.code] = schoolGrid }
            }
        }
        let accounts = primaryAreas.compactMap { area -> HousingLayer.AreaAccount? in
            let planned = input.completions.filter { $0.area == area && $0.year > base && $0.year <= base + horizon }
            guard !planned.isEmpty || input.completions.contains(where: { $0.area == area }) else { return nil }
            return HousingLayer.AreaAccount(
                area: area, secondaryArea: secondaryArea(of: area, transfer: forecast.transfer, geography: forecast.geography),
                plannedDwellings: planned.reduce(0) { $0 + $1.dwellings }, background: background[area]?.rate ?? 0,
                backgroundSource: background[area]?.source ?? "",
                addedDwellings: added.filter { $0.area == area }.reduce(0) { $0 + $1.dwellings },
                pupilsAtHorizon: atHorizon[area] ?? [:])
        }
        var result = HousingLayer(baseYear: base, horizon: horizon, areaPupils: areaPupils, assigned: assigned, earlyYears: earlyYears,
                                  accounts: accounts, yields: input.yields, added: added)
        result.send = send
        return result
    }

    static func whole(_ x: Double) -> String { String(Int(x.rounded())) }
}

extension PlaceForecast {
    /// This forecast with the pupils of new homes added: to each area, and to its schools —
    /// a site's pupils to the school it is assigned to (if that school is open and has reached
    /// the year group), the rest to the area's schools in proportion to their forecast pupils in
    /// that year group and year (by their places where none has pupils; unallocated where no
    /// open school teaches it). Schools still add up exactly to their area.
    public func adding(_ layer: HousingLayer) -> PlaceForecast {
        guard layer.baseYear == baseYear, layer.horizon == horizon else { return self }
        var schoolGrids = Dictionary(uniqueKeysWithValues: schools.map { ($0.school.code, $0.pupils) })
        var left = unallocated
        let newAreas = areas.map { area -> AreaForecast in
            guard let extra = layer.areaPupils[area.area.code] else { return area }
            let kind: AreaKind = geography.primaryAreas.contains(area.area) ? .primary : .secondary
            let members = schools(in: area.area.code, kind)
            var pupils = area.pupils
            for (h, year) in years.enumerated() {
                for g in layout.yearGroups(of: kind) where extra[h][g] != 0 {
                    pupils[h][g] += extra[h][g]
                    var rest = extra[h][g]
                    for (code, grid) in layer.assigned[area.area.code] ?? [:] where grid[h][g] != 0 {
                        guard let school = members.first(where: { $0.school.code == code })?.school,
                              school.hasReached(g, in: year, layout: layout) else { continue }
                        schoolGrids[code]![h][g] += grid[h][g]
                        rest -= grid[h][g]
                    }
                    guard rest != 0 else { continue }
                    let weights = members.map { $0.pupils[h][g] }
                    let places = members.map { $0.school.hasReached(g, in: year, layout: layout)
                        ? Double($0.school.capacity(yearGroup: g, year: year, layout: layout)) : 0 }
                    let basis = weights.reduce(0, +) > 0 ? weights : places
                    let sum = basis.reduce(0, +)
                    if sum > 0 {
                        for (i, member) in members.enumerated() { schoolGrids[member.school.code]![h][g] += rest * basis[i] / sum }
                    } else {
                        var grid = left[area.area.code] ?? PupilGrid(years: horizon, yearGroups: ladder.count)
                        grid[h][g] += rest
                        left[area.area.code] = grid
                    }
                }
            }
            var copy = AreaForecast(area: area.area, years: area.years, pupils: pupils, notes: area.notes)
            copy.yearGroups = area.yearGroups
            copy.intervals = area.intervals
            return copy
        }
        let newSchools = schools.map { s in
            SchoolForecast(school: s.school, years: s.years, pupils: schoolGrids[s.school.code]!, shares: s.shares, ratios: s.ratios,
                           rules: s.rules)
        }
        return PlaceForecast(ladder: ladder, layout: layout, geography: geography, baseYear: baseYear, horizon: horizon,
                             settings: settings, shareMethod: shareMethod, areas: newAreas, schools: newSchools, unallocated: left,
                             transfer: transfer, lastKnownBirthsYear: lastKnownBirthsYear)
    }
}
