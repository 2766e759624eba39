/// A place plan's past errors with the schools they belong to, so that another forecast of the
/// same plan — a scenario's, with a school opened or closed — is drawn from the same past
/// forecasts, school by school, without replaying them again.
public struct SchoolErrors: Equatable, Sendable {
    /// The school of each unit of `errors`, in order.
    public let codes: [String]
    public let errors: PastErrors

    public init(codes: [String], errors: PastErrors) {
        precondition(codes.count == errors.units, "one code a unit")
        self.codes = codes
        self.errors = errors
    }

    /// The errors for `forecast`'s simulated schools (`ForecastUncertainty.simulatedSchools`), in
    /// its order. A school with no past (a new school in a scenario) takes the mean of the errors
    /// of the schools planned in its area in each year group: it takes its pupils from that area,
    /// so it errs as the area did, year by year with the rest of the draw.
    public func matching(_ forecast: PlaceForecast) -> PastErrors {
        let positions = ForecastUncertainty.simulatedSchools(forecast)
        let codes = positions.map { forecast.schools[$0].school.code }
        if codes == self.codes { return errors }
        let G = errors.yearGroups, L = errors.leads, K = errors.origins.count, units = codes.count
        let row = Dictionary(self.codes.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let layout = forecast.layout
        // The known schools planned in each area, by kind, for a new school's mean.
        var inArea: [ForecastUncertainty.AreaKey: [Int]] = [:]
        for position in positions {
            let school = forecast.schools[position].school
            guard let r = row[school.code] else { continue }
            for kind in AreaKind.allCases { if let area = school.area(kind) { inArea[.init(kind: kind, code: area), default: []].append(r) } }
        }
        var values = [Float](repeating: 0, count: K * L * units * G), spread = [Float](repeating: 0, count: L * units * G)
        var birthsRows = [[Int]](repeating: [], count: units)
        for (u, position) in positions.enumerated() {
            let school = forecast.schools[position].school
            for g in 0..<G {
                let rows: [Int]
                if let r = row[school.code] { rows = [r] } else if let area = school.area(for: g, layout: layout) {
                    rows = inArea[.init(kind: layout.areaKind(of: g), code: area)] ?? []
                } else { rows = [] }
                guard !rows.isEmpty else { continue }
                if g == 0 { birthsRows[u] = rows }
                let n = Float(rows.count)
                for l in 0..<L {
                    for k in 0..<K {
                        values[((k * L + l) * units + u) * G + g] = rows.reduce(0) { $0 + errors.values[((k * L + l) * errors.units + $1) * G + g] } / n
                    }
                    spread[(l * units + u) * G + g] = rows.reduce(0) { $0 + errors.spread[(l * errors.units + $1) * G + g] } / n
                }
            }
        }
        return PastErrors(origins: errors.origins, units: units, yearGroups: G, leads: L, values: values, spread: spread,
                          widening: errors.widening, births: errors.births?.selecting(birthsRows))
    }
}
