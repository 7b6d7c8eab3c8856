import Foundation

/// Writes a segment file from sorted terms and their posting lists, atomically: the file is
/// written under a temporary name, flushed to disk, then renamed.
struct SegmentWriter {
    let schema: IndexSchema
    let fieldCount: Int
    let numericCount: Int
    var keys: [Int64] = []
    /// Field-major lengths: fieldLengths[f][doc].
    var fieldLengths: [[UInt32]]
    /// Column-major numerics: numbers[c][doc].
    var numbers: [[Int32]]

    init(schema: IndexSchema) {
        self.schema = schema
        fieldCount = schema.fields.count
        numericCount = schema.numericColumns.count
        fieldLengths = Array(repeating: [], count: fieldCount)
        numbers = Array(repeating: [], count: numericCount)
    }

    /// Appends one document's stored columns; returns its local id.
    mutating func addDocument(key: Int64, lengths: [UInt32], numbers values: [Int32]) -> UInt32 {
        keys.append(key)
        for field in 0..<fieldCount { fieldLengths[field].append(lengths[field]) }
        for column in 0..<numericCount { numbers[column].append(values[column]) }
        return UInt32(keys.count - 1)
    }

    /// Writes the segment to `path` given terms in byte order with their postings.
    func write(to path: String, terms: some Sequence<(term: [UInt8], postings: PostingList)>) throws {
        var dictionary = TermDictionary.Encoder()
        var termCount = 0
        var postings: [UInt8] = []
        var positions: [UInt8] = []
        let lengthSums = fieldLengths.map { $0.reduce(UInt64(0)) { $0 + UInt64($1) } }
        let lengthNormalization = FieldNormalization(
            schema: schema, averages: lengthSums.map { FieldNormalization.averageLength(sum: $0, documents: keys.count) }).table()
        let lengthCodes = fieldLengths.map { $0.map(LengthCode.encode) }

        for (term, list) in terms {
            termCount += 1
            let postingsStart = postings.count
            let positionsStart = positions.count
            let count = list.documents.count
            let blockCount = (count + SegmentFormat.blockSize - 1) / SegmentFormat.blockSize
            // A skip table only when there is more than one block; filled as blocks are written.
            let skipStart = postings.count
            if blockCount > 1 { postings.append(contentsOf: repeatElement(0, count: blockCount * SegmentFormat.skipEntrySize)) }
            var termBound = 0.0
            var positionCursor = 0
            var previous: UInt32 = 0
            var frequencies = [UInt16](repeating: 0, count: fieldCount)
            for block in 0..<blockCount {
                let blockDataOffset = UInt32(postings.count - postingsStart)
                let blockPositionsOffset = UInt32(positions.count - positionsStart)
                let start = block * SegmentFormat.blockSize
                let end = min(count, start + SegmentFormat.blockSize)
                previous = block == 0 ? 0 : list.documents[start - 1]
                var blockBound = 0.0
                for index in start..<end {
                    let document = list.documents[index]
                    VarInt.append(document - previous, to: &postings)
                    previous = document
                    var mask: UInt8 = 0
                    var normalized = 0.0
                    for field in 0..<fieldCount {
                        let frequency = list.frequencies[index * fieldCount + field]
                        frequencies[field] = frequency
                        if frequency > 0 {
                            mask |= 1 << UInt8(field)
                            normalized += Double(frequency) * lengthNormalization[field << 8 | Int(lengthCodes[field][Int(document)])]
                        }
                    }
                    blockBound = max(blockBound, normalized)
                    Self.appendFrequencies(frequencies, mask: mask, to: &postings)
                    // Positions are stored with their field base ((f << 24) + p) in memory;
                    // on disk each field's positions are deltas from the field's start.
                    for field in 0..<fieldCount where frequencies[field] > 0 {
                        var last: UInt32 = 0
                        for offset in 0..<Int(frequencies[field]) {
                            let position = list.positions[positionCursor + offset] & ((1 << SegmentFormat.fieldShift) - 1)
                            VarInt.append(position - last, to: &positions)
                            last = position
                        }
                        positionCursor += Int(frequencies[field])
                    }
                }
                if blockCount > 1 {
                    let skip = skipStart + block * SegmentFormat.skipEntrySize
                    Self.store(list.documents[end - 1], into: &postings, at: skip)
                    Self.store(blockDataOffset, into: &postings, at: skip + 4)
                    Self.store(blockPositionsOffset, into: &postings, at: skip + 8)
                    Self.store(Float(roundingUp: blockBound).bitPattern, into: &postings, at: skip + 12)
                }
                termBound = max(termBound, blockBound)
            }
            guard postings.count <= Int(UInt32.max), positions.count <= Int(UInt32.max) else {
                throw IndexError.io(path: path, reason: "segment too large (postings over 4 GB): lower the segment capacity")
            }
            dictionary.append(term, TermInfo(docFrequency: UInt32(count), postingsOffset: UInt32(postingsStart),
                                              positionsOffset: UInt32(positionsStart), maxNormalizedFrequency: Float(roundingUp: termBound)))
        }

        var file: [UInt8] = []
        file.reserveCapacity(SegmentFormat.headerSize + keys.count * 8 + postings.count + positions.count + dictionary.data.count + 1024)
        file.append(contentsOf: repeatElement(0, count: SegmentFormat.headerSize))
        var sectionOffsets: [UInt64] = []
        func section(_ body: (inout [UInt8]) -> Void) {
            while file.count % 8 != 0 { file.append(0) }
            sectionOffsets.append(UInt64(file.count))
            body(&file)
        }
        section { out in for key in keys { Self.append(key, to: &out) } }
        section { out in for field in 0..<fieldCount { for length in fieldLengths[field] { Self.append(length, to: &out) } } }
        section { out in for column in 0..<numericCount { for value in numbers[column] { Self.append(value, to: &out) } } }
        section { out in for offset in dictionary.blockOffsets { Self.append(offset, to: &out) } }
        section { out in out.append(contentsOf: dictionary.data) }
        section { out in for codes in lengthCodes { out.append(contentsOf: codes) } }
        section { out in out.append(contentsOf: postings) }
        section { out in out.append(contentsOf: positions) }

        Self.store(SegmentFormat.magic, into: &file, at: SegmentFormat.Header.magic)
        Self.store(UInt32(keys.count), into: &file, at: SegmentFormat.Header.docCount)
        Self.store(UInt32(fieldCount), into: &file, at: SegmentFormat.Header.fieldCount)
        Self.store(UInt32(termCount), into: &file, at: SegmentFormat.Header.termCount)
        Self.store(UInt32(numericCount), into: &file, at: SegmentFormat.Header.numericCount)
        for field in 0..<fieldCount {
            Self.store(lengthSums[field], into: &file, at: SegmentFormat.Header.fieldLengthSums + field * 8)
        }
        for (index, offset) in sectionOffsets.enumerated() {
            Self.store(offset, into: &file, at: SegmentFormat.Header.sections + index * 8)
        }
        try DurableFile.write(file, to: path)
    }

    /// The header byte and frequencies of one posting (see ``SegmentFormat``).
    static func appendFrequencies(_ frequencies: [UInt16], mask: UInt8, to bytes: inout [UInt8]) {
        guard mask != 0 else { bytes.append(0); return }
        let first = mask.trailingZeroBitCount
        let inline = frequencies[first] < 16 ? UInt8(frequencies[first]) : 0
        bytes.append(mask | inline << 4)
        if inline == 0 { VarInt.append(UInt32(frequencies[first]), to: &bytes) }
        for field in (first + 1)..<max(first + 1, frequencies.count) where frequencies[field] > 0 {
            VarInt.append(UInt32(frequencies[field]), to: &bytes)
        }
    }

    static func store<T: FixedWidthInteger>(_ value: T, into bytes: inout [UInt8], at offset: Int) {
        withUnsafeBytes(of: value.littleEndian) { raw in
            for (index, byte) in raw.enumerated() { bytes[offset + index] = byte }
        }
    }

    static func append<T: FixedWidthInteger>(_ value: T, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }
}

/// Writes files so that a crash leaves either the old file or the complete new one.
enum DurableFile {
    /// Writes `bytes` to `path.tmp`, flushes it to disk, renames it to `path`, flushes the directory.
    static func write(_ bytes: [UInt8], to path: String) throws {
        let temporary = path + ".tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw IndexError.io(path: temporary, reason: String(cString: strerror(errno))) }
        var written = 0
        let failure: String? = bytes.withUnsafeBytes { raw in
            while written < raw.count {
                let result = Glibc.write(descriptor, raw.baseAddress! + written, raw.count - written)
                if result < 0 { return String(cString: strerror(errno)) }
                written += result
            }
            return fsync(descriptor) == 0 ? nil : String(cString: strerror(errno))
        }
        close(descriptor)
        if let failure { throw IndexError.io(path: temporary, reason: failure) }
        guard rename(temporary, path) == 0 else { throw IndexError.io(path: path, reason: String(cString: strerror(errno))) }
        syncDirectory(of: path)
    }

    /// Flushes a directory entry change (a rename) to disk.
    static func syncDirectory(of path: String) {
        let directory = (path as NSString).deletingLastPathComponent
        let descriptor = open(directory.isEmpty ? "." : directory, O_RDONLY)
        if descriptor >= 0 {
            fsync(descriptor)
            close(descriptor)
        }
    }
}

/// Errors from the index.
public enum IndexError: Error, CustomStringConvertible {
    case io(path: String, reason: String)
    case corrupt(path: String, reason: String)

    public var description: String {
        switch self {
        case .io(let path, let reason): "\(path): \(reason)"
        case .corrupt(let path, let reason): "\(path): unusable index file (\(reason))"
        }
    }
}
