import Foundation
import Testing
@testable import Evident

/// The hand-written list-column codec equals JSON's: what it writes, `JSONDecoder` reads, and it
/// reads back what either wrote.
@Suite struct JSONStringArrayTests {
    static let cases: [[String]] = [
        [], [""], ["Smith J", "O'Brien K"], ["quote \" and backslash \\ and slash /"], ["tab\\there", "line\nbreak\r", "\u{01}\u{1F}"],
        ["Müller-Lüdenscheidt", "日本語", "emoji 🧪 and 𝔘"], ["Receptor, Angiotensin, Type 1", "Humans"],
    ]

    @Test(arguments: cases)
    func roundTripsLikeJSON(values: [String]) throws {
        let encoded = JSONStringArray.encode(values)
        #expect(JSONStringArray.decode(encoded) == values)
        #expect(try JSONDecoder().decode([String].self, from: Data(encoded.utf8)) == values)
        let byFoundation = String(decoding: try JSONEncoder().encode(values), as: UTF8.self)
        #expect(JSONStringArray.decode(byFoundation) == values)
    }

    @Test func readsEscapesAndSpacesAndRejectsWhatIsNotAnArray() {
        #expect(JSONStringArray.decode(#" [ "a\u00e9" , "\ud83e\uddea\/" ] "#) == ["aé", "🧪/"])
        #expect(JSONStringArray.decode("not json") == [])
        #expect(JSONStringArray.decode(#"["unterminated"#) == [])
        #expect(JSONStringArray.decode(nil) == [])
    }
}
