import Foundation
import PlacePlanCore
import TOMLKit

/// `plan.toml`: the plan's name, ladder, births basis, method settings, place-plan settings and
/// file names.
/// Every key is optional except `name`; unknown keys are errors (a typo must not be ignored).
public struct PlanConfig: Equatable, Sendable {
    public var name: String
    public var ladder: Ladder
    public var birthsBasis: BirthsBasis
    public var settings: ForecastSettings
    public var horizon: Int
    public var rollsFile: String
    /// The files `[files]` names: each must exist (a typo is never read as "no such input").
    public var namedFiles: [NamedFile] = []
    /// `[columns]`: our column name → the name the files use (lower case).
    public var columns: [String: String] = [:]

    public struct NamedFile: Equatable, Sendable {
        public let key: String
        public let name: String
    }
    public var birthsFile: String
    /// Schools and areas: when the schools file exists the plan is a place plan.
    public var schoolsFile: String = "schools.csv"
    public var areasFile: String = "areas.csv"
    /// Boundary changes and breaks in the areas' series (plans of areas).
    public var areaChangesFile: String = "area-changes.csv"
    /// `[schools] share_method`: how a school's intake share is summarised.
    public var shareMethod: RatioMethod = SchoolSettings.defaultShareMethod
    /// `[capacity]`: spare-capacity target and operating margin.
    public var targets: CapacityTargets = .default
    /// Housing growth: `housing.csv`, `yields.csv`, `yield-profile.csv` and `[housing]`.
    public var housingFile: String = "housing.csv"
    public var yieldsFile: String = "yields.csv"
    public var yieldProfileFile: String = "yield-profile.csv"
    public var housing: HousingSettings = .default
    /// The build cost index (`cost-index.csv`), and `[housing] cost_base_period` (the period the
    /// cost figures are priced at: the DfE 2025 scorecards' Q1 2026) and `cost_period` (to price at).
    public var costIndexFile: String = "cost-index.csv"
    public var costBasePeriod: String = "2026Q1"
    public var costPeriod: String?
    /// Whether `[housing]` was given: its settings hold for a development even without housing.csv.
    public var hasHousingSection = false
    /// `[report]`: the council's title, name, logo and words for its published report.
    public var report = ReportSettings()
    /// `[costs]`: cost per place by phase and project type.
    public var costs: CostRates = .dfe
    /// Specialist places: past EHC plans (`ehcp.csv`), resourced bases (`specialist.csv`) and
    /// `[specialist]`.
    public var ehcpFile: String = "ehcp.csv"
    /// Applications for a place in each area's entry year group (`applications.csv`, optional).
    public var applicationsFile: String = "applications.csv"
    /// Years whose ratios are left out in one area alone (`exclude-years.csv`, optional, plans of areas).
    public var excludeYearsFile: String = "exclude-years.csv"
    /// How past housing trajectories were delivered (`housing-delivery.csv`, optional, with housing).
    public var housingDeliveryFile: String = "housing-delivery.csv"
    public var specialistFile: String = "specialist.csv"
    public var specialist: SpecialistSettings = .default
    /// Early years: the providers (`settings.csv`, early-years settings) and `[early_years]`.
    public var earlyYearsFile: String = "settings.csv"
    /// Past funded early-education counts by area (a plan of areas), for the take-up backtest.
    public var takeUpFile: String = "early-years.csv"
    public var earlyYears: EarlyYearsSettings = .default
    /// Which of those sections plan.toml gives: a section for inputs the folder lacks is an error.
    public var hasSpecialistSection = false
    public var hasEarlyYearsSection = false

    public static let defaultHorizon = 10

    static let topKeys: Set<String> = ["name", "ladder", "entry_age", "births_basis", "phases", "forecast", "files", "columns",
                                       "schools", "capacity", "housing", "costs", "report", "specialist", "early_years"]
    public static let forecastKeys = Set(Setting.allCases.map(\.tomlKey))
    static let fileKeys: Set<String> = ["rolls", "births", "schools", "areas", "area_changes", "housing", "yields", "yield_profile", "cost_index",
                                        "ehcp", "specialist", "early_years", "take_up", "applications", "housing_delivery", "exclude_years"]
    static let housingKeys: Set<String> = ["regional_factor", "primary_cost_per_place", "secondary_cost_per_place",
                                           "sixth_form_cost_per_place", "background", "charge_rule", "mitigation", "region",
                                           "send_cost_per_place", "early_years_cost_per_place", "land_hectares_per_form_of_entry",
                                           "land_value_per_hectare", "cost_base_period", "cost_period", "payment_triggers"]
    static let schoolKeys: Set<String> = ["share_method"]
    static let capacityKeys: Set<String> = ["spare_target_percent", "operating_margin_percent"]

    /// Parses the text of `plan.toml`; `file` is the name used in messages.
    public static func parse(_ text: String, file: String = "plan.toml") throws -> PlanConfig {
        let reader = try TOMLReader(text, file: file)
        // plan.toml's problems are located at the first mention of their key, whatever its table.
        let top = reader.rootSection { key in key.flatMap(reader.lines.firstLine(of:)) }
        top.unknownKeys(allowed: topKeys)
        // One section after another, in the order their problems are listed.
        let name = Self.name(top)
        let ladder = Self.ladder(top)
        let basis = Self.birthsBasis(top)
        let (settings, horizon) = try Self.forecast(top)
        var config = PlanConfig(name: name, ladder: ladder, birthsBasis: basis, settings: settings, horizon: horizon,
                                rollsFile: "rolls.csv", birthsFile: "births.csv")
        config.shareMethod = Self.schools(top)
        config.targets = Self.capacity(top)
        let costs = try Self.costs(text, reader: reader)
        config.costs = costs ?? .dfe
        config.housing = Self.housing(top, costs: costs)
        Self.costPeriods(top, into: &config)
        config.report = Self.report(top, lines: reader.lines)
        config.specialist = Self.specialist(top)
        config.earlyYears = Self.earlyYears(top)
        config.hasSpecialistSection = top["specialist"] != nil
        config.hasEarlyYearsSection = top["early_years"] != nil
        Self.files(top, into: &config)
        Self.columns(top, into: &config)
        try reader.throwIfAny()
        return config
    }

    /// `name`, the one key every plan needs.
    static func name(_ top: TOMLSection) -> String {
        if let value = top["name"]?.string, !value.isEmpty { return value }
        top.issue("name", "the plan has no name", fix: "add a line such as: name = \"Northshire primary and secondary\"")
        return ""
    }

    /// A section of plan.toml other than `[phases]` and `[files]`: nil when absent, reported when not a table.
    static func section(_ name: String, of top: TOMLSection) -> TOMLSection? {
        top.section(name, notATable: "[\(name)] must be a table", fix: "write it as a section: [\(name)]")
    }
}
