/// A national-curriculum year (R, Y1 … Y13) or any other rung of a ladder (K, G1 … G12).
/// Only its name is intrinsic; its place comes from the `Ladder` it is on.
public struct YearGroup: Hashable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let name: String
    public init(_ name: String) { self.name = name }
    public init(stringLiteral value: String) { self.name = value }
    public var description: String { name }
}
