// Benchmarks of the PlacePlan engine on the England plan (Data/england: 151 local
// authorities, Reception to Year 13) and the example borough's place plan (Data/borough:
// 12 planning areas, 74 schools).
//
// Each benchmark measures one call; the plan is loaded once, outside the measured part,
// except in "England plan folder load", which measures the load itself.

import Benchmark
import Foundation
import PlacePlanCore
import PlacePlanIO

/// `Data/england` at the repository root. This file is
/// `<root>/Benchmarks/Benchmarks/PlacePlanBenchmarks/PlacePlanBenchmarks.swift`, so the root
/// is four path components up; the current directory is not used.
let englandFolder: URL = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<4 { url.deleteLastPathComponent() }
    return url.appendingPathComponent("Data").appendingPathComponent("england")
}()

/// The ratio methods that `placeplan backtest` compares by default.
let backtestMethodNames = ["mean-1", "mean-3", "mean-5", "weighted-3", "weighted-5", "trend-3", "trend-5"]

let boroughFolder = englandFolder.deletingLastPathComponent().appendingPathComponent("borough")

func load(_ folder: URL) -> Plan {
    do {
        return try PlanFolder.load(folder)
    } catch {
        fatalError("cannot load the plan from \(folder.path): \(error)")
    }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident],
        warmupIterations: 1,
        maxDuration: .seconds(5),
        maxIterations: 1_000
    )

    let plan = load(englandFolder)

    Benchmark("England forecast, horizon 3") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try PlanRun(plan, options: RunOptions(horizon: 3)))
        }
    }

    Benchmark("England forecast, horizon 15") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try PlanRun(plan, options: RunOptions(horizon: 15)))
        }
    }

    Benchmark("England forecast, horizon 10, 80% intervals") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try PlanRun(plan, options: RunOptions(horizon: 10, intervals: 80)))
        }
    }

    Benchmark("England plan folder load") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try PlanFolder.load(englandFolder))
        }
    }

    let methods = (try? BacktestPlan(plan, methods: backtestMethodNames, shared: RunOptions(), minimumHistory: 3).candidates) ?? []

    Benchmark("England backtest, 7 methods, horizon 3") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try Backtest.run(plan.history, methods: methods, horizon: 3))
        }
    }

    let borough = load(boroughFolder)

    Benchmark("Borough place plan, horizon 10 (forecast, housing and sufficiency tables)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try PlanRun(borough, options: RunOptions(horizon: 10)))
        }
    }

    simulationBenchmarks()
}
