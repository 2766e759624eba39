import PlacePlanStore

/// The vintages of a database, one line each, for `placeplan vintage list`.
public enum VintageList {
    public static func text(_ vintages: [Vintage], database: String) -> String {
        guard !vintages.isEmpty else { return "No vintages in \(database) yet: archive a forecast first (placeplan archive DIR).\n" }
        var table = TextTable(header: ["id", "label", "plan", "origin", "horizon", "method", "archived"])
        table.leftAligned = [1, 2, 5, 6]
        for v in vintages {
            table.add([String(v.id), v.label ?? "(none: placeplan vintage label DIR \(v.id) \"…\")", v.planName, Format.academicYear(v.originYear),
                       "\(v.horizon) year\(v.horizon == 1 ? "" : "s")", v.method, String(v.createdAt.prefix(10))])
        }
        return "\(vintages.count) vintage\(vintages.count == 1 ? "" : "s") in \(database)\n" + table.render()
    }
}
