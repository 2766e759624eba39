/// How children become early-years places (`[early_years]` in plan.toml): who is eligible, how
/// many take up each funded entitlement, and how hours make places.
public struct EarlyYearsSettings: Equatable, Sendable {
    /// Children of a single age as a share of their cohort's births (migration and deaths since
    /// birth, like an intake ratio); 1 ages births forward unchanged.
    public var survival: Double
    /// Share of all two-year-olds in a funded place (the offer is for the most disadvantaged).
    public var twoYearOldTakeUp: Double
    /// Share of three- and four-year-olds taking the universal 15 hours.
    public var universalTakeUp: Double
    /// Share of three- and four-year-olds also taking the extended 15 hours (working parents).
    public var extendedTakeUp: Double
    /// Hours a week of each entitlement.
    public var hoursPerEntitlement: Double
    /// Hours a week one place provides (a place open 30 hours a week takes two children on 15).
    public var hoursPerPlace: Double
    /// Share of four-year-olds (the Reception year's cohort) in a Reception class: their place is
    /// a school place, already in the primary forecast.
    public var fourYearOldsInSchool: Double

    public init(survival: Double = 1, twoYearOldTakeUp: Double = Self.englandTwoYearOlds, universalTakeUp: Double = Self.englandUniversal,
                extendedTakeUp: Double = Self.englandExtended, hoursPerEntitlement: Double = 15, hoursPerPlace: Double = 30,
                fourYearOldsInSchool: Double = 1) {
        self.survival = survival
        self.twoYearOldTakeUp = twoYearOldTakeUp
        self.universalTakeUp = universalTakeUp
        self.extendedTakeUp = extendedTakeUp
        self.hoursPerEntitlement = hoursPerEntitlement
        self.hoursPerPlace = hoursPerPlace
        self.fourYearOldsInSchool = fourYearOldsInSchool
    }

    public static let `default` = EarlyYearsSettings()

    // England, January 2024 (academic year 2023/24), from `Data/england/early-years.csv` and
    // births.csv (`Scripts/make-early-years-data.py` prints them): funded two-year-olds ÷ the
    // births of their cohort, 0.1993; funded three- and four-year-olds ÷ the births of their two
    // cohorts, 0.9588 (the DfE counts four-year-olds in Reception classes among them, so this is
    // a rate per child). January 2025's two-year-olds (0.16) are a new entitlement's first count.
    public static let englandTwoYearOlds = 0.20
    public static let englandUniversal = 0.96
    /// Not in the bundled data: the DfE (Education provision: children under 5, 2024) reports
    /// over four in five eligible children taking the 30 hours; a quarter of all three- and
    /// four-year-olds is this model's assumption of the eligible share taking it. Set it from the
    /// authority's own early years census (`extended_take_up`).
    public static let englandExtended = 0.25

    public static let shareRange = 0.0...1.0
    public static let survivalRange = 0.5...1.5
    public static let hoursRange = 1.0...60.0
}

/// An early-years provider (a nursery, pre-school, childminder or school nursery class) and its
/// funded places (`settings.csv`).
public struct EarlyYearsProvider: Equatable, Sendable {
    public let code: String
    public let name: String
    /// The primary planning area it is in.
    public let area: String
    public let places: Int
    public let opened: Int?
    public let closed: Int?

    public init(code: String, name: String, area: String, places: Int, opened: Int? = nil, closed: Int? = nil) {
        self.code = code
        self.name = name
        self.area = area
        self.places = places
        self.opened = opened
        self.closed = closed
    }

    public func isOpen(in year: Int) -> Bool {
        (opened.map { year >= $0 } ?? true) && (closed.map { year < $0 } ?? true)
    }
}

/// A place plan's early-years inputs.
public struct EarlyYearsInputs: Equatable, Sendable {
    public var settings: EarlyYearsSettings
    public var providers: [EarlyYearsProvider]

    public init(settings: EarlyYearsSettings = .default, providers: [EarlyYearsProvider]) {
        self.settings = settings
        self.providers = providers
    }
}
