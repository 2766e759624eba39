import Foundation
import PlacePlanCore

/// Reads and validates `housing.csv`, `yields.csv` and `yield-profile.csv` of a place plan.
enum HousingReader {
    static let housingColumns = ["site", "area", "year", "dwellings"]
    /// The phases a yields or profile file must give; `send` may be left out.
    static let yieldPhases: [YieldPhase] = YieldPhase.required

    /// The phases `table` gives: the required ones, and SEND when it has the column.
    static func phases(in table: CSVTable) -> [YieldPhase] { yieldPhases + (table.has(YieldPhase.send.rawValue) ? [.send] : []) }
    static let years = 1900...2200

    /// Reads the housing files against the plan's schools; problems are logged, warnings returned.
    /// Without `housing` (no housing.csv) there are no sites, but the yields and settings still
    /// price a development given by flags.
    static func read(housing: CSVTable?, yields: CSVTable?, profile: CSVTable?, history: SchoolHistory,
                     settings: HousingSettings, configFile: String, backgroundLine: Int? = nil) throws -> (HousingInput, [InputIssue]) {
        let housing = try housing ?? CSVTable(bytes: Array((housingColumns.joined(separator: ",") + "\n").utf8), file: "housing.csv")
        var log = IssueLog()
        var warnings: [InputIssue] = []
        log.add(contentsOf: housing.checkShape(required: housingColumns,
                                               example: "site,area,year,dwellings / Northgate Fields,P01,2026,120"))
        try log.throwIfAny()
        let geography = history.geography
        let primary = Set(geography.primaryAreas.map(\.code)), secondary = Set(geography.secondaryAreas.map(\.code))
        var completions: [HousingCompletion] = []
        struct SiteYear: Hashable { let site: String, year: Int, category: DwellingCategory }
        var seen: [SiteYear: Int] = [:]
        for row in housing.rows {
            let site = housing.text(row, "site"), area = housing.text(row, "area")
            if site.isEmpty { log.add(housing.issue(row, "site", "the site is empty", fix: "give the site a name or reference")) }
            if area.isEmpty {
                log.add(housing.issue(row, "area", "the area is empty", fix: "give the primary planning area the site is in"))
            } else if !primary.contains(area) {
                log.add(housing.issue(row, "area", secondary.contains(area)
                                        ? "\(area) is a secondary planning area; area is the site's primary planning area"
                                        : "area \(area) is not a primary planning area of this plan",
                                      fix: "use one of \(geography.primaryAreas.map(\.code).joined(separator: ", ")) "
                                        + "(the secondary area follows from it, or give it in secondary_area)"))
            }
            let year = housing.integer(row, "year", in: years, what: "the academic year of completion (2026 for 2026/27)")
            if case .failure(let issue) = year { log.add(issue) }
            let dwellings = housing.count(row, "dwellings", what: "the number of dwellings", within: Bounds.dwellings)
            if case .failure(let issue) = dwellings { log.add(issue) }
            var secondaryArea: String? = nil
            if housing.has("secondary_area") {
                let code = housing.text(row, "secondary_area")
                if !code.isEmpty {
                    if secondary.contains(code) { secondaryArea = code } else {
                        log.add(housing.issue(row, "secondary_area", "\(code) is not a secondary planning area of this plan",
                                              fix: "use one of \(geography.secondaryAreas.map(\.code).joined(separator: ", ")), "
                                                + "or leave it empty (then: the area most of its Year 6 move to)"))
                    }
                }
            }
            var school: String? = nil
            if housing.has("school") {
                let code = housing.text(row, "school")
                if !code.isEmpty {
                    if let found = history.school(code) {
                        let primaryMatch = found.area(.primary) == area
                        let secondaryMatch = found.area(.secondary) != nil && (secondaryArea == nil || found.area(.secondary) == secondaryArea)
                        if found.phase == .special || !(primaryMatch || secondaryMatch) {
                            log.add(housing.issue(row, "school", "school \(code) is not a school of area \(area)"
                                                    + (secondaryArea.map { " or \($0)" } ?? ""),
                                                  fix: "assign a school in the site's planning area, or leave school empty "
                                                    + "(pupils then go to the area's schools by their share)"))
                        } else { school = code }
                    } else {
                        log.add(housing.issue(row, "school", "school \(code) is not in schools.csv",
                                              fix: "use a school code from schools.csv, or leave school empty"))
                    }
                }
            }
            let category = Self.category(housing, row, log: &log) ?? .unknown
            guard case .success(let y) = year, case .success(let d) = dwellings, !site.isEmpty, primary.contains(area) else { continue }
            let key = SiteYear(site: site, year: y, category: category)
            if let earlier = seen[key] {
                log.add(housing.issue(row, "year", "a second row for site \(site) in \(y) with the same dwellings (the first is on line \(earlier))",
                                      fix: "add the dwellings together in one row, or give the rows different type, tenure or bedrooms"))
                continue
            }
            seen[key] = row.line
            completions.append(HousingCompletion(site: site, area: area, secondaryArea: secondaryArea, school: school, year: y,
                                                 dwellings: d, category: category, line: row.line))
        }
        // Completions up to the base year are history: they set the background rate. Those before
        // the first census cannot have reached any ratio the forecast uses: said, and not used.
        for completion in completions where completion.year < history.firstYear {
            warnings.append(InputIssue(file: housing.file, line: completion.line, column: housing.number("year"), columnName: "year",
                                       message: "\(completion.year) is before the first census (\(history.firstYear)): "
                                        + "these dwellings are neither history for the background rate nor planned",
                                       fix: "nothing to do if that is right; otherwise correct the year"))
        }
        let pupilYields = yields.map { readYields($0, profile: profile, log: &log, warnings: &warnings) }
            ?? readProfileOnly(profile, log: &log, warnings: &warnings)
        for area in settings.background.keys where !primary.contains(area) {
            log.add(InputIssue(file: configFile, line: backgroundLine, columnName: "background",
                               message: "[housing] background names \(area), which is not a primary planning area",
                               fix: "use primary planning area codes: \(geography.primaryAreas.map(\.code).joined(separator: ", "))"))
        }
        try log.throwIfAny()
        return (HousingInput(completions: completions, yields: pupilYields, settings: settings), warnings)
    }

    static func readProfileOnly(_ profile: CSVTable?, log: inout IssueLog, warnings: inout [InputIssue]) -> PupilYields {
        guard let profile else { return .defaults }
        let values = readProfile(profile, log: &log)
        return PupilYields(rows: PupilYields.defaults.rows, profile: values,
                           source: PupilYields.defaults.source + "; profile from \(profile.file)")
    }

    /// The optional `type`, `tenure` and `bedrooms` columns of a row (housing.csv and yields.csv
    /// describe dwellings alike): empty means not known. `nil`, with each problem logged, when a
    /// value is not one the yields know. Bedrooms are a band: 1, 2, or 3 or more ("3+", "4" …).
    /// The one bedroom rule, for `housing.csv`, `yields.csv` and `--mix`: a whole number from 1
    /// to 20, `3+` allowed; 3 or more are one band (yields are given for 1, 2 and 3+).
    static func bedrooms(_ text: String) -> Int? {
        guard let n = Int(text.hasSuffix("+") ? String(text.dropLast()) : text), (1...20).contains(n) else { return nil }
        return min(n, 3)
    }

    static func category(_ table: CSVTable, _ row: CSVRow, log: inout IssueLog) -> DwellingCategory? {
        var category = DwellingCategory.unknown
        var valid = true
        if table.has("type"), !table.text(row, "type").isEmpty {
            category.type = DwellingType(rawValue: table.text(row, "type").lowercased())
            if category.type == nil {
                valid = false
                log.add(table.issue(row, "type", "'\(table.text(row, "type"))' is not a dwelling type",
                                    fix: "write house or flat, or leave it empty when not known"))
            }
        }
        if table.has("tenure"), !table.text(row, "tenure").isEmpty {
            category.tenure = Tenure(rawValue: table.text(row, "tenure").lowercased())
            if category.tenure == nil {
                valid = false
                log.add(table.issue(row, "tenure", "'\(table.text(row, "tenure"))' is not a tenure",
                                    fix: "write market or affordable, or leave it empty when not known"))
            }
        }
        if table.has("bedrooms"), !table.text(row, "bedrooms").isEmpty {
            let text = table.text(row, "bedrooms")
            if let band = bedrooms(text) {
                category.bedrooms = band
            } else {
                valid = false
                log.add(table.issue(row, "bedrooms", "'\(text)' is not a number of bedrooms",
                                    fix: "write a whole number of bedrooms from 1 (3 or more are treated alike, e.g. 3+), or leave it empty"))
            }
        }
        return valid ? category : nil
    }

    static func readYields(_ table: CSVTable, profile: CSVTable?, log: inout IssueLog, warnings: inout [InputIssue]) -> PupilYields {
        let columns = yieldPhases.map(\.rawValue)
        let shape = table.checkShape(required: columns, example: "type,tenure,bedrooms,early_years,primary,secondary,post16 / ,,,0.1,0.2,0.15,0.06")
        log.add(contentsOf: shape)
        guard shape.isEmpty else { return .defaults }
        var rows: [PupilYields.Row] = []
        var seen: [DwellingCategory: Int] = [:]
        for row in table.rows {
            let parsed = Self.category(table, row, log: &log)
            var bad = parsed == nil
            let category = parsed ?? .unknown
            // Without a send column, every row has the default SEND yield (said in the source).
            var values: [YieldPhase: Double] = table.has(YieldPhase.send.rawValue) ? [:] : [.send: PupilYields.defaultSEND]
            for phase in phases(in: table) {
                switch table.count(row, phase.rawValue, what: "the \(phase.name) pupils per dwelling", within: Bounds.yieldPerDwelling) {
                case .success(let v):
                    values[phase] = v
                    if let range = PupilYields.plausible[phase], !range.contains(v) {
                        warnings.append(table.issue(row, phase.rawValue, "\(v) \(phase.name) pupils per dwelling is outside the plausible "
                                                    + "\(range.lowerBound)–\(range.upperBound) (published local factors are 0.2–0.25 primary, 0.1–0.15 secondary)",
                                                    fix: "check it is per dwelling, not per 100 dwellings (0.20, not 20)"))
                    }
                case .failure(let issue): log.add(issue); bad = true
                }
            }
            if bad { continue }
            if let earlier = seen[category] {
                log.add(table.issue(row, table.has("type") ? "type" : columns[0], "a second row for \(category) (the first is on line \(earlier))",
                                    fix: "keep one row per dwelling category"))
                continue
            }
            seen[category] = row.line
            rows.append(PupilYields.Row(category: category, perDwelling: values))
        }
        if !rows.isEmpty, !rows.contains(where: { $0.category == .unknown }), log.isEmpty {
            log.add(InputIssue(file: table.file, line: 1, message: "no row for dwellings of unknown type, tenure and bedrooms",
                               fix: "add a row with type, tenure and bedrooms empty: the yield used when a site's mix is not known"))
        }
        if rows.isEmpty && log.isEmpty {
            log.add(InputIssue(file: table.file, line: 1, message: "has a header but no rows", fix: "add at least the row for any dwelling"))
        }
        let values = profile.map { readProfile($0, log: &log) } ?? [:]
        return PupilYields(rows: rows, profile: values,
                           source: table.file + (profile.map { "; profile from \($0.file)" } ?? "; yield reached on completion and held")
                            + (table.has(YieldPhase.send.rawValue) ? "" : "; SEND \(PupilYields.defaultSEND) per dwelling (the DfE pupil yield dashboard's England figure; the file has no send column)"))
    }

    /// `years_since_completion,early_years,primary,secondary,post16`: the share of each phase's
    /// full yield present 0, 1, 2 … years after completion; the last row holds for later years.
    static func readProfile(_ table: CSVTable, log: inout IssueLog) -> [YieldPhase: [Double]] {
        let columns = ["years_since_completion"] + yieldPhases.map(\.rawValue)
        let shape = table.checkShape(required: columns, example: "years_since_completion,early_years,primary,secondary,post16 / 0,1,0.6,0.4,0.3")
        log.add(contentsOf: shape)
        guard shape.isEmpty else { return [:] }
        var values: [YieldPhase: [Double]] = [:]
        var expected = 0
        for row in table.rows {
            switch table.integer(row, "years_since_completion", in: 0...50, what: "the years since completion") {
            case .success(let k):
                if k != expected {
                    log.add(table.issue(row, "years_since_completion", "expected \(expected) here (rows run 0, 1, 2, … in order)",
                                        fix: "list every year since completion from 0, one row each, in order"))
                    return values
                }
            case .failure(let issue): log.add(issue); return values
            }
            expected += 1
            for phase in phases(in: table) {
                switch table.count(row, phase.rawValue, what: "the share of the \(phase.name) yield", within: 0...10) {
                case .success(let v): values[phase, default: []].append(v)
                case .failure(let issue): log.add(issue); values[phase, default: []].append(0)
                }
            }
        }
        if table.rows.isEmpty { log.add(InputIssue(file: table.file, line: 1, message: "has a header but no rows", fix: "add the row for 0 years since completion")) }
        return values
    }
}
