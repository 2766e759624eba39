import Foundation
import PlacePlanCore

/// The council's own parts of its published report, read from the plan folder as `[report]`
/// names them: a title and the authority's name, a logo (PNG, JPEG or SVG, embedded in the page),
/// a foreword and narrative for sections or planning areas (Markdown). Every file named must be
/// in the plan folder; a problem is located at its line of plan.toml.
public struct ReportContent: Equatable, Sendable {
    public struct Logo: Equatable, Sendable {
        public let mediaType: String
        public let bytes: [UInt8]
    }

    public var title: String?
    public var authority: String?
    public var logo: Logo?
    public var foreword: String?
    /// Section (`summary`, `places`, `methods`) or planning area code → Markdown.
    public var narrative: [String: String] = [:]

    public init() {}

    /// The sections narrative may be written for, besides planning areas.
    public static let sections = ["summary", "places", "methods"]
    public static let maximumLogoBytes = 2_000_000
    public static let maximumTextBytes = 200_000

    /// Reads what `config.report` names in `folder`; `areas` are the plan's area codes.
    public static func read(_ folder: URL, config: PlanConfig, configFile: String, areas: Set<String>) throws -> ReportContent {
        let settings = config.report
        var content = ReportContent()
        content.title = settings.title
        content.authority = settings.authority
        var issues: [InputIssue] = []
        func issue(_ key: String, _ message: String, _ fix: String) {
            issues.append(InputIssue(file: configFile, line: settings.lines[key], columnName: "report.\(key)", message: message, fix: fix))
        }
        func file(_ key: String, _ name: String) -> [UInt8]? {
            guard !name.hasPrefix("/"), !name.split(separator: "/").contains("..") else {
                issue(key, "names '\(name)', which is outside the plan folder", "copy it into the plan folder and name it from there")
                return nil
            }
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) else {
                issue(key, "names '\(name)', which is not in the plan folder", "correct the name, or add the file")
                return nil
            }
            return [UInt8](data)
        }
        func text(_ key: String, _ name: String) -> String? {
            guard let bytes = file(key, name) else { return nil }
            guard bytes.count <= maximumTextBytes, let text = String(validating: bytes, as: UTF8.self) else {
                issue(key, "'\(name)' is not UTF-8 text of at most \(maximumTextBytes / 1000) KB", "save it as UTF-8 Markdown")
                return nil
            }
            return text
        }
        if let name = settings.logo, let bytes = file("logo", name) {
            let type: String? = switch (name as NSString).pathExtension.lowercased() {
            case "png": "image/png"
            case "jpg", "jpeg": "image/jpeg"
            case "svg": "image/svg+xml"
            default: nil
            }
            if let type, bytes.count <= maximumLogoBytes {
                content.logo = Logo(mediaType: type, bytes: bytes)
            } else {
                issue("logo", "'\(name)' must be a PNG, JPEG or SVG file of at most 2 MB", "e.g. logo = \"logo.png\"")
            }
        }
        if let name = settings.foreword { content.foreword = text("foreword", name) }
        for (key, name) in settings.narrative.sorted(by: { $0.key < $1.key }) {
            guard sections.contains(key) || areas.contains(key) else {
                issue("narrative", "narrative.\(key) is neither a section (\(sections.joined(separator: ", "))) nor a planning area",
                      "use a section name or an area code from the plan")
                continue
            }
            if let markdown = text("narrative", name) { content.narrative[key] = markdown }
        }
        if !issues.isEmpty { throw InputErrors(issues) }
        return content
    }
}

extension PlanFolder {
    /// The council's parts of the report (`[report]` of plan.toml), read and checked; empty when
    /// plan.toml has no `[report]`.
    public static func reportContent(_ folder: URL, plan: Plan) throws -> ReportContent {
        let configURL = folder.appendingPathComponent(configFile)
        guard let text = try? String(contentsOf: configURL, encoding: .utf8) else { return ReportContent() }
        let config = try PlanConfig.parse(text, file: configURL.path)
        let areas = Set(plan.history.areas.map(\.area.code) + ((plan.places.map { $0.schools.geography.primaryAreas + $0.schools.geography.secondaryAreas } ?? []).map(\.code)))
        return try ReportContent.read(folder, config: config, configFile: configURL.path, areas: areas)
    }
}
