/// BM25F's per-field weighting and length normalisation: a document's normalised frequency for
/// a term is Σ weight_f · tf_f / (1 − b_f + b_f · length_f / average_f), which BM25 then
/// saturates as idf · (F / (k1 + F)).
struct FieldNormalization {
    let weights: [Double]
    /// 1 − b per field.
    let oneMinusB: [Double]
    /// b / average length per field.
    let bOverAverage: [Double]

    /// The normalisation for `schema` with the given average field lengths.
    init(schema: IndexSchema, averages: [Double]) {
        weights = schema.fields.map(\.weight)
        oneMinusB = schema.fields.map { 1 - $0.b }
        bOverAverage = zip(schema.fields, averages).map { $0.b / $1 }
    }

    /// weight / length normalisation for every field (× 256) and length code: a field's
    /// contribution is its term frequency times `table[field << 8 | code]`.
    func table() -> [Double] {
        var table = [Double](repeating: 0, count: weights.count << 8)
        for field in weights.indices {
            for code in 0...255 {
                let length = Double(LengthCode.decode(UInt8(code)))
                table[field << 8 | code] = weights[field] / (oneMinusB[field] + length * bOverAverage[field])
            }
        }
        return table
    }

    /// The highest term frequency ``saturationTable(normalization:fieldCount:k1:)`` covers.
    static let saturatedFrequencies = 3

    /// BM25's saturation F / (k1 + F) precomputed for a posting whose term occurs in one field
    /// only, 1 to ``saturatedFrequencies`` times: entry `(field << 2 | tf) << 8 | code`.
    /// Computed exactly as the general path computes it, so a table hit equals the formula.
    static func saturationTable(normalization: [Double], fieldCount: Int, k1: Double) -> [Double] {
        var table = [Double](repeating: 0, count: fieldCount << 10)
        for field in 0..<fieldCount {
            for frequency in 1...saturatedFrequencies {
                for code in 0...255 {
                    let normalized = 0.0 + Double(frequency) * normalization[field << 8 | code]
                    table[(field << 2 | frequency) << 8 | code] = saturation(normalized, k1: k1)
                }
            }
        }
        return table
    }

    /// BM25's saturation of a normalised frequency.
    @inline(__always)
    static func saturation(_ normalizedFrequency: Double, k1: Double) -> Double {
        normalizedFrequency / (k1 + normalizedFrequency)
    }

    /// Average field length over `documents` documents whose lengths sum to `sum` (never 0, so
    /// it can divide).
    static func averageLength(sum: UInt64, documents: Int) -> Double {
        documents == 0 ? 1 : max(1e-9, Double(sum) / Double(documents))
    }

    /// How much larger a normalised frequency can be under `averages` than under
    /// `segmentAverages` (the ones a segment's stored bounds were computed with): a length
    /// normalisation shrinks by at most average/segmentAverage when the average grows.
    static func boundScale(averages: [Double], segmentAverages: [Double]) -> Double {
        var scale = 1.0
        for (average, segmentAverage) in zip(averages, segmentAverages) where segmentAverage > 1e-9 {
            scale = max(scale, average / segmentAverage)
        }
        // A little slack for rounding in the quotient above.
        return scale * (1 + 1e-6)
    }
}

extension Float {
    /// The smallest Float that is ≥ `value`.
    init(roundingUp value: Double) {
        let nearest = Float(value)
        self = Double(nearest) < value ? nearest.nextUp : nearest
    }
}
