import ArgumentParser
import Foundation
import PlacePlanCore
import PlacePlanIO
import PlacePlanReport

/// `placeplan init`: a folder of downloads in, a checked plan folder out, and what was assumed.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Make a checked plan folder for an authority from a folder of downloads.",
        discussion: """
            Looks at every CSV file in --from (two folders down at most) and tells them apart by \
            their headers: school census files by NC year group (the DfE's EES download, or the \
            GLA's series by authority, as placeplan import ees reads them; of several, the one \
            with the most census years for the authorities asked, said so) and, if there is one, \
            a births file by authority (year,area,births, or ONS \
            mid-year births: la_code,year_ending_mid,annual_births). It writes the plan folder \
            as import ees does (state-funded mainstream pupils unless --include-special or \
            --include-ap; the births' basis from their layout, --births-basis, or assumed and said \
            so), then checks it and prints what check finds. Each file looked at is listed with \
            what it was taken for.

            Examples:
              placeplan init --la E06000034 --from Data/imports --out-dir thurrock-init
            """)

    @Option(name: .customLong("la"), help: ArgumentHelp("An authority's code (new_la_code); repeat for several.", valueName: "code"))
    var authorities: [String]
    @Option(help: ArgumentHelp("The folder of downloads.", valueName: "dir"))
    var from: String
    @OptionGroup var census: CensusImportOptions

    func validate() throws {
        guard !authorities.isEmpty else { throw ValidationError("give the authority with --la, e.g. --la E06000034.") }
    }

    func run() throws {
        let sources = try userInput("\(from) cannot be used; nothing was written.") { try SourceFolder.find(in: URL(fileURLWithPath: from)) }
        let request = CensusImport.Request(
            censuses: sources.censuses, births: sources.births, birthsBasis: census.birthsBasis, authorities: Set(authorities),
            schoolTypes: census.schoolTypes, outDir: census.outDir, command: "init")
        say(CensusImport.sources(sources))
        say(try userInput("The import has problems; nothing was written.") { try CensusImport.run(request) }, terminator: "")
        let plan = try userInput("The new plan folder does not check; it is left for you to mend.") { try PlanFolder.load(URL(fileURLWithPath: census.outDir)) }
        say("\nplaceplan check \(census.outDir):\n" + CheckSummary.render(plan), terminator: "")
    }
}
