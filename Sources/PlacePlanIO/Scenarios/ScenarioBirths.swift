import Foundation
import PlacePlanCore

/// `[[births]]`: births up or down by a percentage from a year (the year after the census by default).
extension ScenarioReader {
    mutating func births(_ entry: ScenarioEntry) {
        let percent = entry.number("percent", example: "-5")
        let from = entry["from"] == nil ? base + 1 : entry.year("from")
        guard let percent, let from else { return }
        guard (-50...100).contains(percent) else {
            entry.issue("percent", "percent must be from -50 to 100 (a change in births, in %)", fix: "e.g. percent = -5")
            return
        }
        if let birthsLine {
            entry.issue("percent", "births already change in this scenario (line \(birthsLine)): the changes conflict",
                        fix: "keep one [[births]] change")
            return
        }
        birthsLine = entry.line
        changes.append((ScenarioChange(.births(percent: percent, from: from), source: entry.source), entry.here, entry.section))
    }
}
