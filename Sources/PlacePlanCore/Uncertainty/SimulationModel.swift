/// What a simulation projects, as contiguous arrays indexed by integer ids: `units` (schools or
/// areas) in `groups` (each a run of consecutive units: a school's planning area, an area's
/// authority), `yearGroups` year groups, `horizon` years, and `pastYears` past years whose ratios
/// a draw resamples whole.
///
/// A draw is the cohort-survival arithmetic with every ratio of a projected year taken from one
/// past year, chosen at random for the whole plan at once — so units, year groups and the entry
/// keep the correlation they had that year (a cold winter, a boundary change and a shock year
/// move every area together):
///
///     entry(u, h)      = central entry(u, h) × exp(deviation(k, u, 0))
///     N(u, g+1, h+1)   = N(u, g, h) × ratio(u, g) × exp(deviation(k, u, g+1)),   k = pick(draw, h)
public struct SimulationModel: Sendable {
    public let units: Int
    public let yearGroups: Int
    public let horizon: Int
    public let pastYears: Int
    /// `base[u × G + g]`: the last census.
    public let base: [Float]
    /// `entry[u × H + h]`: the central entry year group (intake ratio × births) in forecast year h.
    public let entry: [Float]
    /// `ratios[u × (G − 1) + g]`: the central progression ratio from g to g + 1.
    public let ratios: [Float]
    /// `deviations[(k × units + u) × G + g]`: log(past year k's ratio ÷ the central one); g = 0
    /// the entry (intake) ratio, g ≥ 1 the progression into g. 0 where the year had none.
    public let deviations: [Float]
    /// Where each group's units start, and one past the last: `groupStarts[i]..<groupStarts[i + 1]`.
    public let groupStarts: [Int]
    /// Year-group ranges summed as phases (primary R–Y6, …).
    public let phases: [ClosedRange<Int>]

    public var groups: Int { groupStarts.count - 1 }

    public init(units: Int, yearGroups: Int, horizon: Int, pastYears: Int, base: [Float], entry: [Float], ratios: [Float],
                deviations: [Float], groupStarts: [Int], phases: [ClosedRange<Int>]) {
        precondition(base.count == units * yearGroups && entry.count == units * horizon && ratios.count == units * (yearGroups - 1)
                     && deviations.count == pastYears * units * yearGroups && pastYears > 0, "arrays sized to the model")
        precondition(groupStarts.first == 0 && groupStarts.last == units && zip(groupStarts, groupStarts.dropFirst()).allSatisfy { $0 <= $1 },
                     "groups cover the units in order")
        self.units = units
        self.yearGroups = yearGroups
        self.horizon = horizon
        self.pastYears = pastYears
        self.base = base
        self.entry = entry
        self.ratios = ratios
        self.deviations = deviations
        self.groupStarts = groupStarts
        self.phases = phases
    }
}

/// Which past year each draw takes its ratios from in each forecast year: drawn once for the
/// whole plan (SplitMix64 from the seed), so a simulation is the same for a seed whatever the
/// threads, and every unit of a draw shares the year.
public struct DrawPicks: Sendable {
    public let draws: Int
    public let horizon: Int
    /// `picks[h × draws + d]`.
    public let picks: [UInt16]

    public init(draws: Int, horizon: Int, pastYears: Int, seed: UInt64) {
        precondition(draws > 0 && pastYears > 0 && pastYears <= Int(UInt16.max), "draws and past years to pick from")
        var state = seed
        var picks = [UInt16](repeating: 0, count: draws * horizon)
        for i in picks.indices {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            // Multiply-shift maps 64 random bits onto 0..<pastYears without modulo bias worth the name.
            picks[i] = UInt16(truncatingIfNeeded: (z.multipliedFullWidth(by: UInt64(pastYears))).high)
        }
        self.draws = draws
        self.horizon = horizon
        self.picks = picks
    }
}
