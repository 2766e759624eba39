import PlacePlanCore

/// `settings.csv`: early-years settings (nurseries, pre-schools, childminders, school nursery
/// classes) with their funded places, by primary planning area.
///
/// ```csv
/// setting,name,area,places,opened,closed
/// EY01,Little Acorns Nursery,P01,48,,
/// ```
enum ProvidersReader {
    static let columns = ["setting", "area", "places"]
    static let example = "setting,name,area,places,opened,closed / EY01,Little Acorns Nursery,P01,48,,"

    static func read(_ table: CSVTable, geography: Geography) throws -> [EarlyYearsProvider] {
        var log = IssueLog()
        log.add(contentsOf: table.checkShape(required: columns, example: example))
        try log.throwIfAny()
        let areas = Set(geography.primaryAreas.map(\.code))
        var providers: [EarlyYearsProvider] = []
        var provider = ProviderColumns(table, column: "setting", example: "EY01")
        for row in table.rows {
            let code = provider.code(row, log: &log)
            let area = table.text(row, "area")
            if !areas.contains(area) {
                log.add(table.issue(row, "area", area.isEmpty ? "the area is empty" : "'\(area)' is not a primary planning area of the plan",
                                    fix: "use one of: \(areas.sorted().joined(separator: ", "))"))
            }
            let places = table.integer(row, "places", in: 0...Bounds.schoolPlaces.upperBound, what: "the setting's funded places")
            if case .failure(let issue) = places { log.add(issue) }
            let (opened, closed) = provider.years(row, log: &log)
            guard !code.isEmpty, areas.contains(area), case .success(let n) = places else { continue }
            providers.append(EarlyYearsProvider(code: code, name: provider.name(row, code: code), area: area, places: n, opened: opened, closed: closed))
        }
        try log.throwIfAny()
        return providers
    }
}
