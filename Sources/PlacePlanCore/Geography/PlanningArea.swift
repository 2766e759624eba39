/// A planning area (or, for the England data, a whole local authority): the unit forecasts are
/// made for. `code` is the identifier used in the input files; `name` is for people.
public struct PlanningArea: Hashable, Sendable, Comparable {
    public let code: String
    public let name: String
    public init(code: String, name: String? = nil) {
        self.code = code
        self.name = name ?? code
    }
    public static func < (lhs: PlanningArea, rhs: PlanningArea) -> Bool { lhs.code < rhs.code }
    /// "Hartlepool (E06000001)", or just the code when there is no separate name.
    public var label: String { name == code ? code : "\(name) (\(code))" }
}
