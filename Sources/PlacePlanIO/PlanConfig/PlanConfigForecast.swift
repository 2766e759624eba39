import Foundation
import PlacePlanCore
import TOMLKit

/// `[forecast]`, `[schools]` and `[capacity]` of plan.toml: how the forecast is made and judged.
extension PlanConfig {
    /// `[forecast]`: read into the same `RunOptions` the flags fill, and checked by the same rules,
    /// so that a setting means the same, and is refused with the same reason, in either place.
    /// Throws only what `resolve` throws other than `SettingProblems`.
    static func forecast(_ top: TOMLSection) throws -> (ForecastSettings, horizon: Int) {
        var settings = ForecastSettings.default
        var horizon = defaultHorizon
        guard let forecast = section("forecast", of: top) else { return (settings, horizon) }
        forecast.unknownKeys(allowed: forecastKeys, in: "forecast")
        var options = RunOptions()
        for setting in Setting.allCases {
            guard let value = forecast[setting.tomlKey] else { continue }
            let number = value.double ?? value.int.map(Double.init)
            let whole = value.int
            switch setting {
            case .method: options.method = value.string
            case .intakeMethod: options.intakeMethod = value.string
            case .horizon: options.horizon = whole
            case .birthsTrendYears: options.birthsTrendYears = whole
            case .birthsTrendDamping: options.birthsTrendDamping = number
            case .intervals: options.intervals = number
            case .excludeYears:
                let years = value.array?.compactMap(\.int)
                if years == nil || years!.count != value.array!.count {
                    forecast.issue(setting.tomlKey, "exclude_years must be a list of years", fix: "e.g. exclude_years = [2020]")
                } else {
                    options.excludeYears = years
                }
                continue
            }
            let wholeNumber = setting == .horizon || setting == .birthsTrendYears
            if setting.isText ? value.string == nil : (wholeNumber ? whole == nil : number == nil) {
                let kind = setting.isText ? "text, e.g. \(setting.tomlKey) = \"weighted-3\"" : (wholeNumber ? "a whole number" : "a number")
                forecast.issue(setting.tomlKey, "\(setting.tomlKey) must be \(kind)", fix: "write it as \(kind)")
            }
        }
        do {
            (settings, horizon) = try options.resolve(over: settings, horizon: horizon)
        } catch let problems as SettingProblems {
            for problem in problems.problems { forecast.issue(problem.setting.tomlKey, problem.tomlMessage, fix: problem.tomlFix) }
        }
        return (settings, horizon)
    }

    /// `[schools] share_method`: how a school's intake share is summarised.
    static func schools(_ top: TOMLSection) -> RatioMethod {
        guard let schools = section("schools", of: top) else { return SchoolSettings.defaultShareMethod }
        schools.unknownKeys(allowed: schoolKeys, in: "schools")
        guard let value = schools["share_method"] else { return SchoolSettings.defaultShareMethod }
        if let text = value.string, let method = RatioMethod(name: text) { return method }
        schools.issue("share_method", "share_method is not a method",
                      fix: "write share_method = \"mean-3\"; methods: \(RatioMethod.syntax)")
        return SchoolSettings.defaultShareMethod
    }

    /// `[capacity]`: the spare-capacity target and the operating margin, both percentages.
    static func capacity(_ top: TOMLSection) -> CapacityTargets {
        var targets = CapacityTargets.default
        guard let capacity = section("capacity", of: top) else { return targets }
        capacity.unknownKeys(allowed: capacityKeys, in: "capacity")
        for key in ["spare_target_percent", "operating_margin_percent"] {
            guard let percent = capacity.percentage(key, message: "\(key) must be a percentage from 0 to 100",
                                                    fix: "e.g. \(key) = \(key.hasPrefix("spare") ? 5 : 2)") else { continue }
            if key == "spare_target_percent" { targets.spareTarget = percent / 100 } else { targets.operatingMargin = percent / 100 }
        }
        // Compared once both are read (a refused percentage keeps its default).
        if targets.operatingMargin > targets.spareTarget {
            capacity.issue("operating_margin_percent", "the operating margin (\(targets.operatingMargin * 100)%) is above the spare-capacity "
                           + "target (\(targets.spareTarget * 100)%), so no area could meet both",
                           fix: "keep operating_margin_percent at or below spare_target_percent")
        }
        return targets
    }
}
