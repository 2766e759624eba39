import Foundation
import Crypto
import GRDB
import PlacePlanCore

/// How a vintage was made, kept with it as JSON so that it can be scored (and understood) without
/// the plan folder: the methods, the horizon, the births basis and the ladder with its phases.
public struct VintageSettings: Codable, Equatable, Sendable {
    public struct StoredPhase: Codable, Equatable, Sendable {
        public let name: String
        public let first: String
        public let last: String
    }

    public struct StoredLadder: Codable, Equatable, Sendable {
        public let name: String
        public let yearGroups: [String]
        public let entryAge: Int
        public let phases: [StoredPhase]
    }

    /// `auto` when the method was chosen ratio by ratio; otherwise the progression method.
    public let method: String
    public let intakeMethod: String
    public let birthsTrendYears: Int
    /// Optional so that settings stored before these existed still read.
    public let birthsTrendDamping: Double?
    public let intervals: Double?
    /// The forecasting engine's version: a changed method is a different forecast, even from the
    /// same files and settings, so it belongs in the fingerprint.
    public let engine: String?
    public let birthsBasis: String
    public let horizon: Int
    public let ladder: StoredLadder
    /// Whether planned housing was included (`nil`: the plan has none), so a forecast with and
    /// one without are different vintages.
    public let housing: Bool?
    /// Whether next September's applications were used (`nil`: the plan has none, so the
    /// settings of every plan without them are as they always were).
    public let applications: Bool?
    /// Years whose ratios were left out (`exclude_years`); `nil` when none (so that the settings,
    /// and the fingerprint, of a forecast without are as they always were).
    public let excludedYears: [Int]?
    /// `true` when no year was left out by choice (`exclude_years = []`), not even one found
    /// exceptional; `nil` otherwise (so that the settings of every other forecast are as they were).
    public let keepsEveryYear: Bool?
    /// Years left out in one area alone (`exclude-years.csv`), by area code; `nil` when none. The
    /// file is among the archived inputs, so a run again reads it from the folder as the rest.
    public let excludedAreaYears: [String: [Int]]?

    public init(settings: ForecastSettings, horizon: Int, ladder: Ladder, birthsBasis: BirthsBasis, housing: Bool? = nil,
                applications: Bool? = nil) {
        method = settings.selection != nil ? "auto" : settings.method.description
        intakeMethod = settings.selection != nil ? "auto" : settings.effectiveIntakeMethod.description
        birthsTrendYears = settings.birthsTrendYears
        birthsTrendDamping = settings.birthsTrendDamping
        intervals = settings.intervals
        engine = Engine.version
        self.birthsBasis = birthsBasis.rawValue
        self.horizon = horizon
        self.housing = housing
        self.applications = applications
        self.excludedYears = settings.excludedYears.isEmpty ? nil : settings.excludedYears.sorted()
        self.keepsEveryYear = settings.excludedYears.isEmpty && !settings.findsExceptionalYears ? true : nil
        self.excludedAreaYears = settings.excludedAreaYears.isEmpty ? nil : settings.excludedAreaYears.mapValues { $0.sorted() }
        self.ladder = StoredLadder(
            name: ladder.name, yearGroups: ladder.yearGroups.map(\.name), entryAge: ladder.entryAge,
            phases: ladder.phases.map { StoredPhase(name: $0.name, first: $0.first.name, last: $0.last.name) })
    }

    /// The ladder the vintage was forecast on.
    public var coreLadder: Ladder {
        Ladder(name: ladder.name, yearGroups: ladder.yearGroups.map { YearGroup($0) }, entryAge: ladder.entryAge,
               phases: ladder.phases.map { Phase(name: $0.name, first: YearGroup($0.first), last: YearGroup($0.last)) })
    }

    /// Canonical JSON (sorted keys, no spaces): the same settings always give the same text,
    /// which is what the inputs fingerprint covers.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try! encoder.encode(self), as: UTF8.self)
    }

    static func decode(_ json: String) throws -> VintageSettings {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(VintageSettings.self, from: Data(json.utf8))
    }
}

/// An archived forecast, as stored.
public struct Vintage: Equatable, Sendable {
    public let id: Int64
    public let label: String?
    public let planName: String
    /// The last census year the forecast was made from; horizon 1 is the year after.
    public let originYear: Int
    public let horizon: Int
    public let method: String
    public let settings: VintageSettings
    public let inputsSHA256: String
    /// UTC, ISO 8601 (`2025-06-01T09:30:00Z`).
    public let createdAt: String
    public let archived: Bool
    /// The cells' fingerprint taken when it was sealed (`nil` before schema 3).
    public var cellsSHA256: String? = nil

    /// `vintage 3 ("Pupil Place Plan 2025", 2025-06-01)`.
    public var name: String {
        "vintage \(id) (" + (label.map { "\"\($0)\", " } ?? "") + "\(createdAt.prefix(10)))"
    }
}

/// One forecast cell to store: level, code, year, year group (as the ladder spells it), pupils
/// and, when the method gives one, an interval.
public struct VintageCell: Equatable, Sendable {
    public let level: CellLevel
    public let code: String
    public let year: Int
    public let yearGroup: String
    public let pupils: Double
    public let lower: Double?
    public let upper: Double?
    /// A school cell's planning area for this year group (empty: a special school, in none).
    public let area: String?

    public init(level: CellLevel, code: String, year: Int, yearGroup: String, pupils: Double,
                lower: Double? = nil, upper: Double? = nil, area: String? = nil) {
        self.area = area
        self.level = level
        self.code = code
        self.year = year
        self.yearGroup = yearGroup
        self.pupils = pupils
        self.lower = lower
        self.upper = upper
    }
}

/// What `archive` is asked to store.
public struct NewVintage: Sendable {
    public let label: String?
    public let planName: String
    public let originYear: Int
    public let settings: VintageSettings
    public let inputsSHA256: String
    public let cells: [VintageCell]
    /// The files it was made from, kept with it so that it can be re-run.
    public let inputs: [InputsHash.File]

    public init(label: String?, planName: String, originYear: Int, settings: VintageSettings,
                inputsSHA256: String, cells: [VintageCell], inputs: [InputsHash.File] = []) {
        self.label = label
        self.planName = planName
        self.originYear = originYear
        self.settings = settings
        self.inputsSHA256 = inputsSHA256
        self.cells = cells
        self.inputs = inputs
    }

    /// A run of a plan with the files it was made from: every cell the run has — the authority,
    /// each area and, for a place plan, each school — exactly as `placeplan forecast --level`
    /// prints them. The fingerprint covers the files and the settings.
    public init(run: PlanRun, label: String?, inputs: [InputsHash.File]) throws {
        let settings = VintageSettings(settings: run.settings, horizon: run.horizon, ladder: run.plan.history.ladder,
                                       birthsBasis: run.plan.history.birthsBasis,
                                       housing: run.plan.places?.housing == nil ? nil : run.options.housing,
                                       applications: run.plan.history.applications == nil ? nil : run.options.applications)
        let cells = try run.levels.flatMap { level in
            try run.cells(level).map {
                VintageCell(level: $0.level, code: $0.code, year: $0.year, yearGroup: $0.yearGroup.name, pupils: $0.pupils,
                            lower: $0.lower, upper: $0.upper, area: $0.level == .school ? $0.area : nil)
            }
        }
        self.init(label: label, planName: run.plan.name, originYear: run.areaForecast.baseYear, settings: settings,
                  inputsSHA256: InputsHash.sha256(files: inputs, settings: settings.json), cells: cells, inputs: inputs)
    }
}

extension VintageSettings {
    /// The flags that run the forecast again as it was archived: its method, births trend,
    /// intervals, horizon and whether housing and applications were in.
    public var runOptions: RunOptions {
        RunOptions(horizon: horizon, method: method, intakeMethod: method == "auto" ? nil : intakeMethod,
                   birthsTrendYears: birthsTrendYears, birthsTrendDamping: birthsTrendDamping,
                   // Stored as a coverage (0.8); a flag says it in percent (80).
                   intervals: intervals.map { ($0 * 100 * 1e6).rounded() / 1e6 },
                   excludeYears: keepsEveryYear == true ? [] : excludedYears, housing: housing ?? true,
                   applications: applications ?? true)
    }
}

/// The `vintage` table's row.
struct VintageRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "vintage"
    var id: Int64?
    var label: String?
    var planName: String
    var originYear: Int
    var horizon: Int
    var method: String
    var settings: String
    var inputsSha256: String
    var createdAt: String
    var archived: Bool
    /// SHA-256 of the cells as archived (`nil` for vintages archived before it was kept).
    var cellsSha256: String?

    enum CodingKeys: String, CodingKey {
        case id, label, method, settings, horizon, archived
        case planName = "plan_name", originYear = "origin_year", inputsSha256 = "inputs_sha256", createdAt = "created_at"
        case cellsSha256 = "cells_sha256"
    }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    func vintage() throws -> Vintage {
        Vintage(id: id ?? 0, label: label, planName: planName, originYear: originYear, horizon: horizon, method: method,
                settings: try VintageSettings.decode(settings), inputsSHA256: inputsSha256, createdAt: createdAt,
                archived: archived, cellsSHA256: cellsSha256)
    }
}

extension VintageCell {
    /// A fingerprint of cells, whatever their order (`CellFingerprint`).
    static func sha256(_ cells: [VintageCell]) -> String {
        // Cells in key order (level, code, year, year group) make their lines in sorted order
        // when every line is ASCII (byte order is then `String` order): hashed as made.
        var fingerprint = CellFingerprint(), line: [UInt8] = []
        for cell in cells {
            line.removeAll(keepingCapacity: true)
            cell.appendLine(into: &line)
            guard line.allSatisfy({ $0 < 0x80 }), fingerprint.addSorted(&line) else {
                return CellFingerprint.ofUnsorted(cells.map { cell in
                    var bytes: [UInt8] = []
                    cell.appendLine(into: &bytes)
                    return bytes
                })
            }
        }
        return fingerprint.finish()
    }

    private func appendLine(into bytes: inout [UInt8]) {
        CellFingerprint.appendLine(level: level.rawValue.utf8, code: code.utf8, year: year, yearGroup: yearGroup.utf8, pupils: pupils,
                                   lower: lower, upper: upper, area: (area ?? "").utf8, into: &bytes)
    }
}

extension NewVintage {
    /// How many cells the vintage holds at each level.
    public var cellCounts: [CellLevel: Int] { Dictionary(grouping: cells, by: \.level).mapValues(\.count) }
}

