/// A planning area, one of its phases and a year: the cell places are counted, added (a
/// programme's options) and found short in (the simulation's chance of a shortfall).
public struct AreaPhaseYear: Hashable, Sendable, Comparable {
    /// The area's code, or for specialist places the placement's label.
    public let area: String
    public let phase: PlacePhase
    public let year: Int

    public init(area: String, phase: PlacePhase, year: Int) {
        self.area = area
        self.phase = phase
        self.year = year
    }

    public static func < (a: AreaPhaseYear, b: AreaPhaseYear) -> Bool { (a.area, a.phase, a.year) < (b.area, b.phase, b.year) }

    /// The authority's specialist places of a placement: an "area" of its own, in the special phase.
    public static func specialist(_ placement: Placement, year: Int) -> AreaPhaseYear {
        AreaPhaseYear(area: "specialist places in \(placement.label)", phase: .special, year: year)
    }

    /// "P01 primary", "specialist places in resourced provision".
    public var label: String { phase == .special ? area : "\(area) \(phase.name)" }
}
