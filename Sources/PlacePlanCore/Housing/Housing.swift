/// Housing growth: planned completions (`housing.csv`), pupil yields per dwelling (`yields.csv`,
/// `yield-profile.csv`) and the costs a developer contribution is priced at.

/// The phases a dwelling yields pupils in. Early years are reported only: the place plan's ladder
/// starts at Reception, so there are no early-years places to set them against.
public enum YieldPhase: String, CaseIterable, Sendable, Comparable {
    case earlyYears = "early_years"
    case primary
    case secondary
    case post16
    /// Pupils needing a specialist place (special school or resourced provision), any age.
    case send

    public var name: String {
        switch self {
        case .earlyYears: return "early years"
        case .primary: return "primary"
        case .secondary: return "secondary"
        case .post16: return "post-16"
        case .send: return "SEND"
        }
    }

    /// The phase of the place plan whose places these pupils need (`nil`: early years).
    public var placePhase: PlacePhase? {
        switch self {
        case .earlyYears: return nil
        case .primary: return .primary
        case .secondary: return .secondary
        case .post16: return .sixthForm
        case .send: return nil
        }
    }

    /// Early years and SEND: children the plan holds no places of theirs for, counted in one group.
    public var isOutsideThePlan: Bool { placePhase == nil }

    /// The phases yields.csv must give; SEND may be left out (the default SEND yield is used).
    public static let required: [YieldPhase] = [.earlyYears, .primary, .secondary, .post16]

    /// The year groups of the plan these pupils are spread over (`nil`: none on the ladder).
    public func yearGroups(_ layout: PhaseLayout) -> ClosedRange<Int>? {
        placePhase.flatMap { layout.yearGroups(of: $0) }
    }

    private var order: Int { Self.allCases.firstIndex(of: self)! }
    public static func < (a: YieldPhase, b: YieldPhase) -> Bool { a.order < b.order }
}

public enum DwellingType: String, CaseIterable, Sendable { case house, flat }
public enum Tenure: String, CaseIterable, Sendable { case market, affordable }

/// What is known about a group of dwellings; `nil` = not known (or, in a yield row, any).
public struct DwellingCategory: Hashable, Sendable, CustomStringConvertible {
    public var type: DwellingType?
    public var tenure: Tenure?
    /// Bedrooms, with 3 meaning 3 or more.
    public var bedrooms: Int?

    public init(type: DwellingType? = nil, tenure: Tenure? = nil, bedrooms: Int? = nil) {
        self.type = type
        self.tenure = tenure
        self.bedrooms = bedrooms.map { min($0, 3) }
    }

    public static let unknown = DwellingCategory()

    /// "house, market, 3+ bedrooms"; "any dwelling" when nothing is known.
    public var description: String {
        let parts = [type?.rawValue, tenure?.rawValue, bedrooms.map { ($0 >= 3 ? "3+" : String($0)) + " bed" }].compactMap { $0 }
        return parts.isEmpty ? "any dwelling" : parts.joined(separator: ", ")
    }

    /// Whether a yield row for `self` (nil = any) applies to dwellings of `category`.
    func covers(_ category: DwellingCategory) -> Bool {
        (type == nil || type == category.type) && (tenure == nil || tenure == category.tenure)
            && (bedrooms == nil || bedrooms == category.bedrooms)
    }

    var specificity: Int { (type == nil ? 0 : 1) + (tenure == nil ? 0 : 1) + (bedrooms == nil ? 0 : 1) }
}

/// Pupils per dwelling by phase for a category of dwelling, and how the yield moves over the
/// years after completion.
public struct PupilYields: Equatable, Sendable {
    public struct Row: Equatable, Sendable {
        public let category: DwellingCategory
        public let perDwelling: [YieldPhase: Double]
        public init(category: DwellingCategory, perDwelling: [YieldPhase: Double]) {
            self.category = category
            self.perDwelling = perDwelling
        }
        public func yield(_ phase: YieldPhase) -> Double { perDwelling[phase] ?? 0 }
    }

    /// The rows; one has an unknown (any) category: the yield when the mix is not known.
    public let rows: [Row]
    /// `profile[phase][k]`: the share of the full yield present k years after completion (the
    /// completion year is k = 0); the last value holds for every later year. Empty = 1 throughout.
    public let profile: [YieldPhase: [Double]]
    /// Where the figures come from, for the output.
    public let source: String

    public init(rows: [Row], profile: [YieldPhase: [Double]] = [:], source: String) {
        self.rows = rows
        self.profile = profile
        self.source = source
    }

    /// Derbyshire County Council's published factors per 100 dwellings: 20 primary, 15
    /// secondary, 6 post-16 (Leeds uses 25 primary, 10 secondary). No early-years
    /// figure is published in those sources, so early years default to 0. SEND: the DfE pupil
    /// yield dashboard's England figure for special schools and alternative provision, 0.0089
    /// pupils per dwelling (homes completed 2007/08–2021/22, January 2022 census). The yield is
    /// taken as reached in the completion year and held (a flat profile).
    public static let defaults = PupilYields(
        rows: [Row(category: .unknown, perDwelling: [.earlyYears: 0, .primary: 0.20, .secondary: 0.15, .post16: 0.06, .send: defaultSEND])],
        source: "defaults: Derbyshire County Council's published factors per 100 dwellings, 20 primary, 15 secondary, 6 post-16; "
            + "early years not estimated; SEND 0.0089 per dwelling, the DfE pupil yield dashboard's England figure for special "
            + "schools and alternative provision (2021/22)")

    /// Pupils per dwelling needing a specialist place, when yields.csv gives none (DfE pupil
    /// yield dashboard, England, special schools and alternative provision, 2021/22).
    public static let defaultSEND = 0.0089

    /// Plausible pupils per dwelling (yields outside are warned about, not refused): published
    /// factors run from about 0.1 to 0.35 for primary; secondary and post-16 are lower.
    public static let plausible: [YieldPhase: ClosedRange<Double>] =
        [.earlyYears: 0...0.4, .primary: 0.02...0.6, .secondary: 0.01...0.4, .post16: 0...0.2, .send: 0...0.05]

    /// The row for a category: the most specific row that covers it (the unknown row at worst).
    public func row(for category: DwellingCategory) -> Row {
        rows.filter { $0.category.covers(category) }.max { $0.category.specificity < $1.category.specificity }
            ?? rows.first { $0.category == .unknown } ?? rows[0]
    }

    public func factor(_ phase: YieldPhase, yearsSinceCompletion k: Int) -> Double {
        guard let values = profile[phase], !values.isEmpty, k >= 0 else { return k >= 0 ? 1 : 0 }
        return values[min(k, values.count - 1)]
    }

    /// Pupils present `k` years after completion per dwelling of full yield 1, spread over `n`
    /// year groups: in the completion year evenly; then each year group's pupils move up one,
    /// the youngest is filled as it was the year before (children of the new households reaching
    /// school age), and the whole is scaled to the profile's share for year k.
    public func shape(_ phase: YieldPhase, yearGroups n: Int, upTo last: Int) -> [[Double]] {
        guard n > 0, last >= 0 else { return [] }
        var result: [[Double]] = []
        var previous = Array(repeating: 1.0 / Double(n), count: n)
        for k in 0...last {
            var next = previous
            if k > 0 {
                next[0] = previous[0]
                for j in stride(from: n - 1, through: 1, by: -1) { next[j] = previous[j - 1] }
            }
            let total = next.reduce(0, +)
            next = total > 0 ? next.map { $0 / total } : Array(repeating: 1.0 / Double(n), count: n)
            previous = next
            let f = factor(phase, yearsSinceCompletion: k)
            result.append(next.map { $0 * f })
        }
        return result
    }
}

/// One row of `housing.csv`: dwellings completed on a site in one academic year.
public struct HousingCompletion: Equatable, Sendable {
    public let site: String
    /// Primary planning area.
    public let area: String
    /// Secondary planning area, when given (otherwise the one most of the area's Year 6 go to).
    public let secondaryArea: String?
    /// The school the site's pupils go to, when assigned.
    public let school: String?
    /// Academic year of completion (2026 = 2026/27): occupied by that year's January census.
    public let year: Int
    public let dwellings: Double
    public let category: DwellingCategory
    /// Line in housing.csv (0 for a development given on the command line).
    public let line: Int

    public init(site: String, area: String, secondaryArea: String? = nil, school: String? = nil, year: Int,
                dwellings: Double, category: DwellingCategory = .unknown, line: Int = 0) {
        self.site = site
        self.area = area
        self.secondaryArea = secondaryArea
        self.school = school
        self.year = year
        self.dwellings = dwellings
        self.category = category
        self.line = line
    }
}

/// Everything read about housing from a plan folder.
public struct HousingInput: Equatable, Sendable {
    public let completions: [HousingCompletion]
    public let yields: PupilYields
    public let settings: HousingSettings
    /// How past trajectories were delivered (`housing-delivery.csv`), which simulated draws build
    /// the planned homes by; `nil`: every draw builds them as planned.
    public var delivery: HousingDeliveryRecord?

    public init(completions: [HousingCompletion], yields: PupilYields = .defaults, settings: HousingSettings = .default,
                delivery: HousingDeliveryRecord? = nil) {
        self.completions = completions
        self.yields = yields
        self.settings = settings
        self.delivery = delivery
    }
}

extension HousingInput {
    /// The housing trajectory with a scenario's housing variants applied: each named site's
    /// completions moved by its delay and scaled (0 removes the site). Other sites are untouched.
    public func varied(by changes: [ScenarioChange]) -> HousingInput {
        var variants: [String: (delay: Int, scale: Double)] = [:]
        for change in changes { if case let .housing(site, delay, scale) = change.kind { variants[site] = (delay, scale) } }
        guard !variants.isEmpty else { return self }
        let varied = completions.compactMap { c -> HousingCompletion? in
            guard let v = variants[c.site] else { return c }
            guard v.scale > 0 else { return nil }
            return HousingCompletion(site: c.site, area: c.area, secondaryArea: c.secondaryArea, school: c.school,
                                     year: c.year + v.delay, dwellings: c.dwellings * v.scale, category: c.category, line: c.line)
        }
        return HousingInput(completions: varied, yields: yields, settings: settings, delivery: delivery)
    }
}
