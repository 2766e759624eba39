/// A progress bar for long work, redrawn in place on standard error: `[#####.....] 12/40 forecasts`.
public enum ProgressBar {
    public static func line(_ done: Int, of total: Int, unit: String, width: Int = 30) -> String {
        let filled = total > 0 ? width * done / total : width
        return "\r[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "] \(done)/\(total) \(unit)"
    }
}
