import Foundation
import PlacePlanCore
import PlacePlanIO
import PlacePlanReport
import PlacePlanStore

/// The forecasts `explain` (and `report --changes-since`) compare, made into `InputSwap` sides
/// one way for both commands: an archived vintage re-run from its kept files and flags, or a
/// plan folder as it stands with the flags given.
enum ChangeSides {
    static func vintage(_ key: String, in store: PlanStore) throws -> (side: InputSwap.Side, vintage: Vintage) {
        let vintage = try storeCall { try store.vintage(matching: key) }
        let rerun = try storeCall { try store.rerun(vintage) }
        return (.init(name: vintage.name, files: rerun.files.map { PlanFolder.InputFile(name: $0.name, bytes: $0.bytes) }, options: rerun.options), vintage)
    }

    static func folder(_ url: URL, name: String, options: RunOptions) throws -> InputSwap.Side {
        .init(name: name, files: try PlanLocation.loadWithInputs(url).inputs, options: options)
    }

    /// Every mix run, with a progress bar on a terminal; a mix that cannot run is a user error.
    static func explain(_ swap: InputSwap) throws -> InputSwap.Explanation {
        let showProgress = isatty(STDERR_FILENO) == 1
        return try userInput("The two forecasts cannot be compared.") {
            try swap.explain { done, total in
                if showProgress { printError(ProgressBar.line(done, of: total, unit: "forecasts"), terminator: done == total ? "\n" : "") }
            }
        }
    }
}
