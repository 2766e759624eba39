/// Plausible limits for what a plan counts: a figure beyond them is a typo or a corrupted file,
/// never a real authority, and the readers refuse it with its file, line and column rather than
/// let arithmetic on it overflow. Generous: England's largest authority has about 20,000 pupils a
/// year group and the whole country about 700,000; the largest schools about 3,000 places.
public enum Bounds {
    /// Pupils in one year group of one area or school in one year (rolls and actuals).
    public static let pupils = 0.0...5_000_000
    /// Live births in one area in one year.
    public static let births = 0.0...5_000_000
    /// Applications for a place in one area's entry year group in one year.
    public static let applications = 0.0...5_000_000
    /// A school's net capacity or sixth-form places.
    public static let schoolPlaces = 0...50_000
    /// A school's admission number (a year group's places).
    public static let admissionNumber = 0...5_000
    /// Dwellings in one row of `housing.csv`, or in one development.
    public static let dwellings = 0.0...1_000_000
    /// Pupils per dwelling in one phase: 100 is far beyond any real yield (about 0.3), but a yield
    /// written per 100 dwellings by mistake (20 for 0.20) is warned about, with its likely fix,
    /// rather than refused.
    public static let yieldPerDwelling = 0.0...100
    /// Pounds per school place: a specialist place costs about £76,000 and a mainstream one £21,000
    /// to £30,000 (DfE scorecards, 2025); a million is a typo, and far beyond it arithmetic on
    /// totals would lose all meaning.
    public static let costPerPlace = 0.0...1_000_000
    /// A project's total cost in pounds: the largest school builds cost tens of millions.
    public static let projectCost = 0.0...10_000_000_000
}
