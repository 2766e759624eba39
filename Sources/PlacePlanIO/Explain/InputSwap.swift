import Foundation
import PlacePlanCore

/// The two forecasts `placeplan explain` compares, each as the files it was made from and the
/// run's flags, and the mixes between them: for every subset of the inputs that differ, a plan
/// folder with those inputs from the newer side and the rest from the older, loaded and run as
/// any plan folder is. The differences between the runs are split into each input's share by
/// `ForecastChange`.
public struct InputSwap {
    public struct Side: Sendable {
        /// What to call it: "vintage 1 (\"Plan 2016\", 2026-11-22)", "Data/borough".
        public let name: String
        public let files: [PlanFolder.InputFile]
        public let options: RunOptions

        public init(name: String, files: [PlanFolder.InputFile], options: RunOptions) {
            self.name = name
            self.files = files
            self.options = options
        }
    }

    public let older: Side
    public let newer: Side

    public init(older: Side, newer: Side) {
        self.older = older
        self.newer = newer
    }

    /// The inputs that differ, in `ChangeFactor` order: a file added, removed or changed; for
    /// the settings, also the flags where they change what is run (`--horizon 5` on a plan whose
    /// plan.toml says 5 changes nothing); for housing, also `--no-housing`; for applications, `--no-applications`.
    public func changed() throws -> [ChangeFactor] {
        let settingsDiffer = try effective(older) != effective(newer)
        return ChangeFactor.allCases.filter { factor in
            files(older, factor) != files(newer, factor)
                || (factor == .settings && settingsDiffer)
                || (factor == .housing && older.options.housing != newer.options.housing)
                || (factor == .applications && older.options.applications != newer.options.applications)
        }
    }

    /// What a side's flags make of its own plan.toml: the settings and horizon it runs with
    /// (intervals left out: they widen bands around the same figures).
    func effective(_ side: Side) throws -> (settings: ForecastSettings, horizon: Int) {
        let plan = try loaded(side.files, naming: side.name)
        var resolved = try side.options.resolve(over: plan.settings, horizon: plan.horizon)
        resolved.settings.intervals = nil
        return resolved
    }

    /// The split, and what a reader needs beside it: the newer plan's ladder and area names.
    public struct Explanation: Sendable {
        public let change: ForecastChange
        public let ladder: Ladder
        /// Area code → "Dorset (E06000059)".
        public let labels: [String: String]
    }

    /// Each changed input's share of every cell's change. `progress(done, total)` is called after
    /// each of the 2^k runs.
    public func explain(progress: (Int, Int) -> Void = { _, _ in }) throws -> Explanation {
        let factors = try changed()
        let total = 1 << factors.count
        var forecasts: [[ForecastChange.Key: Double]] = []
        var newest: (order: [ForecastChange.Key], run: PlanRun)?
        for mask in 0..<total {
            let fromNewer = Set(factors.enumerated().filter { mask & (1 << $0.offset) != 0 }.map(\.element))
            let (cells, run) = try self.run(fromNewer: fromNewer, of: factors.count)
            forecasts.append(Dictionary(cells.map { ($0.key, $0.pupils) }, uniquingKeysWith: { a, _ in a }))
            newest = (cells.map(\.key), run)
            progress(mask + 1, total)
        }
        let history = newest!.run.plan.history
        return Explanation(change: ForecastChange(factors: factors, forecasts: forecasts, order: newest!.order), ladder: history.ladder,
                           labels: Dictionary(history.areas.map { ($0.area.code, $0.area.label) }, uniquingKeysWith: { a, _ in a }))
    }

    /// The forecast of the older side with `fromNewer`'s inputs (of `changed` that differ) taken
    /// from the newer side.
    func run(fromNewer: Set<ChangeFactor>, of changed: Int) throws -> (cells: [(key: ForecastChange.Key, pupils: Double)], run: PlanRun) {
        let files = ChangeFactor.allCases.flatMap { self.files(fromNewer.contains($0) ? newer : older, $0) }
        // The flags split as the files do: --no-housing is housing's, --no-applications the
        // applications', the rest the settings'.
        var options = fromNewer.contains(.settings) ? newer.options : older.options
        options.housing = (fromNewer.contains(.housing) ? newer : older).options.housing
        options.applications = (fromNewer.contains(.applications) ? newer : older).options.applications
        let mix = fromNewer.isEmpty || fromNewer.count == changed ? (fromNewer.isEmpty ? older.name : newer.name)
            : fromNewer.sorted().map(\.words).joined(separator: ", ") + " from \(newer.name) and the rest from \(older.name)"
        let plan = try loaded(files, naming: mix)
        do {
            let run = try PlanRun(plan, options: options)
            let cells = try run.levels.flatMap { level in
                try run.cells(level).map { (key: ForecastChange.Key(level: $0.level, code: $0.code, year: $0.year, yearGroup: $0.yearGroup.name), pupils: $0.pupils) }
            }
            return (cells, run)
        } catch {
            throw Self.cannotRun(mix, error)
        }
    }

    /// A plan folder of `files`, written to a temporary folder, loaded and validated as any is.
    func loaded(_ files: [PlanFolder.InputFile], naming what: String) throws -> Plan {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("placeplan-explain-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            for file in files {
                let url = folder.appendingPathComponent(file.name)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.bytes).write(to: url)
            }
            return try PlanFolder.load(folder)
        } catch {
            throw Self.cannotRun(what, error)
        }
    }

    static func cannotRun(_ what: String, _ error: Error) -> InputErrors {
        InputErrors([InputIssue(file: what, message: "cannot be re-run: \(words(error))",
                                fix: "explain two forecasts of the same plan whose inputs still fit together (the same areas and schools)")])
    }

    /// An error's own words, without the heading `InputErrors` would repeat.
    static func words(_ error: Error) -> String {
        (error as? InputErrors)?.issues.map { $0.message }.joined(separator: "; ") ?? "\(error)"
    }

    /// The side's files of one kind, in name order.
    func files(_ side: Side, _ factor: ChangeFactor) -> [PlanFolder.InputFile] {
        side.files.filter { ChangeFactor.of(file: $0.name) == factor }.sorted { $0.name < $1.name }
    }
}
