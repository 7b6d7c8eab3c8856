import Foundation
import Testing
@testable import Evident

/// Hostile strings a source can carry in any field (a guideline header, a PubMed ELocationID, a
/// BEIR field, a live PubMed response): none may become a live link or script in any output.
enum HostileText {
    static let urls = [
        "javascript:alert(3)", "JaVaScRiPt:alert(3)", " javascript:alert(3)", "java\tscript:alert(3)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "vbscript:msgbox(1)",
        "https://example.org/\"><svg onload=alert(1)>", "//evil.example/x", "http:/x",
    ]
    static let texts = [
        "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "\"><svg onload=alert(1)>",
        "[click](javascript:alert(1))", "![x](javascript:alert(1))", "<a href=\"javascript:alert(1)\">x</a>",
    ]
}

@Suite("Links and source text are data")
struct LinkSafetyTests {
    @Test("only absolute http(s) URLs are linkable", arguments: [
        ("https://doi.org/10.1002/art.41247", true), ("http://www.ninds.nih.gov/disorders/x.htm", true),
        ("HTTPS://EXAMPLE.ORG/A", true),
    ] + HostileText.urls.map { ($0, false) })
    func webLinks(url: String, linkable: Bool) {
        #expect((WebLink.web(url) != nil) == linkable)
        #expect(WebLink.isUnlinkable(url) == !linkable)
    }

    @Test("DOIs and PMIDs become links Evident builds; a PMID must be digits")
    func builtLinks() {
        #expect(WebLink.doi("10.1002/art.41247") == "https://doi.org/10.1002/art.41247")
        #expect(WebLink.doi("10.1/a\"><b>")?.contains("\"") == false)
        #expect(WebLink.doi("javascript:alert(1)") == nil)
        #expect(WebLink.pubmed("27164716") == "https://pubmed.ncbi.nlm.nih.gov/27164716/")
        #expect(WebLink.pubmed("1);alert(1") == nil)
        #expect(WebLink.best(url: "javascript:alert(3)", doi: nil, pmid: "123") == "https://pubmed.ncbi.nlm.nih.gov/123/")
        #expect(WebLink.best(url: "javascript:alert(3)", doi: nil, pmid: nil) == nil)
    }

    /// An answer whose every source-derived field is hostile.
    static func hostileAnswer() -> Answer {
        var references: [Answer.Reference] = []
        var statements: [Answer.Statement] = []
        for (index, url) in HostileText.urls.enumerated() {
            let text = HostileText.texts[index % HostileText.texts.count]
            references.append(Answer.Reference(
                number: index + 1, documentId: "guideline:\(text)", tier: .guideline, kind: .practiceGuideline,
                title: "Title \(text)", authors: ["Author \(text)"], source: "Org \(text)", year: 2020,
                pmid: nil, doi: nil, url: url, link: WebLink.best(url: url, doi: nil, pmid: nil)))
            statements.append(Answer.Statement(
                text: "Statement \(text) \(url)", label: "Label \(text)", citations: [index + 1],
                evidence: [Answer.Evidence(reference: index + 1, passageId: "guideline:\(text)#0", quote: "Quote \(text)")]))
        }
        return Answer(
            question: "Question \(HostileText.texts[0])", correctedQuestion: nil, corrections: [], intent: .treatment, topics: [Answer.Topic(label: HostileText.texts[1], meshId: nil)],
            guidelines: .init(summary: [statements[0]], sections: [.init(heading: "Heading \(HostileText.texts[2])", statements: Array(statements.dropFirst()))], note: HostileText.texts[3]),
            research: .init(sections: [], note: HostileText.texts[4]), notes: [HostileText.texts[0]],
            references: references, message: nil, disclaimer: HostileText.texts[5], elapsedMs: 1)
    }

    @Test("HTML: parsed as a document, it has no script, no event handler and no link but #fragments and http(s)")
    func html() throws {
        let html = AnswerRenderer.html(Self.hostileAnswer())
        try HTMLCheck.assertInert(html)
    }

    @Test("Markdown: no link or image syntax and no raw HTML from source text")
    func markdown() {
        let markdown = AnswerRenderer.markdown(Self.hostileAnswer())
        HTMLCheck.assertInertMarkdown(markdown)
    }

    @Test("text: no control characters; JSON: every link is http(s)")
    func textAndJSON() throws {
        var answer = Self.hostileAnswer()
        answer.guidelines.summary[0].text += " \u{1B}[31mred\u{7}"
        let text = AnswerRenderer.text(answer)
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        let json = try JSONEncoder().encode(answer)
        let decoded = try JSONSerialization.jsonObject(with: json) as! [String: Any]
        for reference in decoded["references"] as! [[String: Any]] {
            if let link = reference["link"] as? String {
                #expect(link.hasPrefix("https://") || link.hasPrefix("http://"))
                #expect(WebLink.web(link) == link)
            }
        }
    }
}

/// Checks rendered output for live script or links, by parsing it (not by searching strings).
enum HTMLCheck {
    /// Element names that run script or embed content.
    static let activeElements: Set<String> = ["script", "iframe", "object", "embed", "svg", "img", "math", "form", "base", "link", "frame", "video", "audio", "source"]
    /// Attributes that hold a URL.
    static let urlAttributes: Set<String> = ["href", "src", "action", "formaction", "xlink:href", "srcset", "poster", "background"]

    /// Parses `html` as XML (the renderer writes well-formed HTML) and checks every element.
    static func assertInert(_ html: String) throws {
        let parser = XMLTreeParser()
        try Array(html.utf8).withUnsafeBytes { try parser.feed($0) }
        let root = try parser.finish()
        var elements = 0
        func visit(_ node: XMLNode) {
            elements += 1
            #expect(!activeElements.contains(node.name.lowercased()), "active element <\(node.name)>")
            for (name, value) in node.attributes {
                #expect(!name.lowercased().hasPrefix("on"), "event handler \(name)=\(value)")
                if urlAttributes.contains(name.lowercased()) {
                    #expect(value.hasPrefix("#") || WebLink.web(value) == value, "link \(name)=\(value)")
                }
                #expect(name.lowercased() != "style" || !value.lowercased().contains("url("), "style with url()")
            }
            for case .element(let child) in node.children { visit(child) }
        }
        visit(root)
        #expect(elements > 10)
    }

    /// Markdown: every `[`, `]`, `(`, `)`, `<` from source text is escaped, so no link, image or
    /// HTML can form; the only raw HTML is the reference anchors and autolinks Evident writes.
    static func assertInertMarkdown(_ markdown: String) {
        let characters = Array(markdown)
        for index in characters.indices where characters[index] == "<" {
            guard index == 0 || characters[index - 1] != "\\" else { continue }
            let rest = String(characters[index..<min(characters.count, index + 12)])
            #expect(rest.hasPrefix("<a id=\"ref-") || rest.hasPrefix("</a>") || rest.hasPrefix("<https://") || rest.hasPrefix("<http://"), "raw < at \(rest)")
            if rest.hasPrefix("<http") {
                let end = characters[index...].firstIndex(of: ">")!
                let url = String(characters[(index + 1)..<end])
                #expect(WebLink.web(url) == url, "autolink \(url)")
            }
        }
        for index in characters.indices.dropFirst() where characters[index] == "(" && characters[index - 1] == "]" {
            let target = String(characters[index..<min(characters.count, index + 7)])
            #expect(target.hasPrefix("(#ref-") || (index >= 2 && characters[index - 2] == "\\"), "link syntax at \(index): \(target)")
        }
    }
}

@Suite("Hostile sources, end to end", .serialized)
struct HostileLibraryTests {
    /// A library of guideline Markdown files (fixtures written here) whose URL, title, authors,
    /// organisation and text carry script, event handlers and link syntax.
    static let library: Library = {
        let directory = TestData.temporaryDirectory("hostile-sources")
        for (index, url) in HostileText.urls.enumerated() {
            let text = HostileText.texts[index % HostileText.texts.count]
            let markdown = """
                ---
                title: "Gout flare guideline \(index) \(text.replacingOccurrences(of: "\"", with: "'"))"
                organization: Org \(text.replacingOccurrences(of: "\"", with: "'"))
                authors: [Author \(index) \(text.replacingOccurrences(of: ",", with: " "))]
                year: 2024
                url: \(url.trimmingCharacters(in: .whitespaces))
                ---
                # Flare treatment \(text)
                Colchicine is recommended as first-line therapy for gout flares \(text) in adults (Strong, High).
                - NSAIDs are an alternative first-line therapy for gout flares \(text).
                """
            TestData.write(markdown, to: "hostile-\(index).md", in: directory)
        }
        return try! TestVocabulary.library("hostile", paths: [directory])
    }()

    @Test("no renderer turns a source's URL, title or text into a live link or script")
    func renderers() throws {
        let composer = try TestVocabulary.composer(Self.library)
        let answer = try composer.answer("first-line treatment of gout flares")
        #expect(answer.references.count >= 3, "\(answer.references.map(\.documentId))")
        #expect(answer.references.contains { $0.url?.lowercased().contains("javascript") == true })
        try HTMLCheck.assertInert(AnswerRenderer.html(answer))
        HTMLCheck.assertInertMarkdown(AnswerRenderer.markdown(answer))
        let text = AnswerRenderer.text(answer)
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(answer)) as! [String: Any]
        for reference in json["references"] as! [[String: Any]] {
            if let link = reference["link"] as? String { #expect(WebLink.web(link) == link) }
        }
    }
}
