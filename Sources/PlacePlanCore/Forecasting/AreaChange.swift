/// How much an area's pupils in a phase change from the last census to the end of the forecast:
/// what a councillor asks about first.
public struct AreaChange: Equatable, Sendable {
    public let area: PlanningArea
    /// Pupils in the phase at the last census, and in the last forecast year.
    public let now: Double
    public let then: Double
    /// `then / now − 1`: +0.1 is a rise of 10%.
    public var relative: Double { then / now - 1 }
}

extension Forecast {
    /// Every area's change in `phase` (the ladder's first phase by default: primary), largest
    /// fall first. Areas with no pupils in it at the census have no relative change and are
    /// left out.
    public func changes(in phase: Phase? = nil, history: History) -> [AreaChange] {
        guard let phase = phase ?? ladder.phases.first, let range = ladder.indices(of: phase), horizon >= 1 else { return [] }
        let rolls = Dictionary(history.areas.map { ($0.area.code, $0) }, uniquingKeysWith: { a, _ in a })
        return areas.compactMap { area -> AreaChange? in
            guard let known = rolls[area.area.code] else { return nil }
            let now = range.reduce(0) { $0 + (known.pupils(year: baseYear, yearGroup: $1) ?? 0) }
            let then = range.reduce(0) { $0 + area.pupils[horizon - 1][$1] }
            return now > 0 ? AreaChange(area: area.area, now: now, then: then) : nil
        }.sorted { $0.relative < $1.relative }
    }
}

extension Array where Element == AreaChange {
    /// The `count` largest falls and the `count` largest rises (largest first), or `nil` when
    /// there are no more than `2 × count` changes, so that every one can be shown.
    public func extremes(_ count: Int) -> (falls: [AreaChange], rises: [AreaChange])? {
        self.count <= 2 * count ? nil : (Array(prefix(count)), Array(suffix(count).reversed()))
    }
}
