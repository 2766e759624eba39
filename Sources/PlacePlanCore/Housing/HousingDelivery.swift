/// How the authority's past housing trajectories were delivered (`housing-delivery.csv`): for each
/// past year, the completions the trajectory published before it expected in it, and the
/// completions recorded. A simulation resamples these years to vary when the plan's own planned
/// homes are built (`DeliveryDraws`): sites slip or run ahead as they did, and what a year does not
/// build is built later.
public struct HousingDeliveryRecord: Equatable, Sendable {
    public struct Year: Equatable, Sendable {
        public let year: Int
        /// Completions the trajectory expected in the year.
        public let planned: Double
        /// Completions recorded in it.
        public let completed: Double

        public init(year: Int, planned: Double, completed: Double) {
            precondition(planned > 0 && completed >= 0, "a trajectory that planned homes, and a count of those built")
            self.year = year
            self.planned = planned
            self.completed = completed
        }

        /// Completions recorded ÷ planned: 0.8 is a year that built four-fifths of its trajectory.
        public var ratio: Double { completed / planned }
    }

    /// In ascending order of year, one a year.
    public let years: [Year]

    public init(_ years: [Year]) {
        precondition(!years.isEmpty, "at least one past year")
        self.years = years.sorted { $0.year < $1.year }
    }

    public var ratios: [Double] { years.map(\.ratio) }

    /// "10 years, 2015–2024: completions 62–103% of the year's trajectory".
    public var description: String {
        let ratios = self.ratios
        let low = Int((ratios.min()! * 100).rounded()), high = Int((ratios.max()! * 100).rounded())
        let span = years.count == 1 ? "1 year, \(years[0].year)" : "\(years.count) years, \(years.first!.year)–\(years.last!.year)"
        return "\(span): completions " + (low == high ? "\(low)%" : "\(low)–\(high)%") + " of the year's trajectory"
    }
}
