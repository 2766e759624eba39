// swift-tools-version:6.0
// PlacePlan: school place-planning forecasts.
//
// Data flows one way through the modules:
//   PlacePlanIO (load, validate) -> PlacePlanCore (PlanRun: project, compare) -> PlacePlanReport (render)
//   -> placeplan (the CLI: parse arguments, load, run, render, write)
// PlacePlanStore keeps archived forecasts (vintages) and actuals in SQLite, to score them later.
// LinearAlgebra wraps LAPACK (via the CLAPACK system library) for every regression.
// PlacePlanSpreadsheet writes .xlsx workbooks (on ZIPFoundation) and uses no other PlacePlan module.
import PackageDescription

let package = Package(
    name: "PlacePlan",
    products: [
        .executable(name: "placeplan", targets: ["placeplan"]),
        .library(name: "PlacePlanCore", targets: ["PlacePlanCore"]),
        .library(name: "PlacePlanIO", targets: ["PlacePlanIO"]),
        .library(name: "PlacePlanReport", targets: ["PlacePlanReport"]),
        .library(name: "PlacePlanStore", targets: ["PlacePlanStore"]),
        .library(name: "LinearAlgebra", targets: ["LinearAlgebra"]),
        .library(name: "PlacePlanSpreadsheet", targets: ["PlacePlanSpreadsheet"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // Debian's liblapacke-dev and libopenblas-dev, seen through a module map.
        .systemLibrary(
            name: "CLAPACK",
            path: "Sources/CLAPACK",
            providers: [.apt(["liblapacke-dev", "libopenblas-dev"])]
        ),
        .target(name: "LinearAlgebra", dependencies: ["CLAPACK"], exclude: ["README.md"]),
        .target(name: "PlacePlanCore", dependencies: ["LinearAlgebra"], exclude: ["README.md"]),
        .target(
            name: "PlacePlanIO",
            dependencies: ["PlacePlanCore", .product(name: "TOMLKit", package: "TOMLKit")],
            exclude: ["README.md"]
        ),
        .target(name: "PlacePlanCharts", exclude: ["README.md"]),
        .target(
            name: "PlacePlanReport",
            dependencies: ["PlacePlanCore", "PlacePlanIO", "PlacePlanStore", "PlacePlanCharts", "PlacePlanSpreadsheet"],
            exclude: ["README.md"]
        ),
        // .xlsx workbooks; stands alone (no other PlacePlan module) so any table can be exported.
        .target(
            name: "PlacePlanSpreadsheet",
            dependencies: [.product(name: "ZIPFoundation", package: "ZIPFoundation")],
            exclude: ["README.md"]
        ),
        // The SQLite store (GRDB, over Debian's libsqlite3-dev): vintages, actuals, accuracy.
        .target(
            name: "PlacePlanStore",
            dependencies: [
                "PlacePlanCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),   // SQLite's own calls, for binding millions of rows
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            exclude: ["README.md"]
        ),
        .executableTarget(
            name: "placeplan",
            dependencies: [
                "PlacePlanCore", "PlacePlanIO", "PlacePlanReport", "PlacePlanStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            exclude: ["README.md"]
        ),
        // Shared by the test targets only (seeded random numbers for property tests).
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra"]),
        .testTarget(name: "PlacePlanCoreTests", dependencies: ["PlacePlanCore", "TestSupport"]),
        .testTarget(name: "PlacePlanIOTests", dependencies: ["PlacePlanIO", "PlacePlanCore", "TestSupport"]),
        .testTarget(name: "PlacePlanReportTests", dependencies: ["PlacePlanReport", "PlacePlanCore", "PlacePlanSpreadsheet", "TestSupport"]),
        .testTarget(name: "PlacePlanChartsTests", dependencies: ["PlacePlanCharts"]),
        .testTarget(name: "PlacePlanSpreadsheetTests", dependencies: ["PlacePlanSpreadsheet"]),
        .testTarget(
            name: "PlacePlanStoreTests",
            dependencies: ["PlacePlanStore", "PlacePlanCore", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // The bundled example borough: the engine recovers what Scripts/make-example-borough.py used.
        .testTarget(
            name: "ExampleBoroughTests",
            dependencies: ["PlacePlanCore", "PlacePlanIO", "PlacePlanReport"]
        ),
        .testTarget(
            name: "PlacePlanCLITests",
            dependencies: [
                "placeplan", "PlacePlanIO", "PlacePlanCore", "PlacePlanReport", "PlacePlanStore", "PlacePlanSpreadsheet", "TestSupport",
                .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Crypto", package: "swift-crypto"),
            ],
            exclude: ["Snapshots"]
        ),
    ]
)
