/// Text made safe to print on a terminal: control characters, the Unicode
/// controls that reorder text, and the invisible characters that could make one
/// value pass for another are shown as escapes (`\u{200b}`), never sent raw.
///
/// Stored names and every message on standard error go through it, so a
/// hostile title, file name or header cannot drive the terminal or hide
/// itself. Joiners inside a word of another script or an emoji sequence, and
/// the tag characters of an emoji flag, are part of the text and stay.
enum TerminalText {
    static func safe(_ text: String) -> String {
        guard mayBeUnsafe(text) else { return text }
        let scalars = Array(text.unicodeScalars)
        var unsafeAt: [Int] = []
        var inFlagTags = false
        for (index, scalar) in scalars.enumerated() {
            switch classify(scalar) {
            case .safe:
                inFlagTags = scalar.value == blackFlag
            case .unsafe:
                unsafeAt.append(index)
                inFlagTags = false
            case .joiner:
                let joined = index > 0 && index + 1 < scalars.count
                    && isWordPart(scalars[index - 1]) && isWordPart(scalars[index + 1])
                if !joined { unsafeAt.append(index) }
                inFlagTags = false
            case .tag:
                // Only a black flag followed by tags up to the cancel tag is a flag.
                if !inFlagTags { unsafeAt.append(index) }
                if scalar.value == cancelTag { inFlagTags = false }
            }
        }
        guard !unsafeAt.isEmpty else { return text }
        var out = ""
        var cursor = 0
        for (index, scalar) in scalars.enumerated() {
            if cursor < unsafeAt.count && unsafeAt[cursor] == index {
                out += "\\u{" + String(scalar.value, radix: 16) + "}"
                cursor += 1
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static let blackFlag: UInt32 = 0x1F3F4
    private static let cancelTag: UInt32 = 0xE007F

    private enum Kind { case safe, unsafe, joiner, tag }

    private static func classify(_ scalar: Unicode.Scalar) -> Kind {
        switch scalar.value {
        case 0..<0x20, 0x7F..<0xA0,                 // C0 and C1 controls, DEL
             0x00AD, 0x034F, 0x061C, 0x115F, 0x1160, 0x180E,
             0x200B, 0x200E...0x200F,                // zero-width space, bidi marks
             0x2028...0x202E,                        // line separators, bidi embeddings
             0x2060...0x206F,                        // word joiner, invisible operators, bidi isolates
             0x3164, 0xFEFF, 0xFFA0, 0xFFF9...0xFFFB, 0xE0001:
            .unsafe
        case 0x200C, 0x200D: .joiner
        case 0xE0020...0xE007F: .tag
        default: .safe
        }
    }

    /// A neighbour that makes a joiner part of the text: a letter of a
    /// non-ASCII script, a mark, or an emoji (with its modifiers).
    private static func isWordPart(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 0x80 && classify(scalar) == .safe
    }

    /// False when no bytes of `text` encode an unsafe scalar or a joiner:
    /// below U+0020, U+007F, or one of the sequences below, matched on the
    /// byte and the two before it. Only a hint for speed (most text, accents
    /// and dashes included, needs no scalar walk): the scalar check decides.
    private static func mayBeUnsafe(_ text: String) -> Bool {
        var first: UInt8 = 0, second: UInt8 = 0
        for byte in text.utf8 {
            if byte < 0x20 || byte == 0x7F { return true }
            switch (first, second, byte) {
            case (_, 0xC2, 0x80...0x9F), (_, 0xC2, 0xAD), (_, 0xCD, 0x8F), (_, 0xD8, 0x9C),
                 (0xE1, 0x85, 0x9F...0xA0), (0xE1, 0xA0, 0x8E),
                 (0xE2, 0x80, 0x8B...0x8F), (0xE2, 0x80, 0xA8...0xAE), (0xE2, 0x81, 0xA0...0xAF),
                 (0xE3, 0x85, 0xA4), (0xEF, 0xBB, 0xBF), (0xEF, 0xBE, 0xA0), (0xEF, 0xBF, 0xB9...0xBB),
                 (0xF3, 0xA0, 0x80...0x81):
                return true
            default:
                first = second
                second = byte
            }
        }
        return false
    }
}
