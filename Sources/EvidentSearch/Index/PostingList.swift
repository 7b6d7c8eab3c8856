/// An in-memory posting list for one term while a segment is built or merged.
struct PostingList {
    /// Local document ids, increasing.
    var documents: [UInt32] = []
    /// Term frequency per field, `fieldCount` values per posting.
    var frequencies: [UInt16] = []
    /// Positions, concatenated; each posting has as many as the sum of its frequencies.
    var positions: [UInt32] = []
}
