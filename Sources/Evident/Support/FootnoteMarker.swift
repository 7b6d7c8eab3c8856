import Foundation

/// A footnote marker set in superscript right after a word ("metformin<sup>3</sup>",
/// "glibenclamide<sup>a</sup>"): dropped from the text, since glued to the word it hides the
/// word ("metformin3" is no drug name) and the footnote it points to is not quoted with the line.
/// Exponents are kept: after a digit ("10<sup>9</sup>/L"), after a unit of one or two letters
/// ("1.73 m<sup>2</sup>", "cells/mm<sup>3</sup>"), or with a sign ("24<sup>+0</sup> weeks").
enum FootnoteMarker {
    /// Letters a word must end with before a marker: unit symbols are shorter.
    static let wordLetters = 3

    /// Whether `superscript` is a footnote marker when it follows `preceding` with no space.
    static func isMarker(_ superscript: String, after preceding: Substring) -> Bool {
        let marks = superscript.trimmingCharacters(in: .whitespaces).split(separator: ",", omittingEmptySubsequences: false)
        guard !marks.isEmpty, marks.allSatisfy(isMark) else { return false }
        var before = preceding.reversed().makeIterator()
        guard var last = before.next() else { return false }
        if ".,;:)".contains(last) {
            // "… 2014).³": a marker after punctuation that closes words.
            guard let previous = before.next() else { return false }
            return previous.isLetter || previous.isNumber || previous == ")"
        }
        var letters = 0
        while last.isLetter {
            letters += 1
            guard let next = before.next() else { break }
            last = next
        }
        return letters >= wordLetters
    }

    /// One or two digits, or one lower-case letter.
    private static func isMark(_ mark: Substring) -> Bool {
        let mark = mark.trimmingCharacters(in: .whitespaces)
        if mark.count == 1, let letter = mark.first, letter.isLowercase, letter.isASCII { return true }
        return (1...2).contains(mark.count) && mark.allSatisfy { $0.isASCII && $0.isNumber }
    }
}
