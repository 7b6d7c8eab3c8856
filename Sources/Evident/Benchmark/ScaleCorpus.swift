import Foundation

/// Builds large synthetic BEIR corpora from the real sentences of source files, so that term
/// statistics stay realistic while the collection grows (100k, 1M documents).
///
/// Each document takes a real title and 4–14 real sentences drawn at random (a fixed seed makes
/// the corpus reproducible).
public struct ScaleCorpus {
    public var sources: [String]
    public var documents: Int
    public var seed: UInt64

    /// Creates a generator drawing from `sources` (files or folders any importer reads).
    public init(sources: [String], documents: Int, seed: UInt64 = 42) {
        self.sources = sources
        self.documents = documents
        self.seed = seed
    }

    /// What a generated corpus is made of.
    public struct Summary: Codable, Sendable {
        public var documents: Int
        public var sentencePool: Int
        public var titlePool: Int
        public var bytes: Int64
    }

    /// Writes the corpus as BEIR JSON lines to `output`.
    public func write(to output: String) throws -> Summary {
        var sentences: [String] = []
        var titles: [String] = []
        let plan = IngestPlan.make(paths: sources, format: nil)
        for job in plan.jobs {
            try? job.format.importer.read(path: job.path, progress: { _ in }, emit: { record in
                guard case .document(let document) = record else { return }
                if let title = document.title { titles.append(title) }
                for passage in document.passages where passage.label != "DIAGRAM" {
                    sentences += Self.sentences(passage.text)
                }
            })
        }
        guard !sentences.isEmpty, !titles.isEmpty else {
            throw EvidentError("no sentences or titles found in \(sources.joined(separator: ", "))")
        }
        var random = SplitMix64(seed: seed)
        guard let handle = FileHandle(forWritingAtPath: output) ?? {
            _ = FileManager.default.createFile(atPath: output, contents: nil)
            return FileHandle(forWritingAtPath: output)
        }() else { throw EvidentError("\(output): cannot write") }
        defer { try? handle.close() }
        try handle.truncate(atOffset: 0)
        var buffer = ""
        var written: Int64 = 0
        let encoder = JSONEncoder()
        for index in 0..<documents {
            let title = titles[Int(random.next() % UInt64(titles.count))]
            let count = 4 + Int(random.next() % 11)
            let text = (0..<count).map { _ in sentences[Int(random.next() % UInt64(sentences.count))] }.joined(separator: " ")
            let line = String(decoding: try encoder.encode(["_id": "s\(index)", "title": title, "text": text]), as: UTF8.self)
            buffer += line + "\n"
            if buffer.utf8.count > 1 << 20 {
                handle.write(Data(buffer.utf8))
                written += Int64(buffer.utf8.count)
                buffer = ""
            }
        }
        handle.write(Data(buffer.utf8))
        written += Int64(buffer.utf8.count)
        return Summary(documents: documents, sentencePool: sentences.count, titlePool: titles.count, bytes: written)
    }

    /// Splits text at sentence ends (". ", "? ", "! " and line breaks).
    static func sentences(_ text: String) -> [String] {
        var out: [String] = []
        var current = ""
        var previous: Character = " "
        for character in text {
            if character == "\n" {
                if let sentence = current.nonEmpty { out.append(sentence) }
                current = ""
            } else if character == " " && (previous == "." || previous == "?" || previous == "!") {
                if let sentence = current.nonEmpty { out.append(sentence) }
                current = ""
            } else {
                current.append(character)
            }
            previous = character
        }
        if let sentence = current.nonEmpty { out.append(sentence) }
        return out.filter { $0.count >= 20 }
    }
}

/// A small, fast, seedable pseudo-random generator (SplitMix64).
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
