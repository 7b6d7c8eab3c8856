/// The fields of one National Guideline Clearinghouse summary as its XML holds them:
/// `<Version>` → `<Section Name=…>` → `<Field Name=… Type=…>` → `<FieldValue Value="HTML"/>`.
struct NGCSummary {
    /// One field: its section, its name and its values (each an HTML fragment).
    struct Field {
        var section: String
        var name: String
        var values: [String]
    }

    /// The fields in document order (a few, such as "Bibliographic Source(s)", appear in two sections).
    var fields: [Field]

    /// A summary that is not shaped as NGC's XML.
    struct ShapeProblem: Error {
        var message: String
    }

    /// Reads the fields below a `<Version>` root.
    init(root: XMLNode) throws(ShapeProblem) {
        guard root.name == "Version" else { throw ShapeProblem(message: "root element is <\(root.name)>, expected <Version>") }
        fields = []
        for section in root.children("Section") {
            let sectionName = section.attributes["Name"] ?? ""
            for field in section.children("Field") {
                guard let name = field.attributes["Name"] else { continue }
                fields.append(Field(section: sectionName, name: name, values: field.children("FieldValue").compactMap { $0.attributes["Value"] }))
            }
        }
        guard !fields.isEmpty else { throw ShapeProblem(message: "no <Section>/<Field> elements") }
    }

    /// The first field with this name.
    func field(_ name: String) -> Field? { fields.first { $0.name == name } }

    /// The values of the first field with this name (empty if there is none).
    func values(_ name: String) -> [String] { field(name)?.values ?? [] }
}
