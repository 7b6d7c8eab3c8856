import Foundation

/// What esearch found: how many records match, the PMIDs asked for, and the history-server
/// handle (WebEnv and query key) that lets efetch page through a large result set.
public struct ESearchResult: Sendable, Equatable {
    /// Records matching the query in all.
    public var count: Int
    /// The PMIDs returned, best first in the requested sort.
    public var ids: [String]
    /// The history server's handle, when the search was stored there.
    public var history: History?
    /// How PubMed read the query (its translation), when it says.
    public var translation: String?

    /// A result set stored on NCBI's history server.
    public struct History: Sendable, Equatable {
        public var webEnv: String
        public var queryKey: String
    }

    /// Reads an esearch reply, JSON (`retmode=json`) or XML; `what` names the request in errors.
    public static func parse(_ body: [UInt8], what: String) throws -> ESearchResult {
        let first = body.first { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }
        switch first {
        case UInt8(ascii: "{"): return try parseJSON(body, what: what)
        case UInt8(ascii: "<"): return try parseXML(body, what: what)
        default: throw PubMedError.unreadable(what: what, reason: "neither JSON nor XML: \(String(decoding: body.prefix(120), as: UTF8.self))")
        }
    }

    private struct JSONReply: Decodable {
        struct Result: Decodable {
            var count: String?
            var idlist: [String]?
            var webenv: String?
            var querykey: String?
            var querytranslation: String?
            // swiftlint:disable:next identifier_name
            var ERROR: String?
        }
        var esearchresult: Result?
        var error: String?
    }

    private static func parseJSON(_ body: [UInt8], what: String) throws -> ESearchResult {
        let reply: JSONReply
        do {
            reply = try JSONDecoder().decode(JSONReply.self, from: Data(body))
        } catch {
            throw PubMedError.unreadable(what: what, reason: "invalid esearch JSON (\(error))")
        }
        if let message = reply.error ?? reply.esearchresult?.ERROR { throw PubMedError.unreadable(what: what, reason: message) }
        guard let result = reply.esearchresult, let countText = result.count, let count = Int(countText) else {
            throw PubMedError.unreadable(what: what, reason: "no esearchresult.count in the reply")
        }
        let ids = result.idlist ?? []
        try checkIDs(ids, what: what)
        let history = result.webenv.flatMap { env in result.querykey.map { History(webEnv: env, queryKey: $0) } }
        return ESearchResult(count: count, ids: ids, history: history, translation: result.querytranslation)
    }

    private static func parseXML(_ body: [UInt8], what: String) throws -> ESearchResult {
        let root: XMLNode
        do {
            root = try body.withUnsafeBytes { try XMLTreeParser().parse($0) }
        } catch {
            throw PubMedError.unreadable(what: what, reason: "invalid esearch XML (\(error))")
        }
        guard root.name == "eSearchResult" else { throw PubMedError.unreadable(what: what, reason: "expected <eSearchResult>, found <\(root.name)>") }
        if let message = root.child("ERROR")?.normalizedText.nonEmpty { throw PubMedError.unreadable(what: what, reason: message) }
        guard let count = root.child("Count").flatMap({ Int($0.normalizedText) }) else {
            throw PubMedError.unreadable(what: what, reason: "no <Count> in the reply")
        }
        let ids = root.child("IdList")?.children("Id").map(\.normalizedText) ?? []
        try checkIDs(ids, what: what)
        let history = root.child("WebEnv")?.normalizedText.nonEmpty.flatMap { env in
            root.child("QueryKey")?.normalizedText.nonEmpty.map { History(webEnv: env, queryKey: $0) }
        }
        return ESearchResult(count: count, ids: ids, history: history, translation: root.child("QueryTranslation")?.normalizedText.nonEmpty)
    }

    private static func checkIDs(_ ids: [String], what: String) throws {
        if let bad = ids.first(where: { $0.isEmpty || !$0.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }) {
            throw PubMedError.unreadable(what: what, reason: "id '\(bad.prefix(40))' is not a PMID")
        }
    }
}
