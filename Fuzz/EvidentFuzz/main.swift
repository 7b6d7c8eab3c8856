import CFuzzerDriver
import Evident
import Foundation

/// One fuzz input: read as an HTML fragment (``HTMLText``) and, when it parses as XML, as a
/// National Guideline Clearinghouse summary (``NGCImporter``'s record mapping). A crash, a
/// trap, a hang or a broken invariant checked here is a bug.
///
/// Built only with `EVIDENT_FUZZ=1` (see Package.swift); run with `make fuzz` or `bench/fuzz.sh`.
func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let text = HTMLText(bytes: bytes)
    precondition(text.problems.count <= HTMLText.maximumProblems)
    for block in text.blocks {
        precondition(!block.text.contains("\n"), "a block is one line")
        precondition(block.text == block.text.collapsingWhitespace, "whitespace is normalised")
        if case .heading(let level) = block.kind { precondition(level >= 1) }
    }
    let parser = XMLTreeParser()
    if let root = try? bytes.withUnsafeBytes({ try parser.parse($0) }) {
        for record in NGCImporter.records(from: root, path: "fuzz/ngc-1.xml") {
            if case .document(let document) = record {
                precondition(document.id == "ngc:1")
                precondition(document.passages.contains { $0.label == "recommendations" })
            }
        }
    }
    return 0
}

var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv) { fuzzOne($0, $1) })
