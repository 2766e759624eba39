import Testing
@testable import LinearAlgebra

private func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-9) -> Bool { abs(a - b) <= tolerance * max(1, abs(b)) }

/// SplitMix64, so that the random problems are the same on every run.
private struct Seeded: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("Non-negative least squares (active set over LAPACK)")
struct NonNegativeLeastSquaresTests {
    @Test("a hand-solved case: the unconstrained answer has a negative coefficient")
    func handSolved() throws {
        // X = [[1,0],[0,1],[1,1]], y = (2, −1, 1). Unconstrained: XᵀX = [[2,1],[1,2]], Xᵀy = (3, 0),
        // β = (2, −1). With β₂ held at 0: minimise (β₁−2)² + 1 + (β₁−1)², so β₁ = 3/2;
        // residuals (1/2, −1, −1/2), RSS 3/2. Optimality: Xᵀr = (0, −3/2), ≤ 0 where β is 0.
        let design = Matrix(rowsOf: [[1, 0], [0, 1], [1, 1]])
        let unconstrained = try LeastSquares.fit(design: design, response: [2, -1, 1])
        #expect(close(unconstrained.coefficients[1], -1))
        let fit = try NonNegativeLeastSquares.fit(design: design, response: [2, -1, 1])
        #expect(close(fit.coefficients[0], 1.5))
        #expect(fit.coefficients[1] == 0)
        #expect(fit.passive == [0])
        #expect(zip(fit.residuals, [0.5, -1, -0.5]).allSatisfy { close($0, $1) })
        #expect(close(fit.residualSumOfSquares, 1.5))
        #expect(fit.converged)
    }

    @Test("when the unconstrained answer is already non-negative, it is the answer")
    func agreesWithLeastSquares() throws {
        let xs = (0..<8).map(Double.init)
        let design = Matrix(rowsOf: xs.map { [1, $0, $0 * $0] })
        let y = xs.map { 2 + 0.5 * $0 + 0.25 * $0 * $0 + ($0.truncatingRemainder(dividingBy: 2) == 0 ? 0.1 : -0.1) }
        let ls = try LeastSquares.fit(design: design, response: y)
        let nn = try NonNegativeLeastSquares.fit(design: design, response: y)
        #expect(ls.coefficients.allSatisfy { $0 > 0 })
        #expect(zip(nn.coefficients, ls.coefficients).allSatisfy { close($0, $1, 1e-8) })
        #expect(nn.passive == [0, 1, 2])
        // The passive fit is LAPACK's, so its standard errors are the ordinary ones.
        let se = try #require(ls.standardErrors)
        #expect((0..<3).allSatisfy { close(nn.standardError(of: $0)!, se[$0], 1e-6) })
    }

    @Test("a response that every column would fit with a negative sign gives zero")
    func allHeld() throws {
        let fit = try NonNegativeLeastSquares.fit(design: Matrix(rowsOf: [[1, 2], [2, 1], [3, 3]]), response: [-1, -2, -3])
        #expect(fit.coefficients == [0, 0])
        #expect(fit.passive.isEmpty)
        #expect(fit.residuals == [-1, -2, -3])
        #expect(fit.standardError(of: 0) == nil)
    }

    @Test("columns in very different units (counts in thousands and a constant) are solved alike")
    func scaling() throws {
        // y = 0.8·a + 0·b + 25 exactly, with a and b counts in the thousands.
        let a: [Double] = [1200, 1250, 1190, 1310, 1280, 1400, 1350]
        let b: [Double] = [900, 870, 950, 910, 990, 940, 1010]
        let y = a.map { 0.8 * $0 + 25 }
        let fit = try NonNegativeLeastSquares.fit(design: Matrix(rowsOf: (0..<7).map { [a[$0], b[$0], 1] }), response: y)
        #expect(close(fit.coefficients[0], 0.8, 1e-8))
        #expect(abs(fit.coefficients[1]) < 1e-8)
        #expect(close(fit.coefficients[2], 25, 1e-6))
        #expect(fit.residualSumOfSquares < 1e-12)
    }

    @Test("an all-zero column is held at zero; duplicate columns share the total")
    func degenerate() throws {
        let zero = try NonNegativeLeastSquares.fit(design: Matrix(rowsOf: [[0, 1], [0, 2], [0, 3]]), response: [1, 2, 3])
        #expect(zero.coefficients[0] == 0 && close(zero.coefficients[1], 1))
        let twins = try NonNegativeLeastSquares.fit(design: Matrix(rowsOf: [[1, 1], [2, 2], [3, 3]]), response: [2, 4, 6])
        #expect(twins.coefficients.allSatisfy { $0 >= 0 })
        #expect(close(twins.coefficients[0] + twins.coefficients[1], 2, 1e-8))
        #expect(twins.residualSumOfSquares < 1e-12)
    }

    @Test("property: on random problems it matches the best non-negative subset fit found by enumeration")
    func matchesEnumeration() throws {
        var random = Seeded(state: 2024)
        for _ in 0..<200 {
            let n = Int.random(in: 1...5, using: &random)
            let m = Int.random(in: n...(n + 6), using: &random)
            let design = Matrix(rowsOf: (0..<m).map { _ in (0..<n).map { _ in Double.random(in: -1...2, using: &random) } })
            let y = (0..<m).map { _ in Double.random(in: -2...3, using: &random) }
            let fit = try NonNegativeLeastSquares.fit(design: design, response: y)
            #expect(fit.converged)
            #expect(fit.coefficients.allSatisfy { $0 >= 0 })

            // Every subset of columns, solved unconstrained by LAPACK; keep the feasible ones.
            var best = y.reduce(0) { $0 + $1 * $1 }
            for mask in 1..<(1 << n) {
                let columns = (0..<n).filter { mask & (1 << $0) != 0 }
                let sub = Matrix(rowsOf: (0..<m).map { i in columns.map { design[i, $0] } })
                let ls = try LeastSquares.fit(design: sub, response: y)
                if ls.coefficients.allSatisfy({ $0 >= -1e-12 }) { best = min(best, ls.weightedResidualSumOfSquares) }
            }
            #expect(fit.residualSumOfSquares <= best + 1e-9 * max(1, best), "NNLS \(fit.residualSumOfSquares), enumeration \(best)")

            // Optimality (Karush–Kuhn–Tucker): the gradient Xᵀr is ≈ 0 on the free columns and
            // ≤ 0 on the held ones.
            for j in 0..<n {
                let g = (0..<m).reduce(0.0) { $0 + design[$1, j] * fit.residuals[$1] }
                if fit.coefficients[j] > 0 { #expect(abs(g) < 1e-7) } else { #expect(g < 1e-7) }
            }
        }
    }

    @Test("bad inputs are refused")
    func badInputs() {
        #expect(throws: LinearAlgebraError.self) {
            try NonNegativeLeastSquares.fit(design: Matrix(rowsOf: [[1], [2]]), response: [1])
        }
        #expect(throws: LinearAlgebraError.nonFinite("the response")) {
            try NonNegativeLeastSquares.fit(design: Matrix(rowsOf: [[1], [2]]), response: [1, .infinity])
        }
    }
}
