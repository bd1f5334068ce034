@_spi(_Unicode) import Swift

/// How names are compared when people search: case, accents and the marks
/// inside a name (O'Connor, St. John) do not count. The index, the queries
/// and the HTML export's script all fold with these rules, so a search
/// matches the same way everywhere; the script's copy is generated from
/// ``letterReplacements`` and ``vanishing``.
enum SearchFolding {
    /// Letters that carry their accent in the letter itself, so removing
    /// combining marks leaves them unchanged: each stands for the plain
    /// letters a person without the key would type.
    static let letterReplacements: [(Unicode.Scalar, String)] = [
        ("ł", "l"), ("ø", "o"), ("ı", "i"), ("đ", "d"), ("ð", "d"), ("ħ", "h"),
        ("ŀ", "l"), ("ß", "ss"), ("æ", "ae"), ("œ", "oe"), ("þ", "th"), ("ŧ", "t"),
    ]
    /// Marks that vanish rather than separate words: apostrophes and the
    /// full stop, so `oconnor` finds O'Connor and `stjohn` finds St.John.
    static let vanishing: [Unicode.Scalar] = ["'", "\u{2019}", "\u{2018}", "\u{02BC}", "`", "\u{00B4}", "."]

    private static let replacementTable: [UInt32: String] = Dictionary(
        uniqueKeysWithValues: letterReplacements.map { ($0.0.value, $0.1) })
    private static let vanishingSet = Set(vanishing.map(\.value))

    /// The words of `text` as the index stores them: lower case, without
    /// accents, split at spaces and at any punctuation that does not vanish;
    /// letters, digits and symbols (emoji) make up the words.
    static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        func close() {
            if !current.isEmpty { words.append(current) }
            current = ""
        }
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            // Plain ASCII, the usual case: no decomposition needed.
            for byte in text.utf8 {
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                    current.unicodeScalars.append(Unicode.Scalar(byte))
                case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                    current.unicodeScalars.append(Unicode.Scalar(byte + 32))
                case UInt8(ascii: "'"), UInt8(ascii: "`"), UInt8(ascii: "."):
                    continue
                default:
                    close()
                }
            }
            close()
            return words
        }
        for scalar in CanonicalComposition.decomposed(text.lowercased()) {
            let properties = scalar.properties
            switch properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark, .format:
                continue
            default:
                break
            }
            if let replacement = replacementTable[scalar.value] {
                current += replacement
            } else if properties.isAlphabetic || properties.numericType != nil || properties.generalCategory == .otherSymbol {
                // Symbols such as emoji are kept: someone may have typed one into a name.
                current.unicodeScalars.append(scalar)
            } else if !vanishingSet.contains(scalar.value) {
                close()
            }
        }
        close()
        return words
    }

    /// The whole of `text` folded, its words joined by single spaces.
    static func whole(_ text: String) -> String { words(text).joined(separator: " ") }
}
