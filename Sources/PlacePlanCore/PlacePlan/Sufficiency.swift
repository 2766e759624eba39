/// Targets for spare places, from `[capacity]` in plan.toml.
public struct CapacityTargets: Equatable, Sendable {
    /// Spare capacity above this share of places is flagged as too much (the reference council
    /// aims for no more than 5%).
    public var spareTarget: Double
    /// Spare capacity below this share is flagged as too little to give parents a choice and
    /// in-year movers a place (planners keep 2–5%).
    public var operatingMargin: Double

    public init(spareTarget: Double = 0.05, operatingMargin: Double = 0.02) {
        self.spareTarget = spareTarget
        self.operatingMargin = operatingMargin
    }

    public static let `default` = CapacityTargets()
}

public enum SufficiencyFlag: String, Sendable {
    /// More pupils than places.
    case deficit
    /// Places for everyone, but less spare than the operating margin.
    case belowMargin = "below margin"
    /// More spare places than the target.
    case aboveTarget = "above target"
}

/// Places against pupils for a school, an area or the authority, in one phase and year. All
/// whole numbers, so that every level adds up exactly.
public struct Sufficiency: Equatable, Sendable {
    /// Net capacity (the part for this phase).
    public let capacity: Int
    public let pupils: Int
    /// DfE places needed: Σ over year groups of max(0, pupils − places in that year group),
    /// never offset by spare places in another year group (or, summed, another area).
    /// `nil` for schools, which the DfE measure is not counted for.
    public let placesNeeded: Int?

    public init(capacity: Int, pupils: Int, placesNeeded: Int?) {
        self.capacity = capacity
        self.pupils = pupils
        self.placesNeeded = placesNeeded
    }

    /// Spare places; negative = deficit.
    public var surplus: Int { capacity - pupils }
    /// Spare places as a share of capacity; `nil` without capacity.
    public var spare: Double? { capacity > 0 ? Double(surplus) / Double(capacity) : nil }

    public func flag(_ targets: CapacityTargets) -> SufficiencyFlag? {
        if pupils > capacity { return .deficit }
        guard let spare else { return nil }
        if spare < targets.operatingMargin { return .belowMargin }
        if spare > targets.spareTarget { return .aboveTarget }
        return nil
    }

    public static func + (a: Sufficiency, b: Sufficiency) -> Sufficiency {
        Sufficiency(capacity: a.capacity + b.capacity, pupils: a.pupils + b.pupils,
                    placesNeeded: a.placesNeeded.map { $0 + (b.placesNeeded ?? 0) } ?? b.placesNeeded)
    }

    public static let zero = Sufficiency(capacity: 0, pupils: 0, placesNeeded: nil)
}
