/// An encoding a source file may be in besides UTF-8, named as people and
/// spreadsheet programs name them.
public enum SourceEncoding: String, Sendable, CaseIterable {
    /// Windows' Western European code page, what Excel on Windows saves as "CSV".
    case windows1252 = "windows-1252"
    /// ISO 8859-1.
    case latin1
}

/// Bytes of a source file as UTF-8: UTF-8 is taken as it is (a BOM is left
/// to the reader), UTF-16 with a BOM (Excel's "Unicode text") and the
/// encodings of ``SourceEncoding`` are transcoded. Anything else is left
/// for the reader to refuse, naming the line, rather than guessed at.
enum TextDecoding {
    static func utf8(_ bytes: [UInt8], encoding: SourceEncoding?, file: String) throws(OrgError) -> [UInt8] {
        if let encoding { return singleByte(bytes, encoding) }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) { return try utf16(bytes, file: file) }
        return bytes
    }

    private static func utf16(_ bytes: [UInt8], file: String) throws(OrgError) -> [UInt8] {
        let little = bytes[0] == 0xFF
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = 2
        while index + 1 < bytes.count {
            units.append(little ? UInt16(bytes[index]) | UInt16(bytes[index + 1]) << 8 : UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1]))
            index += 2
        }
        var out: [UInt8] = [0xEF, 0xBB, 0xBF]
        out.reserveCapacity(units.count + units.count / 4)
        var line = 1
        var iterator = units.makeIterator()
        var decoder = UTF16()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if scalar == "\n" { line += 1 }
                out.append(contentsOf: UTF8.encode(scalar)!)
            case .emptyInput: break loop
            case .error:
                throw OrgError.importFailed(file: file, line: line, column: nil,
                                            message: "the file is UTF-16 with a broken character on this line; save it as UTF-8 and try again")
            }
        }
        return out
    }

    /// The code points 0x80–0x9F of Windows-1252 (0 where it has none: those bytes are read as Latin-1's control characters).
    private static let windows1252High: [UInt32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ]

    private static func singleByte(_ bytes: [UInt8], _ encoding: SourceEncoding) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8)
        for byte in bytes {
            if byte < 0x80 {
                out.append(byte)
                continue
            }
            var code = UInt32(byte)
            if encoding == .windows1252, byte < 0xA0, windows1252High[Int(byte - 0x80)] != 0 { code = windows1252High[Int(byte - 0x80)] }
            out.append(contentsOf: UTF8.encode(Unicode.Scalar(code)!)!)
        }
        return out
    }
}
