import PlacePlanCore

/// `developer-report --mix` and `--phasing`, read with the rules `housing.csv` is read by.
public enum DevelopmentFlags {
    /// A flag's value that cannot be read, with how to write it.
    public struct Problem: Error, Equatable, CustomStringConvertible {
        public let description: String
    }

    /// `house/market=70,flat/affordable=30`: categories (type, tenure, bedrooms joined by `/`)
    /// and their shares.
    public static func mix(_ text: String) throws -> [(DwellingCategory, Double)] {
        var result: [(DwellingCategory, Double)] = []
        for part in text.split(separator: ",") {
            let pieces = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard pieces.count == 2, let share = StrictNumber.parse(pieces[1]), share >= 0 else {
                throw Problem(description: "--mix: '\(part)' is not category=share; write e.g. house/market=70,flat/affordable=30")
            }
            guard share <= 1_000_000 else {
                throw Problem(description: "--mix: the share \(pieces[1]) is too large; give shares as percentages or proportions, e.g. house=70,flat=30")
            }
            var category = DwellingCategory.unknown
            for token in pieces[0].split(separator: "/").map(String.init) {
                if let type = DwellingType(rawValue: token) { category.type = type }
                else if let tenure = Tenure(rawValue: token) { category.tenure = tenure }
                else if let band = HousingReader.bedrooms(token) { category.bedrooms = band }
                else {
                    throw Problem(description: "--mix: '\(token)' is not a type (house, flat), tenure (market, affordable) "
                        + "or number of bedrooms (1 to 20, or 3+)")
                }
            }
            result.append((category, share))
        }
        guard result.reduce(0, { $0 + $1.1 }) > 0 else { throw Problem(description: "--mix: the shares add up to 0") }
        return result
    }

    /// `100,200,200`: dwellings completed each year; they must add up to `dwellings`.
    public static func phasing(_ text: String, dwellings: Double) throws -> [Double] {
        let values = text.split(separator: ",").map { StrictNumber.parse($0.trimmingCharacters(in: .whitespaces)) }
        guard !values.isEmpty, values.allSatisfy({ $0 != nil && $0! >= 0 && $0!.isFinite }) else {
            throw Problem(description: "--phasing '\(text)' is not a list of dwellings a year; write e.g. 100,200,200")
        }
        let sum = values.reduce(0) { $0 + $1! }
        guard abs(sum - dwellings) < 1e-9 * max(1, dwellings) else {
            throw Problem(description: "--phasing adds up to \(sum) dwellings but --dwellings is \(dwellings); make them agree")
        }
        return values.map { $0! }
    }
}
