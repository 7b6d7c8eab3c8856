import Foundation

/// FNV-1a over bytes: the hash of the compiled tables (stable across runs and machines).
@inline(__always)
func fnv1a(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
    return hash
}

/// The FNV-1a hash of a string's UTF-8 bytes.
func fnv1a(_ text: String) -> UInt64 {
    var text = text
    return text.withUTF8 { fnv1a(UnsafeRawBufferPointer($0)) }
}

/// Builds a table from byte-string keys to lists of 32-bit values, written as four sections of a
/// ``SectionFileWriter`` file and read in place by ``MappedHashTable`` (open addressing, linear
/// probing, load factor at most 1/2).
struct HashTableBuilder {
    private var keys: [[UInt8]] = []
    private var values: [[UInt32]] = []
    private var positions: [[UInt8]: Int] = [:]

    /// Appends `value` to the list of `key`.
    mutating func append(_ key: String, _ value: [UInt32]) {
        let bytes = Array(key.utf8)
        if let index = positions[bytes] {
            values[index] += value
        } else {
            positions[bytes] = keys.count
            keys.append(bytes)
            values.append(value)
        }
    }

    /// Adds `key` with no values (a set member) if it is not there yet.
    mutating func insert(_ key: String) {
        let bytes = Array(key.utf8)
        guard positions[bytes] == nil else { return }
        positions[bytes] = keys.count
        keys.append(bytes)
        values.append([])
    }

    /// The keys, in insertion order.
    var allKeys: [String] { keys.map { String(decoding: $0, as: UTF8.self) } }

    /// The values of `key` so far.
    func values(of key: String) -> [UInt32]? { positions[Array(key.utf8)].map { values[$0] } }

    /// Replaces the values of every key (to sort or trim them before writing).
    mutating func transformValues(_ transform: ([UInt32]) -> [UInt32]) {
        values = values.map(transform)
    }

    var count: Int { keys.count }

    /// Adds the table's sections, named `<prefix>.keys`, `.entries`, `.slots`, `.values`.
    func write(into file: inout SectionFileWriter, prefix: String) {
        var slotCount = 16
        while slotCount < keys.count * 2 { slotCount <<= 1 }
        // Each slot holds the entry number and 32 bits of the key's hash, so a lookup that misses
        // (most do) reads only the slot array, never the entries or the key bytes.
        var slots = [UInt32](repeating: 0, count: slotCount * 2)
        var keyBytes: [UInt8] = []
        var entries: [UInt32] = []
        var flat: [UInt32] = []
        for (index, key) in keys.enumerated() {
            entries += [UInt32(keyBytes.count), UInt32(key.count), UInt32(flat.count), UInt32(values[index].count)]
            keyBytes += key
            flat += values[index]
            let hash = key.withUnsafeBytes { fnv1a($0) }
            var slot = Int(hash & UInt64(slotCount - 1))
            while slots[slot * 2] != 0 { slot = (slot + 1) & (slotCount - 1) }
            slots[slot * 2] = UInt32(index + 1)
            slots[slot * 2 + 1] = UInt32(truncatingIfNeeded: hash >> 32)
        }
        file.add(prefix + ".k", keyBytes)
        file.add(prefix + ".e", entries)
        file.add(prefix + ".s", slots)
        file.add(prefix + ".v", flat)
    }
}

/// A read-only view of a ``HashTableBuilder`` table, over sections read in place
/// (``MappedHashTable``) or by `pread` (``FileHashTable``).
struct HashTableView<Bytes: SectionBytes>: Sendable {
    private let keys: Bytes
    private let entries: Bytes
    private let slots: Bytes
    private let values: Bytes

    /// A table over its four sections.
    init(keys: Bytes, entries: Bytes, slots: Bytes, values: Bytes) {
        self.keys = keys
        self.entries = entries
        self.slots = slots
        self.values = values
    }

    /// Number of keys.
    var count: Int { entries.byteCount / 16 }

    /// True when the table has `key` (with or without values).
    func contains(_ key: String) -> Bool {
        var key = key
        return key.withUTF8 { find(UnsafeRawBufferPointer($0)) != nil }
    }

    /// The values of `key`, or none.
    func lookup(_ key: String) -> [UInt32] {
        var key = key
        return key.withUTF8 { lookup(UnsafeRawBufferPointer($0)) }
    }

    /// The values of the key with these bytes, or none.
    func lookup(_ key: UnsafeRawBufferPointer) -> [UInt32] {
        guard let entry = find(key) else { return [] }
        return values.uint32s(Int(entry.valueStart), count: Int(entry.valueCount))
    }

    /// The entry of the key with these bytes, or nil.
    private func find(_ key: UnsafeRawBufferPointer) -> (valueStart: UInt32, valueCount: UInt32)? {
        let slotCount = slots.byteCount / 8
        guard slotCount > 0 else { return nil }
        let mask = slotCount - 1
        let hash = fnv1a(key)
        let check = UInt32(truncatingIfNeeded: hash >> 32)
        var slot = Int(hash & UInt64(mask))
        var probed = 0
        // Slots are read a run at a time: one read finds the key, or the empty slot that ends
        // its probe, in nearly every lookup.
        return withUnsafeTemporaryAllocation(of: UInt32.self, capacity: Self.run * 2) { run in
            while probed < slotCount {
                let length = min(Self.run, slotCount - slot)
                guard slots.read(at: slot * 8, into: UnsafeMutableRawBufferPointer(start: run.baseAddress, count: length * 8)) else { return nil }
                for index in 0..<length {
                    let entry = Int(UInt32(littleEndian: run[index * 2]))
                    if entry == 0 { return nil }
                    guard UInt32(littleEndian: run[index * 2 + 1]) == check else { continue }
                    let fields = entries.uint32s((entry - 1) * 4, count: 4)
                    if fields.count == 4, Int(fields[1]) == key.count, keys.matches(at: Int(fields[0]), key) {
                        return (fields[2], fields[3])
                    }
                }
                probed += length
                slot = (slot + length) & mask
            }
            return nil
        }
    }

    /// Slots read at once.
    private static var run: Int { 8 }
}

/// A table read in place from a mapped file (small tables read densely: the aspect model's).
typealias MappedHashTable = HashTableView<MappedSection>

/// A table read with `pread` (large tables read at scattered places: the vocabulary's).
typealias FileHashTable = HashTableView<FileSection>

extension HashTableView where Bytes == MappedSection {
    /// The table named `prefix` in `file`, read in place.
    init(_ file: MappedSectionFile, prefix: String) {
        self.init(keys: file.mapped(prefix + ".k"), entries: file.mapped(prefix + ".e"), slots: file.mapped(prefix + ".s"), values: file.mapped(prefix + ".v"))
    }
}

extension HashTableView where Bytes == FileSection {
    /// The table named `prefix` in `file`, read with `pread`.
    init(_ file: MappedSectionFile, prefix: String) {
        self.init(keys: file.readable(prefix + ".k"), entries: file.readable(prefix + ".e"), slots: file.readable(prefix + ".s"), values: file.readable(prefix + ".v"))
    }
}

/// A Bloom filter over byte-string keys, written as a section of 64-bit words: a lookup that
/// the filter rules out reads a few cache lines of a small array instead of a large table.
struct BloomFilter {
    /// Bits per key (about 1% false positives with ``hashes``).
    static let bitsPerKey = 10
    /// Bit positions per key.
    static let hashes = 6

    /// The filter's words for `keys`.
    static func build(_ keys: [String]) -> [UInt64] {
        var bitCount = max(64, keys.count * bitsPerKey)
        bitCount = (bitCount + 63) & ~63
        var words = [UInt64](repeating: 0, count: bitCount / 64)
        for key in keys {
            for bit in positions(fnv1a(key), bitCount: bitCount) { words[bit >> 6] |= 1 << UInt64(bit & 63) }
        }
        return words
    }

    /// True when `hash` may be in the filter `words` (always true for an empty filter).
    static func mayContain(_ hash: UInt64, in words: UnsafeBufferPointer<UInt64>) -> Bool {
        guard !words.isEmpty else { return true }
        let bitCount = words.count * 64
        for bit in positions(hash, bitCount: bitCount) where words[bit >> 6] & (1 << UInt64(bit & 63)) == 0 { return false }
        return true
    }

    private static func positions(_ hash: UInt64, bitCount: Int) -> [Int] {
        let first = hash & 0xFFFF_FFFF, second = (hash >> 32) | 1
        return (0..<UInt64(hashes)).map { Int((first &+ $0 &* second) % UInt64(bitCount)) }
    }
}
