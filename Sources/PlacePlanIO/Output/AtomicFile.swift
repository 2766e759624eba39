import Foundation

/// Writes output files all or nothing: the text goes to a temporary file beside the target,
/// which is then renamed over it, so a failure (or Ctrl-C, or a full disk) never leaves half a
/// file, nor a temporary one. (`FileManager.replaceItemAt` deletes the original on Linux.)
///
/// Only a regular file is ever replaced: a device, a pipe, a folder or a link is refused (as
/// root, renaming over `/dev/stdout` would replace the device link with a plain file), and so is
/// any of the plan's own input files, which an `--out` typo must not overwrite.
public enum AtomicFile {
    public static func write(_ text: String, to url: URL, protecting inputs: [URL] = []) throws {
        try write(Data(text.utf8), to: url, protecting: inputs)
    }

    public static func write(_ data: Data, to url: URL, protecting inputs: [URL] = []) throws {
        try replace(url, protecting: inputs) { try data.write(to: $0) }
    }

    /// A file written piece by piece as `produce` hands the pieces to its `write`, all or
    /// nothing: a national forecast's rows are written as each span of them is made.
    public static func write(to url: URL, protecting inputs: [URL] = [],
                             pieces produce: (_ write: ([UInt8]) throws -> Void) throws -> Void) throws {
        try replace(url, protecting: inputs) { try fill($0, pieces: produce) }
    }

    /// `url` replaced by what `write` puts in a temporary file beside it, renamed over it once
    /// complete; nothing is changed when anything fails.
    private static func replace(_ url: URL, protecting inputs: [URL], write: (URL) throws -> Void) throws {
        let folder = url.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw InputErrors([InputIssue(file: url.path, message: "cannot be written: the folder \(folder.path) does not exist",
                                          fix: "create the folder first, or choose another --out path")])
        }
        if let refusal = refusal(url, protecting: inputs) { throw InputErrors([refusal]) }
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        do { try write(temporary) } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw InputErrors([InputIssue(file: url.path, message: "cannot be written (\(error.localizedDescription)); nothing was changed",
                                          fix: "check the path, the free space and that you may write there")])
        }
        guard rename(temporary.path, url.path) == 0 else {
            let code = errno
            try? FileManager.default.removeItem(at: temporary)
            throw InputErrors([InputIssue(file: url.path, message: "cannot be replaced (\(String(cString: strerror(code)))); nothing was changed",
                                          fix: "check that you may write there")])
        }
    }

    /// Why `url` must not be replaced, if it must not: it is one of the plan's inputs, or
    /// something other than a regular file.
    static func refusal(_ url: URL, protecting inputs: [URL]) -> InputIssue? {
        let target = url.resolvingSymlinksInPath().standardizedFileURL.path
        if inputs.contains(where: { $0.resolvingSymlinksInPath().standardizedFileURL.path == target }) {
            return InputIssue(file: url.path, message: "is one of the plan's own input files; it would be overwritten by the output",
                              fix: "choose another --out path, outside the plan's files")
        }
        var status = stat()
        guard lstat(url.path, &status) == 0 else { return nil }  // nothing there yet
        let kind = status.st_mode & S_IFMT
        guard kind != S_IFREG else { return nil }
        let what = kind == S_IFLNK ? "a symbolic link" : kind == S_IFDIR ? "a folder" : kind == S_IFCHR || kind == S_IFBLK ? "a device"
            : kind == S_IFIFO ? "a pipe" : "not a regular file"
        return InputIssue(file: url.path, message: "is \(what), not a file PlacePlan may replace; nothing was written",
                          fix: kind == S_IFLNK || kind == S_IFCHR
                              ? "leave out --out to write to standard output, or give the path of a file" : "give the path of a file")
    }
}

extension AtomicFile {
    /// Writes several files into one folder, all or nothing: the folder is created if missing,
    /// every file is written to a temporary file beside its target, and only when all are
    /// written are they renamed into place. If any write fails, the temporary files are removed
    /// and no target is touched.
    public static func writeAll(_ files: [(name: String, text: String)], into folder: URL) throws {
        try writeAll(files.map { OutputFile(name: $0.name, text: $0.text) }, into: folder)
    }

    /// The same, each file made (`OutputFile.bytes`) just before it is written and let go after.
    public static func writeAll(_ files: [OutputFile], into folder: URL) throws {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw InputErrors([InputIssue(file: folder.path, message: "cannot be created (\(error.localizedDescription))",
                                          fix: "check the path and that you may write there, or choose another --out folder")])
        }
        // Check every target before writing any: a folder, device or link where a table should go.
        let refusals = files.compactMap { refusal(folder.appendingPathComponent($0.name), protecting: []) }
        if !refusals.isEmpty { throw InputErrors(refusals) }
        let token = UUID().uuidString
        var written: [(temporary: URL, target: URL)] = []
        func removeTemporaries() { for file in written { try? FileManager.default.removeItem(at: file.temporary) } }
        for file in files {
            let target = folder.appendingPathComponent(file.name)
            let temporary = folder.appendingPathComponent(".\(file.name).\(token).tmp")
            written.append((temporary, target))  // listed first, so a half-written one is removed too
            do { try Self.write(try file.bytes(), to: temporary) } catch {
                removeTemporaries()
                throw InputErrors([InputIssue(file: folder.path, message: "cannot be written (\(error.localizedDescription)); nothing was changed",
                                              fix: "check the folder, the free space and that you may write there")])
            }
        }
        for file in written {
            // rename(2) replaces the target atomically on the same file system.
            guard rename(file.temporary.path, file.target.path) == 0 else {
                removeTemporaries()
                throw InputErrors([InputIssue(file: file.target.path, message: "cannot be replaced (error \(errno))",
                                              fix: "check that you may write there")])
            }
        }
    }
}

extension AtomicFile {
    /// Bytes written as they are held, without a copy (a national plan's year-group table is
    /// tens of MB).
    static func write(_ bytes: [UInt8], to url: URL) throws {
        try fill(url, pieces: { write in try write(bytes) })
    }

    /// A new file at `url` (a temporary one: the callers rename it) written with write(2) straight
    /// from each piece `produce` hands over.
    private static func fill(_ url: URL, pieces produce: (_ write: ([UInt8]) throws -> Void) throws -> Void) throws {
        // 0o666 less the umask, as `Data.write` makes a file: a team folder's umask still rules.
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(descriptor) }
        try produce { piece in
            try piece.withUnsafeBytes { buffer in
                var done = 0
                while done < buffer.count {
                    let wrote = Foundation.write(descriptor, buffer.baseAddress! + done, buffer.count - done)
                    if wrote < 0 && errno == EINTR { continue }
                    guard wrote > 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
                    done += wrote
                }
            }
        }
    }
}
