@testable import PlacePlanCore
@_exported import TestSupport

/// A tiny three-year-group ladder for hand calculations: A (entry, age 4), B, C.
let tinyLadder = Ladder(name: "tiny", yearGroups: ["A", "B", "C"], entryAge: 4,
                        phases: [Phase(name: "all", first: "A", last: "C")])

func history(_ areas: [AreaRolls], births: [String: BirthSeries]?, ladder: Ladder = tinyLadder,
             basis: BirthsBasis = .midYear) -> History {
    History(ladder: ladder, birthsBasis: basis, areas: areas, births: births)
}

func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-9) -> Bool { abs(a - b) <= tolerance * max(1, abs(b)) }
