import Foundation

/// The school census layouts an import reads, told apart by their headers (not their names, which
/// every download spells differently): the DfE's Explore education statistics download, and the
/// GLA's long series by authority.
public enum CensusLayout: Equatable, Sendable {
    case ees, authoritySeries

    /// The layout of a CSV file, by its header; nil when it is neither.
    public static func of(_ file: URL) -> CensusLayout? {
        guard let header = try? SourceFolder.header(of: file) else { return nil }
        if EESCensus.columns.allSatisfy(header.has) { return .ees }
        if AuthorityCensusSeries.columns.allSatisfy(header.has) { return .authoritySeries }
        return nil
    }

    /// What `init`'s list of files says of one in this layout.
    public var description: String {
        switch self {
        case .ees: "school census (pupils by NC year group and authority)"
        case .authoritySeries: "school census series (pupils by authority and NC year group, the GLA's layout)"
        }
    }

    /// Why a file in this layout cannot count the school types asked for; nil when it can. The
    /// GLA's series has no school-type column: it counts mainstream and alternative provision,
    /// and cannot add special schools.
    public func cannotCount(_ schoolTypes: Set<String>) -> String? {
        guard self == .authoritySeries, !schoolTypes.isSubset(of: AuthorityCensusSeries.schoolTypes) else { return nil }
        return "it counts no special schools (state-funded primary, secondary and alternative provision only)"
    }

    public func read(url: URL, authorities: Set<String>?, schoolTypes: Set<String>) throws -> EESCensus.Result {
        if let reason = cannotCount(schoolTypes) {
            throw InputErrors([InputIssue(file: url.path, line: 1, message: "cannot give the pupils asked for: \(reason)",
                                          fix: "leave out --include-special, or import the DfE download of Schools, pupils and their characteristics")])
        }
        switch self {
        case .ees: return try EESCensus.read(url: url, authorities: authorities, schoolTypes: schoolTypes)
        case .authoritySeries: return try AuthorityCensusSeries.read(url: url, authorities: authorities)
        }
    }
}
