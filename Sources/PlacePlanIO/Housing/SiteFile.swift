import Foundation
import PlacePlanCore

/// A development described in a file of its own, in housing.csv's columns (`site,area,year,
/// dwellings` and optionally `type,tenure,bedrooms,secondary_area,school`): a pre-application
/// enquiry with its mix and phasing, checked row by row as housing.csv is.
public enum SiteFile {
    public static func read(url: URL, plan: Plan) throws -> Development {
        let places = try plan.requireCapacity(for: "the developer report")
        let file = url.path
        let table = try CSVTable(bytes: CSVTable.read(url: url, file: file), file: file)
        let housing = places.housing
        let (input, _) = try HousingReader.read(housing: table, yields: nil, profile: nil, history: places.schools,
                                                settings: housing?.settings ?? .default, configFile: file)
        guard let first = input.completions.first else {
            throw InputErrors([InputIssue(file: file, line: 1, message: "has a header but no rows",
                                          fix: "add one row per year (and dwelling category) of the development")])
        }
        var issues: [InputIssue] = []
        for completion in input.completions {
            if completion.site != first.site {
                issues.append(InputIssue(file: file, line: completion.line, columnName: "site",
                                         message: "names site '\(completion.site)', but line \(first.line) names '\(first.site)': the file is one development",
                                         fix: "give every row the same site (use housing.csv for several sites)"))
            } else if completion.area != first.area {
                issues.append(InputIssue(file: file, line: completion.line, columnName: "area",
                                         message: "puts the site in \(completion.area), but line \(first.line) in \(first.area)",
                                         fix: "give every row the site's one primary planning area"))
            }
        }
        if housing?.completions.contains(where: { $0.site == first.site }) == true {
            issues.append(InputIssue(file: file, line: first.line, columnName: "site",
                                     message: "site '\(first.site)' is in housing.csv already; testing it again from this file would count it twice",
                                     fix: "use --site \"\(first.site)\", or give this development another name"))
        }
        if !issues.isEmpty { throw InputErrors(issues) }
        do {
            return try Development.enquiry(input.completions, plan: plan)
        } catch let problem as Development.Problem {
            throw InputErrors([InputIssue(file: file, line: first.line, columnName: "year", message: problem.description,
                                          fix: "give completions after the census year")])
        }
    }
}
