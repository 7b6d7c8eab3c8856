/// Keeps the k best hits seen so far: a binary min-heap whose root is the worst kept hit.
///
/// Order: higher score is better; on equal scores the earlier document (lower `order`) is better,
/// so results are deterministic and pruned search equals exhaustive search. O(log k) per insert.
struct TopKHeap {
    struct Entry {
        var score: Double
        var order: UInt64
    }

    let capacity: Int
    private(set) var entries: [Entry] = []

    init(capacity: Int) {
        self.capacity = capacity
        entries.reserveCapacity(capacity)
    }

    /// True if `a` ranks below `b`.
    @inline(__always)
    static func worse(_ a: Entry, _ b: Entry) -> Bool {
        a.score < b.score || (a.score == b.score && a.order > b.order)
    }

    var isFull: Bool { entries.count >= capacity }

    /// The score a new hit must beat once the heap is full (−∞ before).
    var threshold: Double { isFull ? entries[0].score : -.infinity }

    /// True if `entry` would be kept by ``insert(_:)``.
    func admits(_ entry: Entry) -> Bool {
        capacity > 0 && (!isFull || Self.worse(entries[0], entry))
    }

    /// Offers a hit; returns true if it was kept.
    @discardableResult
    mutating func insert(_ entry: Entry) -> Bool {
        guard capacity > 0 else { return false }
        if !isFull {
            entries.append(entry)
            siftUp(entries.count - 1)
            return true
        }
        guard Self.worse(entries[0], entry) else { return false }
        entries[0] = entry
        siftDown(0)
        return true
    }

    /// The kept hits, best first.
    func sorted() -> [Entry] { entries.sorted { Self.worse($1, $0) } }

    private mutating func siftUp(_ index: Int) {
        var child = index
        while child > 0 {
            let parent = (child - 1) / 2
            guard Self.worse(entries[child], entries[parent]) else { return }
            entries.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(_ index: Int) {
        var parent = index
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var worst = parent
            if left < entries.count && Self.worse(entries[left], entries[worst]) { worst = left }
            if right < entries.count && Self.worse(entries[right], entries[worst]) { worst = right }
            if worst == parent { return }
            entries.swapAt(parent, worst)
            parent = worst
        }
    }
}
