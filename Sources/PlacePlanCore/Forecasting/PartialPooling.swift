/// Partial pooling (empirical Bayes) for `pooled(…)` methods: each area's estimate of a ratio is
/// moved towards the average of every area's, by the share of the areas' differences that its
/// own noise could explain:
///
///     v_i  = s_i² × share                   the noise in area i's estimate: s_i² the variance of
///                                           its last max(K, 3) ratios, `share` the method's
///                                           (`RatioMethod.noiseShare`: 1/K for a mean of K)
///     τ²   = max(0, var(r) − mean(v))       how much the areas' ratios truly differ (moments)
///     μ    = Σ r_i ÷ (τ² + v_i)  ÷  Σ 1 ÷ (τ² + v_i)   the areas' average, noisy ones counting less
///     r̃_i = μ + τ² ÷ (τ² + v_i) × (r_i − μ)
///
/// An area whose ratios hardly move keeps its own; one whose ratios jump about (a small area: a
/// few dozen pupils a year group) moves most of the way to μ; one with too few ratios to say (fewer
/// than three) is taken to be as noisy as the median area. With fewer than three areas there is
/// nothing to pool from, and the estimates are kept. μ is one number for all areas: the plan's
/// areas are its statistical neighbours.
public enum PartialPooling {
    /// One area's estimate of a ratio and the variance of its noise (`nil`: too few ratios).
    public struct Area: Equatable, Sendable {
        public let estimate: Double
        public let noise: Double?

        public init(estimate: Double, noise: Double?) {
            self.estimate = estimate
            self.noise = noise
        }
    }

    /// What an area's model keeps for pooling a ratio: the noise of its own estimate (`nil`: too few ratios).
    struct Evidence: Equatable, Sendable {
        let noise: Double?

        /// From the ratios the estimate summarises (before the method takes its last K).
        init(_ observations: [(year: Int, ratio: Double)], method: RatioMethod) {
            let recent = observations.suffix(max(method.years, 3)).map(\.ratio)
            guard recent.count >= 3, let variance = sampleVariance(recent) else { noise = nil; return }
            noise = variance * method.noiseShare
        }
    }

    /// What the areas' estimates say together: μ, τ², and the noise taken for an area with too
    /// few ratios (the median area's). `nil` with fewer than three estimates, or none with any
    /// noise or difference (every estimate then stands).
    struct Fit: Equatable {
        let mean: Double
        let between: Double
        let typicalNoise: Double

        /// The share of its difference from μ an area with this noise keeps: τ² ÷ (τ² + v).
        func keep(noise: Double?) -> Double {
            let v = noise ?? typicalNoise
            return between + v == 0 ? 1 : between / (between + v)
        }

        init?(_ areas: [Area]) {
            let known = areas.filter { $0.estimate > 0 && $0.estimate.isFinite }
            guard known.count >= 3 else { return nil }
            let typical = median(known.compactMap(\.noise)) ?? 0
            let v = known.map { $0.noise ?? typical }, r = known.map(\.estimate)
            let tau2 = max(0, sampleVariance(r)! - v.reduce(0, +) / Double(known.count))
            guard tau2 > 0 || v.contains(where: { $0 > 0 }) else { return nil }
            // An area with no noise at all (and no real difference between areas) is known
            // exactly: μ is its estimate (their mean, if several).
            let exact = zip(r, v).filter { tau2 + $0.1 == 0 }.map(\.0)
            if !exact.isEmpty {
                mean = exact.reduce(0, +) / Double(exact.count)
            } else {
                var weighted = 0.0, weights = 0.0
                for (x, noise) in zip(r, v) {
                    weighted += x / (tau2 + noise)
                    weights += 1 / (tau2 + noise)
                }
                mean = weighted / weights
            }
            between = tau2
            typicalNoise = typical
        }
    }

    /// The factor each area's estimate is multiplied by: r̃_i ÷ r_i (1 for an area with no
    /// estimate, or one not above 0, and for every area when there is nothing to pool).
    public static func factors(_ areas: [Area?]) -> [Double] {
        guard let fit = Fit(areas.compactMap { $0 }) else { return areas.map { _ in 1 } }
        return areas.map { area in
            guard let area, area.estimate > 0, area.estimate.isFinite else { return 1 }
            return (fit.mean + fit.keep(noise: area.noise) * (area.estimate - fit.mean)) / area.estimate
        }
    }

    /// Every `pooled(…)` ratio of the areas' models moved towards the areas' average, as the
    /// first forecast year reads it.
    static func apply(_ models: [AreaModel], baseYear: Int) -> [AreaModel] {
        guard let first = models.first else { return models }
        let ratios = first.progression.count
        var progression = [[Double]](repeating: [Double](repeating: 1, count: ratios), count: models.count)
        for g in 0..<ratios where models.contains(where: { $0.progressionEvidence[g] != nil }) {
            // A progression ratio is read at the year the cohort moves from (`project`).
            let f = factors(models.map { model in
                model.progressionEvidence[g].flatMap { evidence in
                    model.progression[g].map { Area(estimate: $0.value(at: baseYear), noise: evidence.noise) }
                }
            })
            for i in models.indices { progression[i][g] = f[i] }
        }
        var intake = [Double](repeating: 1, count: models.count)
        if models.contains(where: { $0.intakeEvidence != nil }) {
            intake = factors(models.map { model in
                model.intakeEvidence.flatMap { evidence in model.intake.map { Area(estimate: $0.value(at: baseYear + 1), noise: evidence.noise) } }
            })
        }
        return models.indices.map { models[$0].moved(progression: progression[$0], intake: intake[$0]) }
    }
}
