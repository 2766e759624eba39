import PlacePlanCore
import PlacePlanSpreadsheet

/// The place plan as a spreadsheet: one sheet per table, numbers as numbers, for planners who
/// work on in Excel or LibreOffice. The same figures as the HTML report, unrounded.
public struct WorkbookReport {
    public let plan: Plan
    public let forecast: Forecast
    public let backtest: Backtest.Result?
    /// The place plan, when the plan has schools: adds the `capacity` and `schools` sheets.
    public let placePlan: PupilPlacePlan?
    /// Pupils from planned housing: adds the `housing` sheet.
    public let housing: HousingLayer?

    /// Archived vintages scored against actuals: adds the `vintages` sheet.
    public let vintages: [AccuracyReport.Vintage]
    /// What the run could not make (intervals, for one): a `notes` sheet, never left out silently.
    public var notes: [String] = []
    /// Specialist places and early years: the `specialist` and `early years` sheets.
    public var specialist: SpecialistPlan?
    public var earlyYears: EarlyYearsPlan?

    /// The workbook of one run of a plan.
    public init(run: PlanRun, backtest: Backtest.Result?, vintages: [AccuracyReport.Vintage] = []) {
        self.init(plan: run.plan, forecast: run.areaForecast, backtest: backtest, placePlan: run.places?.tables,
                  housing: run.places?.housing, vintages: vintages)
        notes = run.notes
        specialist = run.places?.specialist
        earlyYears = run.places?.earlyYears
    }

    public init(plan: Plan, forecast: Forecast, backtest: Backtest.Result?, placePlan: PupilPlacePlan? = nil,
                housing: HousingLayer? = nil, vintages: [AccuracyReport.Vintage] = []) {
        self.plan = plan
        self.forecast = forecast
        self.backtest = backtest
        self.placePlan = placePlan
        self.housing = housing
        self.vintages = vintages
    }

    private var ladder: Ladder { forecast.ladder }
    private var phases: [(name: String, range: ClosedRange<Int>)] {
        ladder.phases.compactMap { p in ladder.indices(of: p).map { (p.name, $0) } }
    }

    public func workbook() -> Workbook {
        var sheets = [authority(), areas(), cells()]
        if let placePlan { sheets += [capacity(placePlan), schools(placePlan)] }
        if let specialist { sheets.append(SpecialistSheets.specialist(specialist, name: plan.name)) }
        if let earlyYears { sheets.append(SpecialistSheets.earlyYears(earlyYears, name: plan.name)) }
        if let housing { sheets.append(housingSheet(housing)) }
        if let backtest { sheets.append(accuracy(backtest)) }
        if vintages.contains(where: { !$0.result.scores.isEmpty }) { sheets.append(vintageSheet()) }
        let lines = notesSheetLines
        if !lines.isEmpty {
            // Sentences, wrapped in a column as wide as a landscape page holds.
            let about = [forecast.uncertainty.map { _ in "how the intervals were made" },
                         notes.isEmpty ? nil : "what this workbook does not hold, and why"].compactMap { $0 }
            var sheet = Sheet(name: "notes", columns: ["note"], rows: lines.map { [.text($0)] }, columnWidths: [110],
                              title: "\(plan.name): " + about.joined(separator: ", and "))
            sheet.wrapsText = true
            sheets.append(sheet)
        }
        return Workbook(sheets: sheets)
    }

    /// The `notes` sheet: how the `lower` and `upper` columns were made (the sentence the HTML
    /// report's methods give), then what the run could not make.
    var notesSheetLines: [String] {
        let intervals = forecast.uncertainty.map { "lower, upper (forecast cells): \($0.description)." }
        return (intervals.map { [$0] } ?? []) + notes
    }

    /// Year groups across, then phase totals and the total.
    private var gridColumns: [String] { ladder.yearGroups.map(\.name) + phases.map(\.name) + ["total"] }

    /// A row's year groups as numbers from column `first` (1-based), then each phase's total and
    /// the total as formulas over them (with their values), as a planner would write them.
    private func gridCells(_ row: [Double], first: Int, rowNumber: Int) -> [Cell] {
        func sum(_ range: ClosedRange<Int>) -> String {
            "SUM(\(ColumnReference.cell(column: first + range.lowerBound, row: rowNumber)):\(ColumnReference.cell(column: first + range.upperBound, row: rowNumber)))"
        }
        return row.map { .number($0) }
            + phases.map { .formula(sum($0.range), value: $0.range.reduce(0) { $0 + row[$1] }) }
            + [.formula(sum(0...(row.count - 1)), value: row.reduce(0, +))]
    }

    /// Rows above the data in every sheet: the title and the header.
    private static let headerRows = 2
    private static func rowNumber(_ index: Int) -> Int { index + headerRows + 1 }

    /// Pupils with a decimal (the forecast's tenths), after `leading` columns of labels.
    private func gridFormats(leading: Int) -> [NumberFormat?] {
        Array(repeating: nil, count: leading) + Array(repeating: .oneDecimal, count: gridColumns.count)
    }

    /// All areas added up: actual years, then forecast years.
    private func authority() -> Sheet {
        var rows: [[Cell]] = []
        for year in plan.history.firstYear...forecast.baseYear {
            let row = ladder.yearGroups.indices.map { g in plan.history.areas.reduce(0) { $0 + ($1.pupils(year: year, yearGroup: g) ?? 0) } }
            rows.append([.integer(year), .text(Format.academicYear(year)), .text("actual")] + gridCells(row, first: 4, rowNumber: Self.rowNumber(rows.count)))
        }
        // Forecast years in the tenths `forecast --level authority` prints (its rows added up).
        for year in forecast.years {
            let row = ladder.yearGroups.indices.map { g in forecast.total(g...g, year: year) ?? 0 }
            rows.append([.integer(year), .text(Format.academicYear(year)), .text("forecast")] + gridCells(row, first: 4, rowNumber: Self.rowNumber(rows.count)))
        }
        return Sheet(name: "authority", columns: ["year", "academic year", "status"] + gridColumns, rows: rows,
                     title: "\(plan.name): pupils by year group, all areas added up", formats: gridFormats(leading: 3))
    }

    /// Each area, each year: one row with every year group.
    private func areas() -> Sheet {
        var rows: [[Cell]] = []
        for area in forecast.areas {
            let label: [Cell] = [.text(area.area.code), .text(area.area.name)]
            if let rolls = plan.history.areas.first(where: { $0.area == area.area }) {
                for year in rolls.years {
                    rows.append(label + [.integer(year), .text("actual")]
                                + gridCells(rolls.pupils[year - rolls.firstYear], first: 5, rowNumber: Self.rowNumber(rows.count)))
                }
            }
            // The tenths `forecast` prints for the area, not the engine's unrounded figures.
            for (h, year) in forecast.years.enumerated() {
                rows.append(label + [.integer(year), .text("forecast")]
                            + gridCells(area.pupils[h].map { Double(Apportion.units($0, per: 10)) / 10 }, first: 5, rowNumber: Self.rowNumber(rows.count)))
            }
        }
        return Sheet(name: "areas", columns: ["area", "area name", "year", "status"] + gridColumns, rows: rows,
                     title: "\(plan.name): pupils by planning area and year group", formats: gridFormats(leading: 4))
    }

    /// The forecast in the long shape of `rolls.csv`, with intervals when present: for pivots.
    private func cells() -> Sheet {
        let withIntervals = forecast.uncertainty != nil
        // The cells `placeplan forecast` writes and `archive` keeps: one figure, one path.
        let rows: [[Cell]] = forecast.areaCells.map { cell in
            var row: [Cell] = [.integer(cell.year), .text(cell.code), .text(cell.yearGroup.name), .number(cell.pupils)]
            if withIntervals { row += [cell.lower.map(Cell.number) ?? .empty, cell.upper.map(Cell.number) ?? .empty] }
            return row
        }
        return Sheet(name: "forecast cells", columns: ["year", "area", "year_group", "pupils"] + (withIntervals ? ["lower", "upper"] : []),
                     rows: rows, title: "\(plan.name): the forecast, one row per year, area and year group (as placeplan forecast writes it)"
                        + (withIntervals ? "; lower and upper: its prediction interval (notes)" : ""),
                     formats: [nil, nil, nil, .oneDecimal, .oneDecimal, .oneDecimal])
    }

    private func sufficiencyCells(_ s: Sufficiency, _ targets: CapacityTargets) -> [Cell] {
        [.integer(s.capacity), .integer(s.pupils), .integer(s.surplus), s.spare.map(Cell.number) ?? .empty,
         s.placesNeeded.map(Cell.integer) ?? .empty, .text(s.flag(targets)?.rawValue ?? "")]
    }

    private static let sufficiencyColumns = ["places", "pupils", "surplus", "spare", "places needed", "flag"]
    private static let sufficiencyFormats: [NumberFormat?] = [.whole, .whole, .whole, .percent, .whole, nil]

    /// Places against pupils for every planning area and the authority, by phase and year; with
    /// a simulated forecast, each area's chance of a shortfall (as `plan-areas.csv` has it).
    private func capacity(_ plan: PupilPlacePlan) -> Sheet {
        let chances = forecast.uncertainty.map(\.shortfall)
        let extra = chances == nil ? 0 : 2
        var rows: [[Cell]] = plan.authority.map { line in
            [.text("authority"), .text(""), .text(""), .text(line.phase.name), .integer(line.year),
             .text(plan.isForecast(line.year) ? "forecast" : "actual")] + sufficiencyCells(line.sufficiency, plan.targets)
                + Array(repeating: .empty, count: extra)
        }
        rows += plan.areas.map { line in
            let chance = chances?[line.cell]
            return [.text("\(line.kind.rawValue) area"), .text(line.area.code), .text(line.area.name), .text(line.phase.name), .integer(line.year),
                    .text(plan.isForecast(line.year) ? "forecast" : "actual")] + sufficiencyCells(line.sufficiency, plan.targets)
                + (chances == nil ? [] : [chance.map { .number($0.short) } ?? .empty, chance.map { .number($0.belowMargin) } ?? .empty])
        }
        return Sheet(name: "capacity", columns: ["level", "area", "area name", "phase", "year", "status"] + Self.sufficiencyColumns
                        + (chances == nil ? [] : ["P(short)", "P(below margin)"]),
                     rows: rows, title: "\(plan.name): places against pupils by planning area and phase",
                     formats: Array(repeating: nil, count: 6) + Self.sufficiencyFormats + Array(repeating: .percent, count: extra))
    }

    /// Every school by phase and year.
    private func schools(_ plan: PupilPlacePlan) -> Sheet {
        let rows: [[Cell]] = plan.schools.map { line in
            [.text(line.school.code), .text(line.school.name), .text(line.area ?? ""), .text(line.phase.name), .integer(line.year),
             .text(plan.isForecast(line.year) ? "forecast" : "actual")] + sufficiencyCells(line.sufficiency, plan.targets)
        }
        return Sheet(name: "schools", columns: ["school", "name", "area", "phase", "year", "status"] + Self.sufficiencyColumns,
                     rows: rows, title: "\(plan.name): places against pupils by school and phase",
                     formats: Array(repeating: nil, count: 6) + Self.sufficiencyFormats)
    }

    /// Housing pupils by area, year and year group (included in the other sheets' forecasts).
    private func housingSheet(_ layer: HousingLayer) -> Sheet {
        var rows: [[Cell]] = []
        for area in layer.areaPupils.keys.sorted() {
            for (h, year) in layer.years.enumerated() {
                for (g, pupils) in layer.areaPupils[area]![h].enumerated() where pupils != 0 {
                    rows.append([.text(area), .integer(year), .text(ladder.yearGroups[g].name), .number(pupils)])
                }
            }
        }
        return Sheet(name: "housing", columns: ["area", "year", "year_group", "housing pupils"], rows: rows,
                     title: "\(plan.name): pupils of planned housing, included in the other sheets' forecasts", formats: [nil, nil, nil, .oneDecimal])
    }

    /// Every score of every archived vintage: the track record, cell by cell.
    private func vintageSheet() -> Sheet {
        var rows: [[Cell]] = []
        for vintage in vintages {
            for score in vintage.result.scores {
                rows.append([.integer(Int(vintage.id)), .text(vintage.label ?? ""), .integer(vintage.origin), .text(score.level.rawValue),
                             .text(score.code), .text(score.measure), .integer(score.year), .integer(score.horizon),
                             .number(score.forecast), .number(score.actual), score.error.map(Cell.number) ?? .empty])
            }
        }
        return Sheet(name: "vintages", columns: ["vintage", "label", "origin", "level", "code", "measure", "year", "years ahead",
                                                 "forecast", "actual", "error"], rows: rows,
                     title: "\(plan.name): archived forecasts scored against actual rolls",
                     formats: [nil, nil, nil, nil, nil, nil, nil, nil, .oneDecimal, .oneDecimal, .percent])
    }

    private func accuracy(_ result: Backtest.Result) -> Sheet {
        let rows: [[Cell]] = result.rows.map { row in
            [.text(row.level.rawValue), .text(row.method), .text(row.measure), .integer(row.horizon), .integer(row.summary.count),
             .number(row.summary.medianAbsolute), .number(row.summary.meanAbsolute), .number(row.summary.bias),
             .number(row.summary.shareWithin0_9Percent), row.summary.coverage.map(Cell.number) ?? .empty]
        }
        return Sheet(name: "accuracy", columns: ["level", "method", "measure", "horizon", "cases", "median abs error", "mean abs error",
                                                 "bias", "share within 0.9%", "interval coverage"], rows: rows,
                     title: "\(plan.name): accuracy of each method, replaying the past",
                     formats: [nil, nil, nil, nil, .whole, .percent, .percent, .percent, .percent, .percent])
    }
}
