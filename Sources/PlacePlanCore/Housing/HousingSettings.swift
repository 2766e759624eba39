/// `[housing]` of plan.toml: the background rates of building, and what a developer is charged
/// for and at what cost per place (`ContributionCost`).
public struct HousingSettings: Equatable, Sendable {
    /// £ per place of a permanent expansion, by phase, at national average prices.
    public var costPerPlace: [PlacePhase: Double]
    /// £ per place of a new school, by phase, at national average prices.
    public var newSchoolCostPerPlace: [PlacePhase: Double]
    /// £ per specialist (SEND) and per early-years place, when the council gives its own; else
    /// derived from the primary rate (`sendCost`, `earlyYearsCost`), whatever sets that.
    public var sendCostPerPlace: Double?
    public var earlyYearsCostPerPlace: Double?
    /// Multiplies every cost: a region's location factor (`region`) or a figure of the council's own.
    public var regionalFactor: Double
    /// The region the factor is the DfE's for, when it was given by name.
    public var region: Region?
    /// The project that provides the places not provided: it prices them.
    public var mitigation: Mitigation
    /// Land for a new school, when the mitigation is one.
    public var land: LandCost?
    /// The council's build cost index, and the period the costs are priced at and priced to.
    public var index: CostIndex?
    /// Background completions a year by primary area, when given (otherwise estimated).
    public var background: [String: Double]
    /// Which year's places not provided a developer is charged for.
    public var chargeRule: ChargeRule
    /// Payments: each due when this share of the homes is occupied, for an equal part of the total.
    public var paymentTriggers: [Double]

    /// The year a developer contribution is charged for (`[housing] charge_rule`).
    public enum ChargeRule: String, CaseIterable, Sendable {
        /// The most places not provided in any forecast year: the development's full effect.
        case peak
        /// The places not provided in the year the site completes (its last completions).
        case completion

        public var description: String {
            switch self {
            case .peak: return "the most places not provided in any forecast year"
            case .completion: return "the places not provided in the year the site completes"
            }
        }
    }

    /// How the places a development needs are provided (`[housing] mitigation`).
    public enum Mitigation: String, CaseIterable, Sendable {
        /// More places at existing schools.
        case expansion
        /// A new school (its cost per place, and land when `land` is given); sites that together
        /// need it share it in proportion to their places not provided.
        case newSchool = "new_school"
    }

    public init(costPerPlace: [PlacePhase: Double] = Self.nationalCosts, regionalFactor: Double = 1, background: [String: Double] = [:],
                chargeRule: ChargeRule = .peak) {
        self.costPerPlace = costPerPlace
        self.newSchoolCostPerPlace = Self.newSchoolCosts(.dfe)
        self.sendCostPerPlace = nil
        self.earlyYearsCostPerPlace = nil
        self.regionalFactor = regionalFactor
        self.region = nil
        self.mitigation = .expansion
        self.land = nil
        self.index = nil
        self.background = background
        self.chargeRule = chargeRule
        self.paymentTriggers = [0.5]
    }

    /// The permanent-expansion rates of a set of project costs (by default the DfE national
    /// averages, `CostRates.dfe`): the places a development needs are permanent places.
    /// Sixth-form places are costed at the secondary rate (the scorecards give no separate figure).
    public static func permanentCosts(_ rates: CostRates) -> [PlacePhase: Double] {
        let primary = rates.perPlace(.permanent, .primary), secondary = rates.perPlace(.permanent, .secondary)
        return [.primary: primary, .secondary: secondary, .sixthForm: secondary]
    }

    /// The new-school rates of a set of project costs.
    public static func newSchoolCosts(_ rates: CostRates) -> [PlacePhase: Double] {
        let primary = rates.perPlace(.newSchool, .primary), secondary = rates.perPlace(.newSchool, .secondary)
        return [.primary: primary, .secondary: secondary, .sixthForm: secondary]
    }

    /// DfE national average cost per place of a permanent expansion (school places scorecards
    /// 2025, Q1-2026 prices, Explore Education Statistics): primary £21,014, secondary £28,902.
    public static let nationalCosts = permanentCosts(.dfe)

    /// A specialist place as a multiple of a mainstream primary place: the DfE publishes no
    /// figure; North Yorkshire Council's education contributions policy (2025/26) charges
    /// "4x cost of a mainstream primary place", London Councils (2018) found about 3×.
    public static let sendMultiple = 4.0

    public static let `default` = HousingSettings()

    /// A specialist place: the council's figure, else `sendMultiple` × the primary rate.
    public var sendCost: Double { sendCostPerPlace ?? Self.sendMultiple * (costPerPlace[.primary] ?? 0) }
    /// An early-years place: the council's figure, else a primary place.
    public var earlyYearsCost: Double { earlyYearsCostPerPlace ?? costPerPlace[.primary] ?? 0 }
}
