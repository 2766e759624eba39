import Foundation
import PlacePlanCore

/// `[[housing]]`: a site of housing.csv built later, smaller, or not at all.
extension ScenarioReader {
    mutating func housing(_ entry: ScenarioEntry) {
        guard let site = entry.text("site", example: "Northgate Fields") else { return }
        guard let sites else {
            entry.issue("site", "the plan has no housing.csv, so there is no site '\(site)' to change",
                        fix: "add housing.csv to the plan folder, or remove this [[housing]] change")
            return
        }
        guard sites.contains(site) else {
            entry.issue("site", "there is no site '\(site)' in housing.csv", fix: "use one of: \(sites.sorted().joined(separator: ", "))")
            return
        }
        let delay = entry["delay_years"] == nil ? 0 : entry.int("delay_years", range: -10...15, example: "2")
        var scale: Double? = entry["scale_percent"] == nil ? 1 : entry.number("scale_percent", example: "50").map { $0 / 100 }
        if let s = scale, !(0...5).contains(s) {
            entry.issue("scale_percent", "scale_percent must be from 0 to 500 (% of the site's homes)", fix: "e.g. scale_percent = 50")
            scale = nil
        }
        // remove = true is scale_percent = 0; remove = false changes nothing.
        if entry.table.bool("remove", message: "remove must be true or false", fix: "remove = true") == true { scale = 0 }
        guard let delay, let scale else { return }
        if changes.contains(where: { if case let .housing(other, _, _) = $0.change.kind { return other == site } else { return false } }) {
            entry.issue("site", "site '\(site)' is already changed in this scenario: the changes conflict",
                        fix: "keep one [[housing]] change per site")
            return
        }
        changes.append((ScenarioChange(.housing(site: site, delay: delay, scale: scale), source: entry.source), entry.here, entry.section))
    }
}
