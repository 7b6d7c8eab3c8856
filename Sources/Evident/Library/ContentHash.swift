/// A stable 64-bit FNV-1a hash of a document's content, used to tell an unchanged re-ingest
/// from an update without comparing every field in SQL.
struct ContentHasher {
    private var state: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ string: String?) {
        guard let string else { addByte(0xFE); return }
        for byte in string.utf8 { addByte(byte) }
        addByte(0xFF)
    }

    mutating func add(_ strings: [String]) {
        add(String(strings.count))
        for string in strings { add(string) }
    }

    mutating func add(_ number: Int?) { add(number.map(String.init)) }

    private mutating func addByte(_ byte: UInt8) {
        state ^= UInt64(byte)
        state = state &* 0x0000_0100_0000_01B3
    }

    var hex: String {
        let digits = String(state, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    static func hash(_ document: Document) -> String {
        var hasher = ContentHasher()
        hasher.add(document.id)
        hasher.add(document.tier.rawValue)
        hasher.add(document.kind.rawValue)
        hasher.add(document.title)
        hasher.add(document.authors)
        hasher.add(document.source)
        hasher.add(document.year)
        hasher.add(document.pmid)
        hasher.add(document.doi)
        hasher.add(document.pmcid)
        hasher.add(document.url)
        hasher.add(document.meshTerms)
        hasher.add(document.keywords)
        hasher.add(document.publicationTypes)
        hasher.add(document.version)
        hasher.add(document.revised)
        hasher.add(String(document.passages.count))
        for passage in document.passages {
            hasher.add(passage.label)
            hasher.add(passage.heading)
            hasher.add(passage.text)
        }
        // Added with schema v2; only hashed when set, so documents without them keep the hash
        // they had (re-ingesting an older library's sources changes nothing).
        if document.status != nil || document.released != nil || !document.citedPMIDs.isEmpty {
            hasher.add(document.status)
            hasher.add(document.released)
            hasher.add(document.citedPMIDs)
        }
        return hasher.hex
    }
}
