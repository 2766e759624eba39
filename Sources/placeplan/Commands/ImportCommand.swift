import ArgumentParser
import Foundation
import PlacePlanCore
import PlacePlanIO
import PlacePlanReport

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Make a plan folder from the data a planner downloads.",
        discussion: """
            Examples:
              placeplan import ees Data/imports/ees-extract.csv --out-dir ees-plan
            """,
        subcommands: [ImportEESCommand.self, ImportGIASCommand.self])
}

struct ImportEESCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ees",
        abstract: "A DfE school census download (Explore education statistics) as a new plan folder.",
        discussion: """
            Reads an EES "Schools, pupils and their characteristics" file of pupils by NC year \
            group and local authority (time_period 201920, phase_type_grouping, characteristic \
            Reception, Year 1 …, two free-school-meals rows per cell, which are added) and writes \
            a new plan folder: rolls.csv (year,area,area_name,year_group,pupils, R–Y13, one area \
            per authority), plan.toml, and births.csv when --births names a births file to cut to \
            the same authorities. State-funded primary and secondary schools count; \
            --include-special adds state-funded special schools and --include-ap alternative \
            provision (pupil referral units). Everything left out (other year \
            groups, school types, levels) is counted in the summary; a suppressed figure (c, x, \
            low) in a cell the plan needs is an error with its line. The GLA's series of pupils \
            by authority and NC year group (academic_year,year_start,la_code,la_name,nc_year,\
            headcount, what Data/england is built from) is read too, told by its header; it \
            counts mainstream and alternative provision, and cannot add special schools.

            Examples:
              placeplan import ees Data/imports/ees-extract.csv --la E06000034 --births Data/england/births.csv --out-dir thurrock
            """)

    @Argument(help: ArgumentHelp("The EES CSV file.", valueName: "file.csv"))
    var file: String
    @Option(name: .customLong("la"), help: ArgumentHelp("An authority's code (new_la_code); repeat for several. Default: every authority.", valueName: "code"))
    var authorities: [String] = []
    @Option(help: ArgumentHelp("A births file (year,area,births[,type]) to cut to the same authorities.", valueName: "file.csv"))
    var births: String?
    @OptionGroup var census: CensusImportOptions

    func run() throws {
        let request = CensusImport.Request(
            censuses: [URL(fileURLWithPath: file)], births: births.map { URL(fileURLWithPath: $0) }, birthsBasis: census.birthsBasis,
            authorities: authorities.isEmpty ? nil : Set(authorities), schoolTypes: census.schoolTypes, outDir: census.outDir,
            command: "import ees")
        say(try userInput("The import has problems; nothing was written.") { try CensusImport.run(request) }, terminator: "")
    }
}

struct ImportGIASCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gias",
        abstract: "A GIAS establishment download as schools.csv, with what the planner must still supply.",
        discussion: """
            Reads a "Get information about schools" download (the columns of edubasealldata: \
            URN, LA (code), EstablishmentName, EstablishmentTypeGroup, status, OpenDate, \
            CloseDate, PhaseOfEducation, OfficialSixthForm, SchoolCapacity) and writes \
            schools.csv: state-funded schools of the authorities given (--la, the three-digit \
            LA code; default every one), open ones (--with-closed keeps closed ones with the year \
            they closed), phase, capacity, the academic years they opened and closed. With --links \
            (GIAS's links file) it writes school-links.csv, each school's predecessors (an academy \
            conversion or merger). Planning areas and admission numbers are not in GIAS: they are \
            left empty, and the summary lists what to supply. Files in Windows-1252, as GIAS \
            writes them, are read as such.

            Examples:
              placeplan import gias Data/imports/gias-hampshire-surrey.csv --la 936 --links Data/imports/gias-links-extract.csv --out-dir surrey-schools
            """)

    @Argument(help: ArgumentHelp("The GIAS establishment CSV.", valueName: "file.csv"))
    var file: String
    @Option(name: .customLong("la"), help: ArgumentHelp("An authority's three-digit LA code; repeat for several. Default: every one.", valueName: "code"))
    var authorities: [String] = []
    @Option(help: ArgumentHelp("GIAS's links file (URN,LinkURN,LinkType,…), for predecessors.", valueName: "file.csv"))
    var links: String?
    @Flag(help: "Keep closed schools, with the academic year they closed.")
    var withClosed = false
    @Option(name: .customLong("out-dir"), help: ArgumentHelp("The folder for schools.csv (which must not be there already).", valueName: "dir"))
    var outDir: String

    func validate() throws {
        if FileManager.default.fileExists(atPath: URL(fileURLWithPath: outDir).appendingPathComponent("schools.csv").path) {
            throw ValidationError("\(outDir) holds a schools.csv already: give a new folder, so that nothing of it is overwritten.")
        }
    }

    func run() throws {
        let result = try userInput("\(file) cannot be imported; nothing was written.") {
            try GIASSchools.read(url: URL(fileURLWithPath: file), authorities: authorities.isEmpty ? nil : Set(authorities),
                                 withClosed: withClosed, links: links.map { URL(fileURLWithPath: $0) })
        }
        let files = [("schools.csv", SchoolsImport.schoolsCSV(result))] + (links == nil ? [] : [("school-links.csv", SchoolsImport.linksCSV(result))])
        try AtomicFile.writeAllForUser(files, into: outDir)
        say(SchoolsImport.summary(result, folder: outDir, files: files.map(\.0)), terminator: "")
    }
}
