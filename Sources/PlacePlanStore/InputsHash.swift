import Crypto

/// The fingerprint of what a forecast was made from: SHA-256 over every input file (its name in
/// the plan folder, its length and its bytes, in the order given) and then the settings text.
/// Two archives with the same fingerprint are the same forecast. The folder's own path is not
/// part of it, so a copy of a plan folder has the same fingerprint as the original.
public enum InputsHash {
    public struct File: Sendable {
        public let name: String
        public let bytes: [UInt8]
        public init(name: String, bytes: [UInt8]) {
            self.name = name
            self.bytes = bytes
        }
    }

    /// 64 lower-case hexadecimal digits.
    public static func sha256(files: [File], settings: String) -> String {
        var hasher = SHA256()
        // Lengths delimit every part, so no two different inputs can run together alike.
        func add(_ bytes: [UInt8]) {
            hasher.update(data: Array("\(bytes.count):".utf8))
            hasher.update(data: bytes)
        }
        add(Array("placeplan inputs 1".utf8))
        for file in files {
            add(Array(file.name.utf8))
            add(file.bytes)
        }
        add(Array(settings.utf8))
        return hex(Array(hasher.finalize()))
    }

    /// SHA-256 of some bytes, in hexadecimal.
    public static func sha256(_ bytes: [UInt8]) -> String { hex(Array(SHA256.hash(data: bytes))) }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
