/// A plan folder once loaded and validated: its history and how to forecast from it.
public struct Plan: Equatable, Sendable {
    public let name: String
    /// Area rolls and births. For a plan with schools: both geographies on the whole ladder,
    /// primary areas then secondary areas, each the sum of its schools.
    public let history: History
    public let settings: ForecastSettings
    /// Years ahead forecast when the user does not say.
    public let horizon: Int
    /// Schools, their rolls and the two geographies, when the plan folder has `schools.csv`:
    /// then it is a place plan, forecast by `PlacePlanning`.
    public let schools: SchoolHistory?
    /// How a school's intake share is summarised (`[schools] share_method`).
    public let shareMethod: RatioMethod
    /// Spare-capacity target and operating margin (`[capacity]`).
    public let targets: CapacityTargets
    /// Planned housing, yields and contribution costs, when the plan folder has `housing.csv`.
    public var housing: HousingInput? = nil

    public init(name: String, history: History, settings: ForecastSettings, horizon: Int, schools: SchoolHistory? = nil,
                shareMethod: RatioMethod = SchoolSettings.defaultShareMethod, targets: CapacityTargets = .default) {
        self.name = name
        self.history = history
        self.settings = settings
        self.horizon = horizon
        self.schools = schools
        self.shareMethod = shareMethod
        self.targets = targets
    }
}
