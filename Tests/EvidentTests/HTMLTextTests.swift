import Foundation
import Testing
@testable import Evident

@Suite("HTML to structured text")
struct HTMLTextTests {
    typealias Block = HTMLText.Block

    @Test("blocks", arguments: [
        (
            "headings rank by styling: underlined bold above bold above italic",
            """
            <p><strong><span style="text-decoration: underline;">Spasticity in Adults</span></strong></p>
            <p><strong>Upper Extremity Spasticity</strong></p><p><em>Recommendations</em></p>
            <p>OnaBoNT-A should be considered (<strong>Level B</strong>).</p>
            """,
            [Block(.heading(level: 1), "Spasticity in Adults"), Block(.heading(level: 2), "Upper Extremity Spasticity"),
             Block(.heading(level: 3), "Recommendations"), Block(.paragraph, "OnaBoNT-A should be considered (Level B).")]
        ),
        (
            "a trailing unstyled colon still makes a heading; a grade in brackets does not",
            "<p><span style=\"text-decoration: underline;\"><strong>Definitions</strong></span>:</p><p>(<strong>Weak For</strong>)</p>",
            [Block(.heading(level: 1), "Definitions"), Block(.paragraph, "(Weak For)")]
        ),
        (
            "<h3> and <h4> rank above styled paragraphs",
            "<h4>Dosing</h4><p><strong>Adults</strong></p><h3>Treatment</h3>",
            [Block(.heading(level: 2), "Dosing"), Block(.heading(level: 3), "Adults"), Block(.heading(level: 1), "Treatment")]
        ),
        (
            "a styled sentence is a paragraph unless it opens with a label",
            "<p><em>Recommendation based on observational studies.</em></p><p><strong>Variant 2: Stable patient.</strong></p><p>x</p>",
            [Block(.paragraph, "Recommendation based on observational studies."), Block(.heading(level: 1), "Variant 2: Stable patient.")
             , Block(.paragraph, "x")]
        ),
        (
            "footnote markers after words are dropped; exponents and gestation signs are kept",
            "<p>Offer metformin<sup>3</sup> or <strong>glibenclamide</strong><sup>a,b</sup> (NICE 2015).<sup>4</sup> eGFR below 45 ml/minute/1.73 m<sup>2</sup>, 10<sup>9</sup>/L, 24<sup>+0</sup> weeks, CO<sup>2</sup></p>",
            [Block(.paragraph, "Offer metformin or glibenclamide (NICE 2015). eGFR below 45 ml/minute/1.73 m2, 109/L, 24+0 weeks, CO2")]
        ),
        (
            "entities decoded, whitespace normalised",
            "<p>&beta;-blockers&nbsp;&ge;&#xD;&#xA; 5 mg &#8211; &ndash; &amp; &lt;3 &mu;g&hellip;</p>",
            [Block(.paragraph, "β-blockers ≥ 5 mg – – & <3 μg…")]
        ),
        (
            "nested lists keep their lead-in; a trailing grade stays on the item",
            """
            <ol><li>The panel suggests providers enhance their knowledge of the following domains:
            <ul><li>Empathy skills </li><li>Working with teams</li></ul><p>(<strong>Weak For</strong>)</p></li>
            <li>Second item</li></ol>
            """,
            [Block(.listItem(depth: 1), "The panel suggests providers enhance their knowledge of the following domains: (Weak For)"),
             Block(.listItem(depth: 2), "The panel suggests providers enhance their knowledge of the following domains: Empathy skills"),
             Block(.listItem(depth: 2), "The panel suggests providers enhance their knowledge of the following domains: Working with teams"),
             Block(.listItem(depth: 1), "Second item")]
        ),
        (
            "a paragraph ending with a colon leads the list after it",
            "<p>Offer 1 or more of the following:</p><ul><li>Offloading</li><li>Wound dressings</li></ul>",
            [Block(.paragraph, "Offer 1 or more of the following:"), Block(.listItem(depth: 1), "Offer 1 or more of the following: Offloading"),
             Block(.listItem(depth: 1), "Offer 1 or more of the following: Wound dressings")]
        ),
        (
            "a header row labels three or more columns; the footer's cells are lines",
            """
            <table><thead><tr><th>Radiologic Procedure</th><th>Rating</th><th>Comments</th><th>RRL*</th></tr></thead>
            <tbody><tr><td>CT abdomen with contrast</td><td>9</td><td>Contrast helps.</td>
            <td><img alt="radioactive" src="x.gif " /> <img alt="radioactive" src="x.gif" /></td></tr>
            <tr><td>MRI abdomen</td><td>8</td><td>&nbsp;</td><td>O</td></tr></tbody>
            <tfoot><tr><th colspan="3">Rating Scale: 1,2,3 Usually not appropriate</th><th>*Relative Radiation Level</th></tr></tfoot></table>
            """,
            [Block(.tableRow, "CT abdomen with contrast: Rating: 9; Comments: Contrast helps. RRL*: ☢☢"),
             Block(.tableRow, "MRI abdomen: Rating: 8; RRL*: O"),
             Block(.tableRow, "Rating Scale: 1,2,3 Usually not appropriate"), Block(.tableRow, "*Relative Radiation Level")]
        ),
        (
            "a two-column definitions table: the bold first row is a header, each row 'grade: definition'",
            """
            <table><tr><td><strong>Grade</strong></td><td><strong>Definition</strong></td></tr>
            <tr><td>A</td><td>The USPSTF recommends the service.</td></tr>
            <tr><td>I Statement</td><td>Evidence is <ul><li>lacking</li><li>of poor quality</li></ul></td></tr></table>
            """,
            [Block(.tableRow, "A: The USPSTF recommends the service."), Block(.tableRow, "I Statement: Evidence is; lacking; of poor quality")]
        ),
        (
            "twice-escaped inline tags go, a literal angle bracket stays",
            "<p>100 mg/m&lt;sup&gt;2&lt;/sup&gt; and &lt;C&gt;ABCDE for tumors &lt;T3</p>",
            [Block(.paragraph, "100 mg/m2 and <C>ABCDE for tumors <T3")]
        ),
        (
            "UTF-8 once read as Latin-1 is repaired",
            "<p>Consider ï¬\u{81}tness (1aâ\u{80}\u{93}5b); a Ä¸ statistic; caf\u{E9} stays</p>",
            [Block(.paragraph, "Consider ﬁtness (1a–5b); a ĸ statistic; café stays")]
        ),
        (
            "comments, scripts and styles leave no text",
            "<!-- note --><script>alert('<p>')</script><style>p{}</style><p>Kept</p><!DOCTYPE html>",
            [Block(.paragraph, "Kept")]
        ),
        (
            "<br> ends a line; a bold line before it is a heading",
            "<p><strong>Strength of evidence</strong><br />Moderate<br>Low</p>",
            [Block(.heading(level: 1), "Strength of evidence"), Block(.paragraph, "Moderate"), Block(.paragraph, "Low")]
        ),
    ])
    func blocks(name: String, html: String, expected: [Block]) {
        let text = HTMLText(html: html)
        #expect(text.blocks == expected, "\(name)")
        #expect(text.problems.isEmpty, "\(name)")
    }

    @Test("problems are reported and the text kept", arguments: [
        ("unknown entity", "<p>a &frobnicate; b</p>", "a &frobnicate; b", [HTMLProblem(.unknownEntity, "&frobnicate;")]),
        ("invalid character reference", "<p>a &#0; b &#xD800; c</p>", "a \u{FFFD} b \u{FFFD} c",
         [HTMLProblem(.invalidCharacterReference, "&#0;"), HTMLProblem(.invalidCharacterReference, "&#xD800;")]),
        ("unclosed inline element", "<p><strong>Level B</p><p>next</p>", "Level B\nnext", [HTMLProblem(.unclosedElement, "<strong> (closed by </p>)")]),
        ("stray end tag", "<p>text</em></p>", "text", [HTMLProblem(.strayEndTag, "</em>")]),
        ("never closed", "<div><p>text", "text", [HTMLProblem(.unclosedElement, "<div>")]),
        ("unterminated tag", "<p>a <b", "a <b", [HTMLProblem(.unterminatedTag, "<b")]),
        ("unterminated comment", "<p>a</p><!-- rest", "a", [HTMLProblem(.unterminatedComment, "<!--")]),
    ])
    func problems(name: String, html: String, text: String, problems: [HTMLProblem]) {
        let parsed = HTMLText(html: html)
        #expect(parsed.plainText == text, "\(name)")
        #expect(parsed.problems == problems, "\(name)")
    }

    @Test("links are collected with their text")
    func links() {
        let parsed = HTMLText(html: "<td>Simpson DM. Neurology. 2016. <a href=\"http://www.ncbi.nlm.nih.gov/entrez/query.fcgi?cmd=Retrieve&db=pubmed&list_uids=27164716\" target=\"_blank\">PubMed</a></td>")
        #expect(parsed.links == [HTMLText.Link(href: "http://www.ncbi.nlm.nih.gov/entrez/query.fcgi?cmd=Retrieve&db=pubmed&list_uids=27164716", text: "PubMed")])
        #expect(NGCMetadata.pubMedIDs(in: parsed.links) == ["27164716"])
    }

    @Test("pathological input ends quickly and keeps its text", arguments: [
        ("deep nesting", String(repeating: "<div><span>", count: 20_000) + "deep"),
        ("many unterminated tags", String(repeating: "<a x=\"", count: 20_000)),
        ("tags without an end", String(repeating: "<b <i ", count: 20_000)),
        ("entity-like noise", String(repeating: "&#x", count: 20_000) + String(repeating: "&amp", count: 20_000)),
        ("invalid UTF-8 and NULs", String(decoding: [0xFF, 0xFE, 0x00, 0x3C, 0x70, 0x3E, 0xC3, 0x28] + Array(repeating: UInt8(0x3C), count: 10_000), as: UTF8.self)),
    ])
    func pathological(name: String, html: String) {
        let start = Date()
        let parsed = HTMLText(html: html)
        #expect(Date().timeIntervalSince(start) < 5, "\(name)")
        #expect(parsed.problems.count <= HTMLText.maximumProblems, "\(name)")
        if name == "deep nesting" { #expect(parsed.plainText == "deep") }
    }
}
