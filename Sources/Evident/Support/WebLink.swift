/// The rule for turning a source's URL into a link: a URL is data like any other source text,
/// and only `http` and `https` URLs are ever linked. Everything else (`javascript:`, `data:`,
/// `vbscript:`, relative or malformed URLs) is shown as text, never as an `href` or `src`.
public enum WebLink {
    /// The URL itself when it is an absolute `http`/`https` URL that is safe to put in an
    /// attribute (no whitespace, control characters, quotes or angle brackets), else nil.
    public static func web(_ url: String?) -> String? {
        guard let url else { return nil }
        let bytes = Array(url.utf8)
        guard bytes.count > 8, bytes.count <= 2_048 else { return nil }
        for byte in bytes where byte <= 0x20 || byte == 0x7F || byte == 0x22 || byte == 0x27 || byte == 0x3C || byte == 0x3E || byte == 0x5C || byte == 0x60 {
            return nil
        }
        let lower = url.prefix(8).lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else { return nil }
        let afterScheme = url.drop { $0 != ":" }.dropFirst(3)
        guard let host = afterScheme.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).first, !host.isEmpty else { return nil }
        return url
    }

    /// True when `url` is set but would not be linked (so an importer can warn about it).
    public static func isUnlinkable(_ url: String?) -> Bool {
        guard let url, !url.isEmpty else { return false }
        return web(url) == nil
    }

    /// `https://doi.org/<doi>`, with the characters a URL cannot carry percent-encoded.
    public static func doi(_ doi: String?) -> String? {
        guard let doi, doi.hasPrefix("10."), doi.count <= 300 else { return nil }
        var encoded = ""
        for byte in doi.utf8 {
            let scalar = Unicode.Scalar(byte)
            if byte < 0x80, byte > 0x20, !"\"'<>\\`^{}|%#? ".unicodeScalars.contains(scalar) {
                encoded.unicodeScalars.append(scalar)
            } else {
                encoded += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        return "https://doi.org/" + encoded
    }

    /// The PubMed page of a PMID (digits only).
    public static func pubmed(_ pmid: String?) -> String? {
        guard let pmid, !pmid.isEmpty, pmid.count <= 10, pmid.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return "https://pubmed.ncbi.nlm.nih.gov/\(pmid)/"
    }

    /// The best link for a reference: its own web URL, else its DOI, else its PubMed page.
    public static func best(url: String?, doi: String?, pmid: String?) -> String? {
        web(url) ?? self.doi(doi) ?? pubmed(pmid)
    }
}
