/// When a contribution is paid: in equal parts as given shares of the homes are occupied
/// (`[housing] payment_triggers`, e.g. 25%, 50%, 75%), each part due in the year the
/// build-out reaches its trigger (homes are taken as occupied in the year they complete).
/// Amounts are at the cost period's prices; a section 106 agreement indexes each from then to
/// its payment date. The parts add up to the total to the penny.
public struct PaymentSchedule: Equatable, Sendable {
    public struct Payment: Equatable, Sendable {
        /// Share of the homes occupied that triggers it (0.25 for 25%).
        public let trigger: Double
        public let homes: Double
        /// The academic year the build-out reaches the trigger.
        public let year: Int
        public let amount: Double
        /// At that year's index, when the council's index reaches it (its third quarter, or the year).
        public let indexed: Double?
    }

    public let payments: [Payment]
    public var total: Double { payments.reduce(0) { $0 + $1.amount } }

    public init(_ assessment: DeveloperAssessment) {
        let triggers = assessment.settings.paymentTriggers.isEmpty ? [1.0] : assessment.settings.paymentTriggers
        let pence = (assessment.total * 100).rounded()
        let part = (pence / Double(triggers.count)).rounded(.down)
        let dwellings = assessment.dwellings
        let byYear = Dictionary(grouping: assessment.completions, by: \.year).mapValues { $0.reduce(0) { $0 + $1.dwellings } }
        var payments: [Payment] = []
        for (i, trigger) in triggers.enumerated() {
            let homes = trigger * dwellings
            var built = 0.0, year = byYear.keys.max() ?? assessment.baseYear + 1
            for y in byYear.keys.sorted() {
                built += byYear[y]!
                if built >= homes - 1e-9 { year = y; break }
            }
            // The last part takes what the equal parts left, so the parts add up to the total.
            let amount = (i == triggers.count - 1 ? pence - part * Double(triggers.count - 1) : part) / 100
            payments.append(Payment(trigger: trigger, homes: homes, year: year, amount: amount,
                                    indexed: assessment.settings.index.flatMap { Self.indexed(amount, year: year, index: $0) }))
        }
        self.payments = payments
    }

    static func indexed(_ amount: Double, year: Int, index: CostIndex) -> Double? {
        let period = index.points.first?.period.contains("Q") == true ? "\(year)Q3" : "\(year)"
        guard let at = index.value(period), let from = index.value(index.target) else { return nil }
        return amount * at / from
    }
}
