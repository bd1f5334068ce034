/// User text made safe for SVG and HTML, and cut to fit a box. Names come from
/// anyone who can edit the chart, so nothing they type may end an element,
/// open a tag, or put a character XML 1.0 forbids into the document.
enum MarkupText {
    /// `text` escaped for XML and HTML element content and quoted attributes.
    /// Characters XML 1.0 forbids (C0 controls, U+FFFE, U+FFFF) and the C1
    /// controls, which HTML forbids, are dropped; tabs and line breaks become
    /// spaces, as a drawing shows them anyway.
    static func escaped(_ text: String) -> String {
        // Most names need nothing: skip the scalar walk for them. 0xC2 and 0xEF
        // lead the UTF-8 of the C1 controls and of U+FFFE and U+FFFF.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 || $0 == 0xEF || "&<>\"'".utf8.contains($0) }) {
            return text
        }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x26: out += "&amp;"
            case 0x3C: out += "&lt;"
            case 0x3E: out += "&gt;"
            case 0x22: out += "&quot;"
            case 0x27: out += "&#39;"
            case 0x09, 0x0A, 0x0D: out += " "
            case _ where isDropped(scalar): break
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// True for the characters ``escaped(_:)`` leaves out.
    static func isDropped(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: false
        case 0..<0x20, 0x7F...0x9F, 0xFFFE, 0xFFFF: true
        default: false
        }
    }

    /// `text` as it fits in `maxWidth` at `fontSize`: whole, or cut at a
    /// character boundary and ended with an ellipsis. With no font to measure,
    /// widths come from Helvetica's metrics plus 15% for wider faces
    /// such as DejaVu Sans, so the text errs on fitting.
    static func fitted(_ text: String, maxWidth: Double, fontSize: Double, bold: Bool = false) -> (text: String, isCut: Bool) {
        let scale = fontSize * 1.15
        let room = maxWidth - 1.0 * scale
        var used = 0.0
        var cut = text.endIndex
        for index in text.indices {
            let width = em(text[index], bold: bold) * scale
            if cut == text.endIndex, used + width > room { cut = index }
            used += width
            if used > maxWidth { break }
        }
        guard used > maxWidth else { return (text, false) }
        var kept = text[..<cut]
        while let last = kept.last, last.isWhitespace { kept.removeLast() }
        return (kept + "…", true)
    }

    /// The width `fitted(_:maxWidth:fontSize:bold:)` reckons `text` takes,
    /// for when no font file can be measured.
    static func estimatedWidth(_ text: Substring, fontSize: Double, bold: Bool) -> Double {
        text.reduce(0.0) { $0 + em($1, bold: bold) } * fontSize * 1.15
    }

    /// The advance of one character, in ems: Helvetica's for ASCII, a
    /// generous guess for the rest.
    private static func em(_ character: Character, bold: Bool) -> Double {
        guard let scalar = character.unicodeScalars.first, !isDropped(scalar) else { return 0 }
        let value = scalar.value
        if value >= 0x20, value < 0x7F {
            return Double((bold ? helveticaBold : helvetica)[Int(value) - 0x20]) / 1000
        }
        return isWide(value) ? 1.0 : (bold ? 0.68 : 0.64)
    }

    /// Advances of the printable ASCII characters, space to tilde, in
    /// thousandths of an em, from Adobe's Helvetica font metrics.
    private static let helvetica: [UInt16] = [
        278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
        556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
        1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
        667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
        333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
        556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
    ]
    private static let helveticaBold: [UInt16] = [
        278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
        556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
        975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
        667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
        333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
        611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
    ]

    /// East Asian wide characters and emoji, which take a full em or more.
    private static func isWide(_ value: UInt32) -> Bool {
        switch value {
        case 0x1100...0x115F, 0x2600...0x27BF, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF,
             0x4E00...0x9FFF, 0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F,
             0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F000...0x1FAFF, 0x20000...0x3FFFD:
            true
        default:
            false
        }
    }
}
