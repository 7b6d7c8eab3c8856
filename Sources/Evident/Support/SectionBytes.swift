import Foundation

/// Read access to one section of a ``SectionFileWriter`` file: in place in the mapped file
/// (``MappedSection``) or by `pread` (``FileSection``). Integers are little-endian.
protocol SectionBytes: Sendable {
    /// The section's length in bytes.
    var byteCount: Int { get }
    /// Copies `destination.count` bytes from `offset`; false when they lie outside the section.
    func read(at offset: Int, into destination: UnsafeMutableRawBufferPointer) -> Bool
}

extension SectionBytes {
    /// The 32-bit integer at `index` (0 outside the section).
    func uint32(_ index: Int) -> UInt32 {
        var value: UInt32 = 0
        let inside = withUnsafeMutableBytes(of: &value) { read(at: index * 4, into: $0) }
        return inside ? UInt32(littleEndian: value) : 0
    }

    /// `count` 32-bit integers from `index` (empty when they lie outside the section).
    func uint32s(_ index: Int, count: Int) -> [UInt32] {
        guard count > 0 else { return [] }
        var values = [UInt32](repeating: 0, count: count)
        let inside = values.withUnsafeMutableBytes { read(at: index * 4, into: $0) }
        return inside ? values.map { UInt32(littleEndian: $0) } : []
    }

    /// The UTF-8 text of `length` bytes at `offset` ("" outside the section).
    func string(at offset: Int, length: Int) -> String {
        guard length > 0 else { return "" }
        return withUnsafeTemporaryAllocation(byteCount: length, alignment: 1) { buffer in
            read(at: offset, into: buffer) ? String(decoding: UnsafeRawBufferPointer(buffer), as: UTF8.self) : ""
        }
    }

    /// True when the `key.count` bytes at `offset` are the key's.
    func matches(at offset: Int, _ key: UnsafeRawBufferPointer) -> Bool {
        guard key.count > 0 else { return offset >= 0 && offset <= byteCount }
        return withUnsafeTemporaryAllocation(byteCount: key.count, alignment: 1) { buffer in
            read(at: offset, into: buffer) && memcmp(buffer.baseAddress!, key.baseAddress!, key.count) == 0
        }
    }
}

/// A section read in place from a memory-mapped file (small sections read densely).
struct MappedSection: SectionBytes, @unchecked Sendable {
    let bytes: UnsafeRawBufferPointer

    var byteCount: Int { bytes.count }

    func read(at offset: Int, into destination: UnsafeMutableRawBufferPointer) -> Bool {
        guard offset >= 0, destination.count <= bytes.count - offset else { return false }
        if destination.count > 0 { destination.baseAddress!.copyMemory(from: bytes.baseAddress! + offset, byteCount: destination.count) }
        return true
    }
}

/// A section read with `pread`, for large tables read at scattered places (the vocabulary's
/// hash tables and concept records). A page fault on a mapped file maps the 64 KB around the
/// page when it is cached (the kernel's fault-around, which `MADV_RANDOM` does not turn off), so
/// a few hundred scattered lookups in a mapped 100 MB vocabulary cost a process 20 MB of
/// resident memory; a read copies only the bytes asked for, for about a microsecond.
struct FileSection: SectionBytes {
    let file: MappedSectionFile
    let offset: Int
    let byteCount: Int

    func read(at offset: Int, into destination: UnsafeMutableRawBufferPointer) -> Bool {
        guard offset >= 0, destination.count <= byteCount - offset else { return false }
        return file.pread(at: self.offset + offset, into: destination)
    }
}
