/// Array helpers that read or move elements where they are. Most values of a build
/// (articles, views) are structs of many strings and arrays: a copy retains each of them.
extension Array {
    /// `body` with the element at `index` read in place: `self[index]` copies a struct,
    /// retaining each of its fields, however few of them are read.
    func withElement<Result>(at index: Int, _ body: (UnsafePointer<Element>) -> Result) -> Result {
        withUnsafeBufferPointer { elements in
            guard let base = elements.baseAddress, elements.indices.contains(index) else { preconditionFailure("index \(index) out of range") }
            return body(base + index)
        }
    }

    /// Puts the element that was at `order[i]` at `i`, following each cycle of the permutation
    /// with swaps in the array's buffer, which move elements: building a new array, or
    /// swapping through the array, would copy them, retaining all their fields.
    mutating func permute(by order: [Int]) {
        var done = [Bool](repeating: false, count: count)
        withUnsafeMutableBufferPointer { elements in
            for start in elements.indices where !done[start] {
                var index = start
                done[index] = true
                while order[index] != start {
                    elements.swapAt(index, order[index])
                    index = order[index]
                    done[index] = true
                }
            }
        }
    }
}
