/// A resourced base (or SEN unit): specialist places for pupils with EHC plans, in a mainstream
/// school (`specialist.csv`).
public struct ResourcedBase: Equatable, Sendable {
    public let code: String
    public let name: String
    /// The mainstream school it is part of.
    public let school: String
    public let places: Int
    /// The first academic year it is open, and the first it is no longer open.
    public let opened: Int?
    public let closed: Int?

    public init(code: String, name: String, school: String, places: Int, opened: Int? = nil, closed: Int? = nil) {
        self.code = code
        self.name = name
        self.school = school
        self.places = places
        self.opened = opened
        self.closed = closed
    }

    public func isOpen(in year: Int) -> Bool {
        (opened.map { year >= $0 } ?? true) && (closed.map { year < $0 } ?? true)
    }

    public var label: String { name == code || name.isEmpty ? code : "\(name) (\(code))" }
}

/// Specialist places a scenario or candidate project adds: a new resourced base, or places at a
/// special school, from a year.
public struct SpecialistAddition: Equatable, Sendable {
    public let placement: Placement
    /// The special school expanded, or the mainstream school that hosts the new base.
    public let school: String
    public let places: Int
    public let from: Int

    public init(placement: Placement, school: String, places: Int, from: Int) {
        self.placement = placement
        self.school = school
        self.places = places
        self.from = from
    }
}

/// A place plan's specialist inputs: past EHC plans, how to project them, and the resourced
/// bases (special schools are in schools.csv with their places).
public struct SpecialistInputs: Equatable, Sendable {
    public let history: EHCPHistory
    public var settings: SpecialistSettings
    public var bases: [ResourcedBase]
    /// Places added by a scenario's changes (none in the plan as it stands).
    public var additions: [SpecialistAddition] = []

    public init(history: EHCPHistory, settings: SpecialistSettings = .default, bases: [ResourcedBase] = []) {
        self.history = history
        self.settings = settings
        self.bases = bases
    }

    /// These inputs with the specialist places of `changes` added.
    public func applying(_ changes: [ScenarioChange]) -> SpecialistInputs {
        var copy = self
        for change in changes {
            if case let .specialist(addition) = change.kind { copy.additions.append(addition) }
        }
        return copy
    }
}
