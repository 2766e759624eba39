/// Why a least-squares problem could not be solved. Each case says what to change.
public enum LinearAlgebraError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The design matrix and the response (or weights) disagree in length.
    case dimensionMismatch(String)
    /// An input held NaN or infinity; LAPACK would silently propagate it.
    case nonFinite(String)
    /// A weight was negative.
    case negativeWeight(index: Int, value: Double)
    /// Fewer independent columns than columns, and the caller asked for a full-rank fit.
    case rankDeficient(rank: Int, columns: Int)
    /// LAPACK reported an argument error or a failure to converge.
    case lapack(routine: String, info: Int32)

    public var description: String {
        switch self {
        case .dimensionMismatch(let detail):
            return "dimension mismatch: \(detail)"
        case .nonFinite(let detail):
            return "non-finite value (NaN or infinity) in \(detail)"
        case .negativeWeight(let index, let value):
            return "weight \(index) is negative (\(value)); weights must be zero or more"
        case .rankDeficient(let rank, let columns):
            return "the predictors are collinear: rank \(rank) of \(columns) columns; "
                + "drop a redundant predictor or allow a minimum-norm solution"
        case .lapack(let routine, let info):
            return "LAPACK \(routine) failed with info = \(info)"
        }
    }
}
