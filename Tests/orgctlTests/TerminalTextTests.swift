import Testing
@testable import orgctl

/// The byte-level pre-check of TerminalText must never let an unsafe
/// character through: every scalar is tried between two ASCII letters.
@Suite("Terminal text escaping")
struct TerminalTextTests {
    static func shouldEscape(_ value: UInt32) -> Bool {
        switch value {
        case 0..<0x20, 0x7F..<0xA0, 0x00AD, 0x034F, 0x061C, 0x115F, 0x1160, 0x180E,
             0x200B...0x200F, 0x2028...0x202E, 0x2060...0x206F, 0x3164, 0xFEFF, 0xFFA0, 0xFFF9...0xFFFB,
             0xE0001, 0xE0020...0xE007F:
            true
        default:
            false
        }
    }

    @Test("every scalar between ASCII letters is escaped exactly when it is unsafe or invisible")
    func everyScalar() {
        var wrong: [UInt32] = []
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            var text = "a"
            text.unicodeScalars.append(scalar)
            text += "b"
            let escaped = TerminalText.safe(text) != text
            if escaped != Self.shouldEscape(value) { wrong.append(value) }
        }
        #expect(wrong.isEmpty, "wrong for \(wrong.prefix(10).map { String($0, radix: 16) })")
    }

    @Test("a dash, accents and CJK take the fast path and come back as they are")
    func ordinaryText() {
        for text in ["ceo  Chief Executive Officer — Amara Okafor", "Chloé Bernard", "漢字", "Zoë Ångström"] {
            #expect(TerminalText.safe(text) == text)
        }
    }
}
