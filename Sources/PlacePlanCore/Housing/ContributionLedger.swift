/// What was agreed, received and spent of developer contributions, per site and project, and
/// the balances a council reports each year (its infrastructure funding statement): still to
/// come (agreed − received) and held (received − spent).
public struct ContributionLedger: Equatable, Sendable {
    public enum Kind: String, CaseIterable, Sendable {
        /// Secured in a section 106 agreement.
        case agreed
        /// Paid by the developer.
        case received
        /// Spent on the project.
        case spent
    }

    public struct Entry: Equatable, Sendable {
        public let site: String
        public let project: String
        public let kind: Kind
        public let amount: Double
        /// ISO date, `2026-09-01` (empty when not given).
        public let date: String
        public let line: Int

        public init(site: String, project: String, kind: Kind, amount: Double, date: String = "", line: Int = 0) {
            self.site = site
            self.project = project
            self.kind = kind
            self.amount = amount
            self.date = date
            self.line = line
        }
    }

    public struct Balance: Equatable, Sendable {
        public let site: String
        public let project: String
        public let agreed: Double
        public let received: Double
        public let spent: Double
        public var toCome: Double { agreed - received }
        public var held: Double { received - spent }
        /// More received than agreed, or more spent than received: the ledger should be checked.
        public var problems: [String] {
            (received > agreed + 0.005 ? ["more received than agreed"] : []) + (spent > received + 0.005 ? ["more spent than received"] : [])
        }
    }

    public let entries: [Entry]

    public init(entries: [Entry]) { self.entries = entries }

    /// One balance per site and project, in the order they first appear.
    public var balances: [Balance] {
        var order: [SiteProject] = []
        var sums: [SiteProject: [Kind: Double]] = [:]
        for entry in entries {
            let key = SiteProject(site: entry.site, project: entry.project)
            if sums[key] == nil { order.append(key) }
            sums[key, default: [:]][entry.kind, default: 0] += entry.amount
        }
        return order.map { key in
            let s = sums[key]!
            return Balance(site: key.site, project: key.project, agreed: s[.agreed] ?? 0, received: s[.received] ?? 0, spent: s[.spent] ?? 0)
        }
    }

    /// All sites and projects added up.
    public var total: Balance {
        let all = balances
        return Balance(site: "all", project: "all", agreed: all.reduce(0) { $0 + $1.agreed }, received: all.reduce(0) { $0 + $1.received },
                       spent: all.reduce(0) { $0 + $1.spent })
    }

    struct SiteProject: Hashable {
        let site: String
        let project: String
    }
}
