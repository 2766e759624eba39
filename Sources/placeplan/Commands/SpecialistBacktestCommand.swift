import ArgumentParser
import Foundation
import PlacePlanCore
import PlacePlanReport

struct SpecialistBacktestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "specialist-backtest",
        abstract: "Replay the specialist (EHC plan) and early-years models on the past.",
        discussion: """
            EHC plans (ehcp.csv): from each origin year, each area's prevalence rate \
            by age is projected as the plan would (the default: a least-squares trend of \
            the last five rates, damped by 0.8 a year and held within ±50% of the last \
            rate), times that year's actual pupils (births for the under-5s), and \
            compared with the plans counted; beside it, the last rate held and the trend \
            undamped. With --early-years, funded early education (early-years.csv): \
            children per birth of their cohorts, projected three ways.

            Examples:
              placeplan specialist-backtest Data/england
              placeplan specialist-backtest Data/england --horizon 2
              placeplan specialist-backtest Data/england --early-years
              placeplan specialist-backtest Data/borough
            """)

    @OptionGroup var location: PlanLocation
    @Option(help: "Years ahead to score, 1–5.")
    var horizon = 3
    @Flag(help: "Replay the early-years take-up (early-years.csv) instead of the EHC plans.")
    var earlyYears = false

    func validate() throws {
        guard (1...5).contains(horizon) else { throw ValidationError("--horizon must be from 1 to 5 years, not \(horizon).") }
    }

    func run() throws {
        let plan = try location.load()
        let text = earlyYears ? SpecialistBacktestReport.table(try TakeUpBacktest.run(plan, horizon: horizon), horizon: horizon)
            : SpecialistBacktestReport.table(try SpecialistBacktest.run(plan, horizon: horizon), horizon: horizon)
        say("\(plan.name)\n" + text, terminator: "")
    }
}
