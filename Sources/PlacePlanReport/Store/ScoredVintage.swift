import PlacePlanStore

extension AccuracyReport.Vintage {
    /// A vintage scored against the actuals in the database.
    public init(_ scored: ScoredVintage) {
        self.init(id: scored.vintage.id, label: scored.vintage.label, plan: scored.vintage.planName, origin: scored.vintage.originYear,
                  horizon: scored.vintage.horizon, method: scored.vintage.method, createdAt: scored.vintage.createdAt,
                  result: scored.result)
    }
}
