/// A plan folder once loaded and validated: its history and how to forecast from it.
public struct Plan: Equatable, Sendable {
    public let name: String
    public let history: History
    public let settings: ForecastSettings
    /// Years ahead forecast when the user does not say.
    public let horizon: Int

    public init(name: String, history: History, settings: ForecastSettings, horizon: Int) {
        self.name = name
        self.history = history
        self.settings = settings
        self.horizon = horizon
    }
}
