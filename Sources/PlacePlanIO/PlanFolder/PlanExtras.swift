import Foundation
import PlacePlanCore

/// What else a place plan's folder holds for other commands — its scenarios and candidate
/// projects — read and checked as `scenario` and `optimise` would, so that `check` passing means
/// every command will run.
public struct PlanExtras: Sendable {
    public let scenarios: [Scenario]
    public let candidates: Scenario?

    /// Every problem in every file, together; nothing for a plan of areas.
    public static func read(_ folder: URL, display: String, plan: Plan) throws -> PlanExtras {
        guard plan.places != nil else { return PlanExtras(scenarios: [], candidates: nil) }
        var issues: [InputIssue] = []
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
        if !issues.isEmpty { throw InputErrors(issues) }
        return PlanExtras(scenarios: scenarios, candidates: candidates)
    }
}
