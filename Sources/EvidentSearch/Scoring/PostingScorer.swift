/// One snapshot's BM25F tables in memory that stays put, so scoring loops read them through raw
/// pointers: the length normalisation per field and length code, and the saturation of
/// single-field postings (see ``FieldNormalization/saturationTable(normalization:fieldCount:k1:)``).
final class ScoringTables: @unchecked Sendable {  // immutable after init
    let fieldCount: Int
    let k1: Double
    let normalization: UnsafeMutablePointer<Double>
    let saturation: UnsafeMutablePointer<Double>

    /// Tables for `schema` with the given average field lengths.
    init(schema: IndexSchema, averages: [Double]) {
        fieldCount = schema.fields.count
        k1 = schema.k1
        let normalizationTable = FieldNormalization(schema: schema, averages: averages).table()
        let saturationTable = FieldNormalization.saturationTable(normalization: normalizationTable, fieldCount: fieldCount, k1: k1)
        normalization = .allocate(capacity: normalizationTable.count)
        normalization.initialize(from: normalizationTable, count: normalizationTable.count)
        saturation = .allocate(capacity: saturationTable.count)
        saturation.initialize(from: saturationTable, count: saturationTable.count)
    }

    deinit {
        normalization.deallocate()
        saturation.deallocate()
    }
}

/// BM25F saturation of one segment's postings: the snapshot's tables and the segment's length
/// codes, as raw pointers (valid while the query holds the snapshot).
struct PostingScorer {
    private let normalization: UnsafePointer<Double>
    private let saturationTable: UnsafePointer<Double>
    private let lengthCodes: UnsafePointer<UInt8>
    private let documentCount: Int
    private let fieldCount: Int
    private let k1: Double

    init(tables: ScoringTables, segment: Segment) {
        normalization = UnsafePointer(tables.normalization)
        saturationTable = UnsafePointer(tables.saturation)
        lengthCodes = segment.lengthCodes
        documentCount = segment.documentCount
        fieldCount = tables.fieldCount
        k1 = tables.k1
    }

    /// The saturation F / (k1 + F) of a posting whose header byte is `header`, from the table
    /// when the term is in one field 1 to ``FieldNormalization/saturatedFrequencies`` times
    /// (nil otherwise: call ``saturation(_:document:)`` with its frequencies).
    @inline(__always)
    func tabulated(header: UInt8, document: Int) -> Double? {
        let fields = Int(header & 0x0F)
        let inline = Int(header >> 4)
        guard fields & (fields &- 1) == 0, inline > 0, inline <= FieldNormalization.saturatedFrequencies else { return nil }
        let field = fields.trailingZeroBitCount
        return saturationTable[(field << 2 | inline) << 8 | Int(lengthCodes[field &* documentCount &+ document])]
    }

    /// The saturation of a posting with per-field frequencies `frequencies` (the general path;
    /// a tabulated entry equals it to the bit).
    @inline(__always)
    func saturation(_ frequencies: (UInt16, UInt16, UInt16, UInt16), document: Int) -> Double {
        var normalized = 0.0
        for field in 0..<fieldCount {
            let tf: UInt16
            switch field { case 0: tf = frequencies.0; case 1: tf = frequencies.1; case 2: tf = frequencies.2; default: tf = frequencies.3 }
            guard tf > 0 else { continue }
            normalized += Double(tf) * normalization[field << 8 | Int(lengthCodes[field &* documentCount &+ document])]
        }
        return FieldNormalization.saturation(normalized, k1: k1)
    }

    /// The saturation of the posting `cursor` is on.
    @inline(__always)
    func saturation(_ cursor: PostingCursor) -> Double {
        let document = Int(cursor.document)
        return tabulated(header: cursor.header, document: document) ?? saturation(cursor.frequencies, document: document)
    }
}
