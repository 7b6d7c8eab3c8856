import Evident
import Hummingbird

/// The body of `POST /v1/answers`.
struct AnswerRequest: Decodable, Sendable {
    /// How the answer comes back: the answer JSON, or one of its renderings.
    enum Format: String, Decodable, Sendable {
        case json, html, markdown, text
    }

    var question: String
    var tier: Tier?
    var format: Format?
    var kinds: [DocumentKind]?
    var yearFrom: Int?
    var yearTo: Int?
    var explain: Bool?

    /// Checks what the schema promises (lengths in Unicode scalars, as JSON Schema counts them).
    func validate() throws {
        guard question.unicodeScalars.count <= Engine.maximumQuestionLength else {
            throw HTTPError(.badRequest, message: "the question is longer than \(Engine.maximumQuestionLength) characters")
        }
        _ = try APIRoutes.checkedYear(yearFrom, name: "yearFrom")
        _ = try APIRoutes.checkedYear(yearTo, name: "yearTo")
    }

    /// The document filter the request asks for.
    var filter: AnswerFilter { AnswerFilter(kinds: Set(kinds ?? []), yearFrom: yearFrom, yearTo: yearTo) }
}
