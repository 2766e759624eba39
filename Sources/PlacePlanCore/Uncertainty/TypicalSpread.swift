/// What a unit's few past errors one year ahead are moderated towards: the typical variance of
/// the errors of units of about its size, year group by year group.
///
/// Three to five past forecasts give each unit (an area, a school) three to five errors a year
/// group, and a variance from three values is itself far off: by chance one unit's errors sit
/// close together and its draws come out too narrow, another's happen to be far apart and its
/// draws too wide. Across many units that makes the draws' errors look heavier-tailed than any
/// unit's really are, and no single widening fits every level: on England (origins 2016–2018),
/// 50% intervals held 58–67% one year ahead while 95% ones held 90–95%. Moderated, each unit's
/// variance is a weighted mean of its own and the typical one — `(d₀ × typical + d × own) ÷
/// (d₀ + d)`, with d = n − 1 its own degrees of freedom and d₀ the typical's weight — as
/// empirical Bayes moderates the variances of many small samples (Smyth, "Linear models and
/// empirical Bayes methods for assessing differential expression in microarray experiments",
/// 2004). The weight is fitted with the widening (`Widening.moderated`), from the past forecasts
/// alone.
///
/// Relative errors are larger for small units than for large ones, so "typical" is by size: the
/// units (with a variance, and pupils at the last census) are cut into at most five classes of
/// at least `classSize` by their pupils in that year group, and each class's typical variance is
/// the mean of its members' with the top and bottom tenth left out (one unit's odd year cannot
/// set it). A plan of fewer units than a class has no typical spread, and nothing is moderated.
public enum TypicalSpread {
    /// The fewest units a size class may have.
    public static let classSize = 20
    /// The most size classes.
    public static let classes = 5

    /// `typical[u × G + g]`: the typical variance of the one-year-ahead errors of units of u's
    /// size in year group g; 0 where there is none (no errors, no pupils, or too few units).
    /// - Parameters:
    ///   - values: `PastErrors.values`' layout; lead 0 is read.
    ///   - pupils: unit u's pupils in year group g at the last census (`nil`: none known).
    static func fit(_ values: [Float], pastForecasts K: Int, leads L: Int, units: Int, yearGroups G: Int,
                    pupils: (Int, Int) -> Double?) -> [Double] {
        var typical = [Double](repeating: 0, count: units * G)
        for g in 0..<G {
            var members: [(pupils: Double, variance: Double, unit: Int)] = []
            for u in 0..<units {
                let errors = (0..<K).map { Double(values[(($0 * L) * units + u) * G + g]) }
                guard let variance = sampleVariance(errors), variance > 0, let n = pupils(u, g), n > 0 else { continue }
                members.append((n, variance, u))
            }
            let count = min(classes, members.count / classSize)
            guard count > 0 else { continue }
            members.sort { ($0.pupils, $0.unit) < ($1.pupils, $1.unit) }
            for c in 0..<count {
                let members = members[(members.count * c / count)..<(members.count * (c + 1) / count)]
                let sorted = members.map(\.variance).sorted()
                let trim = sorted.count / 10
                let kept = sorted[trim..<(sorted.count - trim)]
                let mean = kept.reduce(0, +) / Double(kept.count)
                for member in members { typical[member.unit * G + g] = mean }
            }
        }
        return typical
    }

    /// A unit's variance from its own errors moderated towards the typical one by `weight`
    /// (d₀); its own where there is no typical one or no weight.
    static func moderated(_ errors: [Double], typical: Double, weight: Double) -> Double? {
        guard let own = sampleVariance(errors) else { return nil }
        guard typical > 0, weight > 0 else { return own }
        let d = Double(errors.count - 1)
        return (weight * typical + d * own) / (weight + d)
    }
}
