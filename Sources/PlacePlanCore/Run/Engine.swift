/// The forecasting engine's identity, stored with every archived vintage: when the methods
/// change, the version changes, and the same inputs make a new, distinguishable forecast.
public enum Engine {
    public static let version = "0.7.0"
}
