import Foundation

/// Writes output files all or nothing: the text goes to a temporary file beside the target,
/// which is then renamed over it, so a failure (or Ctrl-C) never leaves half a file.
/// (`FileManager.replaceItemAt` deletes the original on Linux; `Data.write(.atomic)` does not.)
public enum AtomicFile {
    public static func write(_ text: String, to url: URL) throws {
        try write(Data(text.utf8), to: url)
    }

    public static func write(_ data: Data, to url: URL) throws {
        let folder = url.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw InputErrors([InputIssue(file: url.path, message: "cannot be written: the folder \(folder.path) does not exist",
                                          fix: "create the folder first, or choose another --out path")])
        }
        do { try data.write(to: url, options: .atomic) } catch {
            throw InputErrors([InputIssue(file: url.path, message: "cannot be written (\(error.localizedDescription))",
                                          fix: "check the path and that you may write there")])
        }
    }
}
