/// Numbers in an array, or in a build cache file mapped into memory (`BlockFile`), read
/// through a buffer pointer: a column of ten thousand values loads without a copy.
enum NumberColumn<Number: FixedWidthInteger & Sendable>: Sendable {
    case owned([Number])
    /// `count` numbers at `offset`, which is aligned for `Number` (checked by `BlockFile`).
    case mapped(SharedBytes, offset: Int, count: Int)

    var count: Int {
        switch self {
        case .owned(let numbers): numbers.count
        case .mapped(_, _, let count): count
        }
    }

    func withBuffer<Result>(_ body: (UnsafeBufferPointer<Number>) throws -> Result) rethrows -> Result {
        switch self {
        case .owned(let numbers):
            return try numbers.withUnsafeBufferPointer(body)
        case .mapped(let bytes, let offset, let count):
            let start = bytes.buffer.baseAddress.map { ($0 + offset).assumingMemoryBound(to: Number.self) }
            return try body(UnsafeBufferPointer(start: start, count: count))
        }
    }

    subscript(index: Int) -> Number {
        withBuffer { $0[index] }
    }
}

/// Many short lists (byte strings, lists of numbers) in one column, with where each ends:
/// no allocation per list, and kept in the build cache as two blocks. The search index
/// keeps ten thousand entries so.
struct PackedLists<Number: FixedWidthInteger & Sendable>: Sendable {
    let elements: NumberColumn<Number>
    /// Where each list ends in `elements`.
    let ends: NumberColumn<Int>

    var count: Int { ends.count }

    /// Lists read back; nil unless `ends` are in order and end at the end of `elements`.
    init?(elements: NumberColumn<Number>, ends: NumberColumn<Int>) {
        let valid = ends.withBuffer { ends in
            zip(ends.dropFirst(), ends).allSatisfy { $0 >= $1 } && (ends.first ?? 0) >= 0 && (ends.last ?? 0) == elements.count
        }
        guard valid else { return nil }
        (self.elements, self.ends) = (elements, ends)
    }

    /// Lists as they are appended.
    struct Builder {
        private(set) var elements: [Number] = []
        private(set) var ends: [Int] = []

        init(lists: Int, elements total: Int) {
            ends.reserveCapacity(lists)
            elements.reserveCapacity(total)
        }

        mutating func append(_ list: some Sequence<Number>) {
            elements.append(contentsOf: list)
            ends.append(elements.count)
        }

        /// For each `sources[i]`, list `sources[i]` of `lists`, or `other(i)` where it is nil.
        /// Lists that follow one another in `lists` are copied as one run.
        mutating func append(_ sources: [Int?], of lists: Lists, other: (Int) -> [Number]) {
            var index = 0
            while index < sources.count {
                guard let first = sources[index] else {
                    append(other(index))
                    index += 1
                    continue
                }
                var end = index + 1
                while end < sources.count, sources[end] == first + (end - index) { end += 1 }
                let start = first == 0 ? 0 : lists.ends[first - 1], last = first + (end - index) - 1
                let shift = elements.count - start
                elements.append(contentsOf: UnsafeBufferPointer(rebasing: lists.elements[start..<lists.ends[last]]))
                for old in first...last { ends.append(lists.ends[old] + shift) }
                index = end
            }
        }

        var lists: PackedLists { PackedLists(owned: elements, ends: ends) }
    }

    private init(owned elements: [Number], ends: [Int]) {
        (self.elements, self.ends) = (.owned(elements), .owned(ends))
    }

    /// The lists as buffers, for the duration of `body`.
    func withLists<Result>(_ body: (Lists) -> Result) -> Result {
        elements.withBuffer { elements in ends.withBuffer { ends in body(Lists(elements: elements, ends: ends)) } }
    }

    /// The lists, valid inside `withLists`.
    struct Lists {
        let elements: UnsafeBufferPointer<Number>
        let ends: UnsafeBufferPointer<Int>

        var count: Int { ends.count }

        subscript(index: Int) -> UnsafeBufferPointer<Number> {
            UnsafeBufferPointer(rebasing: elements[(index == 0 ? 0 : ends[index - 1])..<ends[index]])
        }
    }
}
