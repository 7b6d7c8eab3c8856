import Glibc

/// Cuts a stream of XML bytes into the top-level records of a record-oriented file
/// (`<PubmedArticle>`, `<DeleteCitation>` inside `<PubmedArticleSet>`), without parsing.
///
/// Each record is then parsed on its own, so a malformed record costs only itself: the
/// records before and after it are still read. A file that ends inside a record reports
/// that record as truncated.
struct XMLRecordSplitter {
    /// Names of the elements that are records.
    let recordNames: [[UInt8]]
    private var pending: [UInt8] = []
    private var scanFrom = 0
    private var openName: [UInt8]?
    private var recordStart = 0

    init(recordNames: [String]) {
        self.recordNames = recordNames.map { Array($0.utf8) }
    }

    /// A record's bytes and the name of its element.
    struct Record {
        var name: String
        var bytes: ArraySlice<UInt8>
    }

    /// Appends a chunk and returns the records it completes.
    mutating func append(_ chunk: ArraySlice<UInt8>) -> [Record] {
        pending.append(contentsOf: chunk)
        var records: [Record] = []
        while let record = nextRecord() { records.append(record) }
        compact()
        return records
    }

    /// True when the input ended inside a record.
    var endsInsideRecord: Bool { openName != nil }

    /// The name of the record element left open at the end of input.
    var openRecordName: String? { openName.map { String(decoding: $0, as: UTF8.self) } }

    /// The bytes of the unfinished record (for naming it in an error).
    var openRecordPrefix: ArraySlice<UInt8> { openName == nil ? [] : pending[recordStart...] }

    private mutating func nextRecord() -> Record? {
        while true {
            guard let lt = find(UInt8(ascii: "<"), from: scanFrom) else {
                scanFrom = pending.count
                return nil
            }
            if let name = openName {
                // Inside a record: look for "</name>".
                if !matches(closing: name, at: lt) {
                    if lt + name.count + 3 > pending.count { scanFrom = lt; return nil }
                    scanFrom = lt + 1
                    continue
                }
                let end = lt + name.count + 3
                let record = Record(name: String(decoding: name, as: UTF8.self), bytes: pending[recordStart..<end])
                openName = nil
                scanFrom = end
                return record
            }
            // Outside: look for "<name" followed by '>', '/' or whitespace.
            var needMore = false
            for name in recordNames {
                let after = lt + 1 + name.count
                if after >= pending.count { needMore = true; continue }
                if pending[(lt + 1)..<after].elementsEqual(name) && isNameEnd(pending[after]) {
                    openName = name
                    recordStart = lt
                    scanFrom = after
                    needMore = false
                    break
                }
            }
            if openName != nil { continue }
            if needMore { scanFrom = lt; return nil }
            scanFrom = lt + 1
        }
    }

    private func matches(closing name: [UInt8], at lt: Int) -> Bool {
        let end = lt + name.count + 3
        guard end <= pending.count else { return false }
        return pending[lt + 1] == UInt8(ascii: "/")
            && pending[(lt + 2)..<(lt + 2 + name.count)].elementsEqual(name)
            && pending[end - 1] == UInt8(ascii: ">")
    }

    private func isNameEnd(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/") || byte == 0x20 || byte == 0x09 || byte == 0x0a || byte == 0x0d
    }

    private func find(_ byte: UInt8, from start: Int) -> Int? {
        guard start < pending.count else { return nil }
        return pending.withUnsafeBytes { raw -> Int? in
            guard let hit = memchr(raw.baseAddress! + start, Int32(byte), raw.count - start) else { return nil }
            return raw.baseAddress!.distance(to: UnsafeRawPointer(hit))
        }
    }

    /// Drops consumed bytes so the buffer holds at most the current partial record.
    private mutating func compact() {
        let keepFrom = openName == nil ? scanFrom : recordStart
        guard keepFrom > 0 else { return }
        pending.removeSubrange(0..<keepFrom)
        scanFrom -= keepFrom
        if openName != nil { recordStart = 0 }
    }
}
