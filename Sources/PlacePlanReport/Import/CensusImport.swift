import PlacePlanIO

/// What `placeplan import ees` writes into a new plan folder — `rolls.csv`, `plan.toml` and, when
/// given, `births.csv` — and what it says about what it took and what it left out.
public enum CensusImport {
    public static func rollsCSV(_ result: EESCensus.Result) -> String {
        "year,area,area_name,year_group,pupils\n" + result.rows.map {
            "\($0.year),\($0.area),\(CSVField.quote($0.name)),\($0.yearGroup),\($0.pupils)"
        }.joined(separator: "\n") + "\n"
    }

    public static func birthsCSV(_ births: (header: [String], rows: [[String]])) -> String {
        ([births.header] + births.rows).map { $0.map(CSVField.quote).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    /// A plan.toml that `check` accepts: the authority's name (or how many), the England ladder,
    /// the births basis when there are births; every default said in a comment.
    public static func planTOML(_ result: EESCensus.Result, source: String, birthsBasis: String?) -> String {
        let names = Array(Set(result.rows.map(\.name))).sorted()
        let name = names.count == 1 ? names[0] : "\(names.count) local authorities"
        var out = "# Imported by placeplan import ees from \(source) (DfE \"Schools, pupils and their characteristics\",\n"
        out += "# Explore education statistics): state-funded pupils by NC year group, January census.\n"
        out += "name = \"\(name.replacingOccurrences(of: "\"", with: "'"))\"\n\n"
        out += "# Reception, Years 1-13; primary R-Y6, secondary Y7-Y11, sixth form Y12-Y13.\nladder = \"england\"\n"
        if let birthsBasis { out += "\n# Births as given with --births (ONS): say which twelve months a year's births cover.\nbirths_basis = \"\(birthsBasis)\"\n" }
        out += "\n[forecast]\nhorizon = 10\n"
        return out
    }

    public static func summary(_ result: EESCensus.Result, folder: String, files: [String]) -> String {
        let areas = Set(result.rows.map(\.area)).count, years = Set(result.rows.map(\.year)).sorted()
        var out = "Imported \(Format.count(result.rows.count, "row")) (\(Format.count(areas, "authority", "authorities")), "
        out += "\(years.first.map(Format.academicYear) ?? "")–\(years.last.map(Format.academicYear) ?? ""), R–Y13) of \(Format.number(Double(result.rowsRead))) read\n"
        out += result.leftOut.isEmpty ? "Nothing left out.\n" : "Left out, by what they were:\n"
        for (what, count) in result.leftOut.sorted(by: { $0.key < $1.key }) { out += "- \(what): \(Format.count(count, "row"))\n" }
        if !result.incomplete.isEmpty {
            out += "Left out: \(Format.count(result.incomplete.count, "authority", "authorities")) without rows in every year (a boundary change):\n"
            out += result.incomplete.map { "- \($0)\n" }.joined()
        }
        if !result.absent.isEmpty {
            out += "Year groups with no row in the file (no school has them), taken as 0, in \(Format.count(result.absent.count, "authority-year", "authority-years")):\n"
            out += result.absent.prefix(10).map { "- \($0)\n" }.joined()
            if result.absent.count > 10 { out += "- … and \(result.absent.count - 10) more\n" }
        }
        if result.notApplicable > 0 { out += "- \(Format.count(result.notApplicable, "figure")) given as z (not applicable), taken as 0\n" }
        out += "Wrote \(files.joined(separator: ", ")) to \(folder). Next: placeplan check \(folder), then placeplan forecast \(folder)\n"
        return out
    }
}
