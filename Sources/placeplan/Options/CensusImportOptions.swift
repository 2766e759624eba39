import ArgumentParser
import Foundation
import PlacePlanCore
import PlacePlanIO

/// What `import ees` and `init` both ask of a census import: the births' basis, which school
/// types count, and the new plan folder — one set of flags, checked once, before anything is read.
struct CensusImportOptions: ParsableArguments {
    @Option(help: "The births' basis, when the births file's layout does not fix it: mid-year, calendar or academic (else mid-year, said as assumed).")
    var birthsBasis: String?
    @Flag(help: "Count state-funded special schools too.")
    var includeSpecial = false
    @Flag(help: "Count alternative provision (pupil referral units) too, as the GLA's projections and Data/england do.")
    var includeAp = false
    @Option(name: .customLong("out-dir"), help: ArgumentHelp("The new plan folder (must not hold a plan already).", valueName: "dir"))
    var outDir: String

    /// The census's school types the flags ask for.
    var schoolTypes: Set<String> { EESCensus.schoolTypes(special: includeSpecial, alternativeProvision: includeAp) }

    func validate() throws {
        if let birthsBasis, BirthsBasis(rawValue: birthsBasis) == nil {
            throw ValidationError("--births-basis must be mid-year, calendar or academic (got \(birthsBasis)).")
        }
        if FileManager.default.fileExists(atPath: URL(fileURLWithPath: outDir).appendingPathComponent("plan.toml").path) {
            throw ValidationError("\(outDir) holds a plan already (plan.toml): give a new folder, so that nothing of it is overwritten.")
        }
    }
}
