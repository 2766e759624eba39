/// Forecasts the schools of one planning area and reconciles them to the area's forecast:
///
/// - entry year group: the school's share of the area's (`ShareRule`), the shares of the open
///   schools scaled to add up to 1 each year — so a closing school's pupils go to the others
///   and a new school takes its share from them;
/// - other year groups: last year's reconciled pupils × the school's own progression ratio
///   (or its area's, pooled, where it has none: `RatioSource`);
/// - then, year group by year group, every school is scaled by the same factor so that the
///   schools add up exactly to the area. Where no school has a projected pupil in a year group
///   the area has pupils in, they are spread by the schools' places in it; if no open school
///   teaches it, they are left unallocated and the plan says so.
struct SchoolProjection {
    let history: SchoolHistory
    let kind: AreaKind
    let area: String
    let settings: ForecastSettings
    let shareMethod: RatioMethod

    /// One school's part in this area (an all-through school has a part in each geography).
    struct Part {
        let school: School
        let pupils: PupilGrid
        let share: IntakeShare
        let ratios: [ProgressionRatio]
        let rules: [String]
    }

    struct Result {
        let parts: [Part]
        /// `[h][g]` pupils of the area that no school could take.
        let unallocated: PupilGrid
        let notes: [String]
    }

    var layout: PhaseLayout { history.layout }
    var baseYear: Int { history.lastYear }
    var groups: ClosedRange<Int> { layout.yearGroups(of: kind) }
    var entry: Int { groups.lowerBound }
    var ladder: Ladder { history.ladder }

    /// - Parameter areaPupils: the area's forecast, `[h][g]` over the whole ladder.
    func project(areaPupils: PupilGrid, horizon: Int) -> Result {
        let members = history.schools(in: area, kind)
        // Each school's rolls found once (by its code), not once per year and year group.
        let memberRolls = members.map { history.rolls[$0.code] }
        let areaEntry = (history.firstYear...baseYear).map { year in
            memberRolls.reduce(0.0) { $0 + ($1?.pupils(year: year, yearGroup: entry) ?? 0) }
        }
        let shares = members.indices.map { intakeShare(of: members[$0], rolls: memberRolls[$0], areaEntry: areaEntry) }
        let ratios = members.indices.map { i in
            groups.dropLast().filter { members[i].teaches($0 + 1, layout: layout) }
                .map { progression(of: memberRolls[i], from: $0, members: members) }
        }

        var previous = memberRolls.map { rolls in
            (0..<ladder.count).map { rolls?.pupils(year: baseYear, yearGroup: $0) ?? 0 }
        }
        var grids = Array(repeating: PupilGrid(), count: members.count)
        var unallocated = PupilGrid()
        var notes: [String] = []
        for h in 0..<horizon {
            let year = baseYear + h + 1
            var raw = Array(repeating: Array(repeating: 0.0, count: ladder.count), count: members.count)
            let entryShares = self.entryShares(members: members, shares: shares, year: year)
            for (i, school) in members.enumerated() where school.isOpen(in: year) {
                raw[i][entry] = entryShares[i] * areaPupils[h][entry]
                for ratio in ratios[i] {
                    raw[i][ratio.from + 1] = previous[i][ratio.from] * max(0, ratio.estimate?.value(at: year - 1) ?? 0)
                }
            }
            var left = Array(repeating: 0.0, count: ladder.count)
            for g in groups {
                let target = areaPupils[h][g]
                let total = raw.reduce(0) { $0 + $1[g] }
                if total > 0 {
                    for i in members.indices { raw[i][g] *= target / total }
                } else if target > 0 {
                    let places = members.map { Double($0.capacity(yearGroup: g, year: year, layout: layout)) }
                    let sum = places.reduce(0, +)
                    if sum > 0 {
                        for i in members.indices { raw[i][g] = target * places[i] / sum }
                        notes.append("\(ladder.yearGroups[g]) in \(year): no school's own projection had pupils; "
                            + "the area's \(Self.whole(target)) spread by the schools' places")
                    } else {
                        left[g] = target
                        notes.append("\(ladder.yearGroups[g]) in \(year): no open school teaches it; "
                            + "\(Self.whole(target)) pupils have no school in the area")
                    }
                }
            }
            for i in members.indices { grids[i].append(raw[i]) }
            unallocated.append(left)
            previous = raw
        }

        let parts = members.enumerated().map { i, school in
            Part(school: school, pupils: grids[i], share: shares[i], ratios: ratios[i],
                 rules: rules(for: school, share: shares[i], ratios: ratios[i], horizon: horizon))
        }
        return Result(parts: parts, unallocated: unallocated, notes: notes)
    }

    // MARK: - Intake shares

    func intakeShare(of school: School, rolls: SchoolRolls?, areaEntry: [Double]) -> IntakeShare {
        var observations: [(year: Int, ratio: Double)] = []
        if let rolls {
            for year in rolls.years where year <= baseYear {
                let total = areaEntry[year - history.firstYear]
                if total > 0, let own = rolls.pupils(year: year, yearGroup: entry) { observations.append((year, own / total)) }
            }
        }
        guard let latest = observations.max(by: { $0.year < $1.year }) else {
            return IntakeShare(kind: kind, rule: .admissionNumber, estimate: nil)
        }
        // A new school fills up over its first years: a mean over them would pull its share
        // down, so until it has twice the method's years of intake its latest share is used.
        let openedWithinHistory = school.opened.map { $0 > history.firstYear } ?? false
        if openedWithinHistory && observations.count < 2 * shareMethod.years {
            return IntakeShare(kind: kind, rule: .latest(yearsOpen: observations.count), estimate: .constant(latest.ratio))
        }
        return IntakeShare(kind: kind, rule: .history(shareMethod, years: min(shareMethod.years, observations.count)),
                           estimate: shareMethod.estimate(from: observations))
    }

    /// Each open school's share of the area's entry year group in `year`, adding up to 1.
    func entryShares(members: [School], shares: [IntakeShare], year: Int) -> [Double] {
        let open = members.map { $0.isOpen(in: year) }
        let admission = members.map { Double($0.places(yearGroup: entry, layout: layout)) }
        let admissionTotal = members.indices.reduce(0.0) { open[$1] ? $0 + admission[$1] : $0 }
        var result = Array(repeating: 0.0, count: members.count)
        var reserved = 0.0, historical = 0.0
        for i in members.indices where open[i] {
            if let estimate = shares[i].estimate {
                result[i] = max(0, estimate.value(at: year))
                historical += result[i]
            } else if admissionTotal > 0 {
                result[i] = admission[i] / admissionTotal
                reserved += result[i]
            }
        }
        if historical > 0 {
            for i in members.indices where open[i] && shares[i].estimate != nil { result[i] *= (1 - reserved) / historical }
        } else if admissionTotal > 0 {
            // Nobody has a history: every open school by its admission number.
            for i in members.indices { result[i] = open[i] ? admission[i] / admissionTotal : 0 }
        }
        return result
    }

    // MARK: - Progression ratios

    /// - Parameter rolls: the school's own rolls (`nil` before its first census).
    func progression(of rolls: SchoolRolls?, from g: Int, members: [School]) -> ProgressionRatio {
        var own: [(year: Int, ratio: Double)] = []
        if let rolls {
            for t in rolls.years where t < baseYear {
                guard let from = rolls.pupils(year: t, yearGroup: g), from > 0,
                      let to = rolls.pupils(year: t + 1, yearGroup: g + 1) else { continue }
                own.append((t, to / from))
            }
        }
        if let estimate = settings.method.estimate(from: own) {
            return ProgressionRatio(from: g, estimate: estimate, source: .own(years: min(settings.method.years, own.count)))
        }
        if let pooled = pooledRatio(from: g, among: members) {
            return ProgressionRatio(from: g, estimate: pooled, source: .area)
        }
        let everyone = history.schools.filter { $0.area(kind) != nil }
        if let pooled = pooledRatio(from: g, among: everyone) {
            return ProgressionRatio(from: g, estimate: pooled, source: .authority)
        }
        return ProgressionRatio(from: g, estimate: nil, source: .none)
    }

    /// The ratio of a group of schools that teach year group g + 1, pooled year by year
    /// (Σ pupils moving up / Σ pupils before), summarised by the plan's method.
    func pooledRatio(from g: Int, among schools: [School]) -> RatioEstimate? {
        var observations: [(year: Int, ratio: Double)] = []
        for t in history.firstYear..<max(history.firstYear, baseYear) {
            var from = 0.0, to = 0.0
            for school in schools where school.teaches(g + 1, layout: layout) {
                guard let rolls = history.rolls[school.code], let before = rolls.pupils(year: t, yearGroup: g), before > 0,
                      let after = rolls.pupils(year: t + 1, yearGroup: g + 1) else { continue }
                from += before
                to += after
            }
            if from > 0 { observations.append((t, to / from)) }
        }
        return settings.method.estimate(from: observations)
    }

    // MARK: - Rules in words

    func rules(for school: School, share: IntakeShare, ratios: [ProgressionRatio], horizon: Int) -> [String] {
        let prefix = school.phase == .allThrough ? "\(kind.rawValue): " : ""
        var rules: [String] = []
        if let opened = school.opened, opened > baseYear {
            rules.append(prefix + "opens \(opened) with \(ladder.yearGroups[entry]) only, a year group a year; "
                + share.rule.description)
        } else if let opened = school.opened, opened > history.firstYear {
            rules.append(prefix + "opened \(opened); " + share.rule.description)
        } else {
            rules.append(prefix + share.rule.description)
        }
        if let closed = school.closed, closed > baseYear, closed <= baseYear + horizon {
            rules.append(prefix + "closes \(closed): its pupils go to the area's other schools")
        }
        for (source, words) in [(RatioSource.area, "from the area's schools"), (.authority, "from all schools"),
                                (.none, "unknown anywhere: nobody moves up")] {
            let steps = ratios.filter { $0.source == source }.map { "\(ladder.yearGroups[$0.from])→\(ladder.yearGroups[$0.from + 1])" }
            if !steps.isEmpty {
                rules.append(prefix + "\(steps.joined(separator: ", ")) ratio\(steps.count == 1 ? "" : "s") \(words) (no history at the school)")
            }
        }
        return rules
    }

    static func whole(_ x: Double) -> String { String(Int(x.rounded())) }
}
