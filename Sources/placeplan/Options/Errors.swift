import Foundation
import PlacePlanIO

/// Runs `body`, which reads input files, turning their problems into one error for the user that
/// starts with `heading`.
func userInput<T>(_ heading: String, _ body: () throws -> T) throws -> T {
    do { return try body() } catch let errors as InputErrors {
        throw CLIFailure(heading + "\n" + errors.description)
    }
}

/// An error for the user: printed as `error: …` and exit status 1.
struct CLIFailure: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}

/// Prints to standard error (progress, notes) without touching standard output; control
/// characters are shown escaped.
func printError(_ text: String, terminator: String = "\n") {
    FileHandle.standardError.write(Data(TerminalText.escaped(text + terminator).utf8))
}

/// Prints to standard output, control characters escaped: what every command says goes here.
func say(_ text: String, terminator: String = "\n") {
    FileHandle.standardOutput.write(Data(TerminalText.escaped(text + terminator).utf8))
}
