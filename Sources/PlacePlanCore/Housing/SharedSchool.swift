/// A new school that several developments need together (`[housing] mitigation = "new_school"`):
/// sized in whole forms of entry to the places they do not find, and shared in proportion to
/// each one's places not provided. Places beyond their need (the school is built whole) are the
/// council's to fund: a development pays only for what it needs (CIL regulation 122), so each
/// share equals that development's own charge — sharing and charging are one figure.
public struct SharedSchool: Equatable, Sendable {
    public struct Share: Equatable, Sendable {
        public let development: String
        public let places: Int
        public let amount: Double
    }

    public let phase: YieldPhase
    public let formsOfEntry: Int
    public let places: Int
    /// Building: the school's places × the new-school cost per place (location factor and index applied).
    public let buildCost: Double
    /// Land: the forms of entry × hectares per form × value a hectare (0 without land settings).
    public let landCost: Double
    public let shares: [Share]

    public var totalCost: Double { buildCost + landCost }
    public var neededPlaces: Int { shares.reduce(0) { $0 + $1.places } }
    /// The part of the school for places no development needs.
    public var councilShare: Double { totalCost - shares.reduce(0) { $0 + $1.amount } }

    /// One school per phase that the developments' charges need (none when the mitigation is an
    /// expansion, or no development needs places of the phase).
    public static func plan(for assessments: [DeveloperAssessment]) -> [SharedSchool] {
        guard let settings = assessments.first?.settings, settings.mitigation == .newSchool else { return [] }
        var schools: [SharedSchool] = []
        for phase in [YieldPhase.primary, .secondary, .post16] {
            guard let place = phase.placePhase, let cost = settings.cost(phase) else { continue }
            let charged = assessments.compactMap { a in a.charge(phase).map { (a.name, $0) } }.filter { $0.1.places > 0 }
            let needed = charged.reduce(0) { $0 + $1.1.places }
            let perForm = Int(LandCost.placesPerFormOfEntry(place))
            guard needed > 0, perForm > 0 else { continue }
            let forms = (needed + perForm - 1) / perForm
            let places = forms * perForm
            let build = Double(places) * cost.buildPerPlace
            let land = Double(places) * cost.landPerPlace
            let shares = charged.map { Share(development: $0.0, places: $0.1.places, amount: $0.1.contribution) }
            schools.append(SharedSchool(phase: phase, formsOfEntry: forms, places: places, buildCost: build, landCost: land, shares: shares))
        }
        return schools
    }
}
