import CLAPACK

/// What to do when the columns of the design matrix are (numerically) linearly dependent.
public enum RankDeficiencyPolicy: Sendable {
    /// Return the minimum-norm solution among all least-squares solutions (LAPACK `dgelsy`).
    case minimumNorm
    /// Throw `LinearAlgebraError.rankDeficient`.
    case fail
}

/// The result of a (weighted) least-squares fit `min ‖W^½ (y − X β)‖²`.
public struct LeastSquaresFit: Equatable, Sendable {
    /// β, one per column of X.
    public let coefficients: [Double]
    /// Numerical rank of W^½X as determined by `dgelsy` with the fit's rank tolerance.
    public let rank: Int
    /// y − Xβ on the original (unweighted) scale, one per observation.
    public let residuals: [Double]
    /// Σ wᵢ rᵢ², the quantity minimised.
    public let weightedResidualSumOfSquares: Double
    /// Observations with positive weight minus rank: the denominator of σ².
    public let degreesOfFreedom: Int
    /// Standard error of each coefficient, √(σ² [(XᵀWX)⁻¹]ⱼⱼ) with σ² = WRSS / dof.
    /// `nil` when it is not defined: rank-deficient X (a coefficient is not identified)
    /// or no degrees of freedom left (as many observations as coefficients).
    public let standardErrors: [Double]?

    public var isFullRank: Bool { rank == coefficients.count }

    /// Predicted response for one row of predictors.
    public func predict(_ predictors: [Double]) -> Double { linearPredictor(predictors, coefficients) }
}

/// Least squares through LAPACK.
///
/// `dgelsy` (complete orthogonal factorisation with column pivoting) is used rather than `dgels`
/// because `dgels` assumes full rank and returns garbage for collinear columns; `dgelsy` detects
/// the rank with a tolerance and returns the minimum-norm solution.
public enum LeastSquares {
    /// Default relative tolerance for deciding rank: singular-value-like quantities of R below
    /// `tolerance × largest` are treated as zero.
    public static let defaultRankTolerance = 1e-10

    /// The checks every fit makes before LAPACK sees its inputs: matching lengths, something to
    /// fit, and no NaN or infinity (which LAPACK would quietly spread through the answer).
    static func checkInputs(design: Matrix, response: [Double]) throws {
        let m = design.rows, n = design.columns
        guard response.count == m else {
            throw LinearAlgebraError.dimensionMismatch("\(m) rows in the design but \(response.count) responses")
        }
        guard n > 0 else { throw LinearAlgebraError.dimensionMismatch("the design has no columns") }
        guard m > 0 else { throw LinearAlgebraError.dimensionMismatch("there are no observations") }
        guard design.storage.allSatisfy(\.isFinite) else { throw LinearAlgebraError.nonFinite("the design matrix") }
        guard response.allSatisfy(\.isFinite) else { throw LinearAlgebraError.nonFinite("the response") }
    }

    /// Solves `min ‖W^½ (y − X β)‖²`.
    /// - Parameters:
    ///   - design: X, one row per observation.
    ///   - response: y.
    ///   - weights: w ≥ 0 per observation (`nil` = all 1). A zero weight removes an observation.
    ///   - rankTolerance: relative tolerance passed to `dgelsy` as `rcond`.
    ///   - onRankDeficiency: minimum-norm answer or an error.
    ///   - standardErrors: whether to work out the coefficients' standard errors (three more
    ///     LAPACK calls); `false` leaves them `nil`, for callers that fit many small lines.
    public static func fit(
        design: Matrix,
        response: [Double],
        weights: [Double]? = nil,
        rankTolerance: Double = defaultRankTolerance,
        onRankDeficiency: RankDeficiencyPolicy = .minimumNorm,
        standardErrors wanted: Bool = true
    ) throws -> LeastSquaresFit {
        try checkInputs(design: design, response: response)
        let m = design.rows, n = design.columns
        if let weights, weights.count != m {
            throw LinearAlgebraError.dimensionMismatch("\(m) observations but \(weights.count) weights")
        }
        if let weights {
            guard weights.allSatisfy(\.isFinite) else { throw LinearAlgebraError.nonFinite("the weights") }
            if let bad = weights.firstIndex(where: { $0 < 0 }) {
                throw LinearAlgebraError.negativeWeight(index: bad, value: weights[bad])
            }
        }

        // Scale rows by √w so that ordinary least squares on (A, b) is the weighted problem.
        let root = weights?.map { $0.squareRoot() } ?? Array(repeating: 1, count: m)
        var a = design.storage
        for j in 0..<n { for i in 0..<m { a[i + j * m] *= root[i] } }
        let ldb = max(m, n)
        var b = Array(repeating: 0.0, count: ldb)
        for i in 0..<m { b[i] = response[i] * root[i] }
        let scaledDesign = wanted ? a : []  // dgelsy overwrites `a`; keep a copy for the covariance.

        var pivots = Array(repeating: Int32(0), count: n)
        var rank = Int32(0)
        SingleThreadedBLAS.ensured
        let info = LAPACKE_dgelsy(
            LAPACK_COL_MAJOR, Int32(m), Int32(n), 1,
            &a, Int32(m), &b, Int32(ldb), &pivots, rankTolerance, &rank)
        guard info == 0 else { throw LinearAlgebraError.lapack(routine: "dgelsy", info: info) }
        if Int(rank) < n, onRankDeficiency == .fail {
            throw LinearAlgebraError.rankDeficient(rank: Int(rank), columns: n)
        }

        let beta = Array(b[0..<n])
        var residuals = [Double](repeating: 0, count: m)
        var wrss = 0.0
        for i in 0..<m {
            var fitted = 0.0
            for j in 0..<n { fitted += design[i, j] * beta[j] }
            residuals[i] = response[i] - fitted
            wrss += (weights?[i] ?? 1) * residuals[i] * residuals[i]
        }
        let observations = weights?.filter { $0 > 0 }.count ?? m
        let dof = observations - Int(rank)
        let errors = (wanted && Int(rank) == n && dof > 0)
            ? standardErrors(scaledDesign: scaledDesign, rows: m, columns: n, sigmaSquared: wrss / Double(dof))
            : nil
        return LeastSquaresFit(
            coefficients: beta, rank: Int(rank), residuals: residuals,
            weightedResidualSumOfSquares: wrss, degreesOfFreedom: dof, standardErrors: errors)
    }

    /// √diag(σ² (AᵀA)⁻¹) through a Cholesky factorisation of AᵀA (`dsyrk`, `dpotrf`, `dpotri`).
    /// Returns `nil` if AᵀA is not numerically positive definite even though `dgelsy` judged
    /// the rank full: reporting no standard error beats reporting a meaningless one.
    private static func standardErrors(
        scaledDesign a: [Double], rows m: Int, columns n: Int, sigmaSquared: Double
    ) -> [Double]? {
        var gram = [Double](repeating: 0, count: n * n)
        a.withUnsafeBufferPointer { pa in
            cblas_dsyrk(CblasColMajor, CblasUpper, CblasTrans, blasint(n), blasint(m),
                        1.0, pa.baseAddress, blasint(m), 0.0, &gram, blasint(n))
        }
        guard LAPACKE_dpotrf(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "U")), Int32(n), &gram, Int32(n)) == 0,
              LAPACKE_dpotri(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "U")), Int32(n), &gram, Int32(n)) == 0
        else { return nil }
        let errors = (0..<n).map { (sigmaSquared * gram[$0 + $0 * n]).squareRoot() }
        return errors.allSatisfy(\.isFinite) ? errors : nil
    }
}

/// Σ xⱼ βⱼ: the prediction of any linear fit for one row of predictors.
func linearPredictor(_ predictors: [Double], _ coefficients: [Double]) -> Double {
    precondition(predictors.count == coefficients.count, "predictor count must match coefficients")
    var sum = 0.0
    for (x, b) in zip(predictors, coefficients) { sum += x * b }
    return sum
}
