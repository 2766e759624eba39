import Foundation
import PlacePlanCore

extension PlanFolder {
    /// A place plan's specialist inputs (`ehcp.csv`, `specialist.csv`, `[specialist]`) and early
    /// years (`settings.csv`, `[early_years]`), each read when its file is there; a file or section
    /// that needs another one the folder lacks is an error, not ignored.
    static func specialistAndEarlyYears(config: PlanConfig, configFile: String, lines: TOMLLines, schools: SchoolHistory,
                                        table: (String) throws -> CSVTable?, into places: inout PlacePlanInputs) throws {
        var issues: [InputIssue] = []
        let ehcp = try table(config.ehcpFile)
        let bases = try table(config.specialistFile)
        if ehcp == nil {
            if let bases {
                issues.append(InputIssue(file: bases.file, message: "resourced bases are set against pupils with EHC plans, but there is no \(config.ehcpFile)",
                                         fix: "add \(config.ehcpFile) (year,age,plans), or remove \(config.specialistFile)"))
            }
            if config.hasSpecialistSection {
                issues.append(InputIssue(file: configFile, line: lines.header("specialist", 0), columnName: "specialist",
                                         message: "[specialist] is set, but there is no \(config.ehcpFile) to project",
                                         fix: "add \(config.ehcpFile) (year,age,plans), or remove [specialist]"))
            }
        }
        let providers = try table(config.earlyYearsFile)
        if providers == nil, config.hasEarlyYearsSection {
            issues.append(InputIssue(file: configFile, line: lines.header("early_years", 0), columnName: "early_years",
                                     message: "[early_years] is set, but there is no \(config.earlyYearsFile) of early-years settings and their places",
                                     fix: "add \(config.earlyYearsFile) (setting,name,area,places), or remove [early_years]"))
        }
        if !issues.isEmpty { throw InputErrors(issues) }
        var errors: [InputIssue] = []
        do {
            if let ehcp {
                let history = try EHCPReader.read(ehcp, ladder: config.ladder, areas: nil)
                places.specialist = SpecialistInputs(history: history, settings: config.specialist,
                                                     bases: try bases.map { try ResourcedBasesReader.read($0, schools: schools) } ?? [])
            }
        } catch let e as InputErrors { errors += e.issues }
        do {
            if let providers {
                places.earlyYears = EarlyYearsInputs(settings: config.earlyYears,
                                                     providers: try ProvidersReader.read(providers, geography: schools.geography))
            }
        } catch let e as InputErrors { errors += e.issues }
        if !errors.isEmpty { throw InputErrors(errors) }
    }
}
