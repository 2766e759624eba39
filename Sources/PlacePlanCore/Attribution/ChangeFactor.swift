/// An input whose change can move a forecast, as `placeplan explain` names it: the files of a
/// plan folder fall into these, and each is swapped as a whole.
public enum ChangeFactor: String, CaseIterable, Sendable, Comparable {
    /// A new census: the rolls (and the boundary changes they are restated across). It brings
    /// both a new base year and the ratios measured on it.
    case census
    /// Births: a new year registered, or revised figures.
    case births
    /// Applications for next September's entry (`applications.csv`): a new year's, or revised.
    case applications
    /// `plan.toml` and the run's flags: the method, the ratios' summary, the horizon, every setting
    /// (`--no-housing` is housing's).
    case settings
    /// Planned housing: sites, yields and their profile, costs, and whether it is in (`--no-housing`).
    case housing
    /// Schools and planning areas: places, openings and closures, which school is in which area.
    case schools
    /// Any other file the plan read.
    case other

    /// The factor a plan folder's file belongs to, by its usual name.
    public static func of(file name: String) -> ChangeFactor {
        switch name {
        case "rolls.csv", "area-changes.csv": return .census
        case "births.csv": return .births
        case "applications.csv": return .applications
        case "plan.toml": return .settings
        case "housing.csv", "yields.csv", "yield-profile.csv", "cost-index.csv": return .housing
        case "schools.csv", "areas.csv": return .schools
        default: return .other
        }
    }

    /// "births", "method and settings", … as a table column and in sentences.
    public var words: String {
        switch self {
        case .census: return "census"
        case .births: return "births"
        case .applications: return "applications"
        case .settings: return "method and settings"
        case .housing: return "housing"
        case .schools: return "schools and areas"
        case .other: return "other files"
        }
    }

    private var order: Int { Self.allCases.firstIndex(of: self)! }
    public static func < (a: ChangeFactor, b: ChangeFactor) -> Bool { a.order < b.order }
}
