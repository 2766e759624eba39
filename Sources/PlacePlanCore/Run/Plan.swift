/// A plan folder once loaded and validated: its history, how to forecast from it, and what kind
/// of plan it is.
public struct Plan: Equatable, Sendable {
    public let name: String
    /// Area rolls and births. For a place plan: both geographies on the whole ladder, primary
    /// areas then secondary areas, each the sum of its schools.
    public private(set) var history: History
    /// `plan.toml`'s settings over the measured defaults.
    public let settings: ForecastSettings
    /// Years ahead forecast when the user does not say.
    public let horizon: Int
    public var kind: Kind
    /// Boundary changes the history was restated across (`area-changes.csv`), as applied.
    public var boundaryChanges: [AppliedBoundaryChange] = []
    /// Past EHC plans by area (`ehcp.csv` of a plan of areas): what the specialist backtest
    /// replays. A place plan's are in `places.specialist`.
    public var ehcp: EHCPHistory? = nil
    /// Past funded early-education counts by area (`early-years.csv` of a plan of areas): what
    /// the take-up backtest replays.
    public var takeUp: TakeUpHistory? = nil

    /// What a plan folder holds, and so what can be asked of it.
    public enum Kind: Equatable, Sendable {
        /// Rolls (and births) by area: forecasts by area and for the authority.
        case areas
        /// A Pupil Place Plan: schools with their places in primary and secondary planning
        /// areas (`schools.csv`), optionally with planned housing.
        case places(PlacePlanInputs)
    }

    public init(name: String, history: History, settings: ForecastSettings, horizon: Int, kind: Kind = .areas) {
        self.name = name
        self.history = history
        self.settings = settings
        self.horizon = horizon
        self.kind = kind
    }

    /// The plan as if it had no `applications.csv` (`--no-applications`), or itself when `keep`.
    public func applications(kept keep: Bool) -> Plan {
        guard !keep, history.applications != nil else { return self }
        var plain = self
        plain.history = history.withoutApplications
        return plain
    }

    /// The place plan's inputs, or `nil` for a plan of areas.
    public var places: PlacePlanInputs? {
        if case .places(let inputs) = kind { return inputs }
        return nil
    }

    /// The place plan's inputs, or an error that says what `purpose` needs and how to get it.
    public func requirePlaces(for purpose: String) throws -> PlacePlanInputs {
        guard let places else { throw PlanKindError(plan: name, purpose: purpose, missing: "schools.csv") }
        return places
    }

    /// The place plan's inputs with their places, or an error that says `purpose` needs them:
    /// a plan whose schools.csv gives no capacity forecasts but cannot set pupils against places.
    public func requireCapacity(for purpose: String) throws -> PlacePlanInputs {
        let places = try requirePlaces(for: purpose)
        guard places.capacityGiven else {
            throw PlanKindError(plan: name, purpose: purpose, missing: "net_capacity and pan in schools.csv")
        }
        return places
    }

    /// The plan itself, unless it is a place plan without places: what sets a place plan's
    /// pupils against places (the report) says so rather than show every area in deficit.
    public func requiringPlacesIfPlacePlan(for purpose: String) throws -> Plan {
        if places != nil { _ = try requireCapacity(for: purpose) }
        return self
    }

    /// The place plan's planned housing, or an error that says what `purpose` needs.
    public func requireHousing(for purpose: String) throws -> (PlacePlanInputs, HousingInput) {
        let places = try requirePlaces(for: purpose)
        guard let housing = places.housing else { throw PlanKindError(plan: name, purpose: purpose, missing: "housing.csv") }
        return (places, housing)
    }
}

/// What makes a plan a place plan: its schools, how their shares are summarised, the capacity
/// targets, planned housing and the cost of a place.
public struct PlacePlanInputs: Equatable, Sendable {
    public let schools: SchoolHistory
    /// Whether schools.csv gives every school's places (net capacity and PAN). Without them the
    /// plan forecasts schools and areas, but has no sufficiency to report.
    public var capacityGiven: Bool { schools.capacityGiven }
    /// How a school's intake share is summarised (`[schools] share_method`).
    public let shareMethod: RatioMethod
    /// Spare-capacity target and operating margin (`[capacity]`).
    public let targets: CapacityTargets
    /// Cost per place by phase and project type (`[costs]`): scenarios, the optimiser and
    /// developer contributions all price places from these.
    public let costs: CostRates
    /// Planned housing, yields and contribution settings (`housing.csv`), if any.
    public var housing: HousingInput?
    /// Past EHC plans and specialist provision (`ehcp.csv`, `specialist.csv`, `[specialist]`), if any.
    public var specialist: SpecialistInputs? = nil
    /// Early-years providers and take-up (`settings.csv`, `[early_years]`), if any.
    public var earlyYears: EarlyYearsInputs? = nil

    public init(schools: SchoolHistory, shareMethod: RatioMethod = SchoolSettings.defaultShareMethod,
                targets: CapacityTargets = .default, costs: CostRates = .dfe, housing: HousingInput? = nil) {
        self.schools = schools
        self.shareMethod = shareMethod
        self.targets = targets
        self.costs = costs
        self.housing = housing
    }
}

/// A command asked a plan for something its kind does not have.
public struct PlanKindError: Error, Equatable, CustomStringConvertible {
    public let plan: String
    public let purpose: String
    public let missing: String

    public var description: String {
        switch missing {
        case "schools.csv": return "\(plan) has no schools.csv: \(purpose) needs a place plan, made school by school (docs/place-plan.md)"
        case "net_capacity and pan in schools.csv":
            return "\(plan) has no \(missing): \(purpose) needs every school's places; add them, or forecast without them "
                + "(placeplan plan, placeplan forecast --level school, placeplan backtest)"
        case "ehcp.csv": return "\(plan) has no ehcp.csv: \(purpose) needs past counts of pupils with EHC plans (docs/specialist.md)"
        case "early-years.csv": return "\(plan) has no early-years.csv: \(purpose) needs past counts of children in funded places (docs/early-years.md)"
        default: return "\(plan) has no \(missing): \(purpose) needs planned housing (docs/housing.md)"
        }
    }
}
