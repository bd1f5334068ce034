/// Unicode Normalization Form C, in our own code: the standard library keeps
/// its normaliser underscored, and Foundation's would add its start-up time to
/// every command. Keys and texts are stored composed, so that "Renée" typed
/// with a combining accent finds the role stored with a precomposed "é".
enum CanonicalComposition {
    /// `string` in Normalization Form C.
    static func composed(_ string: String) -> String {
        if isComposed(string) { return string }
        var scalars = decomposed(string)
        compose(&scalars)
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }

    /// `string` in Normalization Form D: every scalar decomposed, marks in
    /// canonical order.
    static func decomposed(_ string: String) -> [Unicode.Scalar] {
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(string.unicodeScalars.count + 4)
        for scalar in string.unicodeScalars { appendDecomposition(of: scalar, to: &scalars) }
        orderMarks(&scalars)
        return scalars
    }

    // MARK: - Quick check (UAX #15, section 9)

    /// True when `string` is certainly in NFC: no scalar whose quick check is
    /// "no" or "maybe", and combining marks in canonical order.
    static func isComposed(_ string: String) -> Bool {
        var lastClass: UInt8 = 0
        for scalar in string.unicodeScalars {
            // Nothing below U+0300 decomposes, combines or reorders.
            guard scalar.value >= 0x300 else {
                lastClass = 0
                continue
            }
            let combiningClass = scalar.properties.canonicalCombiningClass.rawValue
            if combiningClass != 0 && lastClass > combiningClass { return false }
            if inRanges(CanonicalCompositionTable.quickCheckNotYes, scalar.value) { return false }
            lastClass = combiningClass
        }
        return true
    }

    // MARK: - Decomposition

    private static func appendDecomposition(of scalar: Unicode.Scalar, to scalars: inout [Unicode.Scalar]) {
        let value = scalar.value
        if Hangul.isSyllable(value) {
            Hangul.decompose(value, into: &scalars)
            return
        }
        guard value >= 0xC0, let (first, second) = decompositionStep(value) else {
            scalars.append(scalar)
            return
        }
        appendDecomposition(of: Unicode.Scalar(first)!, to: &scalars)
        if second != 0 { appendDecomposition(of: Unicode.Scalar(second)!, to: &scalars) }
    }

    private static func decompositionStep(_ value: UInt32) -> (UInt32, UInt32)? {
        let table = CanonicalCompositionTable.decompositions
        var low = 0, high = table.count / 3
        while low < high {
            let middle = (low + high) / 2
            let key = table[middle * 3]
            if key == value { return (table[middle * 3 + 1], table[middle * 3 + 2]) }
            if key < value { low = middle + 1 } else { high = middle }
        }
        return nil
    }

    /// Canonical ordering: each run of combining marks sorted by class, stably.
    private static func orderMarks(_ scalars: inout [Unicode.Scalar]) {
        guard scalars.count > 1 else { return }
        var index = 1
        while index < scalars.count {
            let current = combiningClass(scalars[index])
            if current != 0 {
                var position = index
                while position > 0 {
                    let previous = combiningClass(scalars[position - 1])
                    guard previous > current else { break }
                    scalars.swapAt(position - 1, position)
                    position -= 1
                }
            }
            index += 1
        }
    }

    // MARK: - Composition

    private static func compose(_ scalars: inout [Unicode.Scalar]) {
        var output: [Unicode.Scalar] = []
        output.reserveCapacity(scalars.count)
        var starter: Int?
        var lastClass: UInt8 = 0
        for scalar in scalars {
            let currentClass = combiningClass(scalar)
            if let starter {
                // A mark combines with the last starter unless something in
                // between blocks it: a starter, or a mark of the same or a
                // higher class.
                let adjacent = starter == output.count - 1
                if adjacent || (lastClass != 0 && lastClass < currentClass),
                   let composite = primaryComposite(output[starter].value, scalar.value) {
                    output[starter] = Unicode.Scalar(composite)!
                    continue
                }
            }
            if currentClass == 0 { starter = output.count }
            lastClass = currentClass
            output.append(scalar)
        }
        scalars = output
    }

    private static func primaryComposite(_ first: UInt32, _ second: UInt32) -> UInt32? {
        if let syllable = Hangul.compose(first, second) { return syllable }
        let table = CanonicalCompositionTable.compositions
        let wanted = UInt64(first) << 32 | UInt64(second)
        var low = 0, high = table.count / 3
        while low < high {
            let middle = (low + high) / 2
            let key = UInt64(table[middle * 3]) << 32 | UInt64(table[middle * 3 + 1])
            if key == wanted { return table[middle * 3 + 2] }
            if key < wanted { low = middle + 1 } else { high = middle }
        }
        return nil
    }

    private static func combiningClass(_ scalar: Unicode.Scalar) -> UInt8 {
        scalar.value < 0x300 ? 0 : scalar.properties.canonicalCombiningClass.rawValue
    }

    private static func inRanges(_ ranges: [UInt32], _ value: UInt32) -> Bool {
        var low = 0, high = ranges.count / 2
        while low < high {
            let middle = (low + high) / 2
            if value < ranges[middle * 2] { high = middle }
            else if value > ranges[middle * 2 + 1] { low = middle + 1 }
            else { return true }
        }
        return false
    }
}

/// Hangul syllables compose and decompose by arithmetic (Unicode 16, 3.12).
private enum Hangul {
    static let syllableBase: UInt32 = 0xAC00, leadingBase: UInt32 = 0x1100
    static let vowelBase: UInt32 = 0x1161, trailingBase: UInt32 = 0x11A7
    static let leadingCount: UInt32 = 19, vowelCount: UInt32 = 21, trailingCount: UInt32 = 28
    static let syllableCount = leadingCount * vowelCount * trailingCount

    static func isSyllable(_ value: UInt32) -> Bool {
        value >= syllableBase && value < syllableBase + syllableCount
    }

    static func decompose(_ value: UInt32, into scalars: inout [Unicode.Scalar]) {
        let index = value - syllableBase
        scalars.append(Unicode.Scalar(leadingBase + index / (vowelCount * trailingCount))!)
        scalars.append(Unicode.Scalar(vowelBase + (index % (vowelCount * trailingCount)) / trailingCount)!)
        let trailing = index % trailingCount
        if trailing != 0 { scalars.append(Unicode.Scalar(trailingBase + trailing)!) }
    }

    static func compose(_ first: UInt32, _ second: UInt32) -> UInt32? {
        if first >= leadingBase, first < leadingBase + leadingCount,
           second >= vowelBase, second < vowelBase + vowelCount {
            return syllableBase + ((first - leadingBase) * vowelCount + (second - vowelBase)) * trailingCount
        }
        if isSyllable(first), (first - syllableBase) % trailingCount == 0,
           second > trailingBase, second < trailingBase + trailingCount {
            return first + (second - trailingBase)
        }
        return nil
    }
}
