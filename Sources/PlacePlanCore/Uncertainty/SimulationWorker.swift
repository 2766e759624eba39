import Foundation  // exp

extension ForecastSimulation {
    /// One thread's share of a simulation, with every buffer it needs made once: a unit's
    /// multipliers for all draws (year groups × draws, twice), its multipliers by past year, its group's and
    /// the total's draws (years × year groups × draws), and a scratch row for quantiles.
    struct Worker {
        let model: SimulationModel
        let picks: DrawPicks
        let quantiles: [Double]
        let places: [Float]?
        let phaseLimits: [[Float]]
        /// Each draw's share of the planned homes built (`nil`: housing is not varied).
        let delivery: DeliveryDraws?
        /// Whether each unit's phase totals get quantiles (`ForecastSimulation.run`'s `unitPhases`).
        let unitPhases: Bool
        /// `multipliers[((k × L + ℓ) × G + g) × M + j]`: exp(past forecast k's error at lead ℓ in
        /// year group g + noise level j): a year group's levels side by side, as a step reads them.
        var current: [Float], next: [Float], multipliers: [Float]
        /// `rows[h × D + d]`: draw d's row of `multipliers` in forecast year h (its past forecast and
        /// the year's lead): the same for every unit, so found once.
        let rows: [Int32]
        /// Each draw's noise bits in the year being stepped: four for each year group
        /// (`SimulationModel.level`).
        var noise: [UInt64]
        /// exp(births error) of each past forecast for the unit and year being stepped.
        var birthsFactors: [Float]
        /// exp(noise) of each noise level, for the lead and year group whose multipliers are being made.
        var levelFactors: [Double]
        var groupDraws: [Float]
        var total: [Float]
        var scratch: [Float]
        var buckets: BucketQuantiles
        var found: [Float]

        init(model: SimulationModel, picks: DrawPicks, quantiles: [Double], places: [Float]?, phaseLimits: [[Float]], unitPhases: Bool,
             delivery: DeliveryDraws? = nil) {
            let G = model.yearGroups, D = picks.draws, H = model.horizon
            self.model = model
            self.picks = picks
            self.quantiles = quantiles
            self.places = places
            self.phaseLimits = phaseLimits
            self.unitPhases = unitPhases
            self.delivery = delivery
            current = [Float](repeating: 0, count: G * D)
            next = current
            multipliers = [Float](repeating: 0, count: model.pastYears * model.leads * SimulationModel.jitterLevels * G)
            let M = SimulationModel.jitterLevels, L = model.leads
            rows = (0..<(H * D)).map { i in Int32((Int(picks.picks[i]) * L + model.lead(i / D)) * M * G) }
            noise = [UInt64](repeating: 0, count: D)
            birthsFactors = [Float](repeating: 1, count: model.pastYears)
            levelFactors = [Double](repeating: 1, count: SimulationModel.jitterLevels)
            groupDraws = [Float](repeating: 0, count: H * G * D)
            total = groupDraws
            scratch = [Float](repeating: 0, count: D)
            buckets = BucketQuantiles(capacity: D)
            found = [Float](repeating: 0, count: quantiles.count)
        }

        /// The quantiles of one row of draws, into `found`.
        mutating func quantilesOf(_ row: UnsafeBufferPointer<Float>) {
            found.withUnsafeMutableBufferPointer { f in buckets.quantiles(row, quantiles, into: f.baseAddress!) }
        }

        /// Where housing varies, what a year's cells need: the pupils planned housing added to
        /// each cell (`SimulationModel.housing`) and each draw's share of the homes built that
        /// year. (A value of its own rather than methods of the worker: it is used while the
        /// worker's own buffers are being written, and reading the worker then would overlap.)
        struct VariedHousing {
            let housing: [Float]
            let share: [Float]
            let offset: Int

            /// The pupils housing added to a cell (its index in `SimulationModel.central`), when
            /// there are any; every other cell's pupils are the central forecast × the multiplier.
            @inline(__always) func pupils(_ cell: Int) -> Float? { housing[cell] > 0 ? housing[cell] : nil }

            /// A cell's pupils draw by draw: (central − housing × (1 − share)) × m, added to or
            /// written into `row`.
            func fill(central: Float, housing: Float, multiplier: UnsafePointer<Float>, into row: UnsafeMutablePointer<Float>,
                      draws D: Int, adding: Bool) {
                share.withUnsafeBufferPointer { share in
                    let built = share.baseAddress! + offset
                    if adding {
                        for d in 0..<D { row[d] += (central - housing * (1 - built[d])) * multiplier[d] }
                    } else {
                        for d in 0..<D { row[d] = (central - housing * (1 - built[d])) * multiplier[d] }
                    }
                }
            }
        }

        /// Year h's `VariedHousing`, or `nil` where housing does not vary.
        func variedHousing(year h: Int) -> VariedHousing? {
            guard let delivery, let housing = model.housing else { return nil }
            return VariedHousing(housing: housing, share: delivery.share, offset: h * picks.draws)
        }

        /// A new run of groups: its total starts at nothing.
        mutating func startTotal() {
            for k in total.indices { total[k] = 0 }
        }

        mutating func simulate(group i: Int, into out: Outputs, counts: Counts) {
            let G = model.yearGroups, H = model.horizon, D = picks.draws, Q = quantiles.count, P = model.phases.count
            let units = model.units
            for k in groupDraws.indices { groupDraws[k] = 0 }
            for u in model.groupStarts[i]..<model.groupStarts[i + 1] {
                // The year groups up to the unit's last with pupils in some year are carried (a
                // cohort's multiplier is made from the year groups below it); those above it are
                // never read, so a primary school's secondary years are not stepped at all.
                let carried = model.carriedYearGroups(unit: u)
                // Every past forecast's, lead's and noise level's multipliers for this unit, so a
                // draw's step is one multiply: exp(error + noise) as exp(error) × exp(noise), so
                // that a lead and year group take K + M exponentials rather than K × M.
                let M = SimulationModel.jitterLevels, L = model.leads
                for l in 0..<L {
                    for g in 0..<carried {
                        let spread = Double(model.spread[(l * units + u) * G + g])
                        for j in 0..<M { levelFactors[j] = exp(Double(SimulationModel.jitterScores[j]) * spread) }
                        for k in 0..<model.pastYears {
                            let error = exp(Double(model.deviations[((k * L + l) * units + u) * G + g]))
                            let at = ((k * L + l) * G + g) * M
                            for j in 0..<M { multipliers[at + j] = Float(error * levelFactors[j]) }
                        }
                    }
                }
                for k in 0..<(carried * D) { current[k] = 1 }
                for h in 0..<H {
                    if h >= L { growEntry(unit: u, year: h) }
                    step(unit: u, year: h, yearGroups: carried)
                    swap(&current, &next)
                    // `current` now holds year h's multipliers: add the pupils they make to the
                    // group, and find the unit's quantiles (the central × the multiplier's).
                    let offset = h * G * D, centralRow = (u * H + h) * G
                    let state = current, varied = variedHousing(year: h)
                    // The unit's pupils added to its group's draws, a year group's row at a
                    // time through pointers (so that the adds are vectorised, unchecked).
                    groupDraws.withUnsafeMutableBufferPointer { sums in
                        state.withUnsafeBufferPointer { c in
                            for g in 0..<G {
                                let central = model.central[centralRow + g]
                                guard central > 0 else { continue }
                                let sum = sums.baseAddress! + offset + g * D, multiplier = c.baseAddress! + g * D
                                if let varied, let housing = varied.pupils(centralRow + g) {
                                    varied.fill(central: central, housing: housing, multiplier: multiplier, into: sum, draws: D, adding: true)
                                } else {
                                    for d in 0..<D { sum[d] += central * multiplier[d] }
                                }
                            }
                        }
                    }
                    state.withUnsafeBufferPointer { c in
                        for g in 0..<G {
                            let central = model.central[centralRow + g]
                            guard central > 0 else {
                                for q in 0..<Q { out.unit[((q * H + h) * units + u) * G + g] = 0 }
                                continue
                            }
                            if let varied, let housing = varied.pupils(centralRow + g) {
                                // Not a scale of the multipliers: the draws' own pupils are selected.
                                scratch.withUnsafeMutableBufferPointer {
                                    varied.fill(central: central, housing: housing, multiplier: c.baseAddress! + g * D, into: $0.baseAddress!,
                                                draws: D, adding: false)
                                }
                                let row = scratch
                                row.withUnsafeBufferPointer { quantilesOf($0) }
                                for q in 0..<Q { out.unit[((q * H + h) * units + u) * G + g] = found[q] }
                                continue
                            }
                            quantilesOf(UnsafeBufferPointer(rebasing: c[(g * D)..<((g + 1) * D)]))
                            for q in 0..<Q { out.unit[((q * H + h) * units + u) * G + g] = central * found[q] }
                        }
                    }
                    for (p, range) in model.phases.enumerated() where unitPhases {
                        // A phase the unit has no pupils in (a primary school's secondary years) is 0.
                        guard range.contains(where: { model.central[centralRow + $0] > 0 }) else {
                            for q in 0..<Q { out.unitPhase[((q * H + h) * units + u) * P + p] = 0 }
                            continue
                        }
                        // The phase's pupils draw by draw, through pointers (vectorised, unchecked).
                        scratch.withUnsafeMutableBufferPointer { sum in
                            current.withUnsafeBufferPointer { c in
                                for d in 0..<D { sum[d] = 0 }
                                for g in range {
                                    let central = model.central[centralRow + g], multiplier = c.baseAddress! + g * D
                                    guard central > 0 else { continue }
                                    if let varied, let housing = varied.pupils(centralRow + g) {
                                        varied.fill(central: central, housing: housing, multiplier: multiplier, into: sum.baseAddress!,
                                                    draws: D, adding: true)
                                    } else {
                                        for d in 0..<D { sum[d] += central * multiplier[d] }
                                    }
                                }
                            }
                        }
                        let row = scratch
                        row.withUnsafeBufferPointer { quantilesOf($0) }
                        for q in 0..<Q { out.unitPhase[((q * H + h) * units + u) * P + p] = found[q] }
                    }
                }
            }
            summariseGroup(i, into: out, counts: counts)
            for k in total.indices { total[k] += groupDraws[k] }
        }

        /// Beyond the last lead, the entry's error and noise of the last lead, grown as
        /// √((h + 1) ÷ leads): the last lead's entry multipliers rewritten for year h.
        mutating func growEntry(unit u: Int, year h: Int) {
            let G = model.yearGroups, M = SimulationModel.jitterLevels, L = model.leads, units = model.units
            let growth = (Double(h + 1) / Double(L)).squareRoot()
            let spread = Double(model.spread[((L - 1) * units + u) * G])
            // exp(growth × (error + noise)) as exp(growth × error) × exp(growth × noise).
            for j in 0..<M { levelFactors[j] = exp(growth * Double(SimulationModel.jitterScores[j]) * spread) }
            for k in 0..<model.pastYears {
                let error = exp(growth * Double(model.deviations[((k * L + L - 1) * units + u) * G]))
                for j in 0..<M { multipliers[((k * L + L - 1) * G) * M + j] = Float(error * levelFactors[j]) }
            }
        }

        /// Year h of one unit's multipliers for every draw, in its first `carried` year groups:
        /// `next` from `current` and the year's picks.
        mutating func step(unit u: Int, year h: Int, yearGroups carried: Int) {
            let D = picks.draws, M = SimulationModel.jitterLevels
            // An entry made from projected births: each past forecast's births factor, found once.
            let birthsProjected = model.births.map { $0.leadOfYear[h] > 0 } ?? false
            if birthsProjected, let births = model.births {
                for k in 0..<model.pastYears { birthsFactors[k] = Float(exp(Double(births.error(pastForecast: k, unit: u, year: h)))) }
            }
            let factors = birthsFactors
            // Through a pointer: an element stored into the worker's own array was checked for
            // exclusive access and uniqueness, draw by draw.
            noise.withUnsafeMutableBufferPointer { bits in
                for d in 0..<D { bits[d] = picks.jitter(draw: d, unit: u, year: h) }
            }
            rows.withUnsafeBufferPointer { years in
                let row = UnsafeBufferPointer(rebasing: years[(h * D)..<((h + 1) * D)])
                noise.withUnsafeBufferPointer { bits in
                    multipliers.withUnsafeBufferPointer { m in
                        current.withUnsafeBufferPointer { cur in
                            next.withUnsafeMutableBufferPointer { nxt in
                                for d in 0..<D { nxt[d] = m[Int(row[d]) + SimulationModel.level(bits[d], yearGroup: 0)] }
                                if birthsProjected {
                                    // Moved by the draw's past forecast's births projection error.
                                    picks.picks.withUnsafeBufferPointer { all in
                                        for d in 0..<D { nxt[d] *= factors[Int(all[h * D + d])] }
                                    }
                                }
                                for g in 1..<carried {
                                    // Year group g's multipliers for every past forecast and level
                                    // sit together: (past forecast, lead, year group, level).
                                    // The first sixteen year groups' levels are read with the shift
                                    // hoisted out of the loop (`SimulationModel.level` for the rest):
                                    // the step is the simulation's innermost loop.
                                    // Through pointers offset once, so that the loop does no
                                    // index arithmetic that could overflow and nothing is checked.
                                    let out = nxt.baseAddress! + g * D, below = cur.baseAddress! + (g - 1) * D
                                    let table = m.baseAddress! + g * M, picked = row.baseAddress!, noise = bits.baseAddress!
                                    if g < 16 {
                                        let shift = UInt64(4 * g), mask = UInt64(SimulationModel.jitterLevels - 1)
                                        for d in 0..<D {
                                            out[d] = below[d] * table[Int(picked[d]) &+ Int(truncatingIfNeeded: (noise[d] &>> shift) & mask)]
                                        }
                                    } else {
                                        for d in 0..<D {
                                            out[d] = below[d] * table[Int(picked[d]) &+ SimulationModel.level(noise[d], yearGroup: g)]
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }

        /// The share of draws with more pupils than `places`.
        static func share(of row: UnsafeBufferPointer<Float>, above places: Float) -> Float {
            var above = 0
            for v in row where v > places { above &+= 1 }
            return Float(above) / Float(row.count)
        }

        /// A group's quantiles and the share of draws above its places, year by year.
        mutating func summariseGroup(_ i: Int, into out: Outputs, counts: Counts) {
            let G = model.yearGroups, H = model.horizon, D = picks.draws, Q = quantiles.count, P = model.phases.count
            let groups = model.groups
            let draws = groupDraws
            draws.withUnsafeBufferPointer { all in
                for h in 0..<H {
                    for g in 0..<G {
                        let row = UnsafeBufferPointer(rebasing: all[((h * G + g) * D)..<((h * G + g + 1) * D)])
                        if let places, let short = counts.short { short[(h * groups + i) * G + g] = Self.share(of: row, above: places[(h * groups + i) * G + g]) }
                        quantilesOf(row)
                        for q in 0..<Q { out.group[((q * H + h) * groups + i) * G + g] = found[q] }
                    }
                    for (p, range) in model.phases.enumerated() {
                        scratch.withUnsafeMutableBufferPointer { ForecastSimulation.addYearGroups(all, year: h, yearGroups: G, range, into: $0) }
                        let row = scratch
                        row.withUnsafeBufferPointer { r in
                            for (limits, above) in zip(phaseLimits, counts.above) {
                                above[(h * groups + i) * P + p] = Self.share(of: r, above: limits[(h * groups + i) * P + p])
                            }
                            quantilesOf(r)
                        }
                        for q in 0..<Q { out.groupPhase[((q * H + h) * groups + i) * P + p] = found[q] }
                    }
                }
            }
        }
    }
}
