/// Reading LDIF (RFC 2849) as `ldapsearch -LLL` and Windows' `ldifde`
/// print it: records separated by blank lines, `#` comments, lines folded
/// by a leading space, `name:: base64` values and an optional `version: 1`.
/// Values stay bytes until an attribute is used: a `jpegPhoto` in the
/// export is carried, never refused for not being text.
enum LDIFReader {
    /// One attribute value, with the line its attribute starts on.
    struct Value {
        var name: String
        var bytes: [UInt8]
        var line: Int
    }

    /// One record: its DN and its attributes in the order written.
    struct Entry {
        var dn: String
        var line: Int
        var values: [Value]
        /// A change record that is not an addition (`changetype: modify`).
        var changeType: String?
        /// The line of `changeType`.
        var changeLine = 0

        /// The values of the attribute `name`, compared without case and
        /// without options such as `;lang-fr`.
        func values(of name: String) -> [Value] {
            values.filter { $0.name == name.lowercased() }
        }
    }

    /// Why a file is not LDIF, and where.
    struct Failure: Error {
        let line: Int
        let message: String
    }

    /// Every record of `bytes`, which must be UTF-8 (a BOM is skipped).
    static func entries(_ bytes: [UInt8]) throws(Failure) -> [Entry] {
        var entries: [Entry] = []
        var current: Entry?
        for logical in try logicalLines(bytes) {
            if logical.text.isEmpty {
                if let entry = current { entries.append(entry) }
                current = nil
                continue
            }
            // A change record's lines ("replace: title", "-") are not
            // attributes: the record is refused whole, at its changetype.
            if current?.changeType != nil { continue }
            let (name, value) = try attribute(logical.text, line: logical.line)
            if current == nil {
                if name == "version" { continue }
                guard name == "dn" else {
                    throw Failure(line: logical.line, message: "an LDIF record begins with \"dn:\", and this one begins with \(Self.shown(name)):")
                }
                current = Entry(dn: String(decoding: value, as: UTF8.self), line: logical.line, values: [], changeType: nil)
                continue
            }
            if name == "changetype" {
                let type = String(decoding: value, as: UTF8.self).lowercased()
                if type != "add" {
                    current?.changeType = type
                    current?.changeLine = logical.line
                }
                continue
            }
            current?.values.append(Value(name: name, bytes: value, line: logical.line))
        }
        if let entry = current { entries.append(entry) }
        return entries
    }

    /// The file's lines with folded lines joined and comments dropped; a
    /// blank line comes out empty and separates records.
    private static func logicalLines(_ bytes: [UInt8]) throws(Failure) -> [(text: ArraySlice<UInt8>, line: Int)] {
        var result: [(text: ArraySlice<UInt8>, line: Int)] = []
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var number = 0
        var inComment = false
        var folded: [UInt8]? = nil
        while start <= bytes.count {
            number += 1
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            var line = bytes[start..<end]
            if line.last == 0x0D { line = line.dropLast() }
            let atEnd = end >= bytes.count
            start = end + 1
            if line.first == 0x20 {
                // A continuation: its text, less the one space, joins the line before.
                if inComment { continue }
                guard !result.isEmpty, !result[result.count - 1].text.isEmpty else {
                    throw Failure(line: number, message: "a line begins with a space, but no line before it continues")
                }
                folded = folded ?? Array(result[result.count - 1].text)
                folded!.append(contentsOf: line.dropFirst())
                result[result.count - 1].text = folded![...]
                if atEnd { break }
                continue
            }
            folded = nil
            inComment = line.first == UInt8(ascii: "#")
            if !inComment { result.append((line, number)) }
            if atEnd { break }
        }
        return result
    }

    /// `name: value`, `name:: base64` or `name:< URL`, with the name in lower
    /// case and without its options.
    private static func attribute(_ text: ArraySlice<UInt8>, line: Int) throws(Failure) -> (String, [UInt8]) {
        guard let colon = text.firstIndex(of: UInt8(ascii: ":")) else {
            throw Failure(line: line, message: "expected \"name: value\", and the line has no colon")
        }
        var name = String(decoding: text[text.startIndex..<colon], as: UTF8.self).lowercased()
        if let semicolon = name.firstIndex(of: ";") { name = String(name[..<semicolon]) }
        var rest = text[(colon + 1)...]
        switch rest.first {
        case UInt8(ascii: ":"):
            rest = rest.dropFirst()
            while rest.first == 0x20 { rest = rest.dropFirst() }
            guard let decoded = Base64.decode(rest) else {
                throw Failure(line: line, message: "the value of \(Self.shown(name)) after \"::\" is not valid base64")
            }
            return (name, decoded)
        case UInt8(ascii: "<"):
            throw Failure(line: line, message: "the value of \(Self.shown(name)) is a URL (\":<\"); export the values themselves")
        default:
            while rest.first == 0x20 { rest = rest.dropFirst() }
            return (name, Array(rest))
        }
    }

    private static func shown(_ name: String) -> String { QuotedValue.quoted(name) }
}

/// Base64 (RFC 4648) without line breaks, as LDIF's `::` values hold it.
enum Base64 {
    static func decode(_ text: ArraySlice<UInt8>) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(text.count * 3 / 4)
        var buffer: UInt32 = 0
        var bits = 0
        var padding = 0
        for byte in text where byte != 0x20 {
            let value: UInt32
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): value = UInt32(byte - UInt8(ascii: "A"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): value = UInt32(byte - UInt8(ascii: "a")) + 26
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = UInt32(byte - UInt8(ascii: "0")) + 52
            case UInt8(ascii: "+"): value = 62
            case UInt8(ascii: "/"): value = 63
            case UInt8(ascii: "="): padding += 1; continue
            default: return nil
            }
            guard padding == 0 else { return nil }
            buffer = buffer << 6 | value
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bits)))
            }
        }
        return padding <= 2 ? out : nil
    }
}
