/// BM25F's per-field weighting and length normalisation: a document's normalised frequency for
/// a term is Σ weight_f · tf_f / (1 − b_f + b_f · length_f / average_f), which BM25 then
/// saturates as idf · F / (k1 + F).
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

    /// One field's contribution for term frequency `frequency` in a field of `length` terms.
    @inline(__always)
    func contribution(_ field: Int, frequency: UInt16, length: UInt32) -> Double {
        weights[field] * Double(frequency) / (oneMinusB[field] + Double(length) * bOverAverage[field])
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
