import PlacePlanCore

/// `placeplan housing-yields`: local yield estimates beside the yields in use.
public enum YieldsReport {
    public static func csv(_ estimates: [YieldCalibration.Estimate], inUse: PupilYields) -> String {
        let any = inUse.row(for: .unknown)
        var out = "phase,in_use,estimate,standard_error,observations,areas,note\n"
        for e in estimates {
            out += [e.phase.name, n(any.yield(e.phase), 3), n(e.value, 4), n(e.standardError, 4), String(e.observations),
                    String(e.areas), CSVField.quote(e.note ?? "")].joined(separator: ",") + "\n"
        }
        return out
    }

    public static func table(_ estimates: [YieldCalibration.Estimate], inUse: PupilYields, plan: String) -> String {
        let any = inUse.row(for: .unknown)
        var out = "\(plan): pupil yields per dwelling, in use and estimated from history\n"
        out += "In use: \(inUse.source) (any dwelling)\n"
        var table = TextTable(header: ["phase", "in use", "local estimate", "± s.e.", "≈95% range", "area-years", "areas", "note"])
        table.leftAligned = [0, 7]
        for e in estimates {
            let range = e.value.flatMap { v in e.standardError.map { "\(n(v - 1.96 * $0, 3))–\(n(v + 1.96 * $0, 3))" } } ?? ""
            table.add([e.phase.name, n(any.yield(e.phase), 3), n(e.value, 3), n(e.standardError, 3), range, String(e.observations),
                       String(e.areas), e.note ?? ""])
        }
        out += table.render()
        out += "Model: change in the phase's pupils = area's drift + yield × completions that year (least squares, LAPACK dgelsy).\n"
        out += "A local estimate is worth using when its range is narrow and excludes nothing plausible; write it into yields.csv.\n"
        return out
    }

    private static func n(_ x: Double?, _ d: Int) -> String { x.map { Format.number($0, decimals: d, grouping: false) } ?? "" }
}
