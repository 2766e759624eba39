import Foundation
import PlacePlanCore

extension ScenarioFile {
    /// The named scenarios (every one when `names` is empty) of a place plan's folder, checked
    /// against its schools and housing sites.
    public static func load(_ folder: URL, display: String, names: [String], plan: Plan) throws -> [Scenario] {
        let places = try plan.requirePlaces(for: "capital programme scenarios")
        return try load(folder, display: display, names: names, history: places.schools,
                        sites: places.housing.map { Set($0.completions.map(\.site)) })
    }

    /// The candidate projects for `placeplan optimise`: `file`, else `candidates.toml` in the
    /// plan folder. Returns them with the file's name as the user knows it.
    public static func candidates(file: String?, folder: URL, display: String, plan: Plan) throws -> (Scenario, file: String) {
        let places = try plan.requirePlaces(for: "choosing capital projects")
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
