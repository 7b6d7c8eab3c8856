import Foundation

/// Reads the bibliographic fields of an NGC summary: developers, release date and status,
/// the guideline's own PMID and the PMIDs it cites, DOI and URL.
enum NGCMetadata {
    /// The organisation types NGC appends to each developer ("American Academy of Neurology -
    /// Medical Specialty Society").
    static let organisationTypes: Set<String> = [
        "Academic Institution", "Clinical Specialty Collaboration", "Disease Specific Society",
        "Federal Government Agency [U.S.]", "For Profit Organization", "Government Affiliated Research Institute",
        "Hospital/Medical Center", "Independent Expert Panel", "International Agency", "Medical Specialty Society",
        "National Government Agency [Non-U.S.]", "Nonprofit Organization", "Nonprofit Research Organization",
        "Professional Association", "State/Local Government Agency [Non-U.S.]", "State/Local Government Agency [U.S.]",
    ]

    /// Developer organisations (one per value's text), their NGC type removed.
    static func developers(_ texts: [String]) -> [String] {
        texts.compactMap { text in
            let text = text.collapsingWhitespace
            guard !text.isEmpty else { return nil }
            if let dash = text.range(of: " - ", options: .backwards), organisationTypes.contains(String(text[dash.upperBound...])) {
                return String(text[..<dash.lowerBound])
            }
            return text
        }
    }

    /// What "Date Released" says: the release, and any revisions, reaffirmations, updates.
    struct Release: Equatable {
        /// The field's text as written: "2011 Jan (revised 2016 Mar; reaffirmed 2019)".
        var text: String
        /// The year of the release or of its latest revision (reaffirming or adding an addendum
        /// leaves the text as it was, so it does not change the year).
        var year: Int?
        /// "revised 2016 Mar", "reaffirmed 2019", "addendum released 2014 Jul", in order.
        var events: [String]
    }

    /// Parses "Date Released".
    static func release(_ text: String) -> Release {
        let main = text.split(separator: "(", maxSplits: 1).first.map(String.init) ?? text
        var year = firstYear(in: main)
        var events: [String] = []
        if let open = text.firstIndex(of: "(") {
            let inside = text[text.index(after: open)...].prefix { $0 != ")" }
            for part in inside.split(separator: ";") {
                let event = part.trimmingCharacters(in: .whitespaces)
                guard !event.isEmpty else { continue }
                events.append(event)
                if event.lowercased().hasPrefix("revised") || event.lowercased().hasPrefix("updated"), let revised = firstYear(in: event) {
                    year = max(year ?? revised, revised)
                }
            }
        }
        return Release(text: text, year: year, events: events)
    }

    /// The first plausible year (1900–2099) in a text.
    static func firstYear(in text: some StringProtocol) -> Int? {
        var digits = ""
        for character in text + " " {
            if character.isASCII, character.isNumber { digits.append(character); continue }
            if digits.count == 4, let year = Int(digits), (1900...2099).contains(year) { return year }
            digits = ""
        }
        return nil
    }

    /// The status as the summary words it: "current release", then "updates a previous
    /// version", "reaffirmed July 2015" (from "Guideline Status"), then the revisions and
    /// reaffirmations that "Date Released" lists; joined by "; ".
    static func status(paragraphs: [String], release: Release?) -> String? {
        var parts: [String] = []
        if let first = paragraphs.first {
            let lowered = first.lowercased()
            if lowered.containsBytes("current release") {
                parts.append("current release")
            } else if lowered.containsBytes("withdrawn") {
                parts.append("withdrawn")
            } else if lowered.containsBytes("archived") {
                parts.append("archived")
            } else {
                parts.append(first)
            }
        }
        for paragraph in paragraphs {
            let lowered = paragraph.lowercased()
            if let range = lowered.range(of: "updates a previous version") ?? lowered.range(of: "updates previous versions"),
               !parts.contains(String(lowered[range])) {
                parts.append(String(lowered[range]))
            }
            if let range = paragraph.range(of: "reaffirmed the currency of"),
               let when = paragraph[range.upperBound...].range(of: " guideline ") {
                var date = paragraph[when.upperBound...].drop { $0 == " " }
                for preposition in ["in ", "on "] where date.hasPrefix(preposition) { date = date.dropFirst(preposition.count) }
                let text = date.prefix { $0 != "." }.trimmingCharacters(in: .whitespaces)
                if !text.isEmpty { parts.append("reaffirmed \(text)") }
            }
        }
        for event in release?.events ?? [] where !parts.contains(event) {
            parts.append(event)
        }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }

    /// PubMed ids in the links of HTML fragments (`…list_uids=27164716`, `…/pubmed/27164716`).
    static func pubMedIDs(in links: [HTMLText.Link]) -> [String] {
        var ids: [String] = []
        for link in links {
            let href = link.href
            let lowered = href.lowercased()
            if let range = lowered.range(of: "list_uids=") {
                let list = href[range.upperBound...].prefix { $0.isASCII && ($0.isNumber || $0 == ",") }
                ids += list.split(separator: ",").map(String.init)
            } else if lowered.containsBytes("ncbi.nlm.nih.gov"), let range = lowered.range(of: "/pubmed/") {
                let id = href[range.upperBound...].prefix { $0.isASCII && $0.isNumber }
                if !id.isEmpty { ids.append(String(id)) }
            }
        }
        return ids
    }

    /// A DOI named by a link: `doi.org/10.…`, or a publisher's `/doi/[pdf|full|abs|…/]10.…`
    /// (not a supplement's `/doi/suppl/…`).
    static func doi(in links: [HTMLText.Link]) -> String? {
        for link in links {
            let href = link.href
            var rest: Substring?
            if let range = href.range(of: "doi.org/") {
                rest = href[range.upperBound...]
            } else if let range = href.range(of: "/doi/") {
                var tail = href[range.upperBound...]
                for prefix in ["abs/", "full/", "pdf/", "pdfdirect/", "epdf/", "book/", "epub/"] where tail.hasPrefix(prefix) {
                    tail = tail.dropFirst(prefix.count)
                }
                rest = tail
            }
            guard let rest, rest.hasPrefix("10."), let slash = rest.firstIndex(of: "/") else { continue }
            let registrant = rest[rest.index(rest.startIndex, offsetBy: 3)..<slash]
            guard registrant.count >= 4, registrant.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }) else { continue }
            let suffix = rest[rest.index(after: slash)...].prefix { !"/?#&\" ".contains($0) }
            guard !suffix.isEmpty else { continue }
            return String(rest[..<slash]) + "/" + suffix
        }
        return nil
    }

    /// True for an absolute http or https URL.
    static func isWebURL(_ href: String) -> Bool {
        let lowered = href.lowercased()
        return (lowered.hasPrefix("http://") || lowered.hasPrefix("https://")) && lowered.count > 8
    }
}
