import LinearAlgebra

/// Chooses, for each ratio of the ladder (the intake ratio and every progression ratio), the
/// summary method that would have predicted that ratio best in the past — using only the
/// history it is given. A forecast made at origin Y is given the history known at Y, so the
/// choice can never use an error that was not knowable then.
///
/// A method is scored on every area and every past ratio it could have predicted: the ratio of
/// year t predicted from the ratios of years up to t − lead, for leads 1…`maximumLead`, the
/// absolute relative error pooled across areas; the method with the lowest median wins (ties go
/// to the earlier candidate). With no past ratio to score on, the first candidate is used.
///
/// With `combine` (`ensemble`), every candidate is kept, weighted: the weights are the
/// non-negative least-squares fit (LAPACK, Lawson–Hanson) of the same past ratios by the
/// candidates' predictions of them, each as a share of the ratio, scaled to add to one.
public struct MethodSelection: Equatable, Sendable {
    public var candidates: [RatioMethod]
    public var maximumLead: Int
    /// Weight the candidates (`ensemble`) instead of choosing one (`auto`).
    public var combine: Bool

    public init(candidates: [RatioMethod] = Self.standardCandidates, maximumLead: Int = 3, combine: Bool = false) {
        precondition(!candidates.isEmpty, "a selection needs candidates")
        self.candidates = candidates
        self.maximumLead = maximumLead
        self.combine = combine
    }

    /// What a forecast calls it: `auto` or `ensemble`.
    public var label: String { combine ? "ensemble" : "auto" }

    public static let standardCandidates: [RatioMethod] = [
        .blend([.mean(years: 1), .weighted(years: 5)]), .weighted(years: 3), .mean(years: 1), .mean(years: 3),
        .weighted(years: 5), .trend(years: 3), .trend(years: 5),
    ]

    /// The chosen method for each ratio: `intake` and `progression[g]` for g → g+1.
    public struct Choice: Equatable, Sendable {
        public let intake: RatioMethod
        public let progression: [RatioMethod]
    }

    public func choose(for history: History) -> Choice {
        let ladder = history.ladder
        let progression = (0..<(ladder.count - 1)).map { g in
            best(history.areas.map { progressionRatios(of: $0, from: g) })
        }
        let intake: RatioMethod
        if let births = history.births {
            intake = best(history.areas.map { area in
                intakeRatios(of: area, births: births[area.area.code], ladder: ladder, basis: history.birthsBasis)
            })
        } else {
            intake = candidates[0]
        }
        return Choice(intake: intake, progression: progression)
    }

    /// The candidate with the lowest median absolute relative error over every area's series,
    /// or with `combine` the candidates weighted (`weighted(_:)`).
    func best(_ series: [[(year: Int, ratio: Double)]]) -> RatioMethod {
        if combine, let ensemble = weighted(series) { return ensemble }
        var bestMethod = candidates[0]
        var bestScore = Double.infinity
        for method in candidates {
            var errors: [Double] = []
            for observations in series {
                for target in observations where target.ratio > 0 {
                    for lead in 1...maximumLead {
                        let known = observations.filter { $0.year <= target.year - lead }
                        guard let estimate = method.estimate(from: known) else { continue }
                        errors.append(abs(estimate.value(at: target.year) - target.ratio) / target.ratio)
                    }
                }
            }
            if let score = median(errors), score < bestScore {
                bestScore = score
                bestMethod = method
            }
        }
        return bestMethod
    }

    /// The candidates weighted by non-negative least squares on their past predictions, each
    /// divided by the ratio it predicted (so every area and year counts alike); candidates with
    /// no weight are left out. `nil` when there is nothing to fit on or the fit fails.
    func weighted(_ series: [[(year: Int, ratio: Double)]]) -> RatioMethod? {
        var rows: [[Double]] = []
        for observations in series {
            for target in observations where target.ratio > 0 {
                for lead in 1...maximumLead {
                    let known = observations.filter { $0.year <= target.year - lead }
                    let predictions = candidates.map { $0.estimate(from: known)?.value(at: target.year) }
                    guard predictions.allSatisfy({ $0 != nil }) else { continue }
                    rows.append(predictions.map { $0! / target.ratio })
                }
            }
        }
        guard rows.count > candidates.count,
              let fit = try? NonNegativeLeastSquares.fit(design: Matrix(rowsOf: rows), response: [Double](repeating: 1, count: rows.count))
        else { return nil }
        let total = fit.coefficients.reduce(0, +)
        guard total > 0 else { return nil }
        let kept = fit.coefficients.indices.filter { fit.coefficients[$0] / total >= 0.005 }
        let share = kept.reduce(0) { $0 + fit.coefficients[$1] }
        if kept.count == 1 { return candidates[kept[0]] }
        return .ensemble(kept.map { candidates[$0] }, weights: kept.map { fit.coefficients[$0] / share })
    }
}

/// The observed progression ratios N(g+1, t+1) / N(g, t) of an area, skipping empty year groups.
func progressionRatios(of rolls: AreaRolls, from g: Int) -> [(year: Int, ratio: Double)] {
    var observations: [(year: Int, ratio: Double)] = []
    for t in rolls.firstYear..<rolls.lastYear {
        guard let from = rolls.pupils(year: t, yearGroup: g), from > 0,
              let to = rolls.pupils(year: t + 1, yearGroup: g + 1) else { continue }
        observations.append((t, to / from))
    }
    return observations
}

/// The observed intake ratios entry(t) / cohort births(t) of an area.
func intakeRatios(of rolls: AreaRolls, births: BirthSeries?, ladder: Ladder, basis: BirthsBasis) -> [(year: Int, ratio: Double)] {
    guard let births else { return [] }
    var observations: [(year: Int, ratio: Double)] = []
    for t in rolls.years {
        guard let cohort = basis.cohortBirths(entryYear: t, entryAge: ladder.entryAge, births: { births.byYear[$0] }),
              cohort > 0 else { continue }
        observations.append((t, rolls.pupils(year: t, yearGroup: 0)! / cohort))
    }
    return observations
}
