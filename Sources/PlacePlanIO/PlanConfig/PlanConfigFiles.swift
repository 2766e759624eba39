import Foundation
import PlacePlanCore

/// `[files]` of plan.toml: the input files' names, when not the usual ones.
extension PlanConfig {
    /// Sets each file named in `[files]`. Unlike the other sections, a `files` that is not a
    /// table is ignored, not reported (kept as it was when the parser was one function).
    static func files(_ top: TOMLSection, into config: inout PlanConfig) {
        guard let files = top.section("files") else { return }
        files.unknownKeys(allowed: fileKeys, in: "files")
        for key in ["rolls", "births", "schools", "areas", "area_changes", "housing", "yields", "yield_profile", "cost_index",
                    "ehcp", "specialist", "early_years", "take_up", "applications", "housing_delivery", "exclude_years"] {
            guard let name = files.text(key, message: "files.\(key) must be a file name", fix: "e.g. \(key) = \"\(key).csv\"") else { continue }
            config.namedFiles.append(PlanConfig.NamedFile(key: key, name: name))
            switch key {
            case "rolls": config.rollsFile = name
            case "births": config.birthsFile = name
            case "schools": config.schoolsFile = name
            case "housing": config.housingFile = name
            case "yields": config.yieldsFile = name
            case "yield_profile": config.yieldProfileFile = name
            case "cost_index": config.costIndexFile = name
            case "area_changes": config.areaChangesFile = name
            case "ehcp": config.ehcpFile = name
            case "specialist": config.specialistFile = name
            case "early_years": config.earlyYearsFile = name
            case "take_up": config.takeUpFile = name
            case "applications": config.applicationsFile = name
            case "housing_delivery": config.housingDeliveryFile = name
            case "exclude_years": config.excludeYearsFile = name
            default: config.areasFile = name
            }
        }
    }
}
