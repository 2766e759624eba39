import Foundation
import PlacePlanIO

/// What `placeplan import ees` writes into a new plan folder — `rolls.csv`, `plan.toml` and, when
/// given, `births.csv` — and what it says about what it took and what it left out.
public enum CensusImport {
    public static func rollsCSV(_ result: EESCensus.Result) -> String {
        "year,area,area_name,year_group,pupils\n" + result.rows.map {
            "\($0.year),\($0.area),\(CSVField.quote($0.name)),\($0.yearGroup),\($0.pupils)"
        }.joined(separator: "\n") + "\n"
    }

    public static func birthsCSV(_ births: BirthsExtract.Extract) -> String {
        ([BirthsExtract.Extract.header] + births.rows).map { $0.map(CSVField.quote).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    /// What to import: the census file, the births file if any, and what to count.
    public struct Request {
        /// The census files to choose from (`import ees` gives one; `init` every one it found).
        public let censuses: [URL]
        public let births: URL?
        /// The basis the user gave (`--births-basis`), if any.
        public let birthsBasis: String?
        public let authorities: Set<String>?
        public let schoolTypes: Set<String>
        public let outDir: String
        /// The command that imported, for plan.toml's first line.
        public let command: String

        public init(censuses: [URL], births: URL?, birthsBasis: String?, authorities: Set<String>?, schoolTypes: Set<String>,
                    outDir: String, command: String) {
            self.censuses = censuses
            self.births = births
            self.birthsBasis = birthsBasis
            self.authorities = authorities
            self.schoolTypes = schoolTypes
            self.outDir = outDir
            self.command = command
        }
    }

    /// Reads the census (and births), writes the plan folder whole or not at all, and says what
    /// was taken, left out and assumed. `placeplan import ees` and `placeplan init` both run this.
    public static func run(_ request: Request) throws -> String {
        let (census, result, choice) = try chosenCensus(request)
        let births = try request.births.map { try BirthsExtract.read(url: $0, areas: Set(result.rows.map(\.area))) }
        let basis = try births.map { try basisSaid($0, given: request.birthsBasis, file: request.births!.path) }
        let files = [("plan.toml", planTOML(result, source: census.lastPathComponent, births: births, basis: basis, command: request.command)),
                     ("rolls.csv", rollsCSV(result))] + (births.map { [("births.csv", birthsCSV($0))] } ?? [])
        try AtomicFile.writeAll(files, into: URL(fileURLWithPath: request.outDir))
        var out = choice.map { $0 + "\n" } ?? ""
        out += summary(result, folder: request.outDir, files: files.map(\.0))
        if let births, let basis {
            let projected = births.projectedYears
            out += "Births: \(Format.count(births.rows.count, "row")), read as \(births.layout); births_basis = \"\(basis.value)\" (\(basis.source))"
            out += projected.isEmpty ? "\n" : "; projected, and marked so: \(projected.joined(separator: ", "))\n"
        }
        return out
    }

    /// The census to import and, when there were several, why it: of the files that can count
    /// the school types asked, the one with the most census years for the authorities asked (the
    /// first of equals, in name order) — a longer history gives the method more to learn from and
    /// the intervals past errors to resample. A file that cannot be read for them is passed over,
    /// and said; when none can, the first one's problems are the error.
    static func chosenCensus(_ request: Request) throws -> (URL, EESCensus.Result, choice: String?) {
        func read(_ file: URL) throws -> EESCensus.Result {
            try (CensusLayout.of(file) ?? .ees).read(url: file, authorities: request.authorities, schoolTypes: request.schoolTypes)
        }
        guard request.censuses.count > 1 else { return (request.censuses[0], try read(request.censuses[0]), nil) }
        func name(_ file: URL) -> String { file.pathComponents.suffix(2).joined(separator: "/") }
        // Each file read once, with its census years counted once.
        var readable: [(file: URL, result: EESCensus.Result, years: Int)] = [], passed: [String] = [], firstError: Error?
        for file in request.censuses {
            // Its layout found once (a first line read), then asked and used.
            let layout = CensusLayout.of(file) ?? .ees
            if let reason = layout.cannotCount(request.schoolTypes) { passed.append("\(name(file)) (\(reason))"); continue }
            do {
                let result = try layout.read(url: file, authorities: request.authorities, schoolTypes: request.schoolTypes)
                readable.append((file, result, result.censusYears))
            } catch {
                firstError = firstError ?? error
                passed.append("\(name(file)) (it could not be read for the authorities asked: see placeplan import ees \(name(file)))")
            }
        }
        // The most years; of equals, the first in name order (`censuses` is in name order).
        guard let most = readable.map(\.years).max(), let best = readable.first(where: { $0.years == most }) else {
            if let firstError { throw firstError }
            return (request.censuses[0], try read(request.censuses[0]), nil)
        }
        func years(_ result: EESCensus.Result) -> String {
            let all = Set(result.rows.map(\.year)).sorted()
            return "\(Format.count(all.count, "census year")), \(all.first.map(Format.academicYear) ?? "")–\(all.last.map(Format.academicYear) ?? "")"
        }
        let others = readable.filter { $0.file != best.file }.map { "\(name($0.file)) (\(years($0.result)))" } + passed
        let longest = readable.filter { $0.years == most }.count == 1
        return (best.file, best.result, "Census: took \(name(best.file)) (\(years(best.result))), \(longest ? "the longest history" : "the first in name order of the longest"), "
            + "over \(others.joined(separator: "; "))")
    }

    /// The births basis and where it came from: the file's layout, the user, or the default.
    static func basisSaid(_ births: BirthsExtract.Extract, given: String?, file: String) throws -> (value: String, source: String) {
        switch (births.basis, given) {
        case (let fixed?, let said?) where fixed != said:
            throw InputErrors([InputIssue(file: file, line: 1, message: "is \(births.layout), so its basis is \(fixed), not \(said)",
                                          fix: "leave out --births-basis, or give a births file on the \(said) basis")])
        case (let fixed?, _): return (fixed, "fixed by the file's layout")
        case (nil, let said?): return (said, "as given with --births-basis")
        case (nil, nil): return ("mid-year", "assumed: the file does not say; check which twelve months it counts")
        }
    }

    /// A plan.toml that `check` accepts: the authority's name (or how many), the England ladder,
    /// the births basis when there are births and where it came from; every default said in a comment.
    public static func planTOML(_ result: EESCensus.Result, source: String, births: BirthsExtract.Extract?,
                                basis: (value: String, source: String)?, command: String) -> String {
        let names = Array(Set(result.rows.map(\.name))).sorted()
        let name = names.count == 1 ? names[0] : "\(names.count) local authorities"
        var out = "# Imported by placeplan \(command) from \(source):\n# \(result.source).\n"
        out += "name = \"\(name.replacingOccurrences(of: "\"", with: "'"))\"\n\n"
        out += "# Reception, Years 1-13; primary R-Y6, secondary Y7-Y11, sixth form Y12-Y13.\nladder = \"england\"\n"
        if let basis {
            out += "\n# Births: \(births.map(\.layout) ?? "births by authority"). Which twelve months a year's births cover:\n"
            out += "# \(basis.source).\nbirths_basis = \"\(basis.value)\"\n"
        }
        out += "\n[forecast]\nhorizon = 10\n"
        return out
    }

    /// What `placeplan init` made of each file in the folder it was given.
    public static func sources(_ folder: SourceFolder) -> String {
        "Files in the folder, by their headers:\n" + folder.looked.map { "- \($0.file): \($0.use)" }.joined(separator: "\n")
    }

    public static func summary(_ result: EESCensus.Result, folder: String, files: [String]) -> String {
        let areas = Set(result.rows.map(\.area)).count, years = Set(result.rows.map(\.year)).sorted()
        var out = "Imported \(Format.count(result.rows.count, "row")) (\(Format.count(areas, "authority", "authorities")), "
        out += "\(years.first.map(Format.academicYear) ?? "")–\(years.last.map(Format.academicYear) ?? ""), R–Y13) of \(Format.number(Double(result.rowsRead))) read\n"
        out += "Pupils: \(result.source)\n"
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
