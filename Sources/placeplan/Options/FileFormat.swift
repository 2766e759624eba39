import ArgumentParser
import Foundation

/// A command's output formats, each known by the file extensions that mean it. Without --format
/// the --out file's extension chooses; a --format that the extension contradicts is refused. So
/// `report --out plan.xlsx` is a workbook, never an HTML page under a workbook's name, and
/// `forecast --out f.json` is JSON, not CSV.
protocol FileFormat: RawRepresentable<String>, CaseIterable, Equatable {
    /// The extensions (lower case, no dot) that name this format; the first is the one to suggest.
    var extensions: [String] { get }
    /// The format with neither --format nor an --out file to go by (standard output, or a
    /// default file).
    static var standard: Self { get }
}

extension FileFormat {
    /// The format to write: `given` (--format) when there is one, else the one `out`'s extension
    /// names, else `standard`. Checked before anything is run, as ArgumentParser's `validate()`.
    /// - Throws: `ValidationError` when the extension names another format than --format, or
    ///   names none of this command's formats and --format is not given.
    static func chosen(_ given: Self?, out: String?) throws -> Self {
        guard let out, out != "-" else { return given ?? standard }
        let (ext, named) = named(by: out)
        if let given {
            if let named, named != given, let own = given.extensions.first {
                throw ValidationError("--format \(given.rawValue) but --out \(out) ends in .\(ext), which means \(named.rawValue): "
                    + "drop --format to write \(named.rawValue), or name the file .\(own).")
            }
            return given
        }
        if ext.isEmpty { return standard }
        guard let named else {
            let formats = allCases.map(\.rawValue).joined(separator: ", ")
            let endings = allCases.compactMap { $0.extensions.first.map { ".\($0)" } }.joined(separator: ", ")
            throw ValidationError("cannot tell which format to write from --out \(out) (.\(ext)): give --format (\(formats)), "
                + "or name the file \(endings).")
        }
        return named
    }

    /// A file's extension (lower case, no dot; empty when it has none) and the format it names, if any.
    static func named(by file: String) -> (ext: String, format: Self?) {
        let ext = URL(fileURLWithPath: file).pathExtension.lowercased()
        return (ext, allCases.first { $0.extensions.contains(ext) })
    }
}

/// What the commands that print tables write (`backtest`, `accuracy`): the table to read, or
/// every figure as CSV or JSON.
enum TableFormat: String, ExpressibleByArgument, FileFormat {
    case table, csv, json
    var extensions: [String] { self == .table ? ["txt"] : [rawValue] }
    static var standard: TableFormat { .table }
}
