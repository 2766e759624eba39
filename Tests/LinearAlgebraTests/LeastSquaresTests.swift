import Testing
@testable import LinearAlgebra

private func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-9) -> Bool { abs(a - b) <= tolerance * max(1, abs(b)) }

@Suite("Least squares through LAPACK")
struct LeastSquaresTests {
    @Test("a hand-solved line: coefficients, residuals, standard errors")
    func handSolvedLine() throws {
        // (0,1), (1,3), (2,4): slope 3/2, intercept 7/6, residuals −1/6, 1/3, −1/6, RSS 1/6,
        // σ² = 1/6 on 1 dof, (XᵀX)⁻¹ = [[5/6, −1/2], [−1/2, 1/2]].
        let fit = try LeastSquares.fit(design: Matrix(rowsOf: [[1, 0], [1, 1], [1, 2]]), response: [1, 3, 4])
        #expect(fit.rank == 2)
        #expect(close(fit.coefficients[0], 7.0 / 6))
        #expect(close(fit.coefficients[1], 1.5))
        #expect(zip(fit.residuals, [-1.0 / 6, 1.0 / 3, -1.0 / 6]).allSatisfy { close($0, $1) })
        #expect(close(fit.weightedResidualSumOfSquares, 1.0 / 6))
        #expect(fit.degreesOfFreedom == 1)
        let se = try #require(fit.standardErrors)
        #expect(close(se[0], (5.0 / 36).squareRoot()))
        #expect(close(se[1], (1.0 / 12).squareRoot()))
    }

    @Test("without standard errors: the same coefficients and residuals, and none of the errors")
    func withoutStandardErrors() throws {
        let design = Matrix(rowsOf: [[1, 0], [1, 1], [1, 2], [1, 4]]), response = [1.0, 3, 4, 8.5]
        let full = try LeastSquares.fit(design: design, response: response)
        let light = try LeastSquares.fit(design: design, response: response, standardErrors: false)
        #expect(full.standardErrors != nil)
        #expect(light.standardErrors == nil)
        #expect(light.coefficients == full.coefficients)
        #expect(light.residuals == full.residuals)
        #expect(light.rank == full.rank && light.degreesOfFreedom == full.degreesOfFreedom)
    }

    @Test("an exact fit leaves zero residuals and recovers the coefficients")
    func exactFit() throws {
        let xs = (0..<10).map(Double.init)
        let fit = try LeastSquares.fit(design: Matrix(rowsOf: xs.map { [1, $0, $0 * $0] }), response: xs.map { 2 - 3 * $0 + 0.5 * $0 * $0 })
        #expect(zip(fit.coefficients, [2.0, -3, 0.5]).allSatisfy { close($0, $1, 1e-8) })
        #expect(fit.weightedResidualSumOfSquares < 1e-18)
    }

    @Test("a weight of 2 is the same as the row twice; a weight of 0 removes the row")
    func weights() throws {
        let rows: [[Double]] = [[1, 0], [1, 1], [1, 2], [1, 3]]
        let y = [1.0, 2.5, 2.9, 4.4]
        let weighted = try LeastSquares.fit(design: Matrix(rowsOf: rows), response: y, weights: [1, 2, 1, 0])
        let duplicated = try LeastSquares.fit(design: Matrix(rowsOf: [rows[0], rows[1], rows[1], rows[2]]), response: [y[0], y[1], y[1], y[2]])
        #expect(zip(weighted.coefficients, duplicated.coefficients).allSatisfy { close($0, $1) })
        #expect(weighted.degreesOfFreedom == 1)  // three rows with positive weight, rank 2
    }

    @Test("collinear columns give the minimum-norm answer, no NaN, and no standard errors")
    func collinearMinimumNorm() throws {
        // Third column = 2 × second: only b1 + 2·b2 = 3 is identified; minimum norm puts
        // b1 = 3/5, b2 = 6/5.
        let xs = [0.0, 1, 2, 3, 4]
        let fit = try LeastSquares.fit(design: Matrix(rowsOf: xs.map { [1, $0, 2 * $0] }), response: xs.map { 1 + 3 * $0 })
        #expect(fit.rank == 2)
        #expect(!fit.isFullRank)
        #expect(fit.coefficients.allSatisfy { $0.isFinite })
        #expect(close(fit.coefficients[0], 1, 1e-8))
        #expect(close(fit.coefficients[1], 0.6, 1e-8))
        #expect(close(fit.coefficients[2], 1.2, 1e-8))
        #expect(fit.standardErrors == nil)
    }

    @Test("collinear columns with the .fail policy give a clear error")
    func collinearFails() {
        let design = Matrix(rowsOf: [[1, 2], [2, 4], [3, 6]])
        #expect(throws: LinearAlgebraError.rankDeficient(rank: 1, columns: 2)) {
            try LeastSquares.fit(design: design, response: [1, 2, 3], onRankDeficiency: .fail)
        }
        let message = LinearAlgebraError.rankDeficient(rank: 1, columns: 2).description
        #expect(message.contains("collinear"))
    }

    @Test("nearly collinear columns are judged rank-deficient at the tolerance, not solved into huge numbers")
    func nearlyCollinear() throws {
        let xs = [0.0, 1, 2, 3]
        let design = Matrix(rowsOf: xs.map { [$0, $0 + 1e-14 * $0 * $0] })
        let fit = try LeastSquares.fit(design: design, response: xs)
        #expect(fit.rank == 1)
        #expect(fit.coefficients.allSatisfy { $0.isFinite && abs($0) < 10 })
    }

    @Test("uncentred calendar years (ill-conditioned) still recover a trend")
    func calendarYears() throws {
        let years = (2011...2019).map(Double.init)
        let fit = try LeastSquares.fit(design: Matrix(rowsOf: years.map { [1, $0] }), response: years.map { 0.97 + 0.002 * ($0 - 2011) })
        #expect(close(fit.coefficients[1], 0.002, 1e-6))
        #expect(close(fit.predict([1, 2020]), 0.988, 1e-6))
    }

    @Test("more unknowns than observations: minimum-norm, no degrees of freedom, no standard errors")
    func underdetermined() throws {
        let fit = try LeastSquares.fit(design: Matrix(rowsOf: [[1, 1]]), response: [2])
        #expect(close(fit.coefficients[0], 1) && close(fit.coefficients[1], 1))
        #expect(fit.standardErrors == nil)
    }

    @Test("bad inputs are refused before LAPACK sees them")
    func badInputs() {
        let design = Matrix(rowsOf: [[1, 0], [1, 1], [1, 2]])
        #expect(throws: LinearAlgebraError.nonFinite("the response")) {
            try LeastSquares.fit(design: design, response: [1, .nan, 3])
        }
        #expect(throws: LinearAlgebraError.self) { try LeastSquares.fit(design: design, response: [1, 2]) }
        #expect(throws: LinearAlgebraError.negativeWeight(index: 1, value: -1)) {
            try LeastSquares.fit(design: design, response: [1, 2, 3], weights: [1, -1, 1])
        }
        var infinite = design
        infinite[0, 1] = .infinity
        #expect(throws: LinearAlgebraError.nonFinite("the design matrix")) {
            try LeastSquares.fit(design: infinite, response: [1, 2, 3])
        }
    }
}
