/// Maps a data interval onto a pixel interval, linearly. `range` may run backwards (SVG's y axis
/// grows downwards, so a y scale maps low values to the bottom).
public struct LinearScale: Equatable, Sendable {
    public let domain: ClosedRange<Double>
    public let range: (start: Double, end: Double)

    public init(domain: ClosedRange<Double>, range: (start: Double, end: Double)) {
        // A zero-width domain (one point, or all values equal) would divide by zero: widen it.
        self.domain = domain.lowerBound < domain.upperBound ? domain : (domain.lowerBound - 1)...(domain.upperBound + 1)
        self.range = range
    }

    public func callAsFunction(_ value: Double) -> Double {
        let t = (value - domain.lowerBound) / (domain.upperBound - domain.lowerBound)
        return range.start + t * (range.end - range.start)
    }

    public static func == (a: Self, b: Self) -> Bool {
        a.domain == b.domain && a.range.start == b.range.start && a.range.end == b.range.end
    }
}

/// Axis ticks at "nice" steps (1, 2 or 5 × a power of ten), so labels read 0, 5,000, 10,000 …
/// rather than 0, 3,217, 6,434.
public enum NiceTicks {
    /// A step close to `span / target` from the 1-2-5 sequence.
    public static func step(span: Double, target: Int) -> Double {
        guard span > 0, span.isFinite, target > 0 else { return 1 }
        let raw = span / Double(target)
        var magnitude = 1.0
        while magnitude * 10 <= raw { magnitude *= 10 }
        while magnitude > raw { magnitude /= 10 }
        let residual = raw / magnitude
        let nice: Double = residual < 1.5 ? 1 : residual < 3 ? 2 : residual < 7 ? 5 : 10
        return nice * magnitude
    }

    /// The domain widened outwards to whole steps, and the ticks inside it.
    public static func ticks(covering domain: ClosedRange<Double>, target: Int = 5) -> (domain: ClosedRange<Double>, ticks: [Double]) {
        let low = domain.lowerBound, high = domain.upperBound > low ? domain.upperBound : low + 1
        let step = step(span: high - low, target: target)
        let first = (low / step).rounded(.down) * step
        let last = (high / step).rounded(.up) * step
        let count = Int(((last - first) / step).rounded()) + 1
        return (first...last, (0..<count).map { first + Double($0) * step })
    }
}
