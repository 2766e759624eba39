import PlacePlanCore
import Testing
import TestSupport

@Suite("Decimal digits written as bytes")
struct DecimalDigitsTests {
    @Test("every number is written as String(n) writes it")
    func asStringWrites() {
        var random = SeededRandom(seed: 10)
        var unsigned: [UInt64] = [0, 1, 9, 10, 11, 99, 100, 101, 999, 1000, 12_345, UInt64.max, UInt64.max - 1, 1 << 63]
        unsigned += (0..<20).map { UInt64(1) << $0 * 3 }
        unsigned += (0..<2000).map { _ in UInt64.random(in: 0...UInt64.max, using: &random) >> UInt64.random(in: 0...63, using: &random) }
        for n in unsigned {
            var bytes: [UInt8] = [7]
            DecimalDigits.append(n, to: &bytes)
            #expect(bytes == [7] + Array(String(n).utf8), "\(n)")
        }
        for n in [0, -1, 7, -10, 2024, Int.min, Int.max, Int.min + 1] {
            var bytes: [UInt8] = []
            DecimalDigits.append(n, to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == String(n))
        }
    }
}
