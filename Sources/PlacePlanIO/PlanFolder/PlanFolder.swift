import Foundation
import PlacePlanCore

/// Reads and validates a plan folder: `plan.toml`, `rolls.csv` and (optionally) `births.csv`;
/// for a place plan also `schools.csv` and (optionally) `areas.csv`.
///
/// Validation collects every problem it can find before giving up, and a plan is only returned
/// when there are none: the engine never sees a half-valid history.
public enum PlanFolder {
    public static let configFile = "plan.toml"

    public static func load(_ folder: URL) throws -> Plan { try loadAll(folder).plan }

    /// Loads a plan folder, returning also the warnings: things that are probably mistakes but
    /// do not stop a forecast (each names its file and line, like an error).
    public static func loadWithWarnings(_ folder: URL) throws -> (plan: Plan, warnings: [InputIssue]) {
        let loaded = try loadAll(folder)
        return (loaded.plan, loaded.warnings)
    }

    /// One input file of a plan folder exactly as it was read: its name in the folder and bytes.
    public struct InputFile: Equatable, Sendable {
        public let name: String
        public let bytes: [UInt8]
        public init(name: String, bytes: [UInt8]) {
            self.name = name
            self.bytes = bytes
        }
    }

    /// Loads and validates a plan folder, returning also the bytes of every file it read
    /// (`plan.toml`, rolls, births, schools and areas when present), in that order: what a
    /// forecast was made from. The bytes are those validated, so a file changed meanwhile cannot
    /// slip in.
    public static func loadWithInputs(_ folder: URL) throws -> (plan: Plan, inputs: [InputFile]) {
        let loaded = try loadAll(folder)
        return (loaded.plan, loaded.inputs)
    }

    /// Everything a load finds: the plan, its warnings and the input files' bytes.
    public static func loadAll(_ folder: URL) throws -> (plan: Plan, warnings: [InputIssue], inputs: [InputFile]) {
        let (config, configURL, configData, lines) = try readConfig(folder)

        let rollsURL = folder.appendingPathComponent(config.rollsFile)
        var inputs = [InputFile(name: configFile, bytes: [UInt8](configData))]
        let rollsBytes = try CSVTable.read(url: rollsURL, file: rollsURL.path)
        inputs.append(InputFile(name: config.rollsFile, bytes: rollsBytes))
        var mapping = ColumnMapping(config.columns)
        let rolls = mapping.apply(try CSVTable(bytes: rollsBytes, file: rollsURL.path))
        /// An optional file of the folder, read (its columns as `[columns]` says) and counted
        /// among the inputs when it is there.
        func optionalTable(_ name: String) throws -> CSVTable? {
            let url = folder.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: url.path) else { return nil }
            let bytes = try CSVTable.read(url: url, file: url.path)
            inputs.append(InputFile(name: name, bytes: bytes))
            return mapping.apply(try CSVTable(bytes: bytes, file: url.path))
        }
        let births = try optionalTable(config.birthsFile)
        let schoolsURL = folder.appendingPathComponent(config.schoolsFile)
        let areasURL = folder.appendingPathComponent(config.areasFile)
        let hasAreas = FileManager.default.fileExists(atPath: areasURL.path)

        let changesURL = folder.appendingPathComponent(config.areaChangesFile)
        let changes = try optionalTable(config.areaChangesFile)

        let housingURL = folder.appendingPathComponent(config.housingFile)
        let hasHousing = FileManager.default.fileExists(atPath: housingURL.path)
        guard FileManager.default.fileExists(atPath: schoolsURL.path) else {
            if hasHousing {
                throw InputErrors([InputIssue(file: housingURL.path, message: "housing growth needs a place plan, but the folder has no \(config.schoolsFile)",
                                              fix: "add \(config.schoolsFile) (docs/place-plan.md), or remove \(config.housingFile)")])
            }
            if rolls.has("school") {
                throw InputErrors([InputIssue(file: rollsURL.path, line: 1, column: rolls.number("school"), columnName: "school",
                                              message: "the rolls are by school but the plan folder has no \(config.schoolsFile)",
                                              fix: "add \(config.schoolsFile) (docs/place-plan.md), or give rolls by area without a school column")])
            }
            try mapping.check(configFile: configURL.path, lines: lines)
            let recorded = try changes.map(AreaChangesReader.read) ?? []
            let read = try HistoryReader.read(rolls: rolls, births: births, ladder: config.ladder, basis: config.birthsBasis)
            let (restated, applied) = try AreaChangesReader.apply(recorded, to: read, file: changesURL.path)
            // Applications are read into the history as restated: their areas are today's.
            let (history, later) = try optionalTable(config.applicationsFile).map { try ApplicationsReader.read($0, into: restated) } ?? (restated, [])
            let warnings = later + (hasAreas ? [InputIssue(file: areasURL.path, message: "is not used: there is no \(config.schoolsFile)",
                                                  fix: "add \(config.schoolsFile) to make a place plan, or remove \(config.areasFile)")] : [])
                + unusedDelivery(folder: folder, config: config, why: "there is no \(config.schoolsFile), and housing growth needs a place plan")
            var settings = config.settings
            if let excluded = try optionalTable(config.excludeYearsFile) {
                settings.excludedAreaYears = try ExcludeYearsReader.read(excluded, history: history)
            }
            var plan = Plan(name: config.name, history: history, settings: settings, horizon: config.horizon)
            plan.boundaryChanges = applied
            for (name, what) in [(config.specialistFile, "resourced bases"), (config.earlyYearsFile, "early-years settings")]
                where FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path) {
                throw InputErrors([InputIssue(file: folder.appendingPathComponent(name).path,
                                              message: "\(what) need a place plan, but the folder has no \(config.schoolsFile)",
                                              fix: "add \(config.schoolsFile) (docs/place-plan.md), or remove \(name)")])
            }
            let codes = Set(history.areas.map(\.area.code))
            plan.ehcp = try optionalTable(config.ehcpFile).map { try EHCPReader.read($0, ladder: config.ladder, areas: codes) }
            plan.takeUp = try optionalTable(config.takeUpFile).map { try TakeUpReader.read($0, areas: codes) }
            return (plan, warnings, inputs)
        }

        guard let schools = try optionalTable(config.schoolsFile) else {
            throw InputErrors([InputIssue(file: schoolsURL.path, message: "went missing while the plan was read",
                                          fix: "run the command again once the folder is not being changed")])
        }
        let areas = try optionalTable(config.areasFile)
        try mapping.check(configFile: configURL.path, lines: lines)
        let (history, warnings) = try schoolHistory(config: config, configFile: configURL.path, schools: schools,
                                                    rolls: rolls, areas: areas, births: births)
        var places = PlacePlanInputs(schools: history, shareMethod: config.shareMethod, targets: config.targets, costs: config.costs)
        var allWarnings = warnings
        if changes != nil {
            allWarnings.append(InputIssue(file: changesURL.path, message: "is not used: a place plan sums its schools into today's planning areas, "
                                            + "so a boundary change needs no restating", fix: "move each school to its new area in \(config.schoolsFile), and remove \(config.areaChangesFile)"))
        }
        if FileManager.default.fileExists(atPath: folder.appendingPathComponent(config.applicationsFile).path) {
            allWarnings.append(InputIssue(file: folder.appendingPathComponent(config.applicationsFile).path,
                                          message: "is not used: applications combine with births in a plan by area, not yet in a place plan by school",
                                          fix: "remove \(config.applicationsFile), or forecast the areas alone from a folder without \(config.schoolsFile)"))
        }
        if FileManager.default.fileExists(atPath: folder.appendingPathComponent(config.excludeYearsFile).path) {
            allWarnings.append(InputIssue(file: folder.appendingPathComponent(config.excludeYearsFile).path,
                                          message: "is not used: an area's own years are left out in a plan by area, not yet in a place plan by school",
                                          fix: "name the years for every area with exclude_years in plan.toml, or remove \(config.excludeYearsFile)"))
        }
        // Yields, profile, cost index and [housing] price a development even without housing.csv.
        let housingExtras = [config.yieldsFile, config.yieldProfileFile, config.costIndexFile]
        if hasHousing || config.hasHousingSection || housingExtras.contains(where: { FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path) }) {
            var housing: CSVTable? = nil
            if hasHousing {
                let housingBytes = try CSVTable.read(url: housingURL, file: housingURL.path)
                inputs.append(InputFile(name: config.housingFile, bytes: housingBytes))
                housing = try CSVTable(bytes: housingBytes, file: housingURL.path)
            }
            var optional: [CSVTable?] = []
            for name in housingExtras {
                let url = folder.appendingPathComponent(name)
                guard FileManager.default.fileExists(atPath: url.path) else { optional.append(nil); continue }
                let bytes = try CSVTable.read(url: url, file: url.path)
                inputs.append(InputFile(name: name, bytes: bytes))
                optional.append(try CSVTable(bytes: bytes, file: url.path))
            }
            var settings = config.housing
            if let table = optional[2] {
                var log = IssueLog()
                settings.index = CostIndexReader.read(table, base: config.costBasePeriod, target: config.costPeriod, configFile: configURL.path, log: &log)
                try log.throwIfAny()
            }
            let (input, housingWarnings) = try HousingReader.read(housing: housing, yields: optional[0], profile: optional[1], history: history,
                                                                  settings: settings, configFile: configURL.path,
                                                                  backgroundLine: lines.line(of: "background", in: "housing"))
            places.housing = input
            allWarnings += housingWarnings
        }
        // How past trajectories were delivered: with housing.csv's trajectory to build, else unused.
        if hasHousing, places.housing != nil, let table = try optionalTable(config.housingDeliveryFile) {
            let (record, warnings) = try HousingDeliveryReader.read(table, lastCensus: history.lastYear)
            places.housing?.delivery = record
            allWarnings += warnings
        } else if !hasHousing {
            allWarnings += unusedDelivery(folder: folder, config: config, why: "there is no \(config.housingFile) whose homes it would build")
        }
        try specialistAndEarlyYears(config: config, configFile: configURL.path, lines: lines, schools: history,
                                    table: optionalTable, into: &places)
        let plan = Plan(name: config.name, history: history.combinedHistory, settings: config.settings, horizon: config.horizon,
                        kind: .places(places))
        return (plan, allWarnings, inputs)
    }

    /// The folder's `plan.toml`, parsed and checked, with the files it names checked to be in the
    /// folder: what every way of reading a plan folder starts from.
    static func readConfig(_ folder: URL) throws -> (config: PlanConfig, url: URL, data: Data, lines: TOMLLines) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw InputErrors([InputIssue(file: folder.path, message: "is not a folder",
                                          fix: "give the path of a plan folder holding plan.toml and rolls.csv")])
        }
        let configURL = folder.appendingPathComponent(configFile)
        guard let configData = try? Data(contentsOf: configURL), let text = String(data: configData, encoding: .utf8) else {
            throw InputErrors([InputIssue(file: configURL.path, message: "is missing or not UTF-8 text",
                                          fix: "create plan.toml with at least: name = \"My plan\" (see docs/plan-folder.md)")])
        }
        let config = try PlanConfig.parse(text, file: configURL.path)
        let lines = TOMLLines(text)
        // Inputs are the folder's own files (a subfolder is fine): its fingerprint and the --out
        // guard cover them, and a plan copied elsewhere keeps them.
        let outside = config.namedFiles.filter { $0.name.hasPrefix("/") || $0.name.split(separator: "/").contains("..") }
        if !outside.isEmpty {
            throw InputErrors(outside.map {
                InputIssue(file: configURL.path, line: lines.line(of: $0.key, in: "files"), columnName: "files.\($0.key)",
                           message: "names '\($0.name)', which is outside the plan folder",
                           fix: "copy the file into the plan folder and name it from there, e.g. \($0.key) = \"\(($0.name as NSString).lastPathComponent)\"")
            })
        }
        let missing = config.namedFiles.filter { !FileManager.default.fileExists(atPath: folder.appendingPathComponent($0.name).path) }
        if !missing.isEmpty {
            throw InputErrors(missing.map {
                InputIssue(file: configURL.path, line: lines.line(of: $0.key, in: "files"), columnName: "files.\($0.key)",
                           message: "names '\($0.name)', which is not in the plan folder",
                           fix: "correct the name, or remove the line to use the usual file name")
            })
        }
        return (config, configURL, configData, lines)
    }

    /// Validates a place plan's tables: areas (optional), schools, rolls by school, births.
    static func schoolHistory(config: PlanConfig, configFile: String, schools: CSVTable, rolls: CSVTable, areas: CSVTable?,
                              births: CSVTable?) throws -> (SchoolHistory, [InputIssue]) {
        let layout = try phaseLayout(config: config, configFile: configFile)
        guard rolls.has("school") else {
            throw InputErrors([InputIssue(file: rolls.file, line: 1,
                                          message: "the plan has \(config.schoolsFile) but the rolls have no 'school' column",
                                          fix: "give rolls by school: year,school,area,year_group,pupils (area may be left empty)")])
        }
        let reader = schoolsReader(layout: layout, schools: schools, areas: areas)
        // A header problem in schools.csv leaves nothing to check the rolls against.
        if reader.schools.isEmpty { try reader.log.throwIfAny() }
        var history = try SchoolRollsReader.read(rolls: rolls, births: births, schools: reader, ladder: config.ladder,
                                                 basis: config.birthsBasis, schoolsFile: schools.file)
        history.capacityGiven = reader.capacityGiven
        return (history, reader.warnings)
    }

    /// Validates a place plan's CSV text already in memory (used by tests).
    public static func schoolHistory(schoolsCSV: String, rollsCSV: String, areasCSV: String? = nil, birthsCSV: String? = nil,
                                     ladder: Ladder = .england, basis: BirthsBasis = .midYear) throws -> (history: SchoolHistory, warnings: [InputIssue]) {
        var config = PlanConfig(name: "test", ladder: ladder, birthsBasis: basis, settings: .default,
                                horizon: PlanConfig.defaultHorizon, rollsFile: "rolls.csv", birthsFile: "births.csv")
        config.schoolsFile = "schools.csv"
        return try schoolHistory(config: config, configFile: "plan.toml",
                                 schools: CSVTable(bytes: Array(schoolsCSV.utf8), file: "schools.csv"),
                                 rolls: CSVTable(bytes: Array(rollsCSV.utf8), file: "rolls.csv"),
                                 areas: try areasCSV.map { try CSVTable(bytes: Array($0.utf8), file: "areas.csv") },
                                 births: try birthsCSV.map { try CSVTable(bytes: Array($0.utf8), file: "births.csv") })
    }

    /// Validates CSV text already in memory (used by tests and by `actuals import`).
    public static func history(rollsCSV: String, birthsCSV: String?, ladder: Ladder = .england,
                               basis: BirthsBasis = .midYear) throws -> History {
        let rolls = try CSVTable(bytes: Array(rollsCSV.utf8), file: "rolls.csv")
        let births = try birthsCSV.map { try CSVTable(bytes: Array($0.utf8), file: "births.csv") }
        return try HistoryReader.read(rolls: rolls, births: births, ladder: ladder, basis: basis)
    }

    /// A place plan's ladder divided into its phases, or the error that it cannot be.
    static func phaseLayout(config: PlanConfig, configFile: String) throws -> PhaseLayout {
        guard let layout = PhaseLayout(ladder: config.ladder) else {
            throw InputErrors([InputIssue(file: configFile, columnName: "phases",
                                          message: "a plan with schools needs its ladder divided into primary, secondary and sixth form",
                                          fix: "use ladder = \"england\", or give \(PhaseLayout.requirement)")])
        }
        return layout
    }

    /// `areas.csv` (when there is one) and `schools.csv` read: the plan's geography and schools,
    /// with their problems in `log`.
    static func schoolsReader(layout: PhaseLayout, schools: CSVTable, areas: CSVTable?) -> SchoolsReader {
        var reader = SchoolsReader(layout: layout)
        if let areas { reader.readAreas(areas) }
        reader.readSchools(schools)
        return reader
    }
}

/// Turns the rolls and births tables into a validated `History`.
enum HistoryReader {
    static let rollsColumns = ["year", "area", "year_group", "pupils"]
    static let birthsColumns = ["year", "area", "births"]
    static let years = 1900...2200

    private struct Cell: Hashable { let area: String; let year: Int; let yearGroup: Int }

    static func read(rolls: CSVTable, births: CSVTable?, ladder: Ladder, basis: BirthsBasis) throws -> History {
        var log = IssueLog()
        log.add(contentsOf: rolls.checkShape(required: rollsColumns, example: "year,area,year_group,pupils / 2019,E06000001,R,1153"))
        if let births {
            log.add(contentsOf: births.checkShape(required: birthsColumns, example: "year,area,births / 2015,E06000001,1284"))
        }
        try log.throwIfAny()

        // Index the ladder case-insensitively: "y1" and "Y1" are the same year group.
        var yearGroup = YearGroupLookup(ladder)
        var firstLine: [Cell: Int] = [:]
        var pupils: [Cell: Double] = [:]
        var names: [String: (name: String, line: Int)] = [:]
        var areaFirstLine: [String: Int] = [:]
        for row in rolls.rows {
            let year = rolls.academicYear(row, "year", in: years, what: "the year (the academic year's first year: 2019 for 2019/20)")
            let area = rolls.text(row, "area")
            let groupText = rolls.text(row, "year_group")
            let count = rolls.count(row, "pupils", what: "the number of pupils", within: Bounds.pupils)
            if case .failure(let issue) = year { log.add(issue) }
            if area.isEmpty { log.add(rolls.issue(row, "area", "the area is empty", fix: "give the planning area's code")) }
            let group = yearGroup(groupText)
            if group == nil {
                log.add(rolls.issue(row, "year_group", "'\(groupText)' is not a year group of the \(ladder.name) ladder",
                                    fix: "use one of \(ladder.yearGroups.map(\.name).joined(separator: ", ")), or change the ladder in plan.toml"))
            }
            if case .failure(let issue) = count { log.add(issue) }
            guard case .success(let y) = year, let g = group, case .success(let n) = count, !area.isEmpty else { continue }
            let cell = Cell(area: area, year: y, yearGroup: g)
            if let earlier = firstLine[cell] {
                log.add(rolls.issue(row, "year_group", "a second row for \(area), \(y), \(ladder.yearGroups[g]) (the first is on line \(earlier))",
                                    fix: "keep one row per year, area and year group: delete or correct one of the two"))
                continue
            }
            firstLine[cell] = row.line
            pupils[cell] = n
            areaFirstLine[area] = areaFirstLine[area] ?? row.line
            if rolls.has("area_name") {
                let name = rolls.text(row, "area_name")
                if let known = names[area], known.name != name {
                    log.add(rolls.issue(row, "area_name", "area \(area) is called '\(name)' here but '\(known.name)' on line \(known.line)",
                                        fix: "give each area one name"))
                } else if names[area] == nil, !name.isEmpty {
                    names[area] = (name, row.line)
                }
            }
        }
        if pupils.isEmpty && log.isEmpty {
            throw InputErrors([InputIssue(file: rolls.file, line: 1, message: "has a header but no rows",
                                          fix: "add one row per year, area and year group")])
        }
        // Completeness is only checked once every row has been read: a row refused above would
        // otherwise be reported a second time as a missing cell. Births are still checked.
        let rowsAreClean = log.isEmpty

        // Every area must have every year group in every year from its first census to the last.
        let latest = pupils.keys.map(\.year).max() ?? 0
        var areas: [AreaRolls] = []
        let cellsByArea = Dictionary(grouping: pupils.keys, by: \.area)
        for code in cellsByArea.keys.sorted() where rowsAreClean {
            let cells = cellsByArea[code]!
            let yearsSeen = Set(cells.map(\.year))
            let first = yearsSeen.min()!, last = yearsSeen.max()!
            let line = areaFirstLine[code]
            if last < latest {
                log.add(InputIssue(file: rolls.file, line: line, column: rolls.number("year"), columnName: "year",
                                   message: "area \(code) has rolls up to \(last) but the latest year in the file is \(latest)",
                                   fix: "add \(code)'s rolls for \(last + 1)–\(latest), or remove the area if it no longer exists"))
            }
            let missingYears = (first...last).filter { !yearsSeen.contains($0) }
            if !missingYears.isEmpty {
                log.add(InputIssue(file: rolls.file, line: line, column: rolls.number("year"), columnName: "year",
                                   message: "area \(code) has a gap in its years: no rows for \(describe(missingYears))",
                                   fix: "add the missing years' rows (ratios need consecutive years)"))
                continue
            }
            var grid: [[Double]] = []
            for year in first...last {
                let missing = ladder.yearGroups.indices.filter { pupils[Cell(area: code, year: year, yearGroup: $0)] == nil }
                if !missing.isEmpty {
                    let someLine = ladder.yearGroups.indices.compactMap { firstLine[Cell(area: code, year: year, yearGroup: $0)] }.min()
                    log.add(InputIssue(file: rolls.file, line: someLine, column: rolls.number("year_group"), columnName: "year_group",
                                       message: "area \(code), \(year) has no row for \(missing.map { ladder.yearGroups[$0].name }.joined(separator: ", "))",
                                       fix: "add a row for each missing year group (pupils 0 if there are none)"))
                    continue
                }
                grid.append(ladder.yearGroups.indices.map { pupils[Cell(area: code, year: year, yearGroup: $0)]! })
            }
            if grid.count == last - first + 1 {
                areas.append(AreaRolls(area: PlanningArea(code: code, name: names[code]?.name), firstYear: first, pupils: grid))
            }
        }

        var birthsByArea: [String: BirthSeries]? = nil
        if let births {
            let read = BirthsReader.rows(births, log: &log)
            let series = read.values
            for code in series.keys.sorted() where cellsByArea[code] == nil {
                log.add(InputIssue(file: births.file, line: series[code]!.values.map(\.line).min(), column: births.number("area"), columnName: "area",
                                   message: "area \(code) has births but no rolls in \(rolls.file)",
                                   fix: "add its rolls, or remove its births (is the area code spelt the same in both files?)"))
            }
            for code in cellsByArea.keys.sorted() where series[code] == nil {
                log.add(InputIssue(file: births.file, column: births.number("area"), columnName: "area",
                                   message: "area \(code) has rolls (from line \(areaFirstLine[code]!) of \(rolls.file)) but no births",
                                   fix: "add its births, or remove births.csv to project every entry year group from its own trend"))
            }
            BirthsReader.checkGaps(series, births, log: &log)
            birthsByArea = Dictionary(uniqueKeysWithValues: series.keys.compactMap { code in read.series(code).map { (code, $0) } })
        }
        try log.throwIfAny()
        return History(ladder: ladder, birthsBasis: basis, areas: areas, births: birthsByArea)
    }

    /// "2014", "2014, 2016" or "2014–2016 (3 years)".
    /// (Shared by every reader of the plan folder.)
    static func describe(_ years: [Int]) -> String {
        guard let first = years.first, let last = years.last else { return "" }
        if years.count > 2, last - first + 1 == years.count { return "\(first)–\(last) (\(years.count) years)" }
        return years.map(String.init).joined(separator: ", ")
    }
}

/// `births.csv`: rows by area and year, and gaps in each area's years.
enum BirthsReader {
    static let columns = ["year", "area", "births"]

    /// Every well-formed row by area and year; problems are logged.
    /// How the optional `type` column may describe a year's births: a count or a projection.
    static let actualTypes: Set<String> = ["", "actual", "registered", "estimate"]
    static let projectedTypes: Set<String> = ["projected", "predicted", "projection"]

    /// What births.csv holds: every well-formed row by area and year, and the years its `type`
    /// column marks as projected.
    struct Rows {
        var values: [String: [Int: (value: Double, line: Int)]] = [:]
        var projected: [String: Set<Int>] = [:]

        func series(_ code: String) -> BirthSeries? {
            values[code].map { BirthSeries($0.mapValues(\.value), projected: projected[code] ?? []) }
        }
    }

    /// Every well-formed row by area and year; problems are logged.
    static func rows(_ births: CSVTable, log: inout IssueLog) -> Rows {
        var result = Rows()
        for row in births.rows {
            let year = births.integer(row, "year", in: HistoryReader.years, what: "the births year (on the plan's births basis)")
            let area = births.text(row, "area")
            let count = births.count(row, "births", what: "the number of births", within: Bounds.births)
            if case .failure(let issue) = year { log.add(issue) }
            if case .failure(let issue) = count { log.add(issue) }
            if area.isEmpty { log.add(births.issue(row, "area", "the area is empty", fix: "give the planning area's code")) }
            var projected = false
            if births.has("type") {
                let type = births.text(row, "type").lowercased()
                projected = projectedTypes.contains(type)
                if !projected && !actualTypes.contains(type) {
                    log.add(births.issue(row, "type", "'\(births.text(row, "type"))' is not a kind of births figure",
                                         fix: "write actual (registered births) or projected (a forecast of births), or leave it empty"))
                }
            }
            guard case .success(let y) = year, case .success(let n) = count, !area.isEmpty else { continue }
            if let earlier = result.values[area]?[y] {
                log.add(births.issue(row, "year", "a second births row for \(area), \(y) (the first is on line \(earlier.line))",
                                     fix: "keep one row per area and year"))
                continue
            }
            result.values[area, default: [:]][y] = (n, row.line)
            if projected { result.projected[area, default: []].insert(y) }
        }
        for (area, years) in result.projected {
            // A projection followed by a count is a mislabelled row, not a forecast.
            if let firstProjected = years.min(), let later = result.values[area]?.filter({ $0.key > firstProjected && !years.contains($0.key) }).min(by: { $0.key < $1.key }) {
                log.add(InputIssue(file: births.file, line: later.value.line, column: births.number("type"), columnName: "type",
                                   message: "area \(area): \(later.key) is actual but \(firstProjected) before it is projected",
                                   fix: "projected births come after the last registered year: check the type column"))
            }
        }
        return result
    }

    /// Births must run without gaps: the cohort of every entry year needs its year.
    static func checkGaps(_ series: [String: [Int: (value: Double, line: Int)]], _ births: CSVTable, log: inout IssueLog) {
        for (code, byYear) in series.sorted(by: { $0.key < $1.key }) {
            let keys = byYear.keys.sorted()
            let missing = (keys.first!...keys.last!).filter { byYear[$0] == nil }
            if !missing.isEmpty {
                log.add(InputIssue(file: births.file, line: byYear.values.map(\.line).min(), column: births.number("year"), columnName: "year",
                                   message: "area \(code) has a gap in its births: no rows for \(HistoryReader.describe(missing))",
                                   fix: "add the missing years' births"))
            }
        }
    }
}

extension PlanFolder {
    /// A warning that `housing-delivery.csv` is in the folder but has no trajectory to build.
    static func unusedDelivery(folder: URL, config: PlanConfig, why: String) -> [InputIssue] {
        let url = folder.appendingPathComponent(config.housingDeliveryFile)
        guard FileManager.default.fileExists(atPath: url.path) else { return [] }
        return [InputIssue(file: url.path, message: "is not used: \(why)",
                           fix: "add \(config.housingFile) (docs/housing.md), or remove \(config.housingDeliveryFile)")]
    }
}
