@testable import PlacePlanCore

/// A tiny three-year-group ladder for hand calculations: A (entry, age 4), B, C.
let tinyLadder = Ladder(name: "tiny", yearGroups: ["A", "B", "C"], entryAge: 4,
                        phases: [Phase(name: "all", first: "A", last: "C")])

/// Deterministic random numbers (SplitMix64) so property tests are repeatable.
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

func history(_ areas: [AreaRolls], births: [String: BirthSeries]?, ladder: Ladder = tinyLadder,
             basis: BirthsBasis = .midYear) -> History {
    History(ladder: ladder, birthsBasis: basis, areas: areas, births: births)
}

func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-9) -> Bool { abs(a - b) <= tolerance * max(1, abs(b)) }
