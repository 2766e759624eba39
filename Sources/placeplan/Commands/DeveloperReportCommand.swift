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
            The test of the DfE's "Securing developer contributions for education" \
            (2023), for a development given by --area and --dwellings (a \
            pre-application enquiry) or a site of housing.csv (--site): for each \
            phase, planning area, year group and forecast year, the site's pupils \
            (yield × profile × build-out) against the places available = places × \
            (1 − operating margin) − the plan's pupils less the site's own. Spare \
            places in one year group never offset a shortfall in another. The \
            places not provided are charged at their peak (or, with [housing] \
            charge_rule = "completion", in the year the site completes) × cost per \
            place (DfE scorecard averages unless plan.toml says otherwise) × the \
            regional factor. Prints the result; --out writes a self-contained \
            HTML page and --csv every figure, each with the yields, costs, margin \
            and years used. See docs/housing.md.

            --mix splits the dwellings by category: type (house, flat), tenure \
            (market, affordable) and bedrooms (1, 2, 3+) joined by '/', each with \
            a share, e.g. house/market=70,flat/affordable=30. Without it the mix \
            is unknown and the yield for any dwelling is used. \
            --phasing gives dwellings completed each year from --start, e.g. \
            100,200,200 (they must add up to --dwellings); without it every \
            dwelling completes in --start (default: the year after the census).

            Several --site flags test sites that together need a new school \
            ([housing] mitigation = "new_school"): the school is sized in whole \
            forms of entry and shared in proportion to each site's places not \
            provided. Payments fall due as [housing] payment_triggers of the \
            homes are occupied (default: all at 50%).

            Examples:
              placeplan developer-report Data/borough --site "Northgate Fields" --out fields.html
              placeplan developer-report Data/borough --site "Northgate Fields" --site "Central Quarter" --xlsx sites.xlsx
              placeplan developer-report Data/borough --site-file Data/enquiry.csv --csv enquiry-figures.csv
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
    @Option(help: "A site of housing.csv: its area, dwellings, years and mix. Repeat for sites that share a new school.")
    var site: [String] = []
    @Option(help: ArgumentHelp("A development in a file of housing.csv's columns (a pre-application enquiry with its mix and years).",
                               valueName: "file.csv"))
    var siteFile: String?
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
    @Option(help: ArgumentHelp("Write the figures as a workbook here.", valueName: "file.xlsx"))
    var xlsx: String?

    func validate() throws {
        let byFlags = area != nil || dwellings != nil || mix != nil || start != nil || phasing != nil
        if [!site.isEmpty, siteFile != nil, byFlags].filter({ $0 }).count > 1 {
            throw ValidationError("Give one way of describing the development: --site NAME (from housing.csv), --site-file FILE, "
                + "or --area and --dwellings (with --mix, --start, --phasing).")
        }
        if site.isEmpty && siteFile == nil {
            guard area != nil, let dwellings else { throw ValidationError("Give --area and --dwellings, --site NAME from housing.csv, or --site-file FILE.") }
            guard dwellings > 0 else { throw ValidationError("--dwellings must be more than 0 (got \(dwellings)).") }
        }
        // Each file option writes one format: a file named for another is refused, not written
        // (an HTML page under --out fields.xlsx).
        for (flag, file, format) in [("--out", out, Written.html), ("--csv", csv, .csv), ("--xlsx", xlsx, .xlsx)] {
            guard let file, file != "-" else { continue }
            let (ext, named) = Written.named(by: file)
            if let named, named != format {
                throw ValidationError("\(flag) \(file): \(flag) writes \(format.what), but .\(ext) is for \(named.what): "
                    + "give it as \(named.flag) \(file), or name the file .\(format.rawValue).")
            }
        }
    }

    /// What each file option writes, known by the file's extension.
    enum Written: String, FileFormat {
        case html, csv, xlsx
        var extensions: [String] { self == .html ? ["html", "htm"] : [rawValue] }
        static var standard: Written { .html }
        var flag: String { self == .html ? "--out" : "--\(rawValue)" }
        var what: String {
            switch self {
            case .html: "the HTML page"
            case .csv: "the figures as CSV"
            case .xlsx: "the workbook"
            }
        }
    }

    /// The developments the flags describe.
    func developments(_ plan: Plan) throws -> [Development] {
        if let siteFile { return [try userInput("The site file has problems; nothing was written.") { try SiteFile.read(url: URL(fileURLWithPath: siteFile), plan: plan) }] }
        if !site.isEmpty { return try site.map { try Development.site($0, secondaryArea: secondaryArea, plan: plan) } }
        return [try Development.dwellings(dwellings!, area: area!, start: start, phasing: try phasing.map { try DevelopmentFlags.phasing($0, dwellings: dwellings!) } ?? [],
                                          mix: try mix.map(DevelopmentFlags.mix) ?? [], secondaryArea: secondaryArea, plan: plan)]
    }

    func run() throws {
        let plan = try PlanLocation.load(folder, bundled: "Data/borough")
        let assessments = try developments(plan).map { try DeveloperAssessment.assess($0, in: try runPlan(try $0.plan(including: plan), flags.options)) }
        let geography = try plan.requirePlaces(for: "the developer report").schools.geography
        let planFolder = try PlanLocation.url(folder, bundled: "Data/borough")
        let html = DeveloperReport.html(assessments, plan: plan.name, geography: geography, generated: ReportCommand.timestamp(Date()))
        if let out { try OutputOptions(out: out).emit(html, planFolder: planFolder) }
        if let csv { try OutputOptions(out: csv).emit(DeveloperReport.csv(assessments), planFolder: planFolder) }
        if let xlsx { try OutputOptions(out: xlsx).emit(try DeveloperWorkbook.workbook(assessments, geography: geography).data(), planFolder: planFolder) }
        say(DeveloperReport.text(assessments, geography: geography), terminator: "")
        let written = [out, csv, xlsx].compactMap { $0.map { "wrote \($0)" } }
        if !written.isEmpty { say(written.joined(separator: "\n")) }
    }
}
