import Testing
@testable import EvidentSearch

@Suite("Length codes")
struct LengthCodeTests {
    @Test("short lengths are exact; longer ones round down by less than 12.5%; codes are stable")
    func roundTrip() {
        for length in UInt32(0)..<40 { #expect(LengthCode.decode(LengthCode.encode(length)) == length) }
        var previous: UInt8 = 0
        for length in UInt32(1)..<300_000 {
            let code = LengthCode.encode(length)
            let decoded = LengthCode.decode(code)
            #expect(decoded <= length)
            #expect(Double(length - decoded) / Double(length) < 0.125)
            #expect(LengthCode.encode(decoded) == code)  // re-encoding a decoded length changes nothing
            #expect(code >= previous)  // monotonic: longer fields never get smaller codes
            previous = code
        }
    }
}
