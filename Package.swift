// swift-tools-version:6.0
// PlacePlan: school place-planning forecasts.
//
// Data flows one way through the modules:
//   PlacePlanIO (load, validate) -> PlacePlanCore (project, compare) -> placeplan (CLI, report)
// LinearAlgebra wraps LAPACK (via the CLAPACK system library) for every regression.
import PackageDescription

let package = Package(
    name: "PlacePlan",
    products: [
        .executable(name: "placeplan", targets: ["placeplan"]),
        .library(name: "PlacePlanCore", targets: ["PlacePlanCore"]),
        .library(name: "PlacePlanIO", targets: ["PlacePlanIO"]),
        .library(name: "PlacePlanReport", targets: ["PlacePlanReport"]),
        .library(name: "LinearAlgebra", targets: ["LinearAlgebra"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
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
        .target(name: "PlacePlanReport", dependencies: ["PlacePlanCore"], exclude: ["README.md"]),
        .executableTarget(
            name: "placeplan",
            dependencies: [
                "PlacePlanCore", "PlacePlanIO", "PlacePlanReport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            exclude: ["README.md"]
        ),
        .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra"]),
        .testTarget(name: "PlacePlanCoreTests", dependencies: ["PlacePlanCore"]),
        .testTarget(name: "PlacePlanIOTests", dependencies: ["PlacePlanIO", "PlacePlanCore"]),
        .testTarget(name: "PlacePlanReportTests", dependencies: ["PlacePlanReport", "PlacePlanCore"]),
        // The bundled example borough: the engine recovers what Scripts/make-example-borough.py used.
        .testTarget(
            name: "ExampleBoroughTests",
            dependencies: ["PlacePlanCore", "PlacePlanIO", "PlacePlanReport"]
        ),
        .testTarget(
            name: "PlacePlanCLITests",
            dependencies: ["placeplan", "PlacePlanIO", "PlacePlanCore", "PlacePlanReport"]
        ),
    ]
)
