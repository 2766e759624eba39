/// What a simulation projects, as contiguous arrays indexed by integer ids: `units` (schools or
/// areas) in `groups` (each a run of consecutive units: a school's planning area, an area's
/// authority), `yearGroups` year groups, `horizon` years, and `pastYears` past forecasts whose
/// errors a draw resamples whole.
///
/// A draw is the central forecast moved by the errors of one past forecast, chosen at random for
/// the whole plan and the whole path — so units, year groups, the entry and the years keep the
/// correlation they had (a cold winter, a boundary change and a shock year move every area
/// together; a ratio that drifted kept drifting) — carried up the year groups as a cohort is:
///
///     m(u, 0, h)       = exp(error(k, lead(h), u, 0) + jitter)       the entry's error
///     m(u, g+1, h+1)   = m(u, g, h) × exp(error(k, lead(h+1), u, g+1) + jitter)
///     pupils(u, g, h)  = central(u, g, h) × m(u, g, h)
///
/// `error(k, ℓ, u, g)` is past forecast k's error ℓ + 1 years ahead in the ratio into g (for
/// g = 0, in the entry itself); `lead(h) = min(h, leads − 1)`, and beyond the last lead the
/// entry's error (and its noise) grows as √((h + 1) ÷ leads), as a wandering ratio's does, while
/// the ratios' are held. A handful of past forecasts give
/// a handful of paths, so each step adds a little noise of its own (`spread`, by unit, lead and
/// year group), drawn from `jitterLevels` equally likely normal scores: the draws fill the gaps
/// between the past paths rather than piling on them, and their spread is what a new year's
/// error could be given so few past ones (see `PastErrors.spread`).
///
/// Working on the central forecast's own figures means a draw with no errors is the central
/// forecast exactly, whatever the method, housing or transfer made it. Where `housing` gives the
/// part of a cell that planned housing added and the simulation is given how housing was
/// delivered (`DeliveryDraws`), that part is scaled by the draw's share of the homes built:
///
///     pupils(u, g, h)  = (central(u, g, h) − housing(u, g, h) × (1 − share(d, h))) × m(u, g, h)
public struct SimulationModel: Sendable {
    public let units: Int
    public let yearGroups: Int
    public let horizon: Int
    public let pastYears: Int
    public let leads: Int
    /// `central[(u × H + h) × G + g]`: the central forecast of unit u in forecast year h; 0 where
    /// the unit has no pupils in that year group (a primary school's Year 9).
    public let central: [Float]
    /// `deviations[((k × leads + ℓ) × units + u) × G + g]`: past forecast k's log error ℓ + 1 years
    /// ahead, in the entry (g = 0) or the ratio into g; 0 where it had none.
    public let deviations: [Float]
    /// `spread[(ℓ × units + u) × G + g]`: the standard deviation of each step's own noise (0: none).
    public let spread: [Float]
    /// The past forecasts' births projection errors by unit (`nil`: none): an entry whose
    /// births are projected is moved by the error of the draw's own past forecast.
    public let births: BirthsErrors?
    /// Where each group's units start, and one past the last: `groupStarts[i]..<groupStarts[i + 1]`.
    public let groupStarts: [Int]
    /// Year-group ranges summed as phases (primary R–Y6, …).
    public let phases: [ClosedRange<Int>]
    /// `housing[(u × H + h) × G + g]`: the pupils of `central` that planned housing added (`nil`:
    /// none), which a simulation given `DeliveryDraws` scales by each draw's homes built.
    public let housing: [Float]?

    /// Equally likely normal scores a step's noise is drawn from (a power of two).
    public static let jitterLevels = 16

    public var groups: Int { groupStarts.count - 1 }

    public init(units: Int, yearGroups: Int, horizon: Int, pastYears: Int, leads: Int = 1, central: [Float], deviations: [Float],
                spread: [Float]? = nil, births: BirthsErrors? = nil, groupStarts: [Int], phases: [ClosedRange<Int>],
                housing: [Float]? = nil) {
        precondition(central.count == units * horizon * yearGroups && deviations.count == pastYears * leads * units * yearGroups
                     && pastYears > 0 && leads > 0, "arrays sized to the model")
        precondition(spread.map { $0.count == leads * units * yearGroups } ?? true, "a spread a lead, unit and year group")
        precondition(housing.map { $0.count == central.count } ?? true, "housing's pupils a cell of the central forecast")
        precondition(groupStarts.first == 0 && groupStarts.last == units && zip(groupStarts, groupStarts.dropFirst()).allSatisfy { $0 <= $1 },
                     "groups cover the units in order")
        self.units = units
        self.yearGroups = yearGroups
        self.horizon = horizon
        self.pastYears = pastYears
        self.leads = leads
        self.central = central
        self.deviations = deviations
        self.spread = spread ?? [Float](repeating: 0, count: leads * units * yearGroups)
        precondition(births.map { $0.units == units && $0.leadOfYear.count == horizon && ($0.values.isEmpty || $0.values.count == pastYears * $0.leads * units) } ?? true,
                     "births errors a past forecast, lead and unit")
        self.births = births?.projects == true ? births : nil
        self.groupStarts = groupStarts
        self.phases = phases
        self.housing = housing
    }

    /// How many of unit u's year groups a simulation carries: up to its last with pupils in any
    /// forecast year (at least the entry). The pupils of a year group depend only on the
    /// multipliers of those below it, so the rest (a primary school's Years 7 to 13) are never
    /// needed: the draws are the same without them.
    func carriedYearGroups(unit u: Int) -> Int {
        var last = 0
        for h in 0..<horizon {
            let row = (u * horizon + h) * yearGroups
            for g in stride(from: yearGroups - 1, to: last, by: -1) where central[row + g] > 0 {
                last = g
                break
            }
        }
        return last + 1
    }

    /// The lead whose errors forecast year h (0-based) takes.
    @inline(__always) func lead(_ h: Int) -> Int { min(h, leads - 1) }

    /// `jitterLevels` normal scores at the middle of equal-probability slices, scaled to variance 1.
    static let jitterScores: [Float] = {
        let n = jitterLevels
        let raw = (0..<n).map { NormalScore.quantile((Double($0) + 0.5) / Double(n)) }
        let sd = (raw.reduce(0) { $0 + $1 * $1 } / Double(n)).squareRoot()
        return raw.map { Float($0 / sd) }
    }()
}

/// Which past forecast each draw takes its errors from, for each forecast year: drawn once for
/// the whole plan (SplitMix64 from the seed), so a simulation is the same for a seed whatever the
/// threads, and every unit of a draw shares it. With `wholePaths`, a draw keeps one past
/// forecast for every year (its errors' persistence kept); otherwise each year picks afresh.
public struct DrawPicks: Sendable {
    public let draws: Int
    public let horizon: Int
    public let seed: UInt64
    /// `picks[h × draws + d]`.
    public let picks: [UInt16]

    public init(draws: Int, horizon: Int, pastYears: Int, seed: UInt64, wholePaths: Bool = false) {
        precondition(draws > 0 && pastYears > 0 && pastYears <= Int(UInt16.max), "draws and past years to pick from")
        var state = seed
        var picks = [UInt16](repeating: 0, count: draws * horizon)
        for i in picks.indices {
            if wholePaths, i >= draws { picks[i] = picks[i % draws]; continue }
            // Multiply-shift maps 64 random bits onto 0..<pastYears without modulo bias worth the name.
            picks[i] = UInt16(truncatingIfNeeded: (Self.mix(&state).multipliedFullWidth(by: UInt64(pastYears))).high)
        }
        self.draws = draws
        self.horizon = horizon
        self.seed = seed
        self.picks = picks
    }

    /// SplitMix64: the next 64 random bits from `state`.
    @inline(__always) static func mix(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The noise bits of draw d for unit u in forecast year h: a hash of the four, so that they
    /// need no storage and are the same on any thread; each year group takes its own level
    /// from them (`level`).
    @inline(__always) func jitter(draw d: Int, unit u: Int, year h: Int) -> UInt64 {
        var state = seed ^ (UInt64(truncatingIfNeeded: u) &* 0x2545_F491_4F6C_DD1D) ^ (UInt64(truncatingIfNeeded: h) << 48) ^ UInt64(truncatingIfNeeded: d)
        return Self.mix(&state)
    }
}

extension SimulationModel {
    /// Year group g's noise level (0..<`jitterLevels`) from a draw's noise bits: four bits each,
    /// the next sixteen year groups from the bits remixed. Each year group's noise is its own:
    /// noise shared by a unit's year groups adds up across a phase, and made its totals'
    /// intervals far too wide (an 80% interval of an area's primary phase held 98%); what year
    /// groups share comes from the past forecast the draw follows.
    @inline(__always) static func level(_ bits: UInt64, yearGroup g: Int) -> Int {
        let source = g < 16 ? bits : bits &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: source >> UInt64((g & 15) * 4)) & (jitterLevels - 1)
    }
}
