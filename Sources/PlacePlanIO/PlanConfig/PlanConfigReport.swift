import PlacePlanCore

/// `[report]` of plan.toml: what the council puts into its published report — its title, the
/// authority's name, a logo and its own words (Markdown files) before the figures.
extension PlanConfig {
    /// The settings as written; the files are read and checked by `ReportContent.read`.
    public struct ReportSettings: Equatable, Sendable {
        public var title: String?
        public var authority: String?
        public var logo: String?
        public var foreword: String?
        /// Section (`summary`, `places`, `methods`, or a planning area's code) → Markdown file.
        public var narrative: [String: String] = [:]
        /// Where each key was written, for messages about the files it names.
        public var lines: [String: Int] = [:]
    }

    static let reportKeys: Set<String> = ["title", "authority", "logo", "foreword", "narrative"]

    static func report(_ top: TOMLSection, lines: TOMLLines) -> ReportSettings {
        var report = ReportSettings()
        guard let section = section("report", of: top) else { return report }
        section.unknownKeys(allowed: reportKeys, in: "report")
        for key in ["title", "authority", "logo", "foreword"] {
            guard let text = section.text(key, trimmed: true, message: "\(key) must be text", fix: "e.g. \(key) = \"…\"") else { continue }
            report.lines[key] = lines.line(of: key, in: "report")
            switch key {
            case "title": report.title = text
            case "authority": report.authority = text
            case "logo": report.logo = text
            default: report.foreword = text
            }
        }
        if let narrative = section.section("narrative", notATable: "narrative must be a table of Markdown files by section",
                                           fix: "e.g. narrative = { places = \"places.md\", P01 = \"northgate.md\" }") {
            for key in narrative.table.keys {
                if let file = narrative.text(key, trimmed: true, message: "narrative.\(key) must be a file name", fix: "e.g. \(key) = \"\(key).md\"") {
                    report.narrative[key] = file
                }
            }
            report.lines["narrative"] = lines.line(of: "narrative", in: "report")
        }
        return report
    }
}
