import ArgumentParser
import Foundation
import PlacePlanIO

/// Where output goes: a file written atomically, or standard output.
struct OutputOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file (written whole or not at all); - for standard output. Default: standard output.",
                                                     valueName: "file"))
    var out: String?

    init() {}
    init(out: String?) { self.out = out }

    /// - Parameter planFolder: the plan the output comes from: its input files are never overwritten.
    /// Text to standard output has its control characters escaped (a file gets it as it is).
    func emit(_ text: String, planFolder: URL? = nil) throws {
        try emit(Data((file == nil ? TerminalText.escaped(text) : text).utf8), planFolder: planFolder)
    }

    /// CSV made in pieces (rows of some years each, made on each core) and handed over in
    /// order: to a file as they are, one after another as each is made, to standard output as
    /// text with its control characters escaped.
    func emit(csvPieces produce: (_ write: ([UInt8]) throws -> Void) throws -> Void, planFolder: URL? = nil) throws {
        guard let out = file else {
            return try produce { piece in try emit(String(decoding: piece, as: UTF8.self), planFolder: planFolder) }
        }
        do {
            try AtomicFile.write(to: URL(fileURLWithPath: out), protecting: planFolder.map(PlanFolder.inputFiles) ?? [], pieces: produce)
        } catch let errors as InputErrors {
            throw CLIFailure(errors.description)
        }
    }

    /// The file to write, or nil for standard output (no --out, or `--out -`).
    var file: String? { out == "-" ? nil : out }

    func emit(_ data: Data, planFolder: URL? = nil) throws {
        guard let out = file else { return FileHandle.standardOutput.write(data) }
        do {
            try AtomicFile.write(data, to: URL(fileURLWithPath: out), protecting: planFolder.map(PlanFolder.inputFiles) ?? [])
        } catch let errors as InputErrors {
            throw CLIFailure(errors.description)
        }
    }
}

extension AtomicFile {
    /// Writes every file into `folder` (created if missing), all or nothing, as a user error.
    static func writeAllForUser(_ files: [(name: String, text: String)], into folder: String) throws {
        do { try writeAll(files, into: URL(fileURLWithPath: folder)) } catch let errors as InputErrors {
            throw CLIFailure(errors.description)
        }
    }

    static func writeAllForUser(_ files: [OutputFile], into folder: String) throws {
        do { try writeAll(files, into: URL(fileURLWithPath: folder)) } catch let errors as InputErrors {
            throw CLIFailure(errors.description)
        }
    }
}
