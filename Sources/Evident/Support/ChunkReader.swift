import CZlib
import Foundation

/// Reads a file in chunks, decompressing gzip transparently (plain files pass through).
///
/// zlib's `gzread` handles both, and reports a truncated or corrupt gzip stream as an error
/// rather than silently returning a short file.
public final class ChunkReader {
    /// The path being read.
    public let path: String
    private let handle: gzFile
    private var buffer: [UInt8]
    /// Compressed bytes consumed so far (for progress reporting).
    public private(set) var compressedOffset: Int64 = 0

    /// Opens `path`; throws an ``ImportIssue`` if it does not exist or cannot be opened.
    public init(path: String, chunkSize: Int = 1 << 20) throws {
        self.path = path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ImportIssue(file: path, message: "no such file")
        }
        guard !isDirectory.boolValue else { throw ImportIssue(file: path, message: "is a directory") }
        guard let handle = gzopen(path, "rb") else {
            throw ImportIssue(file: path, message: "cannot open: \(String(cString: strerror(errno)))")
        }
        // Small files (most NIH pages are a few KB) get small buffers: zeroing a 1 MB chunk per
        // file cost more than parsing it.
        var status = stat()
        let fileSize = stat(path, &status) == 0 ? Int(status.st_size) : chunkSize
        gzbuffer(handle, UInt32(min(1 << 17, max(1 << 13, fileSize))))
        self.handle = handle
        self.buffer = [UInt8](repeating: 0, count: min(chunkSize, max(1 << 16, fileSize + 1)))
    }

    deinit { gzclose_r(handle) }

    /// Returns the next chunk of decompressed bytes, or nil at the end of the file.
    public func next() throws -> ArraySlice<UInt8>? {
        let count = buffer.withUnsafeMutableBytes { raw in
            gzread(handle, raw.baseAddress, UInt32(raw.count))
        }
        compressedOffset = Int64(gzoffset(handle))
        if count < 0 {
            var code: Int32 = 0
            let message = String(cString: gzerror(handle, &code))
            throw ImportIssue(file: path, message: "unreadable compressed data (\(message))")
        }
        if count == 0 {
            var code: Int32 = 0
            _ = gzerror(handle, &code)
            if code == Z_BUF_ERROR {
                throw ImportIssue(file: path, message: "truncated gzip stream: the file ends before the compressed data does")
            }
            if code != Z_OK {
                throw ImportIssue(file: path, message: "unreadable compressed data (zlib error \(code))")
            }
            return nil
        }
        return buffer[0..<Int(count)]
    }

    /// Reads the whole (decompressed) file; for small files only.
    public func readAll() throws -> [UInt8] {
        var all: [UInt8] = []
        while let chunk = try next() { all.append(contentsOf: chunk) }
        return all
    }

    /// True if the file starts with the gzip magic number.
    public static func isGzip(path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let magic = (try? handle.read(upToCount: 2)) ?? Data()
        return magic.count == 2 && magic[magic.startIndex] == 0x1f && magic[magic.startIndex + 1] == 0x8b
    }
}
