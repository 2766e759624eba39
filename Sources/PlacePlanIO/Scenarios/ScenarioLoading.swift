import Foundation
import PlacePlanCore

extension ScenarioFile {
    /// The scenario files of a plan folder (sorted by name), or `[]` when it has no `scenarios/`.
    public static func names(in planFolder: URL) -> [String] {
        let folder = planFolder.appendingPathComponent(folderName)
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return files.filter { $0.hasSuffix(".toml") && !$0.hasPrefix(".") }.map { String($0.dropLast(5)) }.sorted()
    }

    /// Reads the named scenarios (every one when `names` is empty) of a plan folder.
    /// `display` is the folder as the user wrote it, for messages.
    /// `sites`: the housing sites of the plan's housing.csv (`nil`: it has none), which
    /// `[[housing]]` changes must name.
    public static func load(_ planFolder: URL, display: String, names requested: [String], history: SchoolHistory,
                            sites: Set<String>? = nil) throws -> [Scenario] {
        let available = names(in: planFolder)
        let folderText = (display.hasSuffix("/") ? display : display + "/") + folderName
        var log = IssueLog()
        let chosen = requested.isEmpty ? available : requested.map { $0.hasSuffix(".toml") ? String($0.dropLast(5)) : $0 }
        if chosen.isEmpty {
            log.add(InputIssue(file: folderText, message: "there are no scenarios (no .toml files in \(folderText))",
                               fix: "write a scenario file such as \(folderText)/expand.toml (docs/scenarios.md)"))
        }
        var scenarios: [Scenario] = []
        for name in chosen {
            let file = "\(folderText)/\(name).toml"
            guard available.contains(name) else {
                log.add(InputIssue(file: file, message: "there is no scenario '\(name)'",
                                   fix: available.isEmpty ? "write \(file)" : "use one of: \(available.joined(separator: ", "))"))
                continue
            }
            let url = planFolder.appendingPathComponent(folderName).appendingPathComponent("\(name).toml")
            guard let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8) else {
                log.add(InputIssue(file: file, message: "cannot be read as UTF-8 text", fix: "save it as UTF-8 text"))
                continue
            }
            do { scenarios.append(try parse(text, name: name, file: file, history: history, sites: sites)) } catch let errors as InputErrors {
                log.add(contentsOf: errors.issues)
            }
        }
        try log.throwIfAny()
        return scenarios
    }

    /// The named scenarios (every one when `names` is empty) of a place plan's folder, checked
    /// against its schools and housing sites.
    public static func load(_ folder: URL, display: String, names: [String], plan: Plan) throws -> [Scenario] {
        let places = try plan.requireCapacity(for: "capital programme scenarios")
        return try load(folder, display: display, names: names, history: places.schools,
                        sites: places.housing.map { Set($0.completions.map(\.site)) })
    }

    /// The candidate projects for `placeplan optimise`: `file`, else `candidates.toml` in the
    /// plan folder. Returns them with the file's name as the user knows it.
    public static func candidates(file: String?, folder: URL, display: String, plan: Plan) throws -> (Scenario, file: String) {
        let places = try plan.requireCapacity(for: "choosing capital projects")
        let name = file ?? ((display.hasSuffix("/") ? display : display + "/") + "candidates.toml")
        let url = file.map { URL(fileURLWithPath: $0) } ?? folder.appendingPathComponent("candidates.toml")
        guard let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8) else {
            throw InputErrors([InputIssue(file: name, message: "cannot be read as UTF-8 text",
                                          fix: "give the candidate projects in it, or name another file with --candidates (docs/scenarios.md)")])
        }
        let list = try parse(text, name: "candidates", file: name, history: places.schools, candidates: true)
        guard !list.changes.isEmpty else {
            throw InputErrors([InputIssue(file: name, message: "lists no candidate projects",
                                          fix: "add [[expansion]], [[bulge]] or [[new_school]] projects (docs/scenarios.md)")])
        }
        return (list, name)
    }
}
