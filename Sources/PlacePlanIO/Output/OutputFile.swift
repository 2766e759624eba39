/// One file of a folder of tables, made when it is written. A national place plan's tables
/// are a hundred MB of text; made one at a time and written straight away, only one is held.
public struct OutputFile: Sendable {
    public let name: String
    private let make: @Sendable () throws -> [UInt8]

    /// A file whose bytes are made when it is written (`bytes()`), once each time asked.
    public init(name: String, bytes make: @escaping @Sendable () throws -> [UInt8]) {
        self.name = name
        self.make = make
    }

    /// A file whose text is already made.
    public init(name: String, text: String) {
        self.init(name: name) { Array(text.utf8) }
    }

    public func bytes() throws -> [UInt8] { try make() }

    /// The file's text (for tests and for a file shown rather than written).
    public var text: String { get throws { String(decoding: try make(), as: UTF8.self) } }
}
