import Testing
@testable import OrgModel

/// Our NFC against the standard library's own (underscored) normaliser, which
/// serves here as the oracle: every scalar alone, and random sequences of
/// bases, precomposed letters, combining marks and Hangul jamo.
struct CanonicalCompositionTests {
    private func oracle(_ string: String) -> String {
        String(decoding: string._nfcCodeUnits, as: UTF8.self)
    }

    private static let tableVersion: (major: Int, minor: Int) = {
        let parts = CanonicalCompositionTable.unicodeVersion.split(separator: ".").compactMap { Int($0) }
        return (parts[0], parts[1])
    }()

    /// Scalars assigned in the tables' Unicode version (newer ones the standard
    /// library may know and our tables not).
    private static let scalars: [Unicode.Scalar] = (0...0x10FFFF).compactMap { value -> Unicode.Scalar? in
        guard let scalar = Unicode.Scalar(value), let age = scalar.properties.age else { return nil }
        return (age.major, age.minor) <= tableVersion ? scalar : nil
    }

    @Test func everyScalarAloneMatchesTheStandardLibrary() {
        var mismatches: [String] = []
        for scalar in Self.scalars {
            let string = String(Character(scalar))
            if !CanonicalComposition.composed(string).unicodeScalars.elementsEqual(oracle(string).unicodeScalars) {
                mismatches.append(String(scalar.value, radix: 16))
            }
        }
        #expect(mismatches.isEmpty, "differ: \(mismatches.prefix(20))")
    }

    @Test func randomSequencesMatchTheStandardLibrary() {
        // What makes composition interesting: letters with and without
        // accents, marks of several classes, Hangul jamo and syllables, and
        // the odd singleton or excluded composite.
        let interesting = Self.scalars.filter { scalar in
            let string = String(Character(scalar))
            return scalar.properties.canonicalCombiningClass.rawValue != 0
                || oracle(string).unicodeScalars.count != 1
                || oracle(string) != string
                || (0x1100...0x11FF).contains(scalar.value)
                || (0xAC00...0xAC40).contains(scalar.value)
                || !CanonicalComposition.isComposed(string)
        }.filter { !Self.decomposesToMarks($0) } + Array("aeiouAEOUnNcCsSzZ ".unicodeScalars) + Array("éèÅçØĳﬁ".unicodeScalars)
        var generator = SplitMix64(seed: 0x5EED)
        var mismatches: [String] = []
        for _ in 0..<200_000 {
            let length = Int.random(in: 1...6, using: &generator)
            var view = String.UnicodeScalarView()
            for _ in 0..<length { view.append(interesting.randomElement(using: &generator)!) }
            let string = String(view)
            let ours = CanonicalComposition.composed(string)
            if !ours.unicodeScalars.elementsEqual(oracle(string).unicodeScalars) {
                mismatches.append(string.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: " "))
            }
        }
        #expect(mismatches.isEmpty, "differ: \(mismatches.prefix(10))")
    }

    /// Tibetan vowel signs such as U+0F75 decompose into marks that must be
    /// reordered against the marks before them; the standard library's
    /// normaliser leaves them in place, so these cases are checked against
    /// the reference (Python's unicodedata2 16.0.0) instead of it.
    private static func decomposesToMarks(_ scalar: Unicode.Scalar) -> Bool {
        let string = String(Character(scalar))
        let normal = String(decoding: string._nfcCodeUnits, as: UTF8.self).unicodeScalars
        return normal.count > 1 && normal.first!.properties.canonicalCombiningClass.rawValue != 0
    }

    @Test func marksFromADecompositionAreReordered() {
        let cases: [([UInt32], [UInt32])] = [
            ([0x1DF4, 0xF75], [0xF71, 0xF74, 0x1DF4]),
            ([0x1A7C, 0xF81, 0x1138], [0xF71, 0xF80, 0x1A7C, 0x1138]),
            ([0x61, 0x344], [0xE4, 0x301]),
        ]
        for (input, expected) in cases {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: input.map { Unicode.Scalar($0)! })
            #expect(CanonicalComposition.composed(String(view)).unicodeScalars.map(\.value) == expected)
        }
    }

    @Test func namesComposeAsPeopleTypeThem() {
        #expect(CanonicalComposition.composed("Rene\u{301}e Le\u{301}vesque") == "Ren\u{E9}e L\u{E9}vesque")
        #expect(CanonicalComposition.composed("C\u{30C}erna\u{301}").unicodeScalars.map(\.value) == [0x10C, 0x65, 0x72, 0x6E, 0xE1])
        #expect(CanonicalComposition.composed("\u{1100}\u{1161}\u{11A8}") == "\u{AC01}")
        #expect(CanonicalComposition.composed("Ayşe Yılmaz") == "Ayşe Yılmaz")
        // Canonical order of marks: below (220) before above (230).
        #expect(CanonicalComposition.composed("q\u{301}\u{323}").unicodeScalars.map(\.value) == [0x71, 0x323, 0x301])
    }
}
