/// A place plan's planned housing as its draws vary it: the forecast before housing (so the
/// pupils housing added to each school are the forecast's less it), the homes whose pupils were
/// added, by forecast year, and how the authority's past trajectories were delivered.
public struct HousingVariation: Sendable {
    public let baseline: PlaceForecast
    /// The homes above the background rate whose pupils were added (`HousingLayer.added`), by
    /// forecast year: the trajectory a draw builds faster or slower.
    public let trajectory: [Double]
    public let record: HousingDeliveryRecord

    /// `nil` when there is nothing to vary: the run has no housing, the plan no delivery record,
    /// or no planned home added pupils.
    public init?(_ run: PlacePlanRun, record: HousingDeliveryRecord?) {
        guard let record, let layer = run.housing else { return nil }
        var trajectory = [Double](repeating: 0, count: run.forecast.horizon)
        for completion in layer.added {
            let h = completion.year - layer.baseYear - 1
            if trajectory.indices.contains(h) { trajectory[h] += completion.dwellings }
        }
        guard trajectory.contains(where: { $0 > 0 }) else { return nil }
        self.baseline = run.baseline
        self.trajectory = trajectory
        self.record = record
    }

    /// Each school's pupils that housing added to `forecast`, by forecast year and year group
    /// (0 where it added none).
    func added(to forecast: PlaceForecast) -> [String: PupilGrid] {
        let before = Dictionary(baseline.schools.map { ($0.school.code, $0.pupils) }, uniquingKeysWith: { a, _ in a })
        var added: [String: PupilGrid] = [:]
        for school in forecast.schools {
            guard let base = before[school.school.code] else { continue }
            var grid = school.pupils
            for h in 0..<forecast.horizon {
                for g in 0..<forecast.ladder.count { grid[h][g] = max(0, school.pupils[h][g] - base[h][g]) }
            }
            added[school.school.code] = grid
        }
        return added
    }
}
