/// The place-plan forecast: primary planning areas, secondary planning areas and schools.
///
/// 1. Primary areas by cohort survival from births (`CohortSurvival`, on R–Y6).
/// 2. Secondary transfer fitted from history (`TransferModel`): Year 7 of each secondary area
///    from the Year 6 of the primary areas the year before — actual Year 6 for the first
///    forecast year, forecast Year 6 after that.
/// 3. Secondary areas by cohort survival with that Year 7 as their entry year group; Y11→Y12
///    is the staying-on rate and Y12→Y13 the sixth form's own ratio.
/// 4. Schools within each area (`SchoolProjection`), reconciled to the area.
/// 5. Special schools held at their last census.
public struct PlaceForecast: Equatable, Sendable {
    public let ladder: Ladder
    public let layout: PhaseLayout
    public let geography: Geography
    public let baseYear: Int
    public let horizon: Int
    public let settings: ForecastSettings
    public let shareMethod: RatioMethod
    /// Primary then secondary areas, on the whole ladder, each with its `yearGroups`.
    public let areas: [AreaForecast]
    /// Every school open in some year from the base year to the end of the horizon.
    public let schools: [SchoolForecast]
    /// Area code → `[h][g]` pupils no open school in the area could take (normally all 0).
    public let unallocated: [String: PupilGrid]
    public let transfer: TransferModel
    public let lastKnownBirthsYear: Int?

    /// Areas and schools by code, found once: lookups and each area's schools would otherwise
    /// scan every school, for every area, year and year group (n² at England's scale).
    private let areaPosition: [String: Int]
    private let schoolIndex: SchoolIndex

    public init(ladder: Ladder, layout: PhaseLayout, geography: Geography, baseYear: Int, horizon: Int, settings: ForecastSettings,
                shareMethod: RatioMethod, areas: [AreaForecast], schools: [SchoolForecast], unallocated: [String: PupilGrid],
                transfer: TransferModel, lastKnownBirthsYear: Int?) {
        self.ladder = ladder
        self.layout = layout
        self.geography = geography
        self.baseYear = baseYear
        self.horizon = horizon
        self.settings = settings
        self.shareMethod = shareMethod
        self.areas = areas
        self.schools = schools
        self.unallocated = unallocated
        self.transfer = transfer
        self.lastKnownBirthsYear = lastKnownBirthsYear
        var areaPosition: [String: Int] = [:]
        for (i, area) in areas.enumerated() where areaPosition[area.area.code] == nil { areaPosition[area.area.code] = i }
        self.areaPosition = areaPosition
        self.schoolIndex = SchoolIndex(schools.map(\.school))
    }

    public var years: ClosedRange<Int> { (baseYear + 1)...(baseYear + horizon) }

    public func area(_ code: String) -> AreaForecast? { areaPosition[code].map { areas[$0] } }
    public func school(_ code: String) -> SchoolForecast? { schoolIndex.position[code].map { schools[$0] } }
    /// One school's pupils in forecast year h, without copying its forecast.
    public func pupils(school code: String, h: Int, yearGroup g: Int) -> Double? {
        schoolIndex.position[code].map { schools[$0].pupils[h, g] }
    }
    /// The forecasts of the schools planned in an area, in `schools` order.
    public func schools(in area: String, _ kind: AreaKind) -> [SchoolForecast] {
        (schoolIndex.members[kind]?[area] ?? []).map { schools[$0] }
    }

    /// The area forecast as one `Forecast`, for the summary, area rows and backtests.
    public var areaForecast: Forecast {
        Forecast(ladder: ladder, baseYear: baseYear, horizon: horizon, settings: settings, areas: areas,
                 lastKnownBirthsYear: lastKnownBirthsYear)
    }
}

public enum PlacePlanning {
    /// - Parameter fitted: the transfer model fitted to this `history`, when the caller has it
    ///   already: a backtest fits each origin's once for all the methods it replays (the fit
    ///   reads the rolls alone, not the method). `nil` fits it here.
    public static func forecast(_ history: SchoolHistory, settings: ForecastSettings = .default,
                                shareMethod: RatioMethod = SchoolSettings.defaultShareMethod, horizon: Int,
                                transfer fitted: TransferModel? = nil) throws -> PlaceForecast {
        if let problem = SettingRule.horizon(horizon) { throw SettingProblems([problem]) }
        let layout = history.layout, ladder = history.ladder, base = history.lastYear
        let primaryGroups = layout.yearGroups(of: AreaKind.primary), secondaryGroups = layout.yearGroups(of: AreaKind.secondary)

        guard !history.geography.primaryAreas.isEmpty || !history.geography.secondaryAreas.isEmpty else {
            throw CohortSurvival.Failure.noAreas
        }
        // The transfer reads the rolls alone: it is fitted on a thread of its own meanwhile.
        let fitting = fitted == nil ? Parallel.Background { try TransferModel.fit(history) } : nil
        // 1. Primary areas (a plan may have only one geography: then the other is skipped).
        let primary = history.geography.primaryAreas.isEmpty ? nil
            : try CohortSurvival.forecast(history.areaHistory(.primary), settings: settings.central, horizon: horizon)
        let primaryAreas = (primary?.areas ?? []).map { embed($0, in: primaryGroups, ladder: ladder) }

        // 2. Transfer, and 3. secondary areas fed by it.
        let transfer = try fitted ?? fitting!.value()
        var year6: [String: [Int: Double]] = [:]
        for area in history.geography.primaryAreas {
            year6[area.code, default: [:]][base] = history.pupils(area: area.code, .primary, year: base, yearGroup: layout.transferFrom)
        }
        for area in primaryAreas {
            for (h, year) in area.years.enumerated() { year6[area.area.code, default: [:]][year] = area.pupils[h][layout.transferFrom] }
        }
        let secondary = history.geography.secondaryAreas.isEmpty ? nil
            : try CohortSurvival.forecast(history.areaHistory(.secondary), settings: settings.central, horizon: horizon) { area, year in
                transfer.year7(area.code) { year6[$0]?[year - 1] ?? 0 }
            }
        let secondaryAreas = (secondary?.areas ?? []).map { embed($0, in: secondaryGroups, ladder: ladder) }
        let areas = primaryAreas + secondaryAreas

        // 4. Schools, area by area (each area on its own: on every core); an all-through
        // school's two parts are put together.
        let areaJobs = primaryAreas.map { (kind: AreaKind.primary, forecast: $0) } + secondaryAreas.map { (kind: AreaKind.secondary, forecast: $0) }
        let projected = Parallel.map(areaJobs.count, infallible: { i in
            SchoolProjection(history: history, kind: areaJobs[i].kind, area: areaJobs[i].forecast.area.code, settings: settings,
                             shareMethod: shareMethod).project(areaPupils: areaJobs[i].forecast.pupils, horizon: horizon)
        })
        var parts: [String: [SchoolProjection.Part]] = [:]
        var unallocated: [String: PupilGrid] = [:]
        var areaNotes: [String: [String]] = [:]
        for (job, result) in zip(areaJobs, projected) {
            for part in result.parts { parts[part.school.code, default: []].append(part) }
            unallocated[job.forecast.area.code] = result.unallocated
            areaNotes[job.forecast.area.code] = result.notes
        }
        let years = Array((base + 1)...(base + horizon))
        let forecastSchools = history.schools.filter { school in (base...(base + horizon)).contains { school.isOpen(in: $0) } }
        // School by school, a block of schools on each core, in the history's order.
        let block = 256, partsBySchool = parts
        let schools = Parallel.map((forecastSchools.count + block - 1) / block, infallible: { b in
            forecastSchools[(b * block)..<min(forecastSchools.count, (b + 1) * block)].map { school -> SchoolForecast in
                if school.phase == .special {
                    let last = (0..<ladder.count).map { history.pupils(school: school.code, year: base, yearGroup: $0) }
                    return SchoolForecast(
                        school: school, years: years,
                        pupils: PupilGrid(years.map { school.isOpen(in: $0) ? last : Array(repeating: 0, count: ladder.count) }),
                        shares: [IntakeShare(kind: .primary, rule: .heldAtLastCensus, estimate: nil)], ratios: [],
                        rules: [ShareRule.heldAtLastCensus.description])
                }
                let mine = partsBySchool[school.code] ?? []
                // Nearly every school is in one area: its part is the school, kept as it is (its
                // arrays shared, not made again: a national plan has 20,000). Adding it to zeros
                // would change nothing but a negative zero, so a part with one is added up.
                if mine.count == 1, !mine[0].pupils.contains(where: { $0.contains { $0 == 0 && $0.sign == .minus } }) {
                    return SchoolForecast(school: school, years: years, pupils: mine[0].pupils, shares: [mine[0].share],
                                          ratios: mine[0].ratios, rules: mine[0].rules)
                }
                var grid = PupilGrid(years: horizon, yearGroups: ladder.count)
                for part in mine { for h in 0..<horizon { for g in 0..<ladder.count { grid[h][g] += part.pupils[h][g] } } }
                return SchoolForecast(school: school, years: years, pupils: grid, shares: mine.map(\.share),
                                      ratios: mine.flatMap(\.ratios), rules: mine.flatMap(\.rules))
            }
        }).flatMap { $0 }
        let notedAreas = areas.map { area in
            var copy = AreaForecast(area: area.area, years: area.years, pupils: area.pupils,
                                    notes: area.notes + (areaNotes[area.area.code] ?? []))
            copy.yearGroups = area.yearGroups
            return copy
        }
        return PlaceForecast(ladder: ladder, layout: layout, geography: history.geography, baseYear: base, horizon: horizon,
                             settings: settings, shareMethod: shareMethod, areas: notedAreas, schools: schools,
                             unallocated: unallocated, transfer: transfer, lastKnownBirthsYear: primary?.lastKnownBirthsYear)
    }

    /// An area forecast on a part of the ladder, put back on the whole ladder (0 elsewhere).
    static func embed(_ area: AreaForecast, in groups: ClosedRange<Int>, ladder: Ladder) -> AreaForecast {
        let pupils = PupilGrid(area.pupils.map { row in
            (0..<ladder.count).map { groups.contains($0) ? row[$0 - groups.lowerBound] : 0 }
        })
        var embedded = AreaForecast(area: area.area, years: area.years, pupils: pupils, notes: area.notes)
        embedded.yearGroups = groups
        return embedded
    }
}

/// How school-level forecasts are made (`[schools]` in plan.toml).
public enum SchoolSettings {
    /// A school's intake share moves with one year's preferences; the mean of three years damps
    /// a one-off year without lagging far behind a real change.
    public static let defaultShareMethod = RatioMethod.mean(years: 3)
}

extension PlaceForecast {
    /// The forecast in whole `1 / per` units (per = 10: tenths of a pupil), apportioned so that
    /// schools add up exactly to their area in every year group and year (`Apportion`).
    public struct Rounded: Equatable, Sendable {
        public let per: Int
        /// Every school's units in one array, school after school in the forecast's `schools`
        /// order, year by year, the ladder's year groups (a national plan has tens of thousands
        /// of schools: positions, not codes, find them): see `units(school:h:g:)`.
        public let schools: [Int]
        let horizon: Int, yearGroups: Int

        /// School `i`'s units in forecast year `h`, year group `g`.
        public func units(school i: Int, h: Int, g: Int) -> Int { schools[(i * horizon + h) * yearGroups + g] }
    }

    public func rounded(per: Int) -> Rounded {
        let groups = ladder.count, horizon = horizon
        var schoolUnits = [Int](repeating: 0, count: schools.count * horizon * groups)
        let areas = AreaKind.allCases.flatMap { kind in
            geography.areas(kind).compactMap { area in self.area(area.code).map { (kind: kind, forecast: $0) } }
        }
        // Each area's units are apportioned among its schools (and the part no school could
        // take) on their own, on every core, each area writing its members' units in its year
        // groups (an all-through school's other year groups are its other area's).
        schoolUnits.withUnsafeMutableBufferPointer { buffer in
            let units = Parallel.DisjointWrites(buffer)
            _ = Parallel.map(areas.count, infallible: { a in
                let kind = areas[a].kind, forecast = areas[a].forecast
                let members = schoolIndex.members[kind]?[forecast.area.code] ?? []
                let areaLeft = unallocated[forecast.area.code]
                var parts: [Double] = [], apportioner = Apportioner()
                for h in 0..<horizon {
                    for g in layout.yearGroups(of: kind) {
                        parts.removeAll(keepingCapacity: true)
                        for i in members { parts.append(schools[i].pupils[h][g]) }
                        parts.append(areaLeft?[h][g] ?? 0)
                        apportioner.split(parts, total: Apportion.units(forecast.pupils[h][g], per: per))
                        for (k, i) in members.enumerated() { units[(i * horizon + h) * groups + g] = apportioner.result[k] }
                    }
                }
            })
        }
        for (i, school) in schools.enumerated() where school.school.phase == .special {
            for h in 0..<horizon { for g in 0..<groups { schoolUnits[(i * horizon + h) * groups + g] = Apportion.units(school.pupils[h][g], per: per) } }
        }
        return Rounded(per: per, schools: schoolUnits, horizon: horizon, yearGroups: groups)
    }
}
