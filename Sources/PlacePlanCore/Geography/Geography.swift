/// The planning areas of an authority with schools: primary planning areas and (different,
/// larger) secondary planning areas. The authority is the sum of either geography.
public struct Geography: Equatable, Sendable {
    public let primaryAreas: [PlanningArea]
    public let secondaryAreas: [PlanningArea]
    /// For each primary area that says so, the secondary areas its Year 6 can transfer to (from
    /// admissions: the geography, not the shares). A primary area missing here may feed any
    /// secondary area. The shares themselves are always estimated from the rolls.
    public let feeds: [String: [String]]
    /// The positions in `primaryAreas` of the areas that name each secondary area in `feeds`,
    /// and of those that name none (they may feed any): worked out once, as a national plan asks
    /// for 400 secondary areas' feeders among 1,500 primary areas.
    private let named: [String: [Int]], unrestricted: [Int]

    public init(primaryAreas: [PlanningArea], secondaryAreas: [PlanningArea], feeds: [String: [String]] = [:]) {
        self.primaryAreas = primaryAreas
        self.secondaryAreas = secondaryAreas
        self.feeds = feeds
        var named: [String: [Int]] = [:], unrestricted: [Int] = []
        for (position, area) in primaryAreas.enumerated() {
            guard let targets = feeds[area.code] else { unrestricted.append(position); continue }
            for target in Set(targets) { named[target, default: []].append(position) }
        }
        self.named = named
        self.unrestricted = unrestricted
    }

    public func areas(_ kind: AreaKind) -> [PlanningArea] { kind == .primary ? primaryAreas : secondaryAreas }

    public func area(code: String) -> PlanningArea? {
        primaryAreas.first { $0.code == code } ?? secondaryAreas.first { $0.code == code }
    }

    /// The primary areas whose Year 6 may move into secondary area `code`.
    public func feeders(of code: String) -> [PlanningArea] {
        // The two lists of positions, each in order, merged: `primaryAreas`' order.
        let listed = named[code] ?? []
        var feeders: [PlanningArea] = []
        feeders.reserveCapacity(listed.count + unrestricted.count)
        var i = 0, j = 0
        while i < listed.count || j < unrestricted.count {
            if j == unrestricted.count || (i < listed.count && listed[i] < unrestricted[j]) {
                feeders.append(primaryAreas[listed[i]]); i += 1
            } else {
                feeders.append(primaryAreas[unrestricted[j]]); j += 1
            }
        }
        return feeders
    }
}
