import Crypto
import Foundation
import PlacePlanCore

/// The fingerprint of a vintage's cells, stored as it is sealed and checked before it is scored:
/// the SHA-256 of every cell's line (its fields joined by U+001F, numbers by their exact bits),
/// sorted and joined by newlines. Lines that come already sorted are hashed as they are made,
/// 64 KB at a time, never held.
struct CellFingerprint {
    private var hasher = SHA256()
    private var block: [UInt8] = []
    private var previous: [UInt8] = []
    private var lines = 0

    init() { block.reserveCapacity(1 << 16 + 256) }

    /// Adds the next line when it sorts after the one before, so that hashing it now is
    /// hashing the sorted lines; returns `false` (and is then of no further use) when it does
    /// not. Sorted means `String` order, which is byte order only for ASCII: the caller checks.
    /// `line` is swapped with the line before, for the caller to write the next into.
    mutating func addSorted(_ line: inout [UInt8]) -> Bool {
        if lines > 0 {
            let precedes = previous.withUnsafeBytes { a in
                line.withUnsafeBytes { b in
                    let common = min(a.count, b.count)
                    let order = common == 0 ? 0 : memcmp(a.baseAddress!, b.baseAddress!, common)
                    return order < 0 || (order == 0 && a.count < b.count)
                }
            }
            guard precedes else { return false }
            block.append(0x0A)
        }
        block.append(contentsOf: line)
        if block.count >= 1 << 16 {
            hasher.update(data: block)
            block.removeAll(keepingCapacity: true)
        }
        swap(&previous, &line)
        lines += 1
        return true
    }

    /// The hex SHA-256 of the lines added.
    consuming func finish() -> String {
        hasher.update(data: block)
        return InputsHash.hex(Array(hasher.finalize()))
    }

    /// The SHA-256 of lines in any order: sorted as `String`s, then hashed.
    static func ofUnsorted(_ lines: [[UInt8]]) -> String {
        let sorted = lines.map { String(decoding: $0, as: UTF8.self) }.sorted()
        return InputsHash.sha256(Array(sorted.joined(separator: "\n").utf8))
    }

    /// A cell's line: level, code, year, year group, pupils, lower, upper and area, joined by
    /// U+001F; the numbers of pupils by their bits, a missing bound or area as nothing.
    static func appendLine(level: some Sequence<UInt8>, code: some Sequence<UInt8>, year: Int, yearGroup: some Sequence<UInt8>,
                           pupils: Double, lower: Double?, upper: Double?, area: some Sequence<UInt8>, into bytes: inout [UInt8]) {
        appendLineStart(level: level, code: code, year: year, into: &bytes)
        appendLineEnd(yearGroup: yearGroup, pupils: pupils, lower: lower, upper: upper, area: area, into: &bytes)
    }

    /// The start of a line, the same for every year group of a code and year: level, code
    /// and year, each followed by U+001F.
    static func appendLineStart(level: some Sequence<UInt8>, code: some Sequence<UInt8>, year: Int, into bytes: inout [UInt8]) {
        bytes.append(contentsOf: level); bytes.append(separator)
        bytes.append(contentsOf: code); bytes.append(separator)
        DecimalDigits.append(year, to: &bytes); bytes.append(separator)
    }

    /// The rest of a line: year group, pupils, lower, upper and area.
    static func appendLineEnd(yearGroup: some Sequence<UInt8>, pupils: Double, lower: Double?, upper: Double?,
                              area: some Sequence<UInt8>, into bytes: inout [UInt8]) {
        bytes.append(contentsOf: yearGroup); bytes.append(separator)
        DecimalDigits.append(pupils.bitPattern, to: &bytes); bytes.append(separator)
        if let lower { DecimalDigits.append(lower.bitPattern, to: &bytes) }
        bytes.append(separator)
        if let upper { DecimalDigits.append(upper.bitPattern, to: &bytes) }
        bytes.append(separator)
        bytes.append(contentsOf: area)
    }

    private static let separator: UInt8 = 0x1F
}
