import ArgumentParser
import Foundation
import PlacePlanCore
import PlacePlanIO
import PlacePlanReport

struct DeveloperReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "developer-report",
        abstract: "What school places a housing development needs that local schools cannot provide, and their cost.",
        discussion: """
            The test of the DfE's "Securing developer contributions for education"
            (2023), for a development given by --area and --dwellings (a
            pre-application enquiry) or a site of housing.csv (--site): for each
            phase, planning area, year group and forecast year, the site's pupils
            (yield × profile × build-out) against the places available = places ×
            (1 − operating margin) − the plan's pupils less the site's own. Spare
            places in one year group never offset a shortfall in another. The
            places not provided are charged at their peak (or, with [housing]
            charge_rule = "completion", in the year the site completes) × cost per
            place (DfE scorecard averages unless plan.toml says otherwise) × the
            regional factor. Prints the result; --out writes a self-contained
            HTML page and --csv every figure, each with the yields, costs, margin
            and years used. See docs/housing.md.

            --mix splits the dwellings by category: type (house, flat), tenure
            (market, affordable) and bedrooms (1, 2, 3+) joined by '/', each with
            a share, e.g. house/market=70,flat/affordable=30. Without it the mix
            is unknown and the yield for any dwelling is used.
            --phasing gives dwellings completed each year from --start, e.g.
            100,200,200 (they must add up to --dwellings); without it every
            dwelling completes in --start (default: the year after the census).

            Examples:
              placeplan developer-report Data/borough --site "Northgate Fields" --out fields.html
              placeplan developer-report Data/borough --area P01 --dwellings 300 --start 2026
              placeplan developer-report Data/borough --area P06 --dwellings 200 --mix house/market=60,flat=40 --csv dev.csv
              placeplan developer-report Data/borough --area P01 --dwellings 500 --start 2026 --phasing 100,200,200
            """)

    @Argument(help: ArgumentHelp("Plan folder with schools.csv. Default: the bundled Data/borough.", valueName: "dir"))
    var folder: String?
    @Option(help: "The development's primary planning area.")
    var area: String?
    @Option(help: "Its dwellings.", transform: strictNumber)
    var dwellings: Double?
    @Option(help: "A site of housing.csv: its area, dwellings, years and mix (it is left out of the baseline).")
    var site: String?
    @Option(help: "Categories and shares, e.g. house/market=70,flat/affordable=30.")
    var mix: String?
    @Option(help: "The first year of completions (2026 = 2026/27). Default: the year after the census.")
    var start: Int?
    @Option(help: "Dwellings completed each year from --start, e.g. 100,200,200.")
    var phasing: String?
    @Option(help: "The secondary planning area for its secondary and post-16 pupils. Default: where most of the area's Year 6 go.")
    var secondaryArea: String?
    @OptionGroup var flags: RunFlags
    @Option(name: .shortAndLong, help: ArgumentHelp("Write the HTML page here (whole or not at all).", valueName: "file.html"))
    var out: String?
    @Option(help: ArgumentHelp("Write the figures as CSV here.", valueName: "file.csv"))
    var csv: String?

    func validate() throws {
        if site != nil, area != nil || dwellings != nil || mix != nil || start != nil || phasing != nil {
            throw ValidationError("--site takes the development from housing.csv: leave out --area, --dwellings, --mix, --start and --phasing.")
        }
        if site == nil {
            guard area != nil, let dwellings else { throw ValidationError("Give --area and --dwellings (or --site NAME from housing.csv).") }
            guard dwellings > 0, dwellings.isFinite else { throw ValidationError("--dwellings must be more than 0 (got \(dwellings)).") }
        }
    }

    func run() throws {
        let plan = try PlanLocation.load(folder, bundled: "Data/borough")
        let development = try site.map { try Development.site($0, secondaryArea: secondaryArea, plan: plan) }
            ?? Development.dwellings(dwellings!, area: area!, start: start, phasing: try phasing.map { try DevelopmentFlags.phasing($0, dwellings: dwellings!) } ?? [],
                                     mix: try mix.map(DevelopmentFlags.mix) ?? [], secondaryArea: secondaryArea, plan: plan)
        let assessment = try DeveloperAssessment.assess(development, in: try runPlan(try development.plan(including: plan), flags.options))
        let geography = try plan.requirePlaces(for: "the developer report").schools.geography
        let planFolder = try PlanLocation.url(folder, bundled: "Data/borough")
        if let out {
            try OutputOptions(out: out).emit(DeveloperReport.html(assessment, plan: plan.name, geography: geography,
                                                                  generated: ReportCommand.timestamp(Date())), planFolder: planFolder)
        }
        if let csv { try OutputOptions(out: csv).emit(DeveloperReport.csv(assessment), planFolder: planFolder) }
        say(DeveloperReport.text(assessment, geography: geography), terminator: "")
        if let out { say("wrote \(out)") }
        if let csv { say("wrote \(csv)") }
    }
}
