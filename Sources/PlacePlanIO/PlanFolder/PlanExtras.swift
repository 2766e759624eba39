import Foundation
import PlacePlanCore

/// What else a place plan's folder holds for other commands — its scenarios and candidate
/// projects — read and checked as `scenario` and `optimise` would, so that `check` passing means
/// every command will run.
public struct PlanExtras: Sendable {
    public let scenarios: [Scenario]
    public let candidates: Scenario?
    /// The contributions ledger (`contributions.csv`), when the folder has one.
    public var ledger: ContributionLedger? = nil
    /// The council's parts of the report (`[report]`).
    public var report = ReportContent()

    /// Every problem in every file, together; nothing for a plan of areas.
    public static func read(_ folder: URL, display: String, plan: Plan) throws -> PlanExtras {
        var issues: [InputIssue] = []
        var report = ReportContent()
        do { report = try PlanFolder.reportContent(folder, plan: plan) } catch let errors as InputErrors { issues += errors.issues }
        guard plan.places != nil else {
            if !issues.isEmpty { throw InputErrors(issues) }
            return PlanExtras(scenarios: [], candidates: nil, report: report)
        }
        var scenarios: [Scenario] = []
        var candidates: Scenario? = nil
        if !ScenarioFile.names(in: folder).isEmpty {
            do { scenarios = try ScenarioFile.load(folder, display: display, names: [], plan: plan) } catch let errors as InputErrors {
                issues += errors.issues
            }
        }
        if FileManager.default.fileExists(atPath: folder.appendingPathComponent("candidates.toml").path) {
            do { candidates = try ScenarioFile.candidates(file: nil, folder: folder, display: display, plan: plan).0 } catch let errors as InputErrors {
                issues += errors.issues
            }
        }
        // As a scenario run would refuse it: a change after the plan's last forecast year.
        let last = (plan.places?.schools.lastYear ?? 0) + plan.horizon
        for change in scenarios.flatMap(\.changes) where change.start > last {
            let late = ScenarioChange.AfterForecast(change: change, lastYear: last)
            issues.append(InputIssue(file: change.source, message: late.message, fix: late.fix))
        }
        var ledger: ContributionLedger? = nil
        let ledgerURL = folder.appendingPathComponent(PlanFolder.ledgerFile)
        if FileManager.default.fileExists(atPath: ledgerURL.path) {
            do { ledger = try LedgerReader.read(url: ledgerURL) } catch let errors as InputErrors { issues += errors.issues }
        }
        if !issues.isEmpty { throw InputErrors(issues) }
        return PlanExtras(scenarios: scenarios, candidates: candidates, ledger: ledger, report: report)
    }
}

extension PlanFolder {
    /// The ledger of developer contributions (`placeplan contributions`).
    public static let ledgerFile = "contributions.csv"

    /// Every file a plan folder's commands read — plan.toml, the files it names (or the usual
    /// names), scenarios and candidate projects — whether or not each exists: what an `--out`
    /// must never overwrite. Reads plan.toml only, and never fails.
    public static func inputFiles(_ folder: URL) -> [URL] {
        let config = (try? String(contentsOf: folder.appendingPathComponent(configFile), encoding: .utf8))
            .flatMap { try? PlanConfig.parse($0) }
        let names = config.map { [$0.rollsFile, $0.birthsFile, $0.schoolsFile, $0.areasFile, $0.housingFile, $0.yieldsFile,
                                  $0.yieldProfileFile, $0.costIndexFile, $0.ehcpFile, $0.specialistFile, $0.earlyYearsFile, $0.takeUpFile,
                                  $0.areaChangesFile, $0.applicationsFile, $0.housingDeliveryFile] }
            ?? ["rolls.csv", "births.csv", "schools.csv", "areas.csv", "housing.csv", "yields.csv", "yield-profile.csv", "cost-index.csv",
                "ehcp.csv", "specialist.csv", "settings.csv", "early-years.csv", "area-changes.csv", "applications.csv",
                "housing-delivery.csv"]
        let scenarios = ScenarioFile.names(in: folder).map { "\(ScenarioFile.folderName)/\($0).toml" }
        return ([configFile, "candidates.toml", ledgerFile] + names + scenarios).map { folder.appendingPathComponent($0) }
    }
}
