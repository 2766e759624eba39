/// The twelve months a births figure covers, and how a year's figure is keyed.
public enum BirthsBasis: String, CaseIterable, Sendable {
    /// January–December, keyed by the calendar year (the ONS standard).
    case calendar
    /// July–June, keyed by the year in which the twelve months end (ONS mid-year estimates).
    case midYear = "mid-year"
    /// September–August, keyed by the year in which the twelve months start: exactly one
    /// school cohort.
    case academic

    /// Births of the cohort entering the ladder's entry year group in September of `entryYear`,
    /// i.e. children born Sep(Y − a − 1) … Aug(Y − a), with a = the ladder's entry age.
    ///
    /// - calendar: 4/12 of C(Y − a − 1) (its Sep–Dec) + 8/12 of C(Y − a) (its Jan–Aug);
    /// - mid-year: M(Y − a), July(Y − a − 1) … June(Y − a), two months early — the closest
    ///   single year, and the one whose ratio to Reception is steadiest on real data;
    /// - academic: A(Y − a − 1), the cohort itself.
    /// Returns `nil` when a needed year is unknown.
    public func cohortBirths(entryYear: Int, entryAge: Int, births: (Int) -> Double?) -> Double? {
        let y = entryYear - entryAge
        switch self {
        case .calendar:
            guard let earlier = births(y - 1), let later = births(y) else { return nil }
            return earlier * 4 / 12 + later * 8 / 12
        case .midYear:
            return births(y)
        case .academic:
            return births(y - 1)
        }
    }

    /// The latest births key needed for an entry year (used to decide what must be projected).
    public func latestKeyNeeded(entryYear: Int, entryAge: Int) -> Int {
        switch self {
        case .calendar, .midYear: return entryYear - entryAge
        case .academic: return entryYear - entryAge - 1
        }
    }
}
