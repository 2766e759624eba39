import Foundation
import Testing

/// `[report]`: the council's title, name, logo and own words in its published report, every
/// file checked, every word escaped.
@Suite("report: the council's title, logo, foreword and narrative", .serialized)
struct ReportContentTests {
    func borough(_ toml: String, files: [String: String]) throws -> URL {
        let plan = try CLI.copyOfBorough()
        let config = plan.appendingPathComponent("plan.toml")
        try (try String(contentsOf: config, encoding: .utf8) + toml).write(to: config, atomically: true, encoding: .utf8)
        for (name, text) in files { try text.write(to: plan.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return plan
    }

    static let toml = """

        [report]
        title = "Pupil Place Plan 2025–2035"
        authority = "Millbrook Borough Council"
        logo = "logo.svg"
        foreword = "foreword.md"
        narrative = { places = "places.md", P01 = "northgate.md", methods = "methods.md" }

        """

    static let files = [
        "logo.svg": ##"<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="#0072B2"/></svg>"##,
        "foreword.md": "# Our duty\n\nWe must secure **sufficient** school places.\n\n- one\n- two\n\nSee [the DfE](https://www.gov.uk/).\n\n<script>alert(1)</script>\n",
        "places.md": "Northgate is the *priority*: see the `expand-oakwood` scenario.\n",
        "northgate.md": "Northgate Fields brings 1,000 homes.\n",
        "methods.md": "Forecasts are checked each January.\n",
    ]

    @Test("the title, authority, logo (embedded), foreword and narrative appear where they belong; HTML in them arrives as text")
    func content() throws {
        let plan = try borough(Self.toml, files: Self.files)
        defer { try? FileManager.default.removeItem(at: plan.deletingLastPathComponent()) }
        let out = plan.deletingLastPathComponent().appendingPathComponent("r.html")
        let result = try CLI.run(["report", plan.path, "--no-accuracy", "--out", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        let html = try String(contentsOf: out, encoding: .utf8)
        #expect(html.contains("<h1>Pupil Place Plan 2025–2035</h1>") && html.contains("<p class=\"authority\">Millbrook Borough Council</p>"))
        #expect(html.contains("<img class=\"logo\" alt=\"Millbrook Borough Council logo\" src=\"data:image/svg+xml;base64,"))
        #expect(html.contains("<h2>Foreword</h2>") && html.contains("<h3>Our duty</h3>") && html.contains("<strong>sufficient</strong>"))
        #expect(html.contains("<ul><li>one</li><li>two</li></ul>") && html.contains("<a href=\"https://www.gov.uk/\">the DfE</a>"))
        #expect(!html.contains("<script>") && html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        let places = html.components(separatedBy: "<h3>Where places will be needed</h3>")[1]
        #expect(places.hasPrefix("\n<div class=\"narrative\">\n<p>Northgate is the <em>priority</em>: see the <code>expand-oakwood</code> scenario.</p>"))
        let northgate = html.components(separatedBy: "id=\"area-1\"")[1].components(separatedBy: "</section>")[0]
        #expect(northgate.contains("Northgate Fields brings 1,000 homes."))
        #expect(html.components(separatedBy: "<h2>Methods and assumptions</h2>")[1].hasPrefix("\n<div class=\"narrative\">"))
        #expect(try CLI.run(["check", plan.path]).status == 0)
    }

    @Test("a missing file, a logo of another kind, an unknown section: located in plan.toml, by check and report alike; nothing written",
          arguments: [
            ("logo = \"logo.svg\"", "logo = \"crest.png\"", "names 'crest.png', which is not in the plan folder"),
            ("logo = \"logo.svg\"", "logo = \"foreword.md\"", "must be a PNG, JPEG or SVG file"),
            ("P01 = \"northgate.md\"", "Q99 = \"northgate.md\"", "narrative.Q99 is neither a section"),
            ("foreword = \"foreword.md\"", "foreword = \"../foreword.md\"", "which is outside the plan folder"),
          ])
    func badContent(_ old: String, _ new: String, words: String) throws {
        let plan = try borough(Self.toml.replacingOccurrences(of: old, with: new), files: Self.files)
        defer { try? FileManager.default.removeItem(at: plan.deletingLastPathComponent()) }
        let out = plan.deletingLastPathComponent().appendingPathComponent("r.html")
        for arguments in [["report", plan.path, "--no-accuracy", "--out", out.path], ["check", plan.path]] {
            let result = try CLI.run(arguments)
            #expect(result.status == 1 && result.stderr.contains("plan.toml, line") && result.stderr.contains(words), "\(arguments[0]): \(result.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }
}
