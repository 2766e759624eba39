/// A capital programme scenario: changes on top of the baseline place plan: expansions, bulge classes, new schools, closures.
///
/// A scenario changes places (expansions, bulge classes, new schools, closures, PAN reductions)
/// and, where it should, where pupils go (a new school draws its intake from its area; a share of
/// an area's intake can move to a school). It never changes how many pupils there are, unless it
/// changes births.
public struct Scenario: Equatable, Sendable {
    /// Short name: the scenario file's name without `.toml`.
    public let name: String
    /// What it is, for people (`title` in the file; the name if none).
    public let title: String
    public let changes: [ScenarioChange]

    public init(name: String, title: String? = nil, changes: [ScenarioChange]) {
        self.name = name
        self.title = title ?? name
        self.changes = changes
    }
}

/// One change of a scenario, with where it was written (for messages and output).
public struct ScenarioChange: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        /// A permanent change of admission number: `placesPerYearGroup` (30 = +1FE; negative = a PAN
        /// reduction) from `from`, in the school's primary or secondary year groups (`part`).
        /// Phased: the entry year group in `from`, one year group more each year until full size.
        case permanent(school: String, placesPerYearGroup: Int, from: Int, phased: Bool, part: AreaKind)
        /// A one-off class of `classSize` places in `yearGroup` in `year`, moving up a year group a
        /// year and leaving after the last year group of its phase at the school.
        case bulge(school: String, year: Int, yearGroup: Int, classSize: Int)
        /// A new school: opens in `school.opened` with `yearGroupsAtOpening` year groups from the
        /// entry one and adds `growth` year groups a year.
        case newSchool(School, yearGroupsAtOpening: Int, growth: Int)
        /// The school is no longer open from `year` (its pupils go to the area's other schools).
        case closure(school: String, year: Int)
        /// Births of the cohorts entering Reception from `from` are `percent` % higher (lower if
        /// negative): their pupils through every year group, Year 7 by the transfer shares.
        case births(percent: Double, from: Int)
        /// `share` of the entry year group of `area` (Reception or Year 7) goes to `school` from
        /// `from`, and stays with it as it moves up.
        case preference(area: String, school: String, share: Double, from: Int)
        /// A housing site of `housing.csv` built `delay` years later (earlier if negative) and at
        /// `scale` times its dwellings (0 = removed): what if it slips, shrinks or never comes?
        case housing(site: String, delay: Int, scale: Double)
        /// Specialist places: a resourced base at a mainstream school, or places at a special
        /// school, from a year (planned against pupils with EHC plans, not an area's pupils).
        case specialist(SpecialistAddition)
    }

    public let kind: Kind
    /// A total cost given for the project, instead of places × cost per place.
    public let cost: Double?
    /// Where it was written, e.g. "scenarios/expand.toml, line 4".
    public let source: String
    /// A candidate project (`placeplan optimise`): the latest year it may start; its start year in
    /// the change (`from`, `year`, `opens`) is the earliest. `nil`: that year only.
    public let latest: Int?

    public init(_ kind: Kind, cost: Double? = nil, source: String = "", latest: Int? = nil) {
        self.kind = kind
        self.cost = cost
        self.source = source
        self.latest = latest
    }

    /// A change that starts after the forecast's last year: it would be costed and change nothing.
    public struct AfterForecast: Error, CustomStringConvertible {
        public let change: ScenarioChange
        public let lastYear: Int
        public init(change: ScenarioChange, lastYear: Int) {
            self.change = change
            self.lastYear = lastYear
        }

        public var message: String {
            "it starts in \(AcademicYear.text(change.start)), after the forecast's last year (\(AcademicYear.text(lastYear))), "
                + "so it would be costed but change no figure"
        }
        public var fix: String {
            "give a year up to \(lastYear), or a longer --horizon (at most \(SettingRule.horizonRange.upperBound) years)"
        }
        public var description: String { "\(change.source.isEmpty ? "a scenario change" : change.source): \(message)\n  fix: \(fix)" }
    }

    /// The year the change starts.
    public var start: Int {
        switch kind {
        case let .permanent(_, _, from, _, _): return from
        case let .bulge(_, year, _, _): return year
        case let .newSchool(school, _, _): return school.opened ?? 0
        case let .closure(_, year): return year
        case let .births(_, from): return from
        case let .preference(_, _, _, from): return from
        case .housing: return 0  // it moves the site's own years, not a start of its own
        case let .specialist(addition): return addition.from
        }
    }

    /// The same change starting in `year` instead.
    public func starting(in year: Int) -> ScenarioChange {
        let moved: Kind
        switch kind {
        case let .permanent(school, places, _, phased, part): moved = .permanent(school: school, placesPerYearGroup: places, from: year, phased: phased, part: part)
        case let .bulge(school, _, g, size): moved = .bulge(school: school, year: year, yearGroup: g, classSize: size)
        case let .newSchool(s, atOpening, growth):
            moved = .newSchool(School(code: s.code, name: s.name, phase: s.phase, primaryArea: s.primaryArea, secondaryArea: s.secondaryArea,
                                      capacity: s.capacity, opened: year), yearGroupsAtOpening: atOpening, growth: growth)
        case let .closure(school, _): moved = .closure(school: school, year: year)
        case let .births(percent, _): moved = .births(percent: percent, from: year)
        case let .preference(area, school, share, _): moved = .preference(area: area, school: school, share: share, from: year)
        case .housing: moved = kind
        case let .specialist(a): moved = .specialist(SpecialistAddition(placement: a.placement, school: a.school, places: a.places, from: year))
        }
        return ScenarioChange(moved, cost: cost, source: source, latest: latest)
    }
}

/// The kinds of capital project a place is costed by.
public enum ProjectType: String, CaseIterable, Sendable {
    case permanent = "permanent expansion"
    case newSchool = "new school"
    case temporary = "temporary (bulge class)"
    case specialist = "specialist place"
}

/// Cost per place by phase and project type (`[costs]` in plan.toml). The defaults are the DfE's
/// national averages (2025 scorecards, Q1-2026 prices).
public struct CostRates: Equatable, Sendable {
    public var primary: [ProjectType: Double]
    public var secondary: [ProjectType: Double]
    /// A specialist place (special school or resourced base), when `[costs] specialist` gives
    /// it; else `specialistMultiple` × a primary permanent-expansion place.
    public var specialistGiven: Double? = nil

    public init(primary: [ProjectType: Double] = Self.dfePrimary, secondary: [ProjectType: Double] = Self.dfeSecondary) {
        self.primary = primary
        self.secondary = secondary
    }

    public static let dfePrimary: [ProjectType: Double] = [.permanent: 21_014, .newSchool: 25_089, .temporary: 9_935]
    public static let dfeSecondary: [ProjectType: Double] = [.permanent: 28_902, .newSchool: 30_394, .temporary: 11_153]
    public static let dfe = CostRates()

    /// The DfE publishes no cost of a specialist place: the developer contributions' multiple
    /// of a primary place (`HousingSettings.sendMultiple`), one figure for both.
    public static var specialistMultiple: Double { HousingSettings.sendMultiple }

    /// £ per specialist place.
    public var specialist: Double { specialistGiven ?? Self.specialistMultiple * (primary[.permanent] ?? 0) }

    /// Per place; the sixth form is costed as secondary.
    public func perPlace(_ type: ProjectType, _ kind: AreaKind) -> Double {
        if type == .specialist { return specialist }
        return (kind == .primary ? primary : secondary)[type] ?? 0
    }
}
