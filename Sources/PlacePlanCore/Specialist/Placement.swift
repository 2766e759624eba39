/// Where a child with an EHC plan is educated: the placement types of the DfE's SEN2 return,
/// grouped as a place planner provides for them.
public enum Placement: String, CaseIterable, Sendable, Comparable {
    /// State-funded special schools (maintained, academy, free school, non-maintained).
    case specialSchool = "special-school"
    /// Resourced provision and SEN units: specialist places in a mainstream school.
    case resourcedProvision = "resourced-provision"
    /// A mainstream class with support: a mainstream place, already in the mainstream forecast.
    case mainstream
    /// Independent and out-of-authority schools and specialist providers.
    case independent
    /// Further education, alternative provision, early years, education elsewhere.
    case other

    /// The placements the authority provides specialist places for (and so plans).
    public static let planned: [Placement] = [.specialSchool, .resourcedProvision]

    public var label: String {
        switch self {
        case .specialSchool: return "special school"
        case .resourcedProvision: return "resourced provision"
        case .mainstream: return "mainstream with support"
        case .independent: return "independent / out of authority"
        case .other: return "other (FE, alternative provision, elsewhere)"
        }
    }

    /// `special_school` in plan.toml.
    public var tomlKey: String { rawValue.replacingOccurrences(of: "-", with: "_") }

    private var order: Int { Self.allCases.firstIndex(of: self)! }
    public static func < (a: Placement, b: Placement) -> Bool { a.order < b.order }
}

/// The share of pupils with EHC plans in each placement; the shares add up to 1.
public struct PlacementShares: Equatable, Sendable {
    public let shares: [Placement: Double]

    /// `nil` unless every share is from 0 to 1 and they add up to 1 (to within 0.001, so that
    /// shares written to three decimals are accepted).
    public init?(_ shares: [Placement: Double]) {
        let full = Dictionary(uniqueKeysWithValues: Placement.allCases.map { ($0, shares[$0] ?? 0) })
        guard full.values.allSatisfy({ (0...1).contains($0) }), abs(full.values.reduce(0, +) - 1) <= Self.tolerance else { return nil }
        self.shares = full
    }

    public static let tolerance = 0.001

    public subscript(placement: Placement) -> Double { shares[placement] ?? 0 }

    /// England, January 2022: all 473,255 EHC plans by the type of their establishment (DfE
    /// SEN2 2022, `sen2_estab_caseload.csv`, national; `Data/england/ehcp-placements.csv`, year
    /// 2021, made by `Scripts/make-send-data.py`, which prints how each type was classed).
    public static let england = PlacementShares(englandShares)!
    static let englandShares: [Placement: Double] = [
        .specialSchool: 0.30481, .resourcedProvision: 0.04498, .mainstream: 0.34891, .independent: 0.07097, .other: 0.23033,
    ]
}
