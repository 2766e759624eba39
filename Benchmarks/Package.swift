// swift-tools-version:6.1
// PlacePlan benchmarks: a package of its own, so that the root package (and CI) never
// builds ordo-one/benchmark. Run with `swift package benchmark` from this folder.
import PackageDescription

let package = Package(
    name: "PlacePlanBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "PlacePlan", path: ".."),
        // The MallocInterposer trait gives the malloc metrics without needing jemalloc.
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // The benchmark plugin finds benchmark targets in Benchmarks/<TargetName>/.
        .executableTarget(
            name: "PlacePlanBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "PlacePlanCore", package: "PlacePlan"),
                .product(name: "PlacePlanIO", package: "PlacePlan"),
            ],
            path: "Benchmarks/PlacePlanBenchmarks",
            plugins: [
                .plugin(name: "BenchmarkPlugin", package: "benchmark"),
            ]
        ),
    ]
)
