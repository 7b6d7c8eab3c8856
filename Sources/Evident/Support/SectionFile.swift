import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A binary file of named sections that opens in constant time: the file is memory-mapped and
/// sections are read in place (the compiled vocabulary, the aspect model).
///
/// Layout (little-endian): 8-byte magic, UInt32 section count, then per section a 16-byte name
/// (UTF-8, zero-padded), UInt64 offset and UInt64 length; section bytes follow, 8-byte aligned.
/// Files are written to a temporary name, flushed and renamed, so a reader never sees half a file.
struct SectionFileWriter {
    private var sections: [(name: String, bytes: [UInt8])] = []

    /// Adds a section (names are at most 16 bytes and unique).
    mutating func add(_ name: String, _ bytes: [UInt8]) {
        precondition(name.utf8.count <= 16 && !sections.contains { $0.name == name })
        sections.append((name, bytes))
    }

    /// Adds a section of 32-bit integers.
    mutating func add(_ name: String, _ values: [UInt32]) {
        add(name, values.withUnsafeBytes { Array($0) })
    }

    /// Adds a section of 64-bit integers.
    mutating func add(_ name: String, _ values: [UInt64]) {
        add(name, values.withUnsafeBytes { Array($0) })
    }

    /// Adds a section of 32-bit floats.
    mutating func add(_ name: String, _ values: [Float]) {
        add(name, values.withUnsafeBytes { Array($0) })
    }

    /// Writes the file atomically (temporary name, fsync, rename).
    func write(to path: String, magic: UInt64) throws {
        var out: [UInt8] = []
        func append<T: FixedWidthInteger>(_ value: T) { withUnsafeBytes(of: value.littleEndian) { out += $0 } }
        append(magic)
        append(UInt32(sections.count))
        let directorySize = 12 + sections.count * 32
        var offset = (directorySize + 7) & ~7
        var offsets: [Int] = []
        for section in sections {
            offsets.append(offset)
            offset = (offset + section.bytes.count + 7) & ~7
        }
        for (index, section) in sections.enumerated() {
            var name = Array(section.name.utf8)
            name += [UInt8](repeating: 0, count: 16 - name.count)
            out += name
            append(UInt64(offsets[index]))
            append(UInt64(section.bytes.count))
        }
        for (index, section) in sections.enumerated() {
            out += [UInt8](repeating: 0, count: offsets[index] - out.count)
            out += section.bytes
        }
        let temporary = path + ".tmp-\(getpid())"
        guard let handle = FileManager.default.createFile(atPath: temporary, contents: nil) ? FileHandle(forWritingAtPath: temporary) : nil else {
            throw EvidentError("\(temporary): cannot create file")
        }
        do {
            try handle.write(contentsOf: Data(out))
            try handle.synchronize()
            try handle.close()
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw EvidentError("\(temporary): cannot write: \(error)")
        }
        guard rename(temporary, path) == 0 else {
            try? FileManager.default.removeItem(atPath: temporary)
            throw EvidentError("\(path): cannot replace: \(String(cString: strerror(errno)))")
        }
        // Drop the written pages from the page cache: readers map the pages they touch, and
        // cached pages from the write come in large blocks that would count against them.
        let descriptor = open(path, O_RDONLY)
        if descriptor >= 0 {
            _ = posix_fadvise(descriptor, 0, 0, Int32(POSIX_FADV_DONTNEED))
            close(descriptor)
        }
    }
}

/// A memory-mapped ``SectionFileWriter`` file. Immutable, so any number of threads read it.
final class MappedSectionFile: @unchecked Sendable {
    let path: String
    /// Kept open for ``pread(at:into:)``.
    private let descriptor: Int32
    private let base: UnsafeRawPointer
    private let size: Int
    private let sections: [String: (offset: Int, length: Int)]

    /// Maps the file at `path`; throws when it is missing, short, or has another magic number.
    init(path: String, magic: UInt64) throws {
        self.path = path
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw EvidentError("\(path): cannot open: \(String(cString: strerror(errno)))") }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            close(descriptor)
            throw EvidentError("\(path): cannot stat: \(String(cString: strerror(errno)))")
        }
        size = Int(status.st_size)
        guard size >= 12, let mapped = mmap(nil, size, PROT_READ, MAP_SHARED, descriptor, 0), mapped != MAP_FAILED else {
            close(descriptor)
            throw EvidentError("\(path): not a readable Evident file")
        }
        self.descriptor = descriptor
        // Lookups jump around the file: read only the pages they touch, not the kernel's
        // read-ahead around them (which would fault in most of a 100 MB vocabulary).
        _ = madvise(mapped, size, Int32(MADV_RANDOM))
        base = UnsafeRawPointer(mapped)
        guard UInt64(littleEndian: base.loadUnaligned(as: UInt64.self)) == magic else {
            munmap(mapped, size)
            close(descriptor)
            throw EvidentError("\(path): written by another version of Evident (rebuild it)")
        }
        let count = Int(UInt32(littleEndian: base.loadUnaligned(fromByteOffset: 8, as: UInt32.self)))
        var sections: [String: (Int, Int)] = [:]
        var valid = 12 + count * 32 <= size
        for index in 0..<(valid ? count : 0) {
            let entry = 12 + index * 32
            let nameBytes = UnsafeRawBufferPointer(start: base + entry, count: 16).prefix { $0 != 0 }
            let offset = Int(UInt64(littleEndian: base.loadUnaligned(fromByteOffset: entry + 16, as: UInt64.self)))
            let length = Int(UInt64(littleEndian: base.loadUnaligned(fromByteOffset: entry + 24, as: UInt64.self)))
            guard offset >= 0, length >= 0, offset <= size, length <= size - offset else { valid = false; break }
            sections[String(decoding: nameBytes, as: UTF8.self)] = (offset, length)
        }
        guard valid else {
            munmap(mapped, size)
            close(descriptor)
            throw EvidentError("\(path): damaged (a section lies outside the file); rebuild it")
        }
        self.sections = sections
    }

    deinit {
        munmap(UnsafeMutableRawPointer(mutating: base), size)
        close(descriptor)
    }

    /// A section read in place (empty if absent).
    func mapped(_ name: String) -> MappedSection { MappedSection(bytes: bytes(name)) }

    /// A section read with `pread` (empty if absent): for large sections read at scattered places.
    func readable(_ name: String) -> FileSection {
        let section = sections[name] ?? (0, 0)
        return FileSection(file: self, offset: section.offset, byteCount: section.length)
    }

    /// Copies bytes at a file offset (any thread); false on a short read or an error.
    func pread(at offset: Int, into destination: UnsafeMutableRawBufferPointer) -> Bool {
        var done = 0
        while done < destination.count {
            let count = Glibc.pread(descriptor, destination.baseAddress! + done, destination.count - done, off_t(offset + done))
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return false }
            done += count
        }
        return true
    }

    /// The bytes of a section (empty if absent).
    func bytes(_ name: String) -> UnsafeRawBufferPointer {
        guard let section = sections[name] else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: base + section.offset, count: section.length)
    }

    /// A section of 32-bit integers (8-byte aligned in the file, so the cast is safe).
    func integers(_ name: String) -> UnsafeBufferPointer<UInt32> {
        let raw = bytes(name)
        return raw.isEmpty ? UnsafeBufferPointer(start: nil, count: 0) : raw.bindMemory(to: UInt32.self)
    }

    /// A section of 64-bit integers.
    func wideIntegers(_ name: String) -> UnsafeBufferPointer<UInt64> {
        let raw = bytes(name)
        return raw.isEmpty ? UnsafeBufferPointer(start: nil, count: 0) : raw.bindMemory(to: UInt64.self)
    }

    /// A section of 32-bit floats.
    func floats(_ name: String) -> UnsafeBufferPointer<Float> {
        let raw = bytes(name)
        return raw.isEmpty ? UnsafeBufferPointer(start: nil, count: 0) : raw.bindMemory(to: Float.self)
    }

    /// True when the file has this section.
    func has(_ name: String) -> Bool { sections[name] != nil }
}
