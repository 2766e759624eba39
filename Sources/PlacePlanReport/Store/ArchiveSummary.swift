import PlacePlanCore
import PlacePlanIO
import PlacePlanStore

/// What `placeplan archive` prints.
public enum ArchiveSummary {
    /// - Parameters:
    ///   - label: the label asked for (when the vintage existed already, it was not used).
    ///   - customDatabase: `--db` was given, so the next commands need it too.
    public static func text(_ outcome: PlanStore.ArchiveOutcome, run: PlanRun, vintage: NewVintage, label: String?, inputs: [String],
                            database path: String, folder: String, customDatabase: Bool) -> String {
        switch outcome {
        case .alreadyArchived(let existing):
            return "Already archived as \(existing.name), made \(existing.createdAt), from the same inputs and settings; nothing was written.\n"
                + (label.flatMap { $0 == existing.label ? nil : "(The label \"\($0)\" was not used: a vintage cannot be changed once archived.)\n" } ?? "")
                + "Database: \(path)\n"
        case .archived(let stored, let cells):
            let counts = vintage.cellCounts
            let levels = run.levels.reversed().map { level in
                "\(Format.number(Double(counts[level] ?? 0))) \(level == .authority ? "authority totals" : "\(level.rawValue) cells")"
            }
            let schools = run.places.map { ", \(Format.count($0.forecast.schools.count, "school"))" } ?? ""
            return """
                Archived \(stored.name) in \(path)
                - \(run.plan.name): forecast from \(Format.academicYear(stored.originYear)) (last census) for \(stored.horizon) years \
                (\(Format.academicYear(run.years.lowerBound))–\(Format.academicYear(run.years.upperBound))), \
                \(Format.count(run.areaForecast.areas.count, "area"))\(schools), method \(stored.method)
                - \(Format.number(Double(cells))) cells: \(levels.joined(separator: ", "))
                - inputs: \(inputs.joined(separator: ", ")) and settings; SHA-256 \(stored.inputsSHA256)
                Score it as actuals arrive: placeplan actuals import \(folder) FILE, then placeplan accuracy \(folder)\
                \(customDatabase ? " (with --db \(path))" : "")

                """
        }
    }
}
