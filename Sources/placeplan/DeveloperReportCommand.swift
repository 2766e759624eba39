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
            For a development (given by --area and --dwellings, or a site of
            housing.csv by --site): its pupils by phase and year from the yields;
            the spare places in its planning areas after the baseline forecast
            (other planned housing included); the places it needs that those
            spare places cannot provide; and the contribution, places × cost per
            place (DfE national averages unless plan.toml's [housing] says
            otherwise) × the regional factor. Prints the result; --out writes a
            self-contained HTML page and --csv the figures, each with the
            yields, costs and years used.

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
    @Option(help: "Its dwellings.")
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
    @Option(help: "Years ahead, 1–\(CohortSurvival.maximumHorizon). Default: plan.toml's.")
    var horizon: Int?
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
        if let horizon, !(1...CohortSurvival.maximumHorizon).contains(horizon) {
            throw ValidationError("--horizon must be from 1 to \(CohortSurvival.maximumHorizon) years (got \(horizon)).")
        }
    }

    func run() throws {
        let plan = try PlanLocation.load(folder, bundled: "Data/borough")
        guard let schools = plan.schools else {
            throw CLIFailure("\(plan.name) has no schools.csv: the developer report needs a place plan (README, \"The place plan\")")
        }
        let base = schools.lastYear
        let housing = plan.housing ?? HousingInput(completions: [])
        let completions: [HousingCompletion]
        let areaCode: String
        let name: String
        var secondary = secondaryArea
        if let site {
            let rows = housing.completions.filter { $0.site == site }
            guard !rows.isEmpty else {
                throw CLIFailure("there is no site '\(site)' in housing.csv; sites: "
                    + Set(housing.completions.map(\.site)).sorted().joined(separator: ", "))
            }
            completions = rows.filter { $0.year > base }
            guard !completions.isEmpty else {
                throw CLIFailure("site '\(site)' has no completions after the \(Format.academicYear(base)) census: it is built, and its pupils are in the rolls")
            }
            areaCode = rows[0].area
            secondary = secondary ?? rows[0].secondaryArea
            name = site
        } else {
            areaCode = area!
            guard schools.geography.primaryAreas.contains(where: { $0.code == areaCode }) else {
                throw CLIFailure("--area \(areaCode) is not a primary planning area of \(plan.name); use one of "
                    + schools.geography.primaryAreas.map(\.code).joined(separator: ", "))
            }
            let first = start ?? base + 1
            guard first > base else {
                throw CLIFailure("--start \(first) is not after the forecast base (the \(Format.academicYear(base)) census): homes completed "
                    + "by then are in the rolls already; give --start \(base + 1) or later")
            }
            let years = try Self.phasing(phasing, dwellings: dwellings!)
            completions = DeveloperAssessment.completions(site: "development", area: areaCode, dwellings: dwellings!, start: first,
                                                          phasing: years, mix: try Self.mix(mix))
            name = "\(Format.number(dwellings!)) dwellings in \(schools.geography.area(code: areaCode)?.label ?? areaCode)"
        }
        if let secondary, !schools.geography.secondaryAreas.contains(where: { $0.code == secondary }) {
            throw CLIFailure("--secondary-area \(secondary) is not a secondary planning area; use one of "
                + schools.geography.secondaryAreas.map(\.code).joined(separator: ", "))
        }
        let forecast = try PlacePlanning.forecast(schools, settings: plan.settings, shareMethod: plan.shareMethod,
                                                  horizon: horizon ?? plan.horizon)
        let layer = HousingModel.layer(housing, forecast: forecast, exclude: site.map { [$0] } ?? [])
        let baseline = PupilPlacePlan(name: plan.name, forecast: forecast.adding(layer), history: schools, targets: plan.targets)
        let assessment = DeveloperAssessment.assess(name: name, area: areaCode, secondaryArea: secondary, completions: completions,
                                                    baseline: baseline, yields: housing.yields, settings: housing.settings)
        if let out {
            let page = DeveloperReport.html(assessment, plan: plan.name, geography: schools.geography,
                                            generated: ReportCommand.timestamp(Date()))
            try OutputOptions(out: out).emit(page)
        }
        if let csv { try OutputOptions(out: csv).emit(DeveloperReport.csv(assessment)) }
        print(DeveloperReport.text(assessment, geography: schools.geography), terminator: "")
        for path in [out, csv].compactMap({ $0 }) { print("wrote \(path)") }
    }

    static func phasing(_ text: String?, dwellings: Double) throws -> [Double] {
        guard let text else { return [] }
        let values = text.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard !values.isEmpty, values.allSatisfy({ $0 != nil && $0! >= 0 }) else {
            throw CLIFailure("--phasing '\(text)' is not a list of dwellings a year; write e.g. 100,200,200")
        }
        let sum = values.reduce(0) { $0 + $1! }
        guard abs(sum - dwellings) < 1e-9 else {
            throw CLIFailure("--phasing adds up to \(Format.number(sum, decimals: 1)) dwellings but --dwellings is \(Format.number(dwellings, decimals: 1)); make them agree")
        }
        return values.map { $0! }
    }

    static func mix(_ text: String?) throws -> [(DwellingCategory, Double)] {
        guard let text else { return [] }
        var result: [(DwellingCategory, Double)] = []
        for part in text.split(separator: ",") {
            let pieces = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard pieces.count == 2, let share = Double(pieces[1]), share >= 0 else {
                throw CLIFailure("--mix: '\(part)' is not category=share; write e.g. house/market=70,flat/affordable=30")
            }
            var category = DwellingCategory.unknown
            for token in pieces[0].split(separator: "/").map(String.init) {
                if let type = DwellingType(rawValue: token) { category.type = type }
                else if let tenure = Tenure(rawValue: token) { category.tenure = tenure }
                else if let n = Int(token.hasSuffix("+") ? String(token.dropLast()) : token), n >= 1 { category.bedrooms = min(n, 3) }
                else {
                    throw CLIFailure("--mix: '\(token)' is not a type (house, flat), tenure (market, affordable) or number of bedrooms")
                }
            }
            result.append((category, share))
        }
        guard result.reduce(0, { $0 + $1.1 }) > 0 else { throw CLIFailure("--mix: the shares add up to 0") }
        return result
    }
}
