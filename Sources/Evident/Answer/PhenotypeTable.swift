/// The signs-and-symptoms table of a rare-disease page (GARD), which reaches the library
/// flattened into one line: "Signs and Symptoms Approximate number of patients (when
/// available) Postaxial hand polydactyly 90% Split hand 90% … Autosomal recessive
/// inheritance - Split foot - The Human Phenotype Ontology (HPO) has collected …".
///
/// Each row ends with its frequency ("90%", "7.5%", "5/25") or a dash when none is known, so
/// the rows can be cut back out as list items, each an exact piece of the line.
enum PhenotypeTable {
    /// The header the flattened table starts with.
    static let header = "Signs and Symptoms Approximate number of patients (when available)"
    /// The table's title, the start of its header.
    static let title = "Signs and Symptoms"
    /// The explanation that follows the table.
    static let trailer = "The Human Phenotype Ontology (HPO)"
    /// Rows shown at most (the most frequent come first in the source).
    static let maximumRows = 15

    /// The table in `line`: its rows (row text with its frequency) and where it starts and ends;
    /// nil when the line holds no such table or it has fewer than two rows.
    static func parse(_ line: Substring) -> (rows: [Substring], range: Range<Substring.Index>)? {
        guard let offset = line.firstByteOffset(of: header) else { return nil }
        let tableStart = line.utf8.index(line.startIndex, offsetBy: offset)
        let bodyStart = line.utf8.index(tableStart, offsetBy: header.utf8.count)
        var bodyEnd = line.endIndex
        if let trailerOffset = line[bodyStart...].firstByteOffset(of: trailer) {
            bodyEnd = line.utf8.index(bodyStart, offsetBy: trailerOffset)
        }
        var rows: [Substring] = []
        var rowStart: Substring.Index?
        var index = bodyStart
        let body = line[bodyStart..<bodyEnd]
        // Walk the words; a frequency or a lone dash closes the row.
        while index < body.endIndex {
            guard body[index] != " " else { index = body.index(after: index); continue }
            let wordEnd = body[index...].firstIndex(of: " ") ?? body.endIndex
            let word = body[index..<wordEnd]
            if word == "-" {
                if let start = rowStart { rows.append(body[start..<index].trimmingWhitespace) }
                rowStart = nil
            } else if isFrequency(word) {
                if let start = rowStart { rows.append(body[start..<wordEnd]) }
                rowStart = nil
            } else if rowStart == nil {
                rowStart = index
            }
            index = wordEnd
        }
        rows = rows.filter { !$0.isEmpty }
        guard rows.count >= 2 else { return nil }
        return (Array(rows.prefix(maximumRows)), tableStart..<bodyEnd)
    }

    /// "90%", "7.5%", "5/25".
    static func isFrequency(_ word: Substring) -> Bool {
        if word.hasSuffix("%") {
            let number = word.dropLast()
            return !number.isEmpty && number.allSatisfy { $0.isNumber || $0 == "." }
        }
        let parts = word.split(separator: "/", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) }
    }
}
