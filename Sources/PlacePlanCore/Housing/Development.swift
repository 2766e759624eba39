/// A housing development to test for a developer report: a site of `housing.csv`, or dwellings
/// described on the command line.
public struct Development: Equatable, Sendable {
    /// What the report calls it: the site's name, or "300 dwellings in Northgate (P01)".
    public let name: String
    /// Its primary planning area.
    public let area: String
    /// Where its secondary and post-16 pupils go (`nil`: where most of the area's Year 6 go).
    public let secondaryArea: String?
    /// Its dwellings by year and category, all after the census.
    public let completions: [HousingCompletion]
    /// The `housing.csv` site it is (left out of the baseline), if it is one.
    public let site: String?

    /// Something about the development that cannot be: said as a sentence with its fix.
    public struct Problem: Error, Equatable, CustomStringConvertible {
        public let description: String
    }

    /// A site of the plan's `housing.csv`: its completions after the census.
    public static func site(_ name: String, secondaryArea: String?, plan: Plan) throws -> Development {
        let places = try plan.requireCapacity(for: "the developer report")
        let all = places.housing?.completions ?? []
        let rows = all.filter { $0.site == name }
        guard let first = rows.first else {
            let sites = Set(all.map(\.site)).sorted()
            throw Problem(description: "there is no site '\(name)' in housing.csv; "
                + (sites.isEmpty ? "the plan has no housing.csv sites" : "sites: " + sites.joined(separator: ", ")))
        }
        let base = places.schools.lastYear
        let future = rows.filter { $0.year > base }
        guard !future.isEmpty else {
            throw Problem(description: "site '\(name)' has no completions after the \(AcademicYear.text(base)) census: "
                + "it is built, and its pupils are in the rolls")
        }
        return try Development(name: name, area: first.area, secondaryArea: secondaryArea ?? first.secondaryArea,
                               completions: future, site: name, places: places)
    }

    /// Dwellings in a primary planning area: `phasing` a year from `start` (the year after the
    /// census by default; all in `start` when `phasing` is empty), split by `mix`.
    public static func dwellings(_ dwellings: Double, area: String, start: Int?, phasing: [Double],
                                 mix: [(DwellingCategory, Double)], secondaryArea: String?, plan: Plan) throws -> Development {
        let places = try plan.requireCapacity(for: "the developer report")
        guard dwellings > 0, dwellings <= Bounds.dwellings.upperBound else {
            throw Problem(description: "--dwellings \(dwellings) is not a number of dwellings one development can have; "
                + "give more than 0 and at most \(Int(Bounds.dwellings.upperBound))")
        }
        let geography = places.schools.geography, base = places.schools.lastYear
        guard let planningArea = geography.primaryAreas.first(where: { $0.code == area }) else {
            throw Problem(description: "--area \(area) is not a primary planning area of \(plan.name); use one of "
                + geography.primaryAreas.map(\.code).joined(separator: ", "))
        }
        let first = start ?? base + 1
        guard first > base else {
            throw Problem(description: "--start \(first) is not after the forecast base (the \(AcademicYear.text(base)) census): "
                + "homes completed by then are in the rolls already; give --start \(base + 1) or later")
        }
        let completions = DeveloperAssessment.completions(site: enquirySite, area: area, dwellings: dwellings, start: first,
                                                          phasing: phasing, mix: mix)
        return try Development(name: "\(Self.count(dwellings)) dwellings in \(planningArea.label)", area: area,
                               secondaryArea: secondaryArea, completions: completions, site: nil, places: places)
    }

    /// A development read from a site file (a pre-application enquiry): its completions, all in
    /// one primary area, all after the census. It joins the plan's housing as a site of its own.
    public static func enquiry(_ completions: [HousingCompletion], plan: Plan) throws -> Development {
        let places = try plan.requireCapacity(for: "the developer report")
        guard let first = completions.first else { throw Problem(description: "the development has no dwellings") }
        let base = places.schools.lastYear
        if let early = completions.first(where: { $0.year <= base }) {
            throw Problem(description: "\(early.year) is not after the forecast base (the \(AcademicYear.text(base)) census): "
                + "homes completed by then are in the rolls already")
        }
        let relabelled = completions.map {
            HousingCompletion(site: enquirySite, area: $0.area, secondaryArea: $0.secondaryArea, school: $0.school, year: $0.year,
                              dwellings: $0.dwellings, category: $0.category, line: $0.line)
        }
        return try Development(name: first.site, area: first.area, secondaryArea: first.secondaryArea, completions: relabelled,
                               site: nil, places: places)
    }

    init(name: String, area: String, secondaryArea: String?, completions: [HousingCompletion], site: String?,
         places: PlacePlanInputs) throws {
        if let secondaryArea, !places.schools.geography.secondaryAreas.contains(where: { $0.code == secondaryArea }) {
            throw Problem(description: "--secondary-area \(secondaryArea) is not a secondary planning area; use one of "
                + places.schools.geography.secondaryAreas.map(\.code).joined(separator: ", "))
        }
        self.name = name
        self.area = area
        self.secondaryArea = secondaryArea
        self.completions = completions
        self.site = site
    }

    /// 300, or 300.5: dwellings as a person writes them.
    static func count(_ dwellings: Double) -> String {
        dwellings == dwellings.rounded() && abs(dwellings) < 1e15 ? String(Int(dwellings)) : String(dwellings)
    }

    /// The name a development given by flags has in the plan's housing (it is in no housing.csv).
    public static let enquirySite = "(this development)"

    /// The plan with the development in its housing: as it is for a site of housing.csv, with
    /// the development's completions added for one given by flags. The development is tested
    /// against this plan less its own pupils, so that they are taken out however they entered it.
    public func plan(including plan: Plan) throws -> Plan {
        guard site == nil else { return plan }
        var places = try plan.requireCapacity(for: "the developer report")
        var housing = places.housing ?? HousingInput(completions: [])
        if housing.completions.contains(where: { $0.site == Self.enquirySite }) {
            throw Problem(description: "housing.csv has a site named '\(Self.enquirySite)', the name a development given by flags takes; rename it")
        }
        housing = HousingInput(completions: housing.completions + completions, yields: housing.yields, settings: housing.settings,
                               delivery: housing.delivery)
        places.housing = housing
        var with = plan
        with.kind = .places(places)
        return with
    }
}

extension DeveloperAssessment {
    /// The development against `run`, a run of the plan with it (`Development.plan(including:)`).
    public static func assess(_ development: Development, in run: PlanRun) throws -> DeveloperAssessment {
        let baseline = run
        let places = try baseline.plan.requireCapacity(for: "the developer report")
        guard let tables = baseline.places?.tables else { throw PlanKindError(plan: baseline.plan.name, purpose: "the developer report", missing: "schools.csv") }
        guard baseline.options.housing else {
            throw Development.Problem(description: "the developer report tests a development against the plan with its housing: "
                + "leave out --no-housing")
        }
        // A development whose homes all come after the forecast would be charged nothing, as if
        // it needed no places: that is a wrong start year or too short a horizon, not a £0 charge.
        guard development.completions.contains(where: { baseline.years.contains($0.year) }) else {
            let first = development.completions.map(\.year).min() ?? baseline.years.lowerBound
            throw Development.Problem(description: "\(development.name): its first homes come in \(AcademicYear.text(first)), after the "
                + "forecast's last year (\(AcademicYear.text(baseline.years.upperBound))); give --start from \(baseline.years.lowerBound) "
                + "to \(baseline.years.upperBound), or a longer --horizon (up to \(SettingRule.horizonRange.upperBound))")
        }
        if let late = development.completions.map(\.year).filter({ $0 > baseline.years.upperBound }).min() {
            throw Development.Problem(description: "\(development.name): homes completing in \(AcademicYear.text(late)) come after the forecast's "
                + "last year (\(AcademicYear.text(baseline.years.upperBound))), so their pupils could not be counted; give a --horizon "
                + "reaching \(AcademicYear.text(development.completions.map(\.year).max()!)) (at most \(SettingRule.horizonRange.upperBound) years), "
                + "or an earlier --start or shorter --phasing")
        }
        let housing = places.housing ?? HousingInput(completions: [])
        let site = development.site ?? Development.enquirySite
        let trajectory = baseline.places?.housing?.added.filter { $0.site == site } ?? []
        return assess(name: development.name, area: development.area, secondaryArea: development.secondaryArea,
                      completions: development.completions, trajectory: trajectory, plan: tables, yields: housing.yields,
                      settings: housing.settings)
    }
}
