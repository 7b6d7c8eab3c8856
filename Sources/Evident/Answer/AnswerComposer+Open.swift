import Foundation
import EvidentSearch
import Logging

extension AnswerComposer {
    /// A composer for `library` with everything answering needs: the index, the vocabulary (the
    /// installed MeSH vocabulary, or `mesh`, and the library's own, built now if it has none or
    /// is behind the library) and the aspect model. `warnings` says, once, which features are off.
    /// `snapshot` is the index snapshot to answer from (default: the committed one, opened now).
    public static func open(library: Library, mesh: String? = nil, snapshot opened: IndexSnapshot? = nil) throws -> (composer: AnswerComposer, warnings: [String]) {
        let snapshot = try opened ?? LibraryIndexer.open(library)
        let meshLexicon = try EvidentResources.meshLexicon(explicit: mesh)
        var warnings: [String] = []
        var libraryLexicon = try? LibraryVocabulary.open(library)
        let sequence = try library.changeSequence()
        // A reader builds a missing or stale library vocabulary itself, unless a writer is at
        // work on the library (it rebuilds the vocabulary when it commits).
        if !(libraryLexicon?.isCurrent(sequence: sequence, mesh: meshLexicon) ?? false), !WriterLock.isHeld(library.directory) {
            do {
                try LibraryVocabulary.build(library: library, mesh: meshLexicon)
                libraryLexicon = try LibraryVocabulary.open(library)
            } catch {
                Logger(label: "evident.vocabulary").warning("cannot build the library's vocabulary: \(error)")
            }
        }
        let vocabulary = Vocabulary(mesh: meshLexicon, library: libraryLexicon)
        if let limitation = vocabulary.limitations { warnings.append(limitation) }
        let classifier = libraryLexicon?.aspectClassifier ?? (try? AspectCounts.bundled()).map { AspectClassifier(counts: $0) }
        return (AnswerComposer(library: library, snapshot: snapshot, vocabulary: vocabulary, classifier: classifier), warnings)
    }
}

extension EvidentResources {
    /// The MeSH vocabulary to use: `explicit` (a compiled `mesh.lexicon`; it must exist), else
    /// `$EVIDENT_MESH`, else the installed one; nil when none is installed.
    public static func meshLexicon(explicit: String?) throws -> Lexicon? {
        if let path = explicit ?? ProcessInfo.processInfo.environment["EVIDENT_MESH"].flatMap({ $0.isEmpty ? nil : $0 }) {
            guard FileManager.default.fileExists(atPath: path) else { throw EvidentError("\(path): no such file (the MeSH vocabulary)") }
            if path.hasSuffix(".tsv") || path.hasSuffix(".tsv.gz") {
                throw EvidentError("\(path): a MeSH table, not a compiled vocabulary: compile it with `evident resources build --mesh-dir \((path as NSString).deletingLastPathComponent)`")
            }
            return warnedIfOutdated(try Lexicon(path: path))
        }
        return try openMeSH().map(warnedIfOutdated)
    }

    /// The lexicon, after a warning when an earlier version compiled it.
    private static func warnedIfOutdated(_ lexicon: Lexicon) -> Lexicon {
        if !isCurrent(lexicon) {
            AnswerComposer.logger.warning("\(lexicon.path): MeSH vocabulary compiled by an earlier version; run `make resources` or `evident resources build --mesh-dir DIR` for answers that know disease subtypes")
        }
        return lexicon
    }
}
