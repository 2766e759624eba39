/// Each draw's delivery of the plan's housing trajectory: by each forecast year, the share of the
/// homes planned so far that are built. Every forecast year of a draw takes the delivery ratio
/// (completed ÷ planned) of a past year picked at random from the record, one for every site
/// (a housing market slows or quickens for all builders together), applied to that year's planned
/// homes and to those earlier years left unbuilt:
///
///     due(h)   = planned(h) + unbuilt(h − 1)
///     built(h) = ratio(pick(d, h)) × due(h), no more than the trajectory has left
///     share(h) = Σ built up to h ÷ Σ planned up to h      (1 while nothing is planned yet)
///
/// That is how the ratios were measured: against the trajectory published just before each year,
/// which carries the sites that slipped. The pupils that planned housing adds in year h are then
/// scaled by `share(h)` in the draw (`SimulationModel.housing`): pupils come from the homes built
/// by then. (A first-order reading: a home's pupils change with its years since completion, which
/// a shifted build-out moves a little more than a scale does.)
public struct DeliveryDraws: Sendable, Equatable {
    public let draws: Int
    public let horizon: Int
    /// `share[h × draws + d]`.
    public let share: [Float]

    /// - Parameter trajectory: the homes whose pupils were added, by forecast year (`horizon` of them).
    public init(record: HousingDeliveryRecord, trajectory: [Double], draws: Int, seed: UInt64) {
        precondition(draws > 0 && !trajectory.isEmpty, "draws of a trajectory")
        let H = trajectory.count, ratios = record.ratios, total = trajectory.reduce(0, +)
        // A stream of its own, so the past forecasts each draw follows (`DrawPicks`) are unchanged.
        var state = seed ^ 0xD1B5_4A32_D192_ED03
        var share = [Float](repeating: 1, count: H * draws)
        for d in 0..<draws {
            var unbuilt = 0.0, planned = 0.0, built = 0.0
            for h in 0..<H {
                let pick = Int(truncatingIfNeeded: DrawPicks.mix(&state).multipliedFullWidth(by: UInt64(ratios.count)).high)
                let due = trajectory[h] + unbuilt
                let done = min(max(0, ratios[pick] * due), total - built)
                unbuilt = due - done
                built += done
                planned += trajectory[h]
                if planned > 0 { share[h * draws + d] = Float(built / planned) }
            }
        }
        self.draws = draws
        self.horizon = H
        self.share = share
    }
}
