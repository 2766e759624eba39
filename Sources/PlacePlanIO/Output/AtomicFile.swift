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

extension AtomicFile {
    /// Writes several files into one folder, all or nothing: the folder is created if missing,
    /// every file is written to a temporary file beside its target, and only when all are
    /// written are they renamed into place. If any write fails, the temporary files are removed
    /// and no target is touched.
    public static func writeAll(_ files: [(name: String, text: String)], into folder: URL) throws {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw InputErrors([InputIssue(file: folder.path, message: "cannot be created (\(error.localizedDescription))",
                                          fix: "check the path and that you may write there, or choose another --out folder")])
        }
        let token = UUID().uuidString
        var written: [(temporary: URL, target: URL)] = []
        do {
            for file in files {
                let target = folder.appendingPathComponent(file.name)
                let temporary = folder.appendingPathComponent(".\(file.name).\(token).tmp")
                try Data(file.text.utf8).write(to: temporary)
                written.append((temporary, target))
            }
        } catch {
            for file in written { try? FileManager.default.removeItem(at: file.temporary) }
            throw InputErrors([InputIssue(file: folder.path, message: "cannot be written (\(error.localizedDescription)); nothing was changed",
                                          fix: "check the folder and that you may write there")])
        }
        // The one thing that makes a rename fail inside a folder we could write to: a folder
        // where the file should go. Check every target before replacing any.
        for file in written {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: file.target.path, isDirectory: &isDirectory), isDirectory.boolValue {
                for left in written { try? FileManager.default.removeItem(at: left.temporary) }
                throw InputErrors([InputIssue(file: file.target.path, message: "is a folder, so the table cannot be written there; nothing was changed",
                                              fix: "choose another --out folder, or move that folder away")])
            }
        }
        for file in written {
            // rename(2) replaces the target atomically on the same file system.
            guard rename(file.temporary.path, file.target.path) == 0 else {
                for left in written { try? FileManager.default.removeItem(at: left.temporary) }
                throw InputErrors([InputIssue(file: file.target.path, message: "cannot be replaced (error \(errno))",
                                              fix: "check that you may write there")])
            }
        }
    }
}
