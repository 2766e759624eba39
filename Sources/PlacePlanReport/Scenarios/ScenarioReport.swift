import PlacePlanCore

/// Capital programme scenarios against the baseline: a summary for the terminal and CSV tables.
public enum ScenarioReport {
    public static func money(_ pounds: Double) -> String { (pounds < 0 ? "-" : "") + "£" + Format.number(abs(pounds)) }

    public static func describe(_ change: ScenarioChange, ladder: Ladder) -> String {
        func years(_ y: Int) -> String { Format.academicYear(y) }
        switch change.kind {
        case let .permanent(school, places, from, phased, part):
            let fe = places % 30 == 0 ? "\(places > 0 ? "+" : "")\(places / 30)FE" : "\(places > 0 ? "+" : "")\(places) a year group"
            return "\(school) \(fe) (\(part.rawValue)) from \(years(from))\(phased ? ", phased" : ", every year group at once")"
        case let .bulge(school, year, g, size):
            return "\(school) bulge class of \(size) in \(ladder.yearGroups[g]) \(years(year))"
        case let .newSchool(school, atOpening, growth):
            let area = school.primaryArea ?? school.secondaryArea ?? ""
            return "new \(school.phase.rawValue) school \(school.code) in \(area), PAN \(school.capacity.pan), opens \(years(school.opened ?? 0))"
                + (atOpening > 1 ? " with \(atOpening) year groups" : "") + (growth > 1 ? ", +\(growth) year groups a year" : "")
        case let .closure(school, year):
            return "\(school) closes \(years(year))"
        case let .births(percent, from):
            return "births \(percent >= 0 ? "+" : "")\(Format.number(percent, decimals: 1))% from the \(years(from)) intake"
        case let .preference(area, school, share, from):
            return "\(Format.percent(share, decimals: 0)) of \(area)'s intake to \(school) from \(years(from))"
        case let .specialist(a):
            return a.placement == .resourcedProvision ? "resourced base of \(a.places) places at \(a.school) from \(years(a.from))"
                : "\(a.places) special-school places at \(a.school) from \(years(a.from))"
        case let .housing(site, delay, scale):
            if scale == 0 { return "housing site \(site) removed" }
            var parts: [String] = []
            if delay != 0 { parts.append(delay > 0 ? "\(delay) year\(delay == 1 ? "" : "s") later" : "\(-delay) year\(delay == -1 ? "" : "s") earlier") }
            if scale != 1 { parts.append("\(Format.percent(scale, decimals: 0)) of its homes") }
            return "housing site \(site): " + (parts.isEmpty ? "unchanged" : parts.joined(separator: ", "))
        }
    }

    static func cell(_ s: Sufficiency?) -> String {
        guard let s else { return "" }
        let surplus = (s.surplus > 0 ? "+" : "") + Format.number(Double(s.surplus))
        let spare = s.spare.map { " (" + Format.percent($0, signed: true) + ")" } ?? ""
        return surplus + spare + " / " + Format.number(Double(s.placesNeeded ?? 0))
    }

    /// The summary: scenarios and their cost, each project, then every area-phase a scenario
    /// changes (or every one, with `allAreas`), year by year.
    public static func render(_ c: ScenarioComparison, costs: CostRates, allAreas: Bool = false) -> String {
        let plan = c.baseline.plan
        var out = "\(plan.name): capital programme scenarios\n"
        let years = c.forecastYears
        out += "Census \(Format.academicYear(plan.baseYear)); forecast \(years.first.map(Format.academicYear) ?? "")–\(years.last.map(Format.academicYear) ?? ""); "
            + "the baseline and \(c.scenarios.count) scenario\(c.scenarios.count == 1 ? "" : "s")\n"
        func rates(_ kind: AreaKind) -> String {
            ProjectType.allCases.filter { $0 != .specialist }.map { "\($0.rawValue) \(money(costs.perPlace($0, kind)))" }.joined(separator: ", ")
        }
        out += "Cost per place: primary \(rates(.primary)); secondary (and sixth form) \(rates(.secondary)); specialist place \(money(costs.specialist))\n"
        out += "Places needed (DfE) per area and year group; removed = the most places needed it removes in any year\n\n"

        var summary = TextTable(header: ["scenario", "places added", "cost", "peak places needed", "removed", "cost per place removed"])
        for o in c.all {
            summary.add([o.name, Format.number(Double(o.placesAdded)), money(o.cost), Format.number(Double(c.peakNeeded(o))),
                         o.scenario == nil ? "" : Format.number(Double(c.placesRemoved(o))),
                         o.scenario == nil ? "" : c.costPerPlaceRemoved(o).map(money) ?? "none removed"])
        }
        out += summary.render()

        var projects = TextTable(header: ["scenario", "change", "places", "per place", "cost"])
        projects.leftAligned = [0, 1]
        for o in c.scenarios {
            for p in o.projects {
                projects.add([o.name, describe(p.change, ladder: plan.ladder), p.places == 0 ? "" : Format.number(Double(p.places)),
                              p.costPerPlace.map(money) ?? (p.change.cost != nil ? "given" : ""), money(p.cost)])
            }
        }
        if !projects.rows.isEmpty { out += "\nChanges\n" + projects.render() }
        for o in c.scenarios where o.scenario?.title != o.name {
            out += "\(o.name): \(o.scenario?.title ?? "")\n"
        }

        out += chances(c)
        let shown = allAreas ? c.areaPhases : c.changedAreaPhases
        for key in shown {
            out += "\n\(key.area.label) \(key.phase.name): surplus (spare %) / places needed\n"
            var table = TextTable(header: ["year"] + c.all.map(\.name))
            for year in years {
                table.add([Format.academicYear(year)] + c.all.map { cell($0.line(key.area.code, key.phase, year)?.sufficiency) })
            }
            table.add(["first short"] + c.all.map { c.firstDeficit($0, key).map(Format.academicYear) ?? "none" })
            table.add(["peak needed"] + c.all.map { Format.number(Double(c.peakNeeded($0, key))) })
            out += table.render()
        }
        if shown.isEmpty && !c.specialistChanged { out += "\nNo scenario changes any planning area's places or pupils.\n" }
        if c.specialistChanged {
            for placement in Placement.planned {
                out += "\nSpecialist places, \(placement.label) (the authority): surplus / places needed\n"
                var table = TextTable(header: ["year"] + c.all.map(\.name))
                for year in years {
                    table.add([Format.academicYear(year)] + c.all.map { o in o.specialist?.line(placement, year: year).map { cell($0.sufficiency) } ?? "–" })
                }
                table.add(["peak needed"] + c.all.map { Format.number(Double(c.peakSpecialistNeeded($0, placement))) })
                out += table.render()
            }
        }
        return out
    }

    /// The highest chance of a shortfall in each scenario, for every area-phase where some
    /// scenario (or the baseline) reaches `notable`; empty when the run was not simulated.
    static func chances(_ c: ScenarioComparison, notable: Double = 0.1) -> String {
        guard c.simulated else { return "" }
        func percent(_ p: Double) -> String { PlacePlanSummary.percent(p) }
        var table = TextTable(header: ["area", "phase"] + c.all.map(\.name))
        table.leftAligned = [0, 1]
        for key in c.areaPhases {
            let highest = c.all.map { c.highestChance($0, key) }
            guard highest.contains(where: { ($0?.chance.short ?? 0) >= notable }) else { continue }
            table.add([key.area.label, key.phase.name] + highest.map { h in
                h.map { $0.chance.short == 0 ? "0%" : "\(percent($0.chance.short)) \(Format.academicYear($0.year))" } ?? "–"
            })
        }
        var out = "\nChance of a shortfall, the highest in any forecast year (\(Format.number(Double(ForecastUncertainty.defaultDraws))) "
            + "simulated draws of each scenario's forecast, from the same past forecasts)\n"
            + (c.housingDelivery.map { "Housing delivery varies: \(ForecastUncertainty.deliveryText($0))\n" } ?? "")
        out += table.rows.isEmpty ? "No area has a \(percent(notable)) chance of a shortfall in any scenario.\n" : table.render()
        return out
    }

    /// `scenario-totals.csv`, `scenario-changes.csv`, `scenario-areas.csv`, `scenario-area-summary.csv`,
    /// and `scenario-specialist.csv` when the plan has ehcp.csv.
    public static func files(_ c: ScenarioComparison) -> [(name: String, text: String)] {
        let plan = c.baseline.plan
        func row(_ fields: [String]) -> String { PlacePlanOutput.row(fields) }
        func fixed(_ x: Double, _ d: Int) -> String { Format.number(x, decimals: d, grouping: false) }

        var totals = "scenario,title,changes,places_added,cost,peak_places_needed,places_removed,cost_per_place_removed\n"
        for o in c.all {
            totals += row([o.name, o.scenario?.title ?? "the plan as it stands", String(o.projects.count), String(o.placesAdded),
                           fixed(o.cost, 0), String(c.peakNeeded(o)), String(c.placesRemoved(o)),
                           c.costPerPlaceRemoved(o).map { fixed($0, 0) } ?? ""])
        }
        var changes = "scenario,change,phase,type,places,cost_per_place,cost,source\n"
        for o in c.scenarios {
            for p in o.projects {
                changes += row([o.name, describe(p.change, ladder: plan.ladder), p.kind?.rawValue ?? "", p.type?.rawValue ?? "",
                                String(p.places), p.costPerPlace.map { fixed($0, 0) } ?? "", fixed(p.cost, 0), p.change.source])
            }
        }
        var areas = "scenario,year,basis,area,name,phase,capacity,pupils,surplus,spare_pct,places_needed,flag"
            + (c.simulated ? ",p_short,p_below_margin\n" : "\n")
        for o in c.all {
            for line in o.areas {
                let s = line.sufficiency
                var fields = [o.name, String(line.year), plan.isForecast(line.year) ? "forecast" : "actual", line.area.code, line.area.name,
                              line.phase.name, String(s.capacity), String(s.pupils), String(s.surplus),
                              s.spare.map { fixed($0 * 100, 1) } ?? "", String(s.placesNeeded ?? 0), s.flag(plan.targets)?.rawValue ?? ""]
                if c.simulated {
                    let chance = o.shortfall[line.cell]
                    fields += [chance.map { PlacePlanOutput.share($0.short) } ?? "", chance.map { PlacePlanOutput.share($0.belowMargin) } ?? ""]
                }
                areas += row(fields)
            }
        }
        var summary = "scenario,area,name,phase,first_short,peak_places_needed\n"
        for o in c.all {
            for key in c.areaPhases {
                summary += row([o.name, key.area.code, key.area.name, key.phase.name, c.firstDeficit(o, key).map(String.init) ?? "",
                                String(c.peakNeeded(o, key))])
            }
        }
        var files = [("scenario-totals.csv", totals), ("scenario-changes.csv", changes), ("scenario-areas.csv", areas),
                     ("scenario-area-summary.csv", summary)]
        // With ehcp.csv: the authority's specialist places, per scenario, as the summary shows them.
        if c.all.contains(where: { $0.specialist != nil }) {
            var specialist = "scenario,year,basis,provision,places,pupils,surplus,places_needed\n"
            for o in c.all {
                for line in o.specialist?.lines ?? [] {
                    let s = line.sufficiency
                    specialist += row([o.name, String(line.year), plan.isForecast(line.year) ? "forecast" : "actual", line.placement.label,
                                       String(s.capacity), String(s.pupils), String(s.surplus), String(s.placesNeeded ?? 0)])
                }
            }
            files.append(("scenario-specialist.csv", specialist))
        }
        return files
    }
}

/// The cheapest programme found by `ProgrammeSearch`, and the runner-up.
public enum ProgrammeReport {
    /// The chosen programme and the runner-up, project by project, and what each leaves
    /// missing: `programme.csv` (`programme,project,source,start,places,cost`) and
    /// `missing.csv` (`programme,area_phase,place_years_missing`); when simulated, `chances.csv`
    /// (`programme,area,phase,year,p_short,p_below_margin`).
    public static func files(_ study: ProgrammeStudy) -> [(name: String, text: String)] {
        let result = study.result, changes = study.candidates.changes, candidates = study.options
        let baseline = study.withoutProjects, plan = study.baseline.plan
        var projects = "programme,project,source,start,places,cost\n", missing = "programme,area_phase,place_years_missing\n"
        let programmes = [("none", baseline), ("chosen", result.best)] + (result.runnerUp.map { [("runner-up", $0)] } ?? [])
        for (name, p) in programmes {
            for k in p.chosen {
                let change = changes[k].starting(in: p.choices[k]!)
                let places = ScenarioEngine.places(of: change, layout: plan.layout, schools: plan.forecast.schools.map(\.school))
                projects += [name, CSVField.quote(ScenarioReport.describe(change, ladder: plan.ladder)), CSVField.quote(change.source),
                             String(p.choices[k]!), String(places), Format.number(candidates[k].cost, decimals: 2, grouping: false)]
                    .joined(separator: ",") + "\n"
            }
            for (area, count) in p.shortBy.sorted(by: { $0.key < $1.key }) {
                missing += [name, CSVField.quote(area), String(count)].joined(separator: ",") + "\n"
            }
        }
        guard let chances = study.chances else { return [("programme.csv", projects), ("missing.csv", missing)] }
        var table = "programme,area,phase,year,p_short,p_below_margin\n"
        for (name, byCell) in [("none", chances.none), ("chosen", chances.chosen), ("runner-up", chances.runnerUp)] {
            for (cell, chance) in byCell.sorted(by: { $0.key < $1.key }) where plan.isForecast(cell.year) {
                table += [name, CSVField.quote(cell.area), cell.phase.name, String(cell.year), PlacePlanOutput.share(chance.short),
                          PlacePlanOutput.share(chance.belowMargin)].joined(separator: ",") + "\n"
            }
        }
        return [("programme.csv", projects), ("missing.csv", missing), ("chances.csv", table)]
    }

    /// How many area-phase-years have a chance of a shortfall above `limit`, and the highest
    /// of any, with where.
    static func highest(_ chances: [AreaPhaseYear: ShortfallChance], above limit: Double, plan: PupilPlacePlan) -> String {
        let forecast = chances.filter { plan.isForecast($0.key.year) }
        let worst = forecast.max { ($0.value.short, $1.key) < ($1.value.short, $0.key) }
        guard let worst else { return "none" }
        let name = worst.key.phase.areaKind.flatMap { plan.forecast.geography.areas($0).first { $0.code == worst.key.area } }?.label ?? worst.key.area
        let over = forecast.values.filter { $0.short > limit + 1e-9 }.count
        return "above \(PlacePlanSummary.percent(limit)) in \(Format.count(over, "area-year")); the highest "
            + "\(PlacePlanSummary.percent(worst.value.short)) (\(name) \(worst.key.phase.name), \(Format.academicYear(worst.key.year)))"
    }


    public static func render(_ study: ProgrammeStudy, file: String) -> String {
        let result = study.result, changes = study.candidates.changes, candidates = study.options
        let baseline = study.withoutProjects, plan = study.baseline.plan
        let targets = plan.targets
        let margin = Format.percent(targets.operatingMargin, decimals: 0), target = Format.percent(targets.spareTarget, decimals: 0)
        var out = "\(plan.name): the cheapest capital programme\n"
        let options = candidates.reduce(0) { $0 + $1.options.count }
        out += "\(candidates.count) candidate projects in \(file), \(options) project-and-year options; "
            + "operating margin \(margin), spare-capacity target \(target)\n"
        out += result.exact
            ? "Exact: every programme was considered (branch and bound, \(Format.number(Double(result.nodes))) search nodes)\n"
            : "Not proven optimal: the search stopped at \(Format.number(Double(result.nodes))) nodes; the best programme found is shown\n"
        let chanceText = study.shortfallChance.map { PlacePlanSummary.percent($0) }
        if let chanceText {
            out += "Each area also needs the places that keep its chance of a shortfall at most \(chanceText) in every year "
                + "(\(Format.number(Double(ForecastUncertainty.defaultDraws))) simulated draws of the forecast)\n"
            if let delivery = study.housingDelivery { out += "Housing delivery varies: \(ForecastUncertainty.deliveryText(delivery))\n" }
        }
        let limit = study.shortfallChance ?? 0.1
        let rule = chanceText.map { "the margin and the \($0) chance" } ?? "the margin"
        out += "Ranked by places missing for \(rule) (all areas and years), then cost, then spare above the target\n"

        func missing(_ p: ProgrammeSearch.Programme) -> String {
            if p.shortfall == 0 {
                return "none: every area has at least the \(margin) margin in every year"
                    + (chanceText.map { " and at most a \($0) chance of a shortfall" } ?? "")
            }
            let areas = p.shortBy.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { "\($0.key) \(Format.number(Double($0.value)))" }
            return "\(Format.number(Double(p.shortfall))) place-years (\(areas.joined(separator: ", ")))"
        }
        func section(_ title: String, _ p: ProgrammeSearch.Programme, _ chances: [AreaPhaseYear: ShortfallChance]?) -> String {
            var text = "\n\(title): \(ScenarioReport.money(p.cost))\n"
            var table = TextTable(header: ["project", "start", "places", "cost"])
            for k in p.chosen {
                let change = changes[k].starting(in: p.choices[k]!)
                table.add([ScenarioReport.describe(change, ladder: plan.ladder) + " (\(change.source))", Format.academicYear(p.choices[k]!),
                           Format.number(Double(ScenarioEngine.places(of: change, layout: plan.layout, schools: plan.forecast.schools.map(\.school)))),
                           ScenarioReport.money(candidates[k].cost)])
            }
            text += p.chosen.isEmpty ? "no projects\n" : table.render()
            text += "Missing for \(rule): \(missing(p))\n"
            if let chances { text += "Chance of a shortfall: \(highest(chances, above: limit, plan: plan))\n" }
            text += "Spare above the \(target) target: \(Format.number(p.spareAboveTarget)) place-years\n"
            return text
        }
        out += "\nWithout a programme: missing for \(rule): \(missing(baseline))\n"
        if let chances = study.chances { out += "Without a programme: chance of a shortfall: \(highest(chances.none, above: limit, plan: plan))\n" }
        out += section("Chosen programme", result.best, study.chances?.chosen)
        if let second = result.runnerUp {
            let tie = second.shortfall == result.best.shortfall && abs(second.cost - result.best.cost) < 0.5
                && abs(second.spareAboveTarget - result.best.spareAboveTarget) < 0.5
            out += section("Runner-up (the best with other projects\(tie ? "; as good as the chosen one: a tie" : ""))", second, study.chances?.runnerUp)
        }
        return out
    }
}
