import PlacePlanCharts
import PlacePlanCore

/// The developer contribution report as plain text, CSV and a self-contained HTML page, with
/// every figure beside the inputs it comes from (yield, places, margin, the plan's pupils) so
/// that a developer or an inspector can check each number by hand.
public enum DeveloperReport {
    static func money(_ x: Double) -> String { "£" + Format.number(x) }
    static func e(_ text: String) -> String { Markup.escape(text) }
    static func one(_ x: Double) -> String { Format.number(x, decimals: 1) }

    static func label(_ code: String?, _ geography: Geography) -> String {
        guard let code else { return "" }
        return geography.area(code: code)?.label ?? code
    }

    static func percent(_ share: Double) -> String { Format.number(share * 100, decimals: share * 100 == (share * 100).rounded() ? 0 : 1) + "%" }

    /// The method in the guidance's words, with this plan's margin and rule.
    static func method(_ a: DeveloperAssessment) -> String {
        "Tested as the DfE's \"Securing developer contributions for education\" (2019, updated 2023) counts places: by planning "
            + "area and year group, spare places in one year group never offsetting a shortfall in another. Places available = "
            + "places × (1 − \(percent(a.operatingMargin)) operating margin) − baseline pupils, where the baseline is the plan's forecast "
            + "less this site's own pupils (however they entered it: the housing trajectory or the background rate already in the "
            + "ratios). Places not provided = the site's pupils that find no available place in their year group. Charged: "
            + "\(a.settings.chargeRule.description) (charge_rule = \"\(a.settings.chargeRule.rawValue)\"), × cost per place. "
            + "Early-years and SEND children have no places in the plan to test against: each counts as a place not provided, "
            + "at the cost of an early-years or a specialist place."
    }

    // MARK: - CSV

    static let csvHeader = "development,row,phase,area,year,year_group,capacity,plan_pupils,site_pupils,trajectory_pupils,baseline_pupils,"
        + "places_available,places_not_provided,places_charged,cost_per_place,contribution,"
        + "project,national_cost_per_place,location_factor,index_factor,land_per_place"

    /// One `year group` row per phase, year and year group; one `phase` row per phase and year
    /// (its year groups added up); one `charge` row per phase charged; and the `total`.
    public static func csv(_ assessments: [DeveloperAssessment]) -> String {
        csvHeader + "\n" + assessments.map(csvRows).joined()
    }

    static func csvRows(_ a: DeveloperAssessment) -> String {
        var out = ""
        func n(_ x: Double, _ d: Int) -> String { Format.number(x, decimals: d, grouping: false) }
        func row(_ fields: [String]) { out += ([CSVField.quote(a.name)] + fields).joined(separator: ",") + "\n" }
        for line in a.lines {
            let area = CSVField.quote(line.area ?? "")
            for g in line.yearGroups {
                row(["year group", line.phase.name, area, String(line.year), CSVField.quote(a.ladder.yearGroups[g.yearGroup].name),
                     String(g.capacity), String(g.planPupils), n(g.sitePupils, 2), "", n(g.baselinePupils, 2), n(g.placesAvailable, 2),
                     n(g.notProvided, 2)] + Array(repeating: "", count: 8))
            }
            let places = line.hasPlaces
            row(["phase", line.phase.name, area, String(line.year), "all",
                 places ? String(line.capacity) : "", places ? String(line.planPupils) : "", n(line.sitePupils, 2),
                 n(line.trajectoryPupils, 2), places ? n(line.baselinePupils, 2) : "", places ? n(line.placesAvailable, 2) : "",
                 n(line.notProvided, 2)] + Array(repeating: "", count: 8))
        }
        for charge in a.charges {
            let line = a.line(charge.phase, charge.year)
            let places = line?.hasPlaces ?? false
            let c = charge.cost
            row(["charge", charge.phase.name, CSVField.quote(charge.area), String(charge.year), "all",
                 places ? line.map { String($0.capacity) } ?? "" : "", places ? line.map { String($0.planPupils) } ?? "" : "",
                 n(line?.sitePupils ?? 0, 2), n(line?.trajectoryPupils ?? 0, 2), places ? n(line?.baselinePupils ?? 0, 2) : "",
                 places ? n(line?.placesAvailable ?? 0, 2) : "", n(charge.notProvided, 2), String(charge.places),
                 n(charge.costPerPlace, 2), n(charge.contribution, 2), CSVField.quote(c.project), n(c.national, 2),
                 n(c.regionalFactor, 4), n(c.indexFactor, 4), n(c.landPerPlace, 2)])
        }
        row(["total", "all", CSVField.quote(a.area), "", "", "", "", "", "", "", "", "", String(a.charges.reduce(0) { $0 + $1.places }), "",
             n(a.total, 2)] + Array(repeating: "", count: 5))
        for payment in PaymentSchedule(a).payments {
            row(["payment", "all", CSVField.quote(a.area), String(payment.year), "", "", "", "", "", "", "", "", "", "",
                 n(payment.amount, 2), "at \(n(payment.trigger * 100, 0))% of homes occupied (\(n(payment.homes, 1)))",
                 "", "", payment.indexed.map { n($0 / max(payment.amount, 0.01), 4) } ?? "", ""])
        }
        return out
    }

    // MARK: - Text

    /// `2026/27–2030/31`, or one year.
    static func completing(_ a: DeveloperAssessment) -> String {
        let first = a.completions.map(\.year).min() ?? a.baseYear + 1, last = a.completions.map(\.year).max() ?? first
        return first == last ? "in \(Format.academicYear(first))" : "\(Format.academicYear(first))–\(Format.academicYear(last))"
    }

    /// Plain text for the terminal: each development, then any new school they share.
    public static func text(_ assessments: [DeveloperAssessment], geography: Geography) -> String {
        assessments.map { text($0, geography: geography) }.joined(separator: "\n")
            + SharedSchool.plan(for: assessments).map { "\n" + sharedText($0, geography: geography) }.joined()
    }

    /// "A new primary school for these developments" (post-16 places: the new secondary school's sixth form).
    static func sharedTitle(_ school: SharedSchool) -> String {
        school.phase == .post16 ? "A sixth form for these developments (with the new secondary school)"
            : "A new \(school.phase.name) school for these developments"
    }

    /// Its size and cost, one sentence for the text and the page alike.
    static func sharedSize(_ school: SharedSchool) -> String {
        "\(Format.count(school.formsOfEntry, "form")) of entry, \(Format.number(Double(school.places))) places for "
            + "\(Format.number(Double(school.neededPlaces))) needed; building \(money(school.buildCost)) + land \(money(school.landCost)) = "
            + money(school.totalCost)
    }

    static func sharedText(_ school: SharedSchool, geography: Geography) -> String {
        let out = sharedTitle(school) + ": " + sharedSize(school) + "\n"
        var table = TextTable(header: ["development", "places not provided", "share"])
        table.leftAligned = [0]
        for share in school.shares { table.add([share.development, String(share.places), money(share.amount)]) }
        table.add(["the council (places no development needs)", String(school.places - school.neededPlaces), money(school.councilShare)])
        return out + table.render()
    }

    /// One development: the test, the charges, the total and when it is paid.
    public static func text(_ a: DeveloperAssessment, geography: Geography) -> String {
        var out = "Developer contribution: \(a.name)\n"
        out += "\(Format.number(a.dwellings, decimals: a.dwellings == a.dwellings.rounded() ? 0 : 1)) dwellings in \(label(a.area, geography)), completing \(completing(a)); "
            + "secondary and post-16 in \(label(a.secondaryArea, geography))\n"
        out += "By planning area and year group; operating margin \(percent(a.operatingMargin)); the site's own pupils taken out of "
            + "the baseline; charged for \(a.settings.chargeRule.description)\n\n"
        var table = TextTable(header: ["phase", "area", "year", "site pupils", "places available", "places not provided", "charged",
                                       "£ per place", "contribution"])
        table.leftAligned = [0, 1]
        for charge in a.charges {
            let line = a.line(charge.phase, charge.year)
            table.add([charge.phase.name, label(charge.area, geography), Format.academicYear(charge.year), one(line?.sitePupils ?? 0),
                       line?.hasPlaces == true ? one(line?.placesAvailable ?? 0) : "–", one(charge.notProvided), String(charge.places),
                       money(charge.costPerPlace), money(charge.contribution)])
        }
        out += table.render()
        out += "Total contribution: \(money(a.total))\n"
        out += entry(a).map { "\n" + $0 + "\n" } ?? ""
        out += "\nPayments (at \(a.settings.index?.target ?? "the cost figures'") prices, indexed to the payment date):\n"
        for payment in PaymentSchedule(a).payments {
            out += "- \(money(payment.amount)) when \(Format.number(payment.trigger * 100))% of the homes are occupied "
                + "(\(Format.number(payment.homes, decimals: payment.homes == payment.homes.rounded() ? 0 : 1)), expected \(Format.academicYear(payment.year)))"
                + (payment.indexed.map { "; at that year's index \(money($0))" } ?? "") + "\n"
        }
        return out
    }

    /// How the site's primary pupils entered the plan, in the year charged: the report must say
    /// which, since both ways are taken out of the baseline.
    static func entry(_ a: DeveloperAssessment) -> String? {
        guard let charge = a.charge(.primary), let line = a.line(.primary, charge.year), line.sitePupils > 0 else { return nil }
        return "The site's \(one(line.sitePupils)) primary pupils in \(Format.academicYear(charge.year)): \(one(line.trajectoryPupils)) "
            + "through the housing trajectory (completions above the area's background rate) and \(one(line.backgroundPupils)) within "
            + "the background rate already in the ratios; the baseline leaves out both."
    }

    // MARK: - HTML

    public static func html(_ assessments: [DeveloperAssessment], plan: String, geography: Geography, generated: String) -> String {
        let title = assessments.map(\.name).joined(separator: ", ")
        var h = head(title)
        h += assessments.map { body($0, plan: plan, geography: geography, generated: generated) }.joined(separator: "<hr>\n")
        for school in SharedSchool.plan(for: assessments) {
            h += "<h2>\(e(sharedTitle(school)))</h2>\n<p>\(e(sharedSize(school))), shared in proportion to the places each "
            h += "development does not find; the places none needs are the council's.</p>\n"
            h += "<table>\n<thead><tr><th>development</th>"
            h += "<th>places not provided</th><th>share</th></tr></thead>\n<tbody>\n"
            for share in school.shares {
                h += "<tr><td>\(e(share.development))</td><td>\(share.places)</td><td>\(money(share.amount))</td></tr>\n"
            }
            h += "<tr><td>the council</td><td>\(school.places - school.neededPlaces)</td><td>\(money(school.councilShare))</td></tr>\n"
            h += "</tbody>\n</table>\n"
        }
        return h + "</body>\n</html>\n"
    }

    static func head(_ title: String) -> String {
        """
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(e(title)) — developer contribution for education</title>
            <style>
            body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;max-width:64rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
            h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ccc}h3{font-size:1rem}
            table{border-collapse:collapse;margin:.6rem 0;font-variant-numeric:tabular-nums}
            th,td{padding:.25rem .6rem;border-bottom:1px solid #e3e3e3;text-align:right}th:first-child,td:first-child{text-align:left}
            thead th{border-bottom:2px solid #888;vertical-align:bottom}.total td{font-weight:bold;border-top:2px solid #888}
            tr.charged td{background:#fff4d6}.charges td:nth-child(2),.charges th:nth-child(2){text-align:left}.lede{color:#444}.note{color:#555;font-size:.9rem}
            @media print{body{margin:0;max-width:none}h2,h3{break-after:avoid}table{break-inside:avoid}}
            </style>
            </head>
            <body>

            """
    }

    static func body(_ a: DeveloperAssessment, plan: String, geography: Geography, generated: String) -> String {
        var h = """
            <h1>Developer contribution for education: \(e(a.name))</h1>
            <p class="lede">\(e(plan)). \(Format.number(a.dwellings, decimals: a.dwellings == a.dwellings.rounded() ? 0 : 1)) dwellings in \(e(label(a.area, geography)))
            (secondary and post-16 places: \(e(label(a.secondaryArea, geography)))). Forecast from the
            \(Format.academicYear(a.baseYear)) census. Made \(e(generated)).</p>

            """
        h += "<h2>Contribution</h2>\n<table class=\"charges\">\n<thead><tr><th>phase</th><th>area</th><th>year</th><th>site pupils</th>"
        h += "<th>places available</th><th>places not provided</th><th>places charged</th><th>cost per place</th><th>contribution</th></tr></thead>\n<tbody>\n"
        for charge in a.charges {
            let line = a.line(charge.phase, charge.year)
            h += "<tr><td>\(e(charge.phase.name))</td><td>\(e(label(charge.area, geography)))</td><td>\(Format.academicYear(charge.year))</td>"
            h += "<td>\(one(line?.sitePupils ?? 0))</td><td>\(line?.hasPlaces == true ? one(line?.placesAvailable ?? 0) : "–")</td>"
            h += "<td>\(one(charge.notProvided))</td>"
            h += "<td>\(charge.places)</td><td>\(money(charge.costPerPlace))</td><td>\(money(charge.contribution))</td></tr>\n"
        }
        h += "<tr class=\"total\"><td>total</td><td></td><td></td><td></td><td></td><td></td><td>\(a.charges.reduce(0) { $0 + $1.places })</td>"
        h += "<td></td><td>\(money(a.total))</td></tr>\n</tbody>\n</table>\n"
        h += "<p class=\"note\">\(e(method(a)))</p>\n"
        if let entry = entry(a) { h += "<p class=\"note\">\(e(entry))</p>\n" }

        h += "<h2>The development</h2>\n<table>\n<thead><tr><th>year</th><th>category</th><th>dwellings</th></tr></thead>\n<tbody>\n"
        for c in a.completions {
            h += "<tr><td>\(Format.academicYear(c.year))</td><td>\(e(c.category.description))</td><td>\(one(c.dwellings))</td></tr>\n"
        }
        h += "</tbody>\n</table>\n"
        h += schedule(a)
        h += yearTables(a, geography: geography)
        h += assumptions(a)
        return h
    }

    static func schedule(_ a: DeveloperAssessment) -> String {
        var h = "<h2>Payments</h2>\n<table>\n<thead><tr><th>trigger</th><th>homes occupied</th><th>expected</th><th>amount</th>"
        h += "<th>at that year's index</th></tr></thead>\n<tbody>\n"
        for p in PaymentSchedule(a).payments {
            h += "<tr><td>\(Format.number(p.trigger * 100))% occupied</td><td>\(one(p.homes))</td><td>\(Format.academicYear(p.year))</td>"
            h += "<td>\(money(p.amount))</td><td>\(p.indexed.map(money) ?? "–")</td></tr>\n"
        }
        h += "</tbody>\n</table>\n<p class=\"note\">Equal parts at each trigger ([housing] payment_triggers), at "
        h += "\(e(a.settings.index?.target ?? "the cost figures'")) prices; each is indexed from then to its payment date.</p>\n"
        return h
    }

    /// Per phase: every forecast year (the charged one marked), then the charged year by year group.
    static func yearTables(_ a: DeveloperAssessment, geography: Geography) -> String {
        var h = "<h2>Pupils and places by year</h2>\n"
        h += "<p class=\"note\">Plan pupils include the site; the baseline is the plan less the site's pupils. Places available "
        h += "are each year group's places less the operating margin and the baseline, never below 0.</p>\n"
        for phase in YieldPhase.allCases {
            let lines = a.lines.filter { $0.phase == phase }
            // A phase the site brings no children of (early years under a yield of 0) is left out, as in the charges.
            guard let first = lines.first, lines.contains(where: { $0.sitePupils > 0 }) else { continue }
            let charged = a.charge(phase)
            h += "<h3>\(e(phase.name))" + (first.area.map { " — " + e(label($0, geography)) } ?? "") + "</h3>\n<table>\n"
            guard first.hasPlaces else {
                h += "<thead><tr><th>year</th><th>site children</th></tr></thead>\n<tbody>\n"
                for line in lines {
                    h += "<tr\(line.year == charged?.year ? " class=\"charged\"" : "")><td>\(Format.academicYear(line.year))</td>"
                    h += "<td>\(one(line.sitePupils))</td></tr>\n"
                }
                h += "</tbody>\n</table>\n<p class=\"note\">The plan holds no \(phase == .send ? "specialist" : "early-years") places to test "
                h += "these children against: each counts as a place not provided.</p>\n"
                continue
            }
            h += "<thead><tr><th>year</th><th>site pupils</th><th>of which trajectory</th><th>places</th><th>plan pupils</th>"
            h += "<th>baseline pupils</th><th>places available</th><th>places not provided</th></tr></thead>\n<tbody>\n"
            for line in lines {
                h += "<tr\(line.year == charged?.year ? " class=\"charged\"" : "")><td>\(Format.academicYear(line.year))</td>"
                h += "<td>\(one(line.sitePupils))</td><td>\(one(line.trajectoryPupils))</td><td>\(Format.number(Double(line.capacity)))</td>"
                h += "<td>\(Format.number(Double(line.planPupils)))</td><td>\(one(line.baselinePupils))</td><td>\(one(line.placesAvailable))</td>"
                h += "<td>\(one(line.notProvided))</td></tr>\n"
            }
            h += "</tbody>\n</table>\n"
            if let charged, let line = a.line(phase, charged.year) {
                h += "<p>\(Format.academicYear(charged.year)) by year group:</p>\n<table>\n<thead><tr><th>year group</th><th>places</th>"
                h += "<th>margin</th><th>plan pupils</th><th>site pupils</th><th>baseline pupils</th><th>places available</th>"
                h += "<th>places not provided</th></tr></thead>\n<tbody>\n"
                for g in line.yearGroups {
                    h += "<tr><td>\(e(a.ladder.yearGroups[g.yearGroup].name))</td><td>\(g.capacity)</td>"
                    h += "<td>\(one(Double(g.capacity) * g.operatingMargin))</td><td>\(g.planPupils)</td><td>\(one(g.sitePupils))</td>"
                    h += "<td>\(one(g.baselinePupils))</td><td>\(one(g.placesAvailable))</td><td>\(one(g.notProvided))</td></tr>\n"
                }
                h += "</tbody>\n</table>\n"
            }
        }
        return h
    }

    /// Each charge's cost per place built up from its inputs.
    static func costTable(_ a: DeveloperAssessment) -> String {
        var h = "<p>Cost per place = national average for the project × location factor × cost index + land:</p>\n<table>\n"
        h += "<thead><tr><th>phase</th><th>project</th><th>national average</th><th>location factor</th><th>index factor</th>"
        h += "<th>land per place</th><th>cost per place</th></tr></thead>\n<tbody>\n"
        for charge in a.charges {
            let c = charge.cost
            h += "<tr><td>\(e(charge.phase.name))</td><td>\(e(c.project))</td><td>\(money(c.national))</td>"
            h += "<td>\(Format.number(c.regionalFactor, decimals: 2))</td><td>\(Format.number(c.indexFactor, decimals: 4))</td>"
            h += "<td>\(money(c.landPerPlace))</td><td>\(money(c.perPlace))</td></tr>\n"
        }
        h += "</tbody>\n</table>\n<p class=\"note\">\(e(costSources(a)))</p>\n"
        return h
    }

    /// Where each cost figure comes from, in words.
    static func costSources(_ a: DeveloperAssessment) -> String {
        var parts = ["National averages: the DfE school places scorecards (2025, Q1-2026 prices) for permanent expansions and new "
            + "schools, sixth form at the secondary rate, unless plan.toml's [costs] or [housing] gives the council's own",
            "a specialist place \(Format.number(HousingSettings.sendMultiple)) × a mainstream primary place (no DfE figure; North "
            + "Yorkshire Council's contributions policy, 2025/26) and an early-years place as a primary place, unless [housing] says"]
        if let region = a.settings.region {
            parts.append("location factor \(Format.number(region.locationFactor, decimals: 2)) for \(region.rawValue) (DfE scorecards)")
        }
        if let index = a.settings.index {
            parts.append("cost index \(index.base) → \(index.target): \(Format.number(index.value(index.base) ?? 0, decimals: 1)) → "
                + "\(Format.number(index.value(index.target) ?? 0, decimals: 1))")
        }
        if let land = a.settings.land, a.settings.mitigation == .newSchool {
            parts.append("land \(money(land.valuePerHectare)) a hectare; hectares per form of entry "
                + land.hectaresPerFormOfEntry.sorted { $0.key.name < $1.key.name }.map { "\($0.key.name) \(Format.number($0.value, decimals: 2))" }
                    .joined(separator: ", "))
        }
        return parts.joined(separator: "; ") + "."
    }

    static func assumptions(_ a: DeveloperAssessment) -> String {
        var h = "<h2>Assumptions</h2>\n<p>Pupil yields per dwelling (\(e(a.yields.source))):</p>\n<table>\n<thead><tr><th>category</th>"
        h += YieldPhase.allCases.map { "<th>\(e($0.name))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for row in a.yields.rows {
            h += "<tr><td>\(e(row.category.description))</td>" + YieldPhase.allCases.map { "<td>\(Format.number(row.yield($0), decimals: 3))</td>" }.joined() + "</tr>\n"
        }
        h += "</tbody>\n</table>\n"
        if a.yields.profile.isEmpty {
            h += "<p>The full yield is reached in the completion year and held (no profile by years since completion was given).</p>\n"
        } else {
            h += "<p>Share of the full yield 0, 1, 2 … years after completion (the last held after):</p>\n<ul>\n"
            for phase in YieldPhase.allCases {
                if let values = a.yields.profile[phase] {
                    h += "<li>\(e(phase.name)): \(values.map { Format.number($0, decimals: 2) }.joined(separator: ", "))</li>\n"
                }
            }
            h += "</ul>\n"
        }
        h += "<p>A category without its own yield uses the most specific row that covers it; a dwelling of unknown mix uses the row for any dwelling. "
        h += "Pupils of each phase are spread evenly over its year groups and then move up a year group a year.</p>\n"
        h += costTable(a)
        h += "<p>Operating margin \(percent(a.operatingMargin)) of places (plan.toml <code>[capacity] operating_margin_percent</code>); "
        h += "forecast years \(Format.academicYear(a.years.first ?? a.baseYear + 1))–\(Format.academicYear(a.years.last ?? a.baseYear + 1)); "
        h += "places and plan pupils from the Pupil Place Plan's area year-group table.</p>\n"
        return h
    }
}
