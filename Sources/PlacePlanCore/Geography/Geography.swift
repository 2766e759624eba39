/// The planning areas of an authority with schools: primary planning areas and (different,
/// larger) secondary planning areas. The authority is the sum of either geography.
public struct Geography: Equatable, Sendable {
    public let primaryAreas: [PlanningArea]
    public let secondaryAreas: [PlanningArea]
    /// For each primary area that says so, the secondary areas its Year 6 can transfer to (from
    /// admissions: the geography, not the shares). A primary area missing here may feed any
    /// secondary area. The shares themselves are always estimated from the rolls.
    public let feeds: [String: [String]]

    public init(primaryAreas: [PlanningArea], secondaryAreas: [PlanningArea], feeds: [String: [String]] = [:]) {
        self.primaryAreas = primaryAreas
        self.secondaryAreas = secondaryAreas
        self.feeds = feeds
    }

    public func areas(_ kind: AreaKind) -> [PlanningArea] { kind == .primary ? primaryAreas : secondaryAreas }

    public func area(code: String) -> PlanningArea? {
        primaryAreas.first { $0.code == code } ?? secondaryAreas.first { $0.code == code }
    }

    /// The primary areas whose Year 6 may move into secondary area `code`.
    public func feeders(of code: String) -> [PlanningArea] {
        primaryAreas.filter { feeds[$0.code].map { $0.contains(code) } ?? true }
    }
}
