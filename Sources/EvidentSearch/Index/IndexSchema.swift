/// What an index stores: its text fields with their BM25F weights and length normalisation,
/// the numeric columns that can be filtered by range, and the BM25 saturation `k1`.
public struct IndexSchema: Codable, Sendable, Equatable {
    /// One text field.
    public struct Field: Codable, Sendable, Equatable {
        public var name: String
        /// How much a match in this field counts (BM25F weight).
        public var weight: Double
        /// Length normalisation, 0 (none) to 1 (full).
        public var b: Double

        /// Creates a field.
        public init(name: String, weight: Double, b: Double) {
            self.name = name
            self.weight = weight
            self.b = b
        }
    }

    public var fields: [Field]
    public var numericColumns: [String]
    public var k1: Double

    /// Creates a schema (at most ``maximumFields`` text fields).
    public init(fields: [Field], numericColumns: [String] = [], k1: Double = 0.9) {
        precondition(!fields.isEmpty && fields.count <= Self.maximumFields, "1 to \(Self.maximumFields) fields")
        self.fields = fields
        self.numericColumns = numericColumns
        self.k1 = k1
    }

    /// The most text fields a schema may have.
    public static let maximumFields = 4

    /// Index of a field by name.
    public func fieldIndex(_ name: String) -> Int? { fields.firstIndex { $0.name == name } }
}

/// One document to index: a key chosen by the caller, its text per schema field, its facets
/// (exact-match filter values) and its numeric column values.
public struct IndexDocument: Sendable {
    /// The caller's key (the library's document row id).
    public var key: Int64
    /// Text per schema field, in schema order.
    public var fields: [String]
    /// Facet name → values, for exact-match filters (`tier` → `guideline`).
    public var facets: [String: [String]]
    /// Numeric column values in schema order; nil where unknown.
    public var numbers: [Int32?]

    /// Creates a document.
    public init(key: Int64, fields: [String], facets: [String: [String]] = [:], numbers: [Int32?] = []) {
        self.key = key
        self.fields = fields
        self.facets = facets
        self.numbers = numbers
    }
}
