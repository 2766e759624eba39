/// What kind of school: which year groups it teaches and so which areas it is planned in.
public enum SchoolPhase: String, CaseIterable, Sendable {
    /// Reception–Y6, in a primary planning area.
    case primary
    /// Y7–Y11 (and a sixth form if it has sixth-form places), in a secondary planning area.
    case secondary
    /// Reception–Y11 (and a sixth form): its primary year groups in a primary planning area,
    /// the rest in a secondary planning area.
    case allThrough = "all-through"
    /// Every year group; places follow pupils' needs (education, health and care plans), not
    /// births, so special schools are counted at authority level and not in any area's forecast.
    case special
}

/// A school: where it is, what it teaches, its places, and when it is open.
public struct School: Hashable, Sendable {
    public let code: String
    public let name: String
    public let phase: SchoolPhase
    /// The primary planning area (primary and all-through schools).
    public let primaryArea: String?
    /// The secondary planning area (secondary and all-through schools; for a primary school,
    /// where it lies, which the plan does not need).
    public let secondaryArea: String?
    public let capacity: SchoolCapacity
    /// The first academic year it is open, if it opened (or opens) within memory of the plan.
    public let opened: Int?
    /// The first academic year it is no longer open (closed = 2018: its last census is 2017/18).
    public let closed: Int?

    /// Whether it teaches a sixth form: it has sixth-form places, or (where capacity is not
    /// given) `schools.csv` says so in `sixth_form`.
    public let hasSixthForm: Bool

    public init(code: String, name: String, phase: SchoolPhase, primaryArea: String?, secondaryArea: String?,
                capacity: SchoolCapacity, opened: Int? = nil, closed: Int? = nil, sixthForm: Bool? = nil) {
        self.hasSixthForm = sixthForm ?? (capacity.sixthForm > 0)
        self.code = code
        self.name = name
        self.phase = phase
        self.primaryArea = primaryArea
        self.secondaryArea = secondaryArea
        self.capacity = capacity
        self.opened = opened
        self.closed = closed
    }

    /// "Hilltop Primary School (NG03)".
    public var label: String { name == code || name.isEmpty ? code : "\(name) (\(code))" }

    public func isOpen(in year: Int) -> Bool {
        (opened.map { year >= $0 } ?? true) && (closed.map { year < $0 } ?? true)
    }

    /// The year groups the school teaches once full-size.
    public func teaches(_ g: Int, layout: PhaseLayout) -> Bool {
        switch phase {
        case .primary: return layout.primary.contains(g)
        case .secondary: return layout.secondary.contains(g) || (hasSixthForm && layout.sixthForm?.contains(g) == true)
        case .allThrough:
            return layout.primary.contains(g) || layout.secondary.contains(g) || (hasSixthForm && layout.sixthForm?.contains(g) == true)
        case .special: return true
        }
    }

    /// The planning area whose forecast year group `g` of this school belongs to (`nil` for
    /// special schools and for year groups it does not teach).
    public func area(for g: Int, layout: PhaseLayout) -> String? {
        guard phase != .special, teaches(g, layout: layout) else { return nil }
        return layout.areaKind(of: g) == .primary ? primaryArea : secondaryArea
    }

    /// The area the school is planned in for a kind of area, if it is planned in one.
    public func area(_ kind: AreaKind) -> String? {
        switch (phase, kind) {
        case (.primary, .primary), (.allThrough, .primary): return primaryArea
        case (.secondary, .secondary), (.allThrough, .secondary): return secondaryArea
        default: return nil
        }
    }

    /// The phases of the plan this school has places in.
    public func phases(layout: PhaseLayout) -> [PlacePhase] {
        if phase == .special { return [.special] }
        return layout.phases.filter { p in layout.yearGroups(of: p)!.contains { teaches($0, layout: layout) } }
    }

    /// Whether a school teaching `g` has reached it in `year`. A new school opens with its entry
    /// year groups only (Reception, and Y7 for secondary) and grows a year group a year
    /// (as a new school is usually planned), so its places — and its pupils — arrive one year group at a time.
    public func hasReached(_ g: Int, in year: Int, layout: PhaseLayout) -> Bool {
        guard isOpen(in: year), teaches(g, layout: layout) else { return false }
        guard let opened, phase != .special else { return true }
        let entry = layout.primary.contains(g) ? layout.primary.lowerBound : layout.secondary.lowerBound
        return year - opened >= g - entry
    }
}
