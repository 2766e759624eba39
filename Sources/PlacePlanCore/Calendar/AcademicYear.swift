/// An academic year by the calendar year it starts in: 2025 is 2025/26 (September to August).
public enum AcademicYear {
    /// `2025/26`: the one way every table, report and message writes an academic year.
    public static func text(_ year: Int) -> String {
        let next = (year + 1) % 100
        return "\(year)/\(next < 10 ? "0" : "")\(next)"
    }
}
