import PlacePlanCore
import PlacePlanIO

/// `placeplan check`: what was read from a valid plan folder, a line a file.
public enum CheckSummary {

    public static func render(_ plan: Plan, extras: PlanExtras? = nil) -> String {
        var out: [String] = []
        let history = plan.history
        let cells = history.areas.reduce(0) { $0 + $1.pupils.count * history.ladder.count }
        out.append("\(plan.name): OK")
        out.append("- ladder \(history.ladder.name): \(history.ladder.yearGroups.map(\.name).joined(separator: ", ")) "
              + "(entry age \(history.ladder.entryAge))")
        if let schools = plan.places?.schools {
            let schoolYears = schools.rolls.values.reduce(0) { $0 + $1.pupils.count }
            out.append("- \(history.areas.count) planning areas (each the sum of its schools), rolls by school "
                  + "\(Format.academicYear(history.firstYear))–\(Format.academicYear(history.lastYear)), \(Format.number(Double(schoolYears))) school-years")
        } else {
            out.append("- \(Format.count(history.areas.count, "area")), rolls \(Format.academicYear(history.firstYear))–\(Format.academicYear(history.lastYear)), "
                  + "\(Format.number(Double(cells))) cells")
        }
        if let births = history.births {
            let years = births.values.flatMap(\.byYear.keys)
            out.append("- births (\(history.birthsBasis.rawValue)) \(years.min() ?? 0)–\(years.max() ?? 0) for \(Format.count(births.count, "area"))")
        } else {
            out.append("- no births file: entry year group projected from its own trend")
        }
        if let applications = history.applications, !applications.isEmpty {
            let years = applications.values.flatMap(\.byYear.keys)
            out.append("- applications for \(history.ladder.entry) entry \(years.min() ?? 0)–\(years.max() ?? 0) for \(Format.count(applications.count, "area")): "
                  + "\(history.ladder.entry) \(Format.academicYear(EntryApplications.latestKnown(atCensus: history.lastYear))) also forecast from them")
        }
        if let places = plan.places {
            let schools = places.schools
            let byPhase = SchoolPhase.allCases.compactMap { phase -> String? in
                let n = schools.schools.filter { $0.phase == phase }.count
                return n == 0 ? nil : "\(n) \(phase.rawValue)"
            }
            let planned = schools.schools.filter { ($0.opened ?? 0) > schools.lastYear }.count
            out.append("- place plan: \(Format.count(schools.schools.count, "school")) (\(byPhase.joined(separator: ", "))), "
                  + "\(schools.schools.filter(\.hasSixthForm).count) with sixth forms, \(planned) planned; "
                  + "\(schools.geography.primaryAreas.count) primary and \(schools.geography.secondaryAreas.count) secondary planning areas")
            out.append("- intake shares \(places.shareMethod); spare-capacity target \(Format.percent(places.targets.spareTarget)), "
                  + "operating margin \(Format.percent(places.targets.operatingMargin))")
        }
        out.append("- method \(plan.settings.label), births trend \(plan.settings.birthsTrendYears) years, horizon \(plan.horizon)")
        let leftOut = ForecastSummary.areaYearsLeftOut(plan.settings, history: history).map { "\($0.area) \($0.years)" }
        if !leftOut.isEmpty {
            out.append("- ratios left out in \(Format.count(leftOut.count, "area")) (exclude-years.csv): \(leftOut.joined(separator: "; "))")
        }
        if let ehcp = plan.places?.specialist?.history ?? plan.ehcp {
            let bases = plan.places?.specialist?.bases.count
            out.append("- EHC plans: \(Format.count(ehcp.counts.count, "count")), \(ehcp.years.first.map(Format.academicYear) ?? "")–"
                + "\(ehcp.years.last.map(Format.academicYear) ?? ""), ages \(ehcp.groups.map(\.name).uniqued().joined(separator: ", "))"
                + { let needs = ehcp.groups.compactMap(\.need).uniqued(); return needs.isEmpty ? "" : " by \(Format.count(needs.count, "primary need"))" }()
                + (ehcp.areas.compactMap { $0 }.isEmpty ? " for the authority" : " in \(Format.count(ehcp.areas.count, "area"))")
                + (bases.map { "; \(Format.count($0, "resourced base"))" } ?? ""))
        }
        if let housing = plan.places?.housing, let census = plan.places?.schools.lastYear, !housing.completions.isEmpty {
            let planned = housing.completions.filter { $0.year > census }
            let years = planned.map(\.year)
            out.append("- housing: \(Format.count(Set(housing.completions.map(\.site)).count, "site")), "
                + "\(Format.number(planned.reduce(0) { $0 + $1.dwellings })) homes planned"
                + (years.isEmpty ? "" : " \(Format.academicYear(years.min()!))–\(Format.academicYear(years.max()!))")
                + (housing.delivery.map { "; past delivery (\($0.description)) varies them in simulated draws" } ?? ""))
        }
        if let earlyYears = plan.places?.earlyYears {
            out.append("- early years: \(Format.count(earlyYears.providers.count, "setting")) with "
                + "\(Format.number(Double(earlyYears.providers.reduce(0) { $0 + $1.places }))) places")
        }
        if let takeUp = plan.takeUp {
            let years = Set(takeUp.counts.map(\.year)).sorted()
            out.append("- funded early education: \(Format.count(takeUp.counts.count, "count")), "
                + "\(years.first.map(Format.academicYear) ?? "")–\(years.last.map(Format.academicYear) ?? "")")
        }

        if let extras, !extras.scenarios.isEmpty || extras.candidates != nil {
            out.append("- \(extras.scenarios.count) scenario\(extras.scenarios.count == 1 ? "" : "s")"
                + (extras.scenarios.isEmpty ? "" : " (\(extras.scenarios.map(\.name).joined(separator: ", ")))")
                + (extras.candidates.map { "; \($0.changes.count) candidate projects" } ?? ""))
        }
        if let ledger = extras?.ledger {
            out.append("- contributions ledger: \(ledger.entries.count) entr\(ledger.entries.count == 1 ? "y" : "ies") for \(ledger.balances.count) "
                + "site-project\(ledger.balances.count == 1 ? "" : "s")")
        }
        let findings = HistoryFindings(plan)
        out += findings.lines().map { "- \($0)" }
        let intake = IntakeRatioTable.text(findings.intakeRatios, entry: history.ladder.entry.name)
        return out.joined(separator: "\n") + "\n" + (intake.isEmpty ? "" : "\n" + intake)
    }
}
