/// How a ladder divides into the parts a place plan is organised by, and which geography
/// plans each part:
///
/// - primary year groups (Reception–Y6), fed by births, planned in primary planning areas;
/// - secondary year groups (Y7–Y11), fed by transfer from primary, planned in secondary
///   planning areas;
/// - the sixth form (Y12–Y13, optional), fed by staying on, planned with secondary.
///
/// Read from the ladder's phases named `primary`, `secondary` and `sixth form`, which must
/// follow one another and cover the whole ladder: the England ladder does.
public struct PhaseLayout: Equatable, Sendable {
    public let primary: ClosedRange<Int>
    public let secondary: ClosedRange<Int>
    public let sixthForm: ClosedRange<Int>?

    public static let requirement = "phases named primary, secondary and (optionally) \"sixth form\", "
        + "one after another from the entry year group to the end of the ladder, e.g. primary = [\"R\", \"Y6\"], "
        + "secondary = [\"Y7\", \"Y11\"], \"sixth form\" = [\"Y12\", \"Y13\"]"

    public init(primary: ClosedRange<Int>, secondary: ClosedRange<Int>, sixthForm: ClosedRange<Int>?) {
        self.primary = primary
        self.secondary = secondary
        self.sixthForm = sixthForm
    }

    /// `nil` when the ladder's phases do not have this shape.
    public init?(ladder: Ladder) {
        func range(_ name: String) -> ClosedRange<Int>? {
            ladder.phases.first { $0.name.lowercased() == name }.flatMap { ladder.indices(of: $0) }
        }
        guard let primary = range("primary"), let secondary = range("secondary"),
              primary.lowerBound == 0, secondary.lowerBound == primary.upperBound + 1 else { return nil }
        let sixthForm = range("sixth form")
        if let sixthForm {
            guard sixthForm.lowerBound == secondary.upperBound + 1, sixthForm.upperBound == ladder.count - 1 else { return nil }
        } else {
            guard secondary.upperBound == ladder.count - 1 else { return nil }
        }
        self.init(primary: primary, secondary: secondary, sixthForm: sixthForm)
    }

    /// Every year group planned in secondary planning areas: secondary and sixth form.
    public var secondaryArea: ClosedRange<Int> { secondary.lowerBound...(sixthForm?.upperBound ?? secondary.upperBound) }
    /// The last primary year group (Y6), whose pupils transfer…
    public var transferFrom: Int { primary.upperBound }
    /// …into the first secondary year group (Y7).
    public var transferTo: Int { secondary.lowerBound }

    /// The year groups planned in an area of this kind.
    public func yearGroups(of kind: AreaKind) -> ClosedRange<Int> { kind == .primary ? primary : secondaryArea }

    /// The year groups of a phase of the plan (`nil` for special schools, which have none).
    public func yearGroups(of phase: PlacePhase) -> ClosedRange<Int>? {
        switch phase {
        case .primary: return primary
        case .secondary: return secondary
        case .sixthForm: return sixthForm
        case .special: return nil
        }
    }

    public func phase(of g: Int) -> PlacePhase {
        if primary.contains(g) { return .primary }
        if secondary.contains(g) { return .secondary }
        return .sixthForm
    }

    public func areaKind(of g: Int) -> AreaKind { primary.contains(g) ? .primary : .secondary }

    /// The phases of the plan in order, those this layout has.
    public var phases: [PlacePhase] { [.primary, .secondary] + (sixthForm == nil ? [] : [.sixthForm]) }
}

/// The two geographies of a place plan.
public enum AreaKind: String, CaseIterable, Sendable {
    case primary, secondary
}

/// The parts of a place plan that capacity is counted in: each is planned in one kind of area
/// (special schools serve the whole authority).
public enum PlacePhase: String, CaseIterable, Sendable, Comparable {
    case primary
    case secondary
    case sixthForm = "sixth form"
    case special

    public var name: String { rawValue }

    /// The kind of planning area this phase is planned in; `nil` for special schools.
    public var areaKind: AreaKind? {
        switch self {
        case .primary: return .primary
        case .secondary, .sixthForm: return .secondary
        case .special: return nil
        }
    }

    private var order: Int { Self.allCases.firstIndex(of: self)! }
    public static func < (lhs: PlacePhase, rhs: PlacePhase) -> Bool { lhs.order < rhs.order }
}
