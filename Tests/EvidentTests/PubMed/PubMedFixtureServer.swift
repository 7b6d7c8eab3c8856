import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
@testable import Evident

/// E-utilities and a PubMed file mirror on loopback for the tests (nothing touches the
/// internet): esearch answers in real JSON or XML shape, efetch serves the real sample records,
/// `/mirror/` serves a directory in NCBI's FTP-over-HTTPS layout (HTML listings, `.md5` files).
/// Faults are queued per path; every request is logged with its time.
final class PubMedFixtureServer: Sendable {
    /// A request as the server saw it.
    struct Logged: Sendable {
        var path: String
        var query: [String: String]
        var at: ContinuousClock.Instant
    }

    /// What the server does instead of answering, once per queued entry.
    enum Fault: Sendable {
        case status(Int, retryAfter: String? = nil)
        case stall(Duration)
    }

    /// PMIDs esearch returns (best first), and the record XML efetch serves for each.
    let searchIDs: Locked<[String]>
    let records: Locked<[String: String]>
    /// A directory served under `/mirror/`.
    let mirror: String?
    let log = Locked<[Logged]>([])
    private let faults = Locked<[String: [Fault]]>([:])

    init(records: [(pmid: String, xml: String)] = PubMedSamples.records, mirror: String? = nil) {
        searchIDs = Locked(records.map(\.pmid))
        self.records = Locked(Dictionary(records.map { ($0.pmid, $0.xml) }, uniquingKeysWith: { first, _ in first }))
        self.mirror = mirror
    }

    /// Queues faults for requests whose path ends with `suffix` (`esearch.fcgi`, `efetch.fcgi`, a file name).
    func inject(_ list: [Fault], on suffix: String) {
        faults.withLock { $0[suffix, default: []] += list }
    }

    /// Requests whose path ends with `suffix`.
    func requests(_ suffix: String) -> [Logged] { log.withLock { $0 }.filter { $0.path.hasSuffix(suffix) } }

    /// The most requests that arrived within any one second (NCBI's limit is per second).
    func busiestSecond() -> Int {
        let times = log.withLock { $0 }.map(\.at).sorted()
        var most = 0
        var first = 0
        for (index, time) in times.enumerated() {
            while time - times[first] >= .seconds(1) { first += 1 }
            most = max(most, index - first + 1)
        }
        return most
    }

    /// Runs `body` with the server listening; its argument is the server's base URL.
    func run(_ body: @escaping @Sendable (String) async throws -> Void) async throws {
        let router = Router()
        router.get("eutils/esearch.fcgi") { request, _ in try await self.answer(request) { self.esearch($0) } }
        router.get("eutils/efetch.fcgi") { request, _ in try await self.answer(request) { self.efetch($0) } }
        router.get("mirror/**") { request, _ in try await self.answer(request) { _ in self.file(request.uri.path) } }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            try await body("http://127.0.0.1:\(client.port!)")
        }
    }

    private func answer(_ request: Request, _ make: ([String: String]) -> Response) async throws -> Response {
        let path = request.uri.path
        var query: [String: String] = [:]
        for (key, value) in request.uri.queryParameters { query[String(key)] = String(value) }
        log.withLock { $0.append(Logged(path: path, query: query, at: .now)) }
        let fault = faults.withLock { all -> Fault? in
            guard let key = all.keys.first(where: { path.hasSuffix($0) }), var list = all[key], !list.isEmpty else { return nil }
            let first = list.removeFirst()
            all[key] = list
            return first
        }
        switch fault {
        case .status(let status, let retryAfter)?:
            var headers = HTTPFields()
            if let retryAfter { headers[.retryAfter] = retryAfter }
            return Response(status: .init(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(string: "fixture fault \(status)")))
        case .stall(let duration)?:
            try await Task.sleep(for: duration)
        case nil:
            break
        }
        return make(query)
    }

    private func esearch(_ query: [String: String]) -> Response {
        let all = searchIDs.withLock { $0 }
        let start = Int(query["retstart"] ?? "0") ?? 0
        let retmax = Int(query["retmax"] ?? "20") ?? 20
        let ids = Array(all.dropFirst(start).prefix(retmax))
        let history = query["usehistory"] == "y"
        let term = query["term"] ?? ""
        if query["retmode"] == "json" {
            let object: [String: Any] = [
                "header": ["type": "esearch", "version": "0.3"],
                "esearchresult": [
                    "count": String(all.count), "retmax": String(ids.count), "retstart": String(start), "idlist": ids,
                    "translationset": [] as [String], "querytranslation": "\(term)[All Fields]",
                ].merging(history ? ["querykey": "1", "webenv": "MCID_fixture"] : [:]) { $1 },
            ]
            let data = try! JSONSerialization.data(withJSONObject: object)
            return Response(status: .ok, headers: [.contentType: "application/json; charset=UTF-8"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
        let escaped = term.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        let text = """
            <?xml version="1.0" encoding="UTF-8" ?>
            <!DOCTYPE eSearchResult PUBLIC "-//NLM//DTD esearch 20060628//EN" "https://eutils.ncbi.nlm.nih.gov/eutils/dtd/20060628/esearch.dtd">
            <eSearchResult><Count>\(all.count)</Count><RetMax>\(ids.count)</RetMax><RetStart>\(start)</RetStart>\(history ? "<QueryKey>1</QueryKey><WebEnv>MCID_fixture</WebEnv>" : "")<IdList>
            \(ids.map { "<Id>\($0)</Id>" }.joined(separator: "\n"))
            </IdList><TranslationSet/><QueryTranslation>\(escaped)[All Fields]</QueryTranslation></eSearchResult>
            """
        return Response(status: .ok, headers: [.contentType: "text/xml; charset=UTF-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    private func efetch(_ query: [String: String]) -> Response {
        var ids = (query["id"] ?? "").split(separator: ",").map(String.init)
        if query["WebEnv"] != nil {
            let start = Int(query["retstart"] ?? "0") ?? 0
            let retmax = Int(query["retmax"] ?? "20") ?? 20
            ids = Array(searchIDs.withLock { $0 }.dropFirst(start).prefix(retmax))
        }
        let known = records.withLock { $0 }
        let text = PubMedSamples.articleSet(ids.compactMap { known[$0] })
        return Response(status: .ok, headers: [.contentType: "text/xml; charset=UTF-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    private func file(_ path: String) -> Response {
        guard let mirror else { return Response(status: .notFound) }
        let relative = path.dropFirst("/mirror".count).split(separator: "/").filter { $0 != ".." }.joined(separator: "/")
        let local = (mirror as NSString).appendingPathComponent(relative)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: local, isDirectory: &isDirectory) else { return Response(status: .notFound) }
        if isDirectory.boolValue {
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: local)) ?? []).sorted()
            let rows = names.map { "<a href=\"\($0)\">\($0)</a>                2025-12-01 14:05   31M" }.joined(separator: "\n")
            let html = "<html><head><title>Index of /pubmed/\(relative)</title></head><body><h1>Index of /pubmed/\(relative)</h1><pre>Name  Last modified  Size\n<hr><a href=\"/pubmed/\">Parent Directory</a>\n\(rows)\n<hr></pre></body></html>"
            return Response(status: .ok, headers: [.contentType: "text/html"], body: .init(byteBuffer: ByteBuffer(string: html)))
        }
        let data = FileManager.default.contents(atPath: local) ?? Data()
        return Response(status: .ok, headers: [.contentType: "application/octet-stream"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
