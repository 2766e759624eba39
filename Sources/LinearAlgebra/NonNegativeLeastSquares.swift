/// The result of a non-negative least-squares fit `min ‖y − X β‖²` subject to β ≥ 0.
public struct NonNegativeFit: Equatable, Sendable {
    /// β, one per column of X, every one ≥ 0 (exactly 0 for the columns held at the bound).
    public let coefficients: [Double]
    /// y − Xβ, one per observation.
    public let residuals: [Double]
    /// Σ rᵢ², the quantity minimised.
    public let residualSumOfSquares: Double
    /// The columns free of the bound at the solution (the "passive set"), in increasing order.
    public let passive: [Int]
    /// The unconstrained fit on the passive columns alone, as LAPACK returned it: its
    /// coefficients are the non-zero β, and its standard errors (where defined) are those of
    /// β given which columns are at zero.
    public let passiveFit: LeastSquaresFit?
    /// Outer iterations (columns brought into the passive set).
    public let iterations: Int
    /// Whether the optimality test passed (no held column would improve the fit). `false` only
    /// if the iteration limit was reached first.
    public let converged: Bool

    /// Standard error of coefficient `j`, or `nil` when it is at the bound or not defined.
    public func standardError(of j: Int) -> Double? {
        guard let k = passive.firstIndex(of: j), let errors = passiveFit?.standardErrors else { return nil }
        return errors[k]
    }

    public func predict(_ predictors: [Double]) -> Double { linearPredictor(predictors, coefficients) }
}

/// Non-negative least squares by the active-set method of Lawson and Hanson (1974, ch. 23).
///
/// Flows and shares cannot be negative, and an ordinary least-squares fit on a few collinear
/// years happily returns "−0.3 of this area's Year 6 goes to that secondary area". The
/// active-set method keeps a set of columns held at zero and solves an ordinary least-squares
/// problem on the rest; every one of those solves is `LeastSquares.fit` (LAPACK `dgelsy`).
/// The loop itself only decides which columns are held at zero.
///
/// Columns are scaled to unit length before solving, so that a column of Year 6 counts in the
/// thousands and a column of ones compete for entry on their merit, not their units; results
/// are returned on the original scale. An all-zero column is held at zero.
public enum NonNegativeLeastSquares {
    /// Solves `min ‖y − Xβ‖²` subject to `β ≥ 0`.
    /// - Parameters:
    ///   - tolerance: relative tolerance on the gradient Xᵀr below which a column held at zero
    ///     is judged not to improve the fit (the optimality test of the method).
    ///   - maximumIterations: a safeguard; the method terminates in finitely many steps in
    ///     exact arithmetic. Default: `3 × columns` (Lawson and Hanson's own limit), at least 30.
    public static func fit(
        design: Matrix,
        response: [Double],
        tolerance: Double = 1e-10,
        maximumIterations: Int? = nil
    ) throws -> NonNegativeFit {
        try LeastSquares.checkInputs(design: design, response: response)
        let m = design.rows, n = design.columns

        // Unit-length columns; a zero column keeps scale 1 and is never brought in.
        var scale = [Double](repeating: 1, count: n)
        var a = design
        for j in 0..<n {
            var norm = 0.0
            for i in 0..<m { norm += design[i, j] * design[i, j] }
            norm = norm.squareRoot()
            if norm > 0 {
                scale[j] = norm
                for i in 0..<m { a[i, j] = design[i, j] / norm }
            }
        }
        let usable = (0..<n).map { j in (0..<m).contains { a[$0, j] != 0 } }
        let responseNorm = max(response.reduce(0) { $0 + $1 * $1 }.squareRoot(), 1)
        let limit = maximumIterations ?? max(3 * n, 30)

        var x = [Double](repeating: 0, count: n)
        var passive: [Int] = []
        var iterations = 0
        var converged = false
        var lastFit: LeastSquaresFit? = nil

        func residual(_ x: [Double]) -> [Double] {
            (0..<m).map { i in response[i] - (0..<n).reduce(0) { $0 + a[i, $1] * x[$1] } }
        }
        func gradient(_ r: [Double]) -> [Double] {
            (0..<n).map { j in (0..<m).reduce(0) { $0 + a[$1, j] * r[$1] } }
        }
        /// The unconstrained solution on the passive columns, zero elsewhere.
        func solve(on columns: [Int]) throws -> (z: [Double], fit: LeastSquaresFit) {
            let sub = Matrix(rowsOf: (0..<m).map { i in columns.map { a[i, $0] } })
            let fit = try LeastSquares.fit(design: sub, response: response)
            var z = [Double](repeating: 0, count: n)
            for (k, j) in columns.enumerated() { z[j] = fit.coefficients[k] }
            return (z, fit)
        }

        // Columns that just failed to enter (numerically: the solve gave them no positive
        // value although their gradient was positive). They are not offered again until the
        // solution moves, which is what keeps the method from cycling on rounding error.
        var refused: Set<Int> = []
        var w = gradient(residual(x))
        while iterations < limit {
            // The held column whose release would reduce the residual fastest.
            let candidates = (0..<n).filter { !passive.contains($0) && usable[$0] && !refused.contains($0) }
            guard let t = candidates.max(by: { w[$0] < w[$1] }), w[t] > tolerance * responseNorm else {
                converged = true
                break
            }
            iterations += 1
            passive.append(t)
            passive.sort()
            var (z, fit) = try solve(on: passive)
            if z[t] <= 0 {
                passive.removeAll { $0 == t }
                refused.insert(t)
                continue
            }
            // Until the unconstrained solution on the passive set is feasible: step from x
            // towards it as far as feasibility allows, and hold the columns that reach zero.
            while let blocking = passive.filter({ z[$0] <= 0 }).min(by: { x[$0] / (x[$0] - z[$0]) < x[$1] / (x[$1] - z[$1]) }) {
                let alpha = x[blocking] / (x[blocking] - z[blocking])
                for j in passive { x[j] += alpha * (z[j] - x[j]) }
                x[blocking] = 0
                passive.removeAll { $0 == blocking || x[$0] <= tolerance * abs(z[$0]) }
                for j in 0..<n where !passive.contains(j) { x[j] = 0 }
                if passive.isEmpty { break }
                (z, fit) = try solve(on: passive)
            }
            if passive.isEmpty {
                lastFit = nil
            } else {
                x = z
                lastFit = fit
            }
            refused.removeAll()
            w = gradient(residual(x))
        }

        // Back to the original units.
        var beta = [Double](repeating: 0, count: n)
        for j in passive { beta[j] = max(0, x[j] / scale[j]) }
        var residuals = [Double](repeating: 0, count: m)
        var rss = 0.0
        for i in 0..<m {
            var fitted = 0.0
            for j in passive { fitted += design[i, j] * beta[j] }
            residuals[i] = response[i] - fitted
            rss += residuals[i] * residuals[i]
        }
        // The passive fit's standard errors are on the scaled columns; rescale them too.
        let unscaled = lastFit.map { fit in
            LeastSquaresFit(
                coefficients: passive.enumerated().map { fit.coefficients[$0.offset] / scale[$0.element] },
                rank: fit.rank, residuals: fit.residuals,
                weightedResidualSumOfSquares: fit.weightedResidualSumOfSquares,
                degreesOfFreedom: fit.degreesOfFreedom,
                standardErrors: fit.standardErrors.map { errors in
                    passive.enumerated().map { errors[$0.offset] / scale[$0.element] }
                })
        }
        return NonNegativeFit(coefficients: beta, residuals: residuals, residualSumOfSquares: rss,
                              passive: passive, passiveFit: passive.isEmpty ? nil : unscaled, iterations: iterations,
                              converged: converged)
    }
}
