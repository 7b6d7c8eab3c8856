/// Turns a table's rows into lines: "first cell: other cells joined by '; '" (a space after a
/// cell that ends with a full stop).
///
/// Header rows (`<thead>`, all `<th>`, or a first row all in bold) are not lines of their own
/// when they label columns: with three or more columns their labels prefix the other cells
/// ("CT abdomen with contrast: Rating: 9; Comments: …"); with two, the first cell already
/// names the row. A header row of another width (a title spanning the table) is a line. Each
/// footer cell is a line.
enum HTMLTableRows {
    /// One row as read.
    struct Row {
        var cells: [String]
        /// In `<thead>`, or made only of `<th>` cells.
        var header: Bool
        /// In `<tfoot>`.
        var footer: Bool
        /// Every non-empty cell is bold.
        var bold: Bool
    }

    /// The table's lines.
    static func lines(_ rows: [Row]) -> [String] {
        var rows = rows.filter { $0.cells.contains { !$0.isEmpty } }
        guard !rows.isEmpty else { return [] }
        let body = rows.filter { !$0.header && !$0.footer }
        let columns = mostCommonWidth(body.isEmpty ? rows : body)
        if !rows[0].header, rows.count > 1, rows[0].bold, rows[0].cells.filter({ !$0.isEmpty }).count >= 2 {
            rows[0].header = true
        }
        var labels: [String]?
        var lines: [String] = []
        var leading = true
        for row in rows {
            if row.footer {
                lines += row.cells.filter { !$0.isEmpty }
                continue
            }
            if row.header && leading && row.cells.count == columns {
                labels = columns >= 3 ? row.cells : nil
                continue
            }
            leading = false
            if let labels, row.cells.count == labels.count, !row.header {
                lines.append(line(row.cells, labels: labels))
            } else {
                lines.append(line(row.cells, labels: nil))
            }
        }
        return lines.filter { !$0.isEmpty }
    }

    /// One row: the first non-empty cell, a colon, the others (labelled when labels are given).
    static func line(_ cells: [String], labels: [String]?) -> String {
        var rest: [String] = []
        for (index, cell) in cells.enumerated().dropFirst() where !cell.isEmpty {
            if let label = labels?[index], !label.isEmpty, label != cell {
                rest.append(label.hasSuffix(":") ? "\(label) \(cell)" : "\(label): \(cell)")
            } else {
                rest.append(cell)
            }
        }
        guard let first = cells.first, !first.isEmpty else { return joined(rest) }
        guard !rest.isEmpty else { return first }
        return (first.hasSuffix(":") ? "\(first) " : "\(first): ") + joined(rest)
    }

    /// Cells joined by "; ", or by a space after a cell that already ends a sentence.
    private static func joined(_ cells: [String]) -> String {
        var out = ""
        for cell in cells {
            if let last = out.last { out += ".;!?".contains(last) ? " " : "; " }
            out += cell
        }
        return out
    }

    private static func mostCommonWidth(_ rows: [Row]) -> Int {
        var counts: [Int: Int] = [:]
        for row in rows { counts[row.cells.count, default: 0] += 1 }
        return counts.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key ?? 0
    }
}
