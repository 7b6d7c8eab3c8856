import Foundation
import Testing
@testable import Evident

@Suite("Compiled tables: read in place or by pread, the same answers")
struct CompiledTableTests {
    /// Writes a table of `count` keys (key i → [i, i * 7]) plus one key with no values.
    private func writeTable(count: Int, in directory: String) throws -> MappedSectionFile {
        var builder = HashTableBuilder()
        for index in 0..<count { builder.append("key \(index)", [UInt32(index), UInt32(index * 7)]) }
        builder.insert("")
        var writer = SectionFileWriter()
        builder.write(into: &writer, prefix: "t")
        let path = (directory as NSString).appendingPathComponent("table.bin")
        try writer.write(to: path, magic: 0x7465_7374)
        return try MappedSectionFile(path: path, magic: 0x7465_7374)
    }

    @Test("every key is found with its values both ways; misses find nothing")
    func bothWaysAgree() throws {
        let directory = TestData.temporaryDirectory("compiled-table")
        defer { TestData.remove(directory) }
        let file = try writeTable(count: 5000, in: directory)
        let mapped = MappedHashTable(file, prefix: "t"), read = FileHashTable(file, prefix: "t")
        #expect(mapped.count == 5001 && read.count == 5001)
        for index in stride(from: 0, to: 5000, by: 7) {
            #expect(read.lookup("key \(index)") == [UInt32(index), UInt32(index * 7)])
            #expect(mapped.lookup("key \(index)") == read.lookup("key \(index)"))
        }
        for miss in ["key 5000", "key -1", "KEY 1", "key 1 ", "k"] {
            #expect(read.lookup(miss).isEmpty && !read.contains(miss) && mapped.lookup(miss).isEmpty)
        }
        #expect(read.contains("") && read.lookup("").isEmpty)
    }

    @Test("a section read past its end gives nothing, not bytes of the next section")
    func readsStayInsideTheSection() throws {
        let directory = TestData.temporaryDirectory("compiled-table")
        defer { TestData.remove(directory) }
        let file = try writeTable(count: 10, in: directory)
        let values = file.readable("t.v")
        #expect(values.byteCount == 10 * 8)
        #expect(values.uint32s(0, count: 20).count == 20)
        #expect(values.uint32s(19, count: 2).isEmpty)
        #expect(values.uint32(20) == 0)
        #expect(file.readable("absent").byteCount == 0 && file.readable("absent").string(at: 0, length: 4).isEmpty)
    }

    @Test("a concept's names and broader concepts read alone match its whole record (real MeSH)")
    func partialRecordsMatch() throws {
        let mesh = TestVocabulary.mesh
        for id in ["D001764", "D003924", "D011225", "C562687"] {
            let index = try #require(mesh.concept(id: id), "\(id) is in the test vocabulary")
            let record = mesh.record(index)
            #expect(record.id == id)
            #expect(mesh.names(index) == [record.name] + record.synonyms)
            #expect(mesh.broader(index) == record.broader)
        }
        // Pre-eclampsia sits under pregnancy-induced hypertension in MeSH's tree.
        let preeclampsia = try #require(mesh.concept(id: "D011225"))
        #expect(mesh.broader(preeclampsia).contains("D046110"))
    }
}
