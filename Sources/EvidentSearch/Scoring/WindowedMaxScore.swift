/// Top-k retrieval by MaxScore over windows of documents, with block-max bounds.
///
/// Terms whose upper bounds together cannot reach the heap's threshold are *non-essential*: a
/// document containing only them cannot enter the top k, so only the other (*essential*) lists
/// generate candidates. The segment is walked in windows of ``windowSize`` documents. For each
/// window every term's bound is tightened to the highest block bound among its blocks in the
/// window (read from skip entries, nothing decoded); if even their sum cannot reach the threshold
/// the window is skipped. Otherwise the terms are re-partitioned with the window's bounds, the
/// window-essential lists are decoded and scored term at a time into an accumulator array, and
/// each accumulated document, in order, probes the non-essential lists only while its score plus
/// their remaining bounds can still reach the threshold.
extension SegmentQuery {
    /// Documents per window (the accumulator array's size).
    static let windowSize = 2_048

    /// Offers every document that can reach the top `heap.capacity` to `heap`.
    mutating func collectTop(into heap: inout TopKHeap) {
        let count = terms.count
        terms.sort { $0.bound < $1.bound }
        var prefixBounds = [Double](repeating: 0, count: count + 1)
        for index in 0..<count { prefixBounds[index + 1] = prefixBounds[index] + terms[index].bound }

        // The window's accumulators: a score sum per document and a bit per document that has one.
        let sums = UnsafeMutablePointer<Int64>.allocate(capacity: Self.windowSize)
        sums.initialize(repeating: 0, count: Self.windowSize)
        let words = Self.windowSize / 64
        let matched = UnsafeMutablePointer<UInt64>.allocate(capacity: words)
        matched.initialize(repeating: 0, count: words)
        defer {
            sums.deallocate()
            matched.deallocate()
        }
        var windowBounds = [Double](repeating: 0, count: count)
        var windowOrder = Array(0..<count)
        var windowPrefix = [Double](repeating: 0, count: count + 1)
        var next: UInt32 = 0  // the first document not yet covered by a window
        var essentialStart = 0

        while true {
            let threshold = heap.threshold - ScoreSum.slack(heap.threshold)
            while essentialStart < count && prefixBounds[essentialStart + 1] < threshold { essentialStart += 1 }
            // The window starts at the first uncovered document of an essential list.
            var start = PostingCursor.exhausted
            for index in essentialStart..<count {
                if terms[index].cursor.document < next { terms[index].cursor.advance(to: next) }
                start = min(start, terms[index].cursor.document)
            }
            if start == PostingCursor.exhausted { return }
            let end = start + UInt32(min(Self.windowSize, Int(PostingCursor.exhausted - start)))
            next = end

            var total = 0.0
            for index in 0..<count {
                let block = terms[index].cursor.maxBlockBound(from: start, before: end)
                windowBounds[index] = block > 0 ? scoreBound(terms[index].weight, block) : 0
                total += windowBounds[index]
            }
            if total < threshold { continue }

            // Within the window: ascending bounds; the prefix that cannot reach the threshold is non-essential.
            windowOrder.sort { windowBounds[$0] < windowBounds[$1] }
            for rank in 0..<count { windowPrefix[rank + 1] = windowPrefix[rank] + windowBounds[windowOrder[rank]] }
            var nonEssential = 0
            while nonEssential < count && windowPrefix[nonEssential + 1] < threshold { nonEssential += 1 }

            for rank in nonEssential..<count {
                accumulate(windowOrder[rank], from: start, before: end, sums: sums, matched: matched)
            }

            // Non-essential lists, highest bound first. While candidates are dense, drop those that
            // can no longer reach the threshold, then add one list's scores to the rest in a single
            // pass over its postings in the window; once they are sparse, probe per candidate.
            var candidates = 0
            for word in 0..<words { candidates += matched[word].nonzeroBitCount }
            var rank = nonEssential - 1
            while rank >= 0 && candidates > 0 {
                if heap.isFull {
                    let cut = heap.threshold - ScoreSum.slack(heap.threshold) - windowPrefix[rank + 1]
                    candidates = Self.dropCandidates(below: cut, matched: matched, sums: sums)
                }
                let index = windowOrder[rank]
                let postingsInWindow = terms[index].cursor.documentFrequency * (Int(end - start)) / max(1, segment.documentCount)
                if candidates * 8 < postingsInWindow { break }
                addToCandidates(index, from: start, before: end, sums: sums, matched: matched)
                rank -= 1
            }

            for word in 0..<words where matched[word] != 0 {
                var mask = matched[word]
                matched[word] = 0
                while mask != 0 {
                    let offset = word << 6 | mask.trailingZeroBitCount
                    mask &= mask - 1
                    var sum = sums[offset]
                    sums[offset] = 0
                    let document = start + UInt32(offset)
                    let threshold = heap.threshold - ScoreSum.slack(heap.threshold)
                    if ScoreSum.value(sum) + windowPrefix[rank + 1] < threshold || !accepts(document) { continue }
                    // The lists not yet added, highest bound first, while the document can still win.
                    var next = rank
                    while next >= 0 && ScoreSum.value(sum) + windowPrefix[next + 1] >= threshold {
                        let index = windowOrder[next]
                        terms[index].cursor.advance(to: document)
                        if terms[index].cursor.document == document { sum &+= score(index) }
                        next -= 1
                    }
                    guard next < 0 else { continue }
                    let entry = TopKHeap.Entry(score: ScoreSum.value(sum), order: order(document))
                    if heap.admits(entry) && phrasesMatch(document) { heap.insert(entry) }
                }
            }
        }
    }

    /// Adds term `index`'s scores in `start..<end` to the window's sums and marks those documents
    /// as candidates (its own function, so the cursor's decoding inlines into one tight loop).
    @inline(never)
    private mutating func accumulate(_ index: Int, from start: UInt32, before end: UInt32,
                                     sums: UnsafeMutablePointer<Int64>, matched: UnsafeMutablePointer<UInt64>) {
        // A local copy keeps the cursor in registers through the loop.
        var cursor = terms[index].cursor
        let weight = terms[index].weight
        if cursor.document < start { cursor.advance(to: start) }
        cursor.accumulate(from: start, before: end, weight: weight, scorer: scorer, sums: sums, marks: matched)
        terms[index].cursor = cursor
    }

    /// Adds term `index`'s scores in `start..<end` to the candidates' sums only.
    @inline(never)
    private mutating func addToCandidates(_ index: Int, from start: UInt32, before end: UInt32,
                                          sums: UnsafeMutablePointer<Int64>, matched: UnsafeMutablePointer<UInt64>) {
        var cursor = terms[index].cursor
        let weight = terms[index].weight
        if cursor.document < start { cursor.advance(to: start) }
        // Only candidates' postings are decoded in full.
        cursor.firstMarked(matched, from: start, before: end)
        while cursor.document < end {
            sums[Int(cursor.document - start)] &+= score(cursor, weight: weight)
            cursor.nextMarked(matched, from: start, before: end)
        }
        terms[index].cursor = cursor
    }

    /// Clears the candidates whose sum is below `cut`; returns how many remain.
    private static func dropCandidates(below cut: Double, matched: UnsafeMutablePointer<UInt64>, sums: UnsafeMutablePointer<Int64>) -> Int {
        let fixedCut = ScoreSum.fixed(max(0, cut))
        var remaining = 0
        for word in 0..<windowSize / 64 where matched[word] != 0 {
            var mask = matched[word]
            var kept = mask
            while mask != 0 {
                // Branch-free: whether a candidate stays is a coin toss the predictor cannot learn.
                let bit = mask.trailingZeroBitCount
                mask &= mask - 1
                let offset = word << 6 | bit
                let sum = sums[offset]
                let drop = sum < fixedCut
                kept &= drop ? ~(1 << UInt64(bit)) : ~0
                sums[offset] = drop ? 0 : sum
            }
            matched[word] = kept
            remaining += kept.nonzeroBitCount
        }
        return remaining
    }

    /// Offers every matching document to `hits`, scoring each list in full (the reference that
    /// ``collectTop(into:)`` must equal).
    mutating func collectAll(into hits: inout [TopKHeap.Entry]) {
        var sums = [Int64](repeating: 0, count: segment.documentCount)
        var matched = [Bool](repeating: false, count: segment.documentCount)
        for index in terms.indices {
            while terms[index].cursor.document != PostingCursor.exhausted {
                let document = Int(terms[index].cursor.document)
                sums[document] &+= score(index)
                matched[document] = true
                terms[index].cursor.next()
            }
        }
        for document in 0..<segment.documentCount where matched[document] {
            let local = UInt32(document)
            guard accepts(local), phrasesMatch(local) else { continue }
            hits.append(TopKHeap.Entry(score: ScoreSum.value(sums[document]), order: order(local)))
        }
    }
}
