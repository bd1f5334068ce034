/// Checking that a file is well-formed UTF-8 before anything reads it as
/// text: `String(decoding:as:)` would turn each bad byte into U+FFFD, and a
/// name would be stored changed without a word.
enum UTF8Validation {
    /// Where the first byte that is not part of well-formed UTF-8 is (the
    /// lead byte of an ill-formed or cut-short sequence); nil when all is well.
    static func firstInvalidByte(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let count = bytes.count
        let raw = UnsafeRawBufferPointer(bytes)
        var index = 0
        while index < count {
            // Most files are mostly ASCII: 16 bytes at a time while no byte
            // has its high bit set.
            while index + 16 <= count {
                let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                    | raw.loadUnaligned(fromByteOffset: index + 8, as: UInt64.self)
                guard word & 0x8080_8080_8080_8080 == 0 else { break }
                index += 16
            }
            while index < count, bytes[index] < 0x80 { index += 1 }
            guard index < count else { return nil }
            // One multi-byte sequence, by Table 3-7 of the Unicode Standard:
            // no overlong forms, no surrogates, nothing above U+10FFFF.
            let lead = bytes[index]
            let length: Int
            var second: ClosedRange<UInt8> = 0x80...0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; second = 0xA0...0xBF
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; second = 0x80...0x9F
            case 0xF0: length = 4; second = 0x90...0xBF
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; second = 0x80...0x8F
            default: return index
            }
            guard index + length <= count, second.contains(bytes[index + 1]) else { return index }
            for offset in 2..<length where bytes[index + offset] & 0xC0 != 0x80 { return index }
            index += length
        }
        return nil
    }

    static func firstInvalidByte<Bytes: Collection<UInt8>>(in bytes: Bytes) -> Int? {
        if let answer = bytes.withContiguousStorageIfAvailable({ firstInvalidByte(in: $0) }) { return answer }
        return Array(bytes).withUnsafeBufferPointer { firstInvalidByte(in: $0) }
    }

    /// Why `bytes` cannot be read as text, and the line (counted as the CSV
    /// reader counts them: LF, CRLF or a lone CR ends a line) where the first
    /// bad byte is; nil for well-formed UTF-8.
    static func failure(in bytes: [UInt8]) -> (line: Int, message: String)? {
        guard let offset = firstInvalidByte(in: bytes) else { return nil }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            return (1, "the file is UTF-16, not UTF-8; save it as UTF-8 and try again")
        }
        var line = 1
        var lineStart = 0
        var index = 0
        while index < offset {
            let byte = bytes[index]
            index += 1
            if byte == 0x0A || (byte == 0x0D && (index == bytes.count || bytes[index] != 0x0A)) {
                line += 1
                lineStart = index
            }
        }
        let hex = String(bytes[offset], radix: 16, uppercase: true)
        return (line, "the file is not UTF-8: byte 0x\(hex.count == 1 ? "0" : "")\(hex) (the \(ordinal(offset - lineStart + 1)) byte of the line) "
            + "is not part of a UTF-8 character; save the file as UTF-8, or name its encoding (it may be windows-1252 or latin1), and try again")
    }

    /// "1st", "2nd", "13th", "22nd".
    private static func ordinal(_ number: Int) -> String {
        let suffix = switch (number % 10, number % 100) {
        case (_, 11...13): "th"
        case (1, _): "st"
        case (2, _): "nd"
        case (3, _): "rd"
        default: "th"
        }
        return "\(number)\(suffix)"
    }
}
