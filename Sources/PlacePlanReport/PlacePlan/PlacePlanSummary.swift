import PlacePlanCore

/// The summary of a place plan a planner reads first: where places will be short, by how many
/// and when; where there are too many; the authority's totals; then how the forecast was made
/// (transfer shares, sixth-form rates, schools forecast by a special rule).
public enum PlacePlanSummary {
    public static func render(_ plan: PupilPlacePlan) -> String {
        let forecast = plan.forecast
        let first = plan.years.dropFirst().first ?? plan.baseYear, last = plan.years.last ?? plan.baseYear
        let mainstream = forecast.schools.filter { $0.school.phase != .special && $0.school.isOpen(in: first) }.count
        var out = "\(plan.name): Pupil Place Plan\n"
        out += "Census \(Format.academicYear(plan.baseYear)); forecast \(Format.academicYear(first))–\(Format.academicYear(last)); "
        out += "\(forecast.geography.primaryAreas.count) primary and \(forecast.geography.secondaryAreas.count) secondary planning areas, "
        out += "\(mainstream) mainstream schools\n"
        guard plan.capacityGiven else { return out + pupilsOnly(plan) }
        out += "Spare-capacity target \(percent(plan.targets.spareTarget)), operating margin \(percent(plan.targets.operatingMargin)); "
        out += "ratios \(forecast.settings.label), school intake shares \(forecast.shareMethod)\n"

        // 1. Places needed.
        let shortfalls = plan.shortfalls
        out += "\nPlaces needed (DfE: pupils above the places in each year group, never offset across year groups or areas)\n"
        if shortfalls.isEmpty {
            out += "No planning area needs places in any forecast year.\n"
        } else {
            var table = TextTable(header: ["area", "phase", "first short", "needed", "peak", "needed", "phase surplus at peak"])
            for s in shortfalls {
                let capacity = plan.areas.first { $0.area == s.area && $0.phase == s.phase && $0.year == s.peakYear }?.sufficiency
                table.add([s.area.label, s.phase.name, Format.academicYear(s.firstYear), Format.number(Double(s.firstNeeded)),
                           Format.academicYear(s.peakYear), Format.number(Double(s.peakNeeded)),
                           signed(s.surplusAtPeak) + (capacity?.spare.map { " (\(Format.percent($0, signed: true)))" } ?? "")])
            }
            out += table.render()
            let deficits = Set(plan.areas.filter { plan.isForecast($0.year) && $0.sufficiency.surplus < 0 }.map { "\($0.area.label) \($0.phase.name)" })
            if !deficits.isEmpty {
                out += "In deficit over the whole phase in some year: \(deficits.sorted().joined(separator: ", "))\n"
            }
        }

        // 2. Too many places.
        let surpluses = plan.surpluses
        out += "\nSpare capacity above the \(percent(plan.targets.spareTarget)) target in \(Format.academicYear(first))\n"
        if surpluses.isEmpty {
            out += "None.\n"
        } else {
            var table = TextTable(header: ["area", "phase", "places", "spare \(Format.academicYear(first))", "spare \(Format.academicYear(last))"])
            for s in surpluses.sorted(by: { ($0.first.spare ?? 0) > ($1.first.spare ?? 0) }) {
                table.add([s.area.label, s.phase.name, Format.number(Double(s.first.capacity)),
                           spare(s.first), spare(s.last)])
            }
            out += table.render()
        }
        let tight = plan.areas.filter { plan.isForecast($0.year) && $0.sufficiency.flag(plan.targets) == .belowMargin }
        if !tight.isEmpty {
            let names = Set(tight.map { "\($0.area.label) \($0.phase.name)" }).sorted()
            out += "Below the \(percent(plan.targets.operatingMargin)) operating margin in some year: \(names.joined(separator: ", "))\n"
        }

        // 3. The authority.
        let phases = plan.layout.phases
        var authority = TextTable(header: ["year"] + phases.flatMap { ["\($0.name)", "spare", "needed"] })
        for year in plan.years {
            var row = [Format.academicYear(year) + (plan.isForecast(year) ? "" : " actual")]
            for phase in phases {
                guard let s = plan.authority.first(where: { $0.phase == phase && $0.year == year })?.sufficiency else {
                    row += ["–", "–", "–"]
                    continue
                }
                row += [Format.number(Double(s.pupils)), spare(s), Format.number(Double(s.placesNeeded ?? 0))]
            }
            authority.add(row)
        }
        out += "\nThe authority: pupils, spare capacity and places needed by phase (areas added up)\n" + authority.render()
        if let special = plan.authority.first(where: { $0.phase == .special && $0.year == plan.baseYear })?.sufficiency {
            out += "Special schools: \(Format.number(Double(special.pupils))) pupils in \(Format.number(Double(special.capacity))) places"
                + (plan.specialFromPlans ? " at the census; forecast from the pupils with EHC plans (specialist places, below)\n"
                   : ", held at the last census (not forecast from births)\n")
        }

        // 4. Transfer.
        out += "\nSecondary transfer: share of each primary area's Year 6 entering each secondary area's Year 7\n"
        out += "(non-negative least squares over \(forecast.transfer.areas.first?.years.count ?? 0) transfer years; ± standard error)\n"
        var transfer = TextTable(header: ["secondary area", "from primary areas", "inflow", "fit ±"])
        for area in forecast.transfer.areas {
            let flows = area.flows.filter { $0.share > 0 }.map { flow in
                "\(flow.from) \(Format.number(flow.share, decimals: 2))"
                    + (flow.standardError.map { $0 < 0.005 ? "±<0.01" : "±\(Format.number($0, decimals: 2))" } ?? "")
            }
            let label = forecast.geography.area(code: area.area)?.label ?? area.area
            transfer.add([label, flows.isEmpty ? (area.fallback ?? "none") : flows.joined(separator: ", "),
                          Format.number(area.inflow), Format.number(area.rootMeanSquareError, decimals: 1)])
        }
        out += transfer.render()

        // 5. Sixth forms.
        if let sixth = plan.layout.sixthForm {
            let into = sixth.lowerBound - 1
            let schools = forecast.schools.filter { $0.school.hasSixthForm && $0.school.isOpen(in: first) }
            if !schools.isEmpty {
                let names = (into..<sixth.upperBound).map { "\(plan.ladder.yearGroups[$0])→\(plan.ladder.yearGroups[$0 + 1])" }
                var table = TextTable(header: ["school with a sixth form", "area"] + names.enumerated().map { $0.offset == 0 ? "\($0.element) staying on" : $0.element })
                for school in schools {
                    table.add([school.school.label, school.school.secondaryArea ?? ""] + (into..<sixth.upperBound).map { g in
                        guard let ratio = school.ratio(from: g), let estimate = ratio.estimate else { return "–" }
                        return Format.percent(estimate.value(at: plan.baseYear), decimals: 0) + (ratio.source == .area ? " (area)" : "")
                    })
                }
                out += "\nSixth forms: staying-on (Y11→Y12) and Y12→Y13 rates\n" + table.render()
            }
        }

        // 6. Schools forecast by a special rule.
        // The usual rule reads "intake share mean-3 (3 years)" (prefixed "primary: " or
        // "secondary: " for an all-through school); any other rule is worth a planner's look.
        let standard = ShareRule.history(forecast.shareMethod, years: forecast.shareMethod.years).description
        let special = forecast.schools.filter { school in
            !(plan.rules[school.school.code] ?? school.rules).allSatisfy { $0 == standard || $0.hasSuffix(": " + standard) }
        }
        if !special.isEmpty {
            out += "\nSchools forecast by a special rule\n"
            for school in special { out += "- \(school.school.label): \((plan.rules[school.school.code] ?? school.rules).joined(separator: "; "))\n" }
        }
        let notes = forecast.areas.flatMap { area in area.notes.filter { !$0.hasPrefix("births after") }.map { "\(area.area.label): \($0)" } }
        if !notes.isEmpty {
            out += "\nNotes\n" + notes.map { "- \($0)\n" }.joined()
        }
        return out
    }

    /// A plan whose schools.csv gives no places: the forecast by phase, said to be only that.
    static func pupilsOnly(_ plan: PupilPlacePlan) -> String {
        var out = "Ratios \(plan.forecast.settings.label), school intake shares \(plan.forecast.shareMethod)\n"
        out += "No places: schools.csv does not give the schools' net_capacity and pan, so there is no sufficiency (places needed, spare capacity) "
            + "to show; add every school's places to see it. The pupil forecast below needs none.\n"
        let phases = plan.layout.phases
        var table = TextTable(header: ["year"] + phases.map(\.name))
        for year in plan.years {
            table.add([Format.academicYear(year) + (plan.isForecast(year) ? "" : " actual")] + phases.map { phase in
                plan.authority.first { $0.phase == phase && $0.year == year }.map { Format.number(Double($0.sufficiency.pupils)) } ?? "–"
            })
        }
        out += "\nThe authority: pupils by phase (areas added up)\n" + table.render()
        out += "\nBy school and area: placeplan plan DIR --out-dir OUT (plan-schools.csv, plan-areas.csv; no capacity columns), "
            + "or placeplan forecast DIR --level school\n"
        return out
    }

    /// A chance as a reader sees it: a whole percent without a decimal ("72%"), else one ("56.2%").
    /// Decided on the tenths shown, not the fraction: 570 draws of 1,000 is 0.57, and 0.57 × 100
    /// is 56.99999999999999 in binary, which was printed "57.0%" beside a "72%".
    static func percent(_ fraction: Double) -> String {
        let tenths = (fraction * 1_000).rounded()
        return Format.percent(fraction, decimals: tenths.truncatingRemainder(dividingBy: 10) == 0 ? 0 : 1)
    }

    static func spare(_ s: Sufficiency) -> String { s.spare.map { Format.percent($0) } ?? "–" }

    /// Where the simulated draws put a real chance of a shortfall: each area and phase whose
    /// chance reaches `notable` in some forecast year, with the first such year and the worst.
    static func chances(_ uncertainty: ForecastUncertainty, plan: PupilPlacePlan, notable: Double = 0.1) -> String {
        guard plan.capacityGiven else { return "" }
        var out = "\nChance of a shortfall (\(Format.number(Double(uncertainty.draws))) simulated draws of the forecast; `plan --out-dir` writes "
        out += "p_short and p_below_margin for every area and year)\n"
        if let delivery = uncertainty.housingDelivery {
            out += "Housing delivery varies: \(ForecastUncertainty.deliveryText(delivery))\n"
        }
        var table = TextTable(header: ["area", "phase", "first ≥ \(percent(notable))", "P(short)", "highest", "P(short)", "P(below margin) then"])
        // Each area and phase's forecast years, gathered in one pass (a national plan has tens of
        // thousands of lines), in the order the plan lists them.
        var order: [ScenarioComparison.AreaPhase] = []
        var years: [ScenarioComparison.AreaPhase: [(year: Int, chance: ShortfallChance)]] = [:]
        for line in plan.areas where plan.isForecast(line.year) {
            guard let chance = uncertainty.shortfall[line.cell] else { continue }
            let key = ScenarioComparison.AreaPhase(area: line.area, phase: line.phase)
            if years[key] == nil { order.append(key) }
            years[key, default: []].append((line.year, chance))
        }
        for key in order {
            let byYear = years[key] ?? []
            guard let first = byYear.first(where: { $0.chance.short >= notable }),
                  let worst = byYear.max(by: { $0.chance.short < $1.chance.short }) else { continue }
            table.add([key.area.label, key.phase.name, Format.academicYear(first.year), percent(first.chance.short),
                       Format.academicYear(worst.year), percent(worst.chance.short), percent(worst.chance.belowMargin)])
        }
        return out + (table.rows.isEmpty ? "No area has a \(percent(notable)) chance of a shortfall in any forecast year.\n" : table.render())
    }

    static func signed(_ n: Int) -> String { (n > 0 ? "+" : "") + Format.number(Double(n)) }
}

extension PlacePlanSummary {
    /// What `placeplan plan` prints: the place plan, then what planned housing adds (or that it
    /// was left out).
    public static func render(_ run: PlanRun) throws -> String {
        let places = try run.plan.requirePlaces(for: "the Pupil Place Plan")
        guard let placeRun = run.places else { return "" }
        var text = render(placeRun.tables)
        if let uncertainty = run.uncertainty { text += chances(uncertainty, plan: placeRun.tables) }
        if let specialist = placeRun.specialist { text += SpecialistSummary.render(specialist) }
        if let earlyYears = placeRun.earlyYears { text += SpecialistSummary.render(earlyYears) }
        if let layer = placeRun.housing {
            text += HousingSummary.render(layer, geography: places.schools.geography, layout: places.schools.layout)
        } else if places.housing != nil {
            text += "\nHousing growth left out (--no-housing): the pupils of housing.csv's planned homes are not in these figures.\n"
        }
        return text
    }
}
