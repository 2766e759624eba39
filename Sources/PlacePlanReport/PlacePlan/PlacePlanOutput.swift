import PlacePlanIO
import PlacePlanCore

/// The Pupil Place Plan as CSV tables, one file each. Whole pupils and places, so that every
/// level adds up exactly: school rows to their area row, area rows to the authority row, and
/// year-group rows to their school or area row. `basis` says whether a year is the census
/// (`actual`) or the forecast.
///
/// File names start with `plan-` so that writing them into a plan folder can never overwrite its
/// inputs (`schools.csv`, `areas.csv`).
public enum PlacePlanOutput {
    /// File name → CSV text, in the order a reader would open them.
    /// Each made as it is written (`OutputFile`): the school tables of a national plan are
    /// tens of MB each.
    /// - Parameter chances: the chance of a shortfall by area, phase and year, when the run was
    ///   simulated (`ForecastUncertainty.shortfall`): two more columns of `plan-areas.csv`.
    public static func files(_ plan: PupilPlacePlan, chances: [AreaPhaseYear: ShortfallChance]? = nil,
                             yearGroupChances: [AreaYearGroupYear: Double]? = nil) -> [OutputFile] {
        [OutputFile(name: "plan-authority.csv") { Array(authority(plan).utf8) },
         OutputFile(name: "plan-areas.csv") { Array(areas(plan, chances: chances).utf8) },
         OutputFile(name: "plan-schools.csv") { schoolsBytes(plan) },
         OutputFile(name: "plan-area-year-groups.csv") { areaYearGroupsBytes(plan, chances: yearGroupChances) },
         OutputFile(name: "plan-school-year-groups.csv") { schoolYearGroupsBytes(plan) },
         OutputFile(name: "plan-transfer.csv") { Array(transfer(plan).utf8) },
         OutputFile(name: "plan-sixth-form.csv") { Array(sixthForm(plan).utf8) }]
    }

    public static func authority(_ plan: PupilPlacePlan) -> String {
        var out = "year,basis,phase,capacity,pupils,surplus,spare_pct,places_needed,flag\n"
        for line in plan.authority {
            let s = line.sufficiency
            out += row([String(line.year), basis(plan, line.year), line.phase.name] + measures(s, plan) + [flag(s, plan)])
        }
        return out
    }

    /// With `chances`, each forecast year's `p_short` (the share of simulated draws with more
    /// pupils than places) and `p_below_margin` (less spare than the operating margin).
    public static func areas(_ plan: PupilPlacePlan, chances: [AreaPhaseYear: ShortfallChance]? = nil) -> String {
        var out = "year,basis,area,name,geography,phase,capacity,pupils,surplus,spare_pct,places_needed,unallocated,flag"
        out += chances == nil ? "\n" : ",p_short,p_below_margin\n"
        for line in plan.areas {
            let s = line.sufficiency
            var fields = [String(line.year), basis(plan, line.year), line.area.code, line.area.name, line.kind.rawValue, line.phase.name]
                + measures(s, plan) + [String(line.unallocated), flag(s, plan)]
            if let chances {
                let chance = chances[line.cell]
                fields += [chance.map { share($0.short) } ?? "", chance.map { share($0.belowMargin) } ?? ""]
            }
            out += row(fields)
        }
        return out
    }

    /// A share of draws to three decimals (1,000 draws: every draw counts).
    static func share(_ p: Double) -> String { Format.number(p, decimals: 3, grouping: false) }

    public static func schools(_ plan: PupilPlacePlan) -> String { String(decoding: schoolsBytes(plan), as: UTF8.self) }

    static func schoolsBytes(_ plan: PupilPlacePlan) -> [UInt8] {
        var out = CSVText(capacity: plan.schools.count * 160)
        out.append("year,basis,school,name,school_phase,area,phase,capacity,pupils,surplus,spare_pct,flag,rules\n")
        // A school's rules are the same every year: joined once, not once a line.
        var rules: (code: String, text: String) = ("", "")
        for line in plan.schools {
            let s = line.sufficiency
            if line.school.code != rules.code {
                rules = (line.school.code, (plan.rules[line.school.code] ?? []).joined(separator: "; "))
            }
            out.integer(line.year); out.append(ascii: ",")
            out.field(basis(plan, line.year)); out.append(ascii: ",")
            out.field(line.school.code); out.append(ascii: ",")
            out.field(line.school.name); out.append(ascii: ",")
            out.field(line.school.phase.rawValue); out.append(ascii: ",")
            out.field(line.area ?? ""); out.append(ascii: ",")
            out.field(line.phase.name); out.append(ascii: ",")
            out.places(s.capacity, plan); out.append(ascii: ",")
            out.integer(s.pupils); out.append(ascii: ",")
            out.places(s.surplus, plan); out.append(ascii: ",")
            out.field(plan.capacityGiven ? spare(s) : ""); out.append(ascii: ",")
            out.field(flag(s, plan)); out.append(ascii: ",")
            out.field(rules.text); out.append(ascii: "\n")
        }
        return out.bytes
    }

    public static func areaYearGroups(_ plan: PupilPlacePlan) -> String { String(decoding: areaYearGroupsBytes(plan), as: UTF8.self) }

    /// With `chances`, each forecast year's `p_short`: the share of simulated draws with more
    /// pupils in the area's year group than its places.
    static func areaYearGroupsBytes(_ plan: PupilPlacePlan, chances: [AreaYearGroupYear: Double]? = nil) -> [UInt8] {
        var out = CSVText(capacity: plan.areaYearGroups.count * 48)
        out.append(chances == nil ? "year,basis,area,phase,year_group,capacity,pupils,places_needed\n"
                                  : "year,basis,area,phase,year_group,capacity,pupils,places_needed,p_short\n")
        let phases = plan.ladder.yearGroups.indices.map { plan.layout.phase(of: $0).name }
        for line in plan.areaYearGroups {
            let s = line.sufficiency
            out.integer(line.year); out.append(ascii: ",")
            out.field(basis(plan, line.year)); out.append(ascii: ",")
            out.field(line.owner); out.append(ascii: ",")
            out.field(phases[line.yearGroup]); out.append(ascii: ",")
            out.field(plan.ladder.yearGroups[line.yearGroup].name); out.append(ascii: ",")
            out.places(s.capacity, plan); out.append(ascii: ",")
            out.integer(s.pupils); out.append(ascii: ",")
            out.places(s.placesNeeded ?? 0, plan)
            if let chances {
                out.append(ascii: ",")
                if let p = chances[AreaYearGroupYear(area: line.owner, yearGroup: line.yearGroup, year: line.year)] { out.field(share(p)) }
            }
            out.append(ascii: "\n")
        }
        return out.bytes
    }

    public static func schoolYearGroups(_ plan: PupilPlacePlan) -> String { String(decoding: schoolYearGroupsBytes(plan), as: UTF8.self) }

    static func schoolYearGroupsBytes(_ plan: PupilPlacePlan) -> [UInt8] {
        var out = CSVText(capacity: plan.schoolYearGroups.count * 48)
        out.append("year,basis,school,area,phase,year_group,capacity,pupils\n")
        let phases = plan.ladder.yearGroups.indices.map { plan.layout.phase(of: $0).name }
        for line in plan.schoolYearGroups {
            let s = line.sufficiency
            out.integer(line.year); out.append(ascii: ",")
            out.field(basis(plan, line.year)); out.append(ascii: ",")
            out.field(line.owner); out.append(ascii: ",")
            out.field(line.area ?? ""); out.append(ascii: ",")
            out.field(phases[line.yearGroup]); out.append(ascii: ",")
            out.field(plan.ladder.yearGroups[line.yearGroup].name); out.append(ascii: ",")
            out.places(s.capacity, plan); out.append(ascii: ",")
            out.integer(s.pupils); out.append(ascii: "\n")
        }
        return out.bytes
    }

    /// The fitted transfer: one row per candidate flow, then the inflow from outside. `pupils_next`
    /// is what the flow brings into Year 7 in the first forecast year (share × this year's Year 6).
    public static func transfer(_ plan: PupilPlacePlan) -> String {
        let forecast = plan.forecast
        var out = "secondary_area,from,share,standard_error,pupils_next\n"
        let year6 = year6AtBase(plan)
        for area in forecast.transfer.areas {
            for flow in area.flows {
                out += row([area.area, flow.from, fixed(flow.share, 4), flow.standardError.map { fixed($0, 4) } ?? "",
                            fixed(flow.share * (year6[flow.from] ?? 0), 1)])
            }
            out += row([area.area, "outside the authority", "", area.inflowStandardError.map { fixed($0, 1) } ?? "", fixed(area.inflow, 1)])
        }
        return out
    }

    /// Staying-on (Y11→Y12) and Y12→Y13 rates of every school with a sixth form.
    public static func sixthForm(_ plan: PupilPlacePlan) -> String {
        var out = "school,name,area,staying_on,staying_on_source,y12_to_y13,y12_to_y13_source\n"
        guard let sixth = plan.layout.sixthForm else { return out }
        let into = sixth.lowerBound - 1
        for school in plan.forecast.schools where school.school.hasSixthForm {
            var fields = [school.school.code, school.school.name, school.school.secondaryArea ?? ""]
            for g in into..<sixth.upperBound {
                let ratio = school.ratio(from: g)
                fields += [ratio?.estimate.map { fixed($0.value(at: plan.baseYear), 4) } ?? "", ratio.map { source($0.source) } ?? ""]
            }
            out += row(fields)
        }
        return out
    }

    // MARK: - Helpers

    static func year6AtBase(_ plan: PupilPlacePlan) -> [String: Double] {
        var year6: [String: Double] = [:]
        for line in plan.areaYearGroups where line.year == plan.baseYear && line.yearGroup == plan.layout.transferFrom {
            year6[line.owner] = Double(line.sufficiency.pupils)
        }
        return year6
    }

    static func source(_ source: RatioSource) -> String {
        switch source {
        case .own(let years): return "own (\(years) year\(years == 1 ? "" : "s"))"
        case .area: return "area's schools"
        case .authority: return "all schools"
        case .none: return "none"
        }
    }

    static func basis(_ plan: PupilPlacePlan, _ year: Int) -> String { plan.isForecast(year) ? "forecast" : "actual" }

    /// Capacity, pupils, surplus, spare % and places needed; without the schools' places
    /// (`capacityGiven` false) only pupils, the rest left empty rather than shown as 0.
    static func measures(_ s: Sufficiency, _ plan: PupilPlacePlan) -> [String] {
        guard plan.capacityGiven else { return ["", String(s.pupils), "", "", ""] }
        return [String(s.capacity), String(s.pupils), String(s.surplus), spare(s), String(s.placesNeeded ?? 0)]
    }

    static func places(_ n: Int, _ plan: PupilPlacePlan) -> String { plan.capacityGiven ? String(n) : "" }

    /// Spare places as a percentage with one decimal; empty without capacity.
    static func spare(_ s: Sufficiency) -> String { s.spare.map { fixed($0 * 100, 1) } ?? "" }

    static func flag(_ s: Sufficiency, _ plan: PupilPlacePlan) -> String { plan.capacityGiven ? s.flag(plan.targets)?.rawValue ?? "" : "" }

    static func fixed(_ x: Double, _ decimals: Int) -> String { Format.number(x, decimals: decimals, grouping: false) }

    static func row(_ fields: [String]) -> String { fields.map(CSVField.quote).joined(separator: ",") + "\n" }
}

extension CSVText {
    /// Places as `PlacePlanOutput.places` writes them: empty when the plan gave no capacities.
    mutating func places(_ n: Int, _ plan: PupilPlacePlan) {
        if plan.capacityGiven { integer(n) }
    }
}

extension PlacePlanOutput {
    /// The place plan's tables for `placeplan plan --out`, with the housing table when the run
    /// added housing.
    public static func files(_ run: PlanRun) throws -> [OutputFile] {
        let places = try run.plan.requirePlaces(for: "the place plan's tables")
        guard let placeRun = run.places else { return [] }
        var files = files(placeRun.tables, chances: run.uncertainty.map(\.shortfall),
                          yearGroupChances: run.uncertainty.map(\.yearGroupShortfall))
        if let specialist = placeRun.specialist {
            files.append(OutputFile(name: "plan-specialist.csv") { Array(SpecialistOutput.provision(specialist).utf8) })
            files.append(OutputFile(name: "plan-specialist-demand.csv") { Array(SpecialistOutput.demand(specialist).utf8) })
        }
        if let earlyYears = placeRun.earlyYears {
            files.append(OutputFile(name: "plan-early-years.csv") { Array(SpecialistOutput.earlyYears(earlyYears).utf8) })
        }
        if let layer = placeRun.housing {
            let (ladder, layout) = (places.schools.ladder, places.schools.layout)
            files.append(OutputFile(name: "plan-housing.csv") { Array(HousingSummary.csv(layer, ladder: ladder, layout: layout).utf8) })
        }
        return files
    }
}
