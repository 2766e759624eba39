/// A development's cost per place, built up as a planning inspector would check it: the
/// national average for the project that provides the place, × the region's location factor,
/// × the build cost index from the costs' price date to the date priced, + land for a new school.
public struct ContributionCost: Equatable, Sendable {
    /// £ per place at national average prices, for the project.
    public let national: Double
    public let regionalFactor: Double
    /// Index at the period priced ÷ index at the costs' base period (1 without an index).
    public let indexFactor: Double
    /// £ of land per place (a new school only).
    public let landPerPlace: Double
    /// What the national figure is: "permanent expansion", "new school", "SEND place", "early-years place".
    public let project: String

    /// The building alone: the national average priced for the region and the period.
    public var buildPerPlace: Double { national * regionalFactor * indexFactor }
    public var perPlace: Double { buildPerPlace + landPerPlace }
}

extension HousingSettings {
    /// The cost per place of `phase`'s places not provided (nil: the phase is not charged).
    public func cost(_ phase: YieldPhase) -> ContributionCost? {
        let national: Double?, project: String
        var land = 0.0
        switch phase {
        case .earlyYears: (national, project) = (earlyYearsCost, "early-years place")
        case .send: (national, project) = (sendCost, "specialist (SEND) place")
        case .primary, .secondary, .post16:
            let place = phase.placePhase!
            switch mitigation {
            case .expansion: (national, project) = (costPerPlace[place], "permanent expansion")
            case .newSchool:
                (national, project) = (newSchoolCostPerPlace[place], "new school")
                land = self.land?.perPlace(place) ?? 0
            }
        }
        guard let national else { return nil }
        return ContributionCost(national: national, regionalFactor: regionalFactor, indexFactor: index?.factor ?? 1,
                                landPerPlace: land, project: project)
    }
}

/// Land for a new school: site area per form of entry (a form of entry is 30 places in each of
/// the phase's year groups) × the value of a hectare. The DfE's area guidelines for schools
/// (BB103) set site areas; the council gives its own figures, as land values are local.
public struct LandCost: Equatable, Sendable {
    public let hectaresPerFormOfEntry: [PlacePhase: Double]
    public let valuePerHectare: Double

    public init(hectaresPerFormOfEntry: [PlacePhase: Double], valuePerHectare: Double) {
        self.hectaresPerFormOfEntry = hectaresPerFormOfEntry
        self.valuePerHectare = valuePerHectare
    }

    /// Places in one form of entry: 30 a year group over the phase (210 primary, 150 secondary, 60 sixth form).
    public static func placesPerFormOfEntry(_ phase: PlacePhase) -> Double {
        switch phase {
        case .primary: return 210
        case .secondary: return 150
        case .sixthForm: return 60
        case .special: return 0
        }
    }

    public func perPlace(_ phase: PlacePhase) -> Double {
        let places = Self.placesPerFormOfEntry(phase)
        guard places > 0, let hectares = hectaresPerFormOfEntry[phase] else { return 0 }
        return hectares * valuePerHectare / places
    }
}

/// A build cost index (BCIS-style) the council supplies: a value per period, periods in order
/// with no gaps, and the period the cost figures are priced at and the one to price them to.
public struct CostIndex: Equatable, Sendable {
    public struct Point: Equatable, Sendable {
        public let period: String
        public let value: Double
        public init(period: String, value: Double) { self.period = period; self.value = value }
    }

    public let points: [Point]
    /// The period the cost figures are priced at (the DfE 2025 scorecards: 2026Q1).
    public let base: String
    /// The period to price at (default: the index's latest).
    public let target: String

    public init(points: [Point], base: String, target: String) {
        self.points = points
        self.base = base
        self.target = target
    }

    public func value(_ period: String) -> Double? { points.first { $0.period == period }?.value }
    public var factor: Double { (value(target) ?? 1) / (value(base) ?? 1) }
}

/// England's regions and the DfE's location factors for school building costs (school places
/// scorecards, technical notes: the factors applied to the national average cost per place).
public enum Region: String, CaseIterable, Sendable {
    case innerLondon = "Inner London"
    case outerLondon = "Outer London"
    case southEast = "South East"
    case eastMidlands = "East Midlands"
    case southWest = "South West"
    case northWest = "North West"
    case eastOfEngland = "East of England"
    case westMidlands = "West Midlands"
    case northEast = "North East"
    case yorkshireAndTheHumber = "Yorkshire and the Humber"

    public var locationFactor: Double {
        switch self {
        case .innerLondon: return 1.29
        case .outerLondon: return 1.21
        case .southEast: return 1.13
        case .eastMidlands: return 1.03
        case .southWest: return 1.01
        case .northWest: return 1.00
        case .eastOfEngland: return 0.99
        case .westMidlands: return 0.96
        case .northEast, .yorkshireAndTheHumber: return 0.91
        }
    }
}
