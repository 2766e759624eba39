/// Forecast error as DfE scorecards define it: (forecast − actual) / actual, sign kept, so a
/// positive error is an over-forecast. `nil` when the actual is zero (no percentage exists).
public func percentageError(forecast: Double, actual: Double) -> Double? {
    guard actual != 0 else { return nil }
    return (forecast - actual) / actual
}

/// Summary statistics over a set of signed percentage errors (fractions, 0.01 = 1%).
public struct ErrorSummary: Equatable, Sendable {
    public let count: Int
    /// Median absolute percentage error.
    public let medianAbsolute: Double
    /// Mean absolute percentage error.
    public let meanAbsolute: Double
    /// Median signed error: positive = forecasts tend to be too high.
    public let bias: Double
    /// Share of errors with |error| ≤ 0.9% (the reference council's intake figure).
    public let shareWithin0_9Percent: Double
    /// Share of actuals inside their prediction interval, where forecasts had intervals
    /// (an 80% interval should hold about 80%), and how many intervals that is.
    public var coverage: Double? = nil
    public var intervals: Int = 0
    /// Median width of those intervals, as a share of the forecast: how wide they had to be to
    /// cover as often as they did.
    public var width: Double? = nil

    /// Share of errors with |error| ≤ `bound`.
    public func shareWithin(_ bound: Double) -> Double {
        Double(absolute.filter { $0 <= bound + 1e-12 }.count) / Double(max(count, 1))
    }

    private let absolute: [Double]

    public init?(errors: [Double]) {
        guard !errors.isEmpty else { return nil }
        let absolute = errors.map(abs)
        self.absolute = absolute
        count = errors.count
        medianAbsolute = median(absolute)!
        meanAbsolute = absolute.reduce(0, +) / Double(errors.count)
        bias = median(errors)!
        shareWithin0_9Percent = Double(absolute.filter { $0 <= 0.009 + 1e-12 }.count) / Double(errors.count)
    }
}

/// The sample variance (n − 1 in the denominator); `nil` for fewer than two values.
public func sampleVariance(_ values: [Double]) -> Double? {
    guard values.count >= 2 else { return nil }
    let n = Double(values.count)
    let mean = values.reduce(0, +) / n
    return values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
}

/// The middle value (mean of the two middle values for an even count); `nil` when empty.
/// Found by selection, not by sorting: the same value, in linear time (a national vintage's
/// scores are medians of hundreds of thousands of errors).
public func median(_ values: [Double]) -> Double? {
    guard !values.isEmpty else { return nil }
    var values = values
    let mid = values.count / 2
    let hasNaN = values.contains(where: \.isNaN)
    if hasNaN {
        values.sort()   // as sorting places NaN, which selection cannot
    } else {
        values.withUnsafeMutableBufferPointer { Selection.select($0, mid, from: 0, to: $0.count - 1) }
    }
    guard values.count % 2 == 0 else { return values[mid] }
    // After selection no value before `mid` is larger than the one sorting puts at `mid − 1`.
    let below = hasNaN ? values[mid - 1] : values[..<mid].max()!
    return (below + values[mid]) / 2
}

/// 1.4826 × the median absolute deviation from `centre`: a standard deviation that one wild
/// value cannot inflate (for normal data it estimates the standard deviation). 0 when empty.
public func robustStandardDeviation(_ values: [Double], around centre: Double) -> Double {
    1.4826 * (median(values.map { abs($0 - centre) }) ?? 0)
}
