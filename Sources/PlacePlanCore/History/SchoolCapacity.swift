/// A school's places, as published: net capacity for the whole school and the admission number
/// (PAN) for each year group. One form of entry = 30 places per year group.
public struct SchoolCapacity: Hashable, Sendable {
    /// Net capacity: the school's official number of places, sixth form included.
    public let net: Int
    /// Published admission number per year group (for an all-through school, per primary year
    /// group). 0 for special schools, which have none.
    public let pan: Int
    /// All-through schools: admission number per year group from Y7, where the school takes a
    /// larger intake. `nil` = the same as `pan`.
    public let secondaryPAN: Int?
    /// Sixth-form places (Y12 and Y13 together); 0 = no sixth form.
    public let sixthForm: Int

    public init(net: Int, pan: Int, secondaryPAN: Int? = nil, sixthForm: Int = 0) {
        self.net = net
        self.pan = pan
        self.secondaryPAN = secondaryPAN
        self.sixthForm = sixthForm
    }
}

extension School {
    /// Places in year group `g` in `year`: the PAN for a year group the school has reached;
    /// the sixth form's places split evenly across its year groups (the first takes any odd one).
    public func capacity(yearGroup g: Int, year: Int, layout: PhaseLayout) -> Int {
        guard phase != .special, hasReached(g, in: year, layout: layout) else { return 0 }
        return places(yearGroup: g, layout: layout)
    }

    /// Places in year group `g` once the school is full-size (0 in year groups it does not teach).
    public func places(yearGroup g: Int, layout: PhaseLayout) -> Int {
        guard phase != .special, teaches(g, layout: layout) else { return 0 }
        if layout.primary.contains(g) { return capacity.pan }
        if layout.secondary.contains(g) { return phase == .allThrough ? (capacity.secondaryPAN ?? capacity.pan) : capacity.pan }
        guard let sixth = layout.sixthForm else { return 0 }
        let share = capacity.sixthForm / sixth.count
        return share + (g == sixth.lowerBound ? capacity.sixthForm - share * sixth.count : 0)
    }

    /// Net capacity counted in one phase of the plan in `year`.
    ///
    /// The sixth form's places are its own; the rest of the net capacity is the main school's,
    /// which an all-through school splits between primary and secondary in proportion to their
    /// admission numbers (7 × PAN : 5 × secondary PAN). A new school counts the part for the year
    /// groups it has reached, so a school growing from Reception does not look half empty.
    public func capacity(phase part: PlacePhase, year: Int, layout: PhaseLayout) -> Int {
        guard isOpen(in: year) else { return 0 }
        if phase == .special { return part == .special ? capacity.net : 0 }
        guard part != .special, let groups = layout.yearGroups(of: part) else { return 0 }
        let full: Int
        if part == .sixthForm {
            full = capacity.sixthForm
        } else {
            let main = capacity.net - capacity.sixthForm
            if phase == .allThrough {
                let primaryPlaces = layout.primary.reduce(0) { $0 + places(yearGroup: $1, layout: layout) }
                let secondaryPlaces = layout.secondary.reduce(0) { $0 + places(yearGroup: $1, layout: layout) }
                let total = primaryPlaces + secondaryPlaces
                let primaryPart = total > 0 ? Int((Double(main) * Double(primaryPlaces) / Double(total)).rounded()) : 0
                full = part == .primary ? primaryPart : main - primaryPart
            } else {
                full = phases(layout: layout).contains(part) ? main : 0
            }
        }
        let fullSize = groups.reduce(0) { $0 + places(yearGroup: $1, layout: layout) }
        let reached = groups.reduce(0) { $0 + capacity(yearGroup: $1, year: year, layout: layout) }
        if fullSize == 0 || reached >= fullSize { return full }
        return Int((Double(full) * Double(reached) / Double(fullSize)).rounded())
    }
}
