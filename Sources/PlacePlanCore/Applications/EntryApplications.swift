/// Applications for a place in one area's entry year group (Reception), by the academic year of
/// entry: what a council's coordinated admissions scheme counts when applications close on
/// 15 January. Year `y` is entry in September of `y`, so its applications are known at the
/// January census of `y − 1`: one year ahead, the forecast knows how many families applied.
public struct EntryApplications: Equatable, Sendable {
    public let byYear: [Int: Double]

    public init(_ byYear: [Int: Double]) {
        self.byYear = byYear
    }

    /// The applications known at the January census of `year`: entry up to `year + 1`.
    public func known(atCensus year: Int) -> EntryApplications {
        EntryApplications(byYear.filter { $0.key <= year + 1 })
    }

    /// The latest entry year whose applications a census of `year` can know.
    public static func latestKnown(atCensus year: Int) -> Int { year + 1 }
}
