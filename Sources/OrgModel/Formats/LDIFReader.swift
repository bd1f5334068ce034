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
        var records = Records(bytes)
        var entries: [Entry] = []
        while let entry = try records.next() { entries.append(entry) }
        return entries
    }

    /// The records of a file one at a time, read as they are asked for: a
    /// directory of 100,000 people is never held as lines or records all at
    /// once, only as what the caller keeps of each.
    struct Records {
        private let bytes: [UInt8]
        /// Where the next physical line starts.
        private var start: Int
        /// The number of the last physical line read.
        private var number = 0
        private var finished = false
        /// A physical line read ahead, to see whether it continues the one before.
        private var peeked: (text: ArraySlice<UInt8>, line: Int)?

        init(_ bytes: [UInt8]) {
            self.bytes = bytes
            start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        }

        /// The next record; nil at the end of the file.
        mutating func next() throws(Failure) -> Entry? {
            var current: Entry?
            while let logical = try nextLogical() {
                if logical.text.isEmpty {
                    if let entry = current { return entry }
                    continue
                }
                // A change record's lines ("replace: title", "-") are not
                // attributes: the record is refused whole, at its changetype.
                if current?.changeType != nil { continue }
                let (name, value) = try LDIFReader.attribute(logical.text, line: logical.line)
                if current == nil {
                    if name == "version" { continue }
                    guard name == "dn" else {
                        throw Failure(line: logical.line, message: "an LDIF record begins with \"dn:\", and this one begins with \(LDIFReader.shown(name)):")
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
            return current
        }

        /// The next logical line: folded lines joined, comments dropped; a
        /// blank line comes out empty and separates records.
        private mutating func nextLogical() throws(Failure) -> (text: ArraySlice<UInt8>, line: Int)? {
            while let (line, number) = nextPhysical() {
                if line.first == 0x20 {
                    // A continuation of a comment goes with it; any other has no line to continue.
                    throw Failure(line: number, message: "a line begins with a space, but no line before it continues")
                }
                let comment = line.first == UInt8(ascii: "#")
                var joined: [UInt8]? = nil
                while !line.isEmpty, let next = peekPhysical(), next.text.first == 0x20 {
                    _ = nextPhysical()
                    if comment { continue }
                    joined = joined ?? Array(line)
                    joined!.append(contentsOf: next.text.dropFirst())
                }
                if comment { continue }
                return (joined.map { $0[...] } ?? line, number)
            }
            return nil
        }

        private mutating func peekPhysical() -> (text: ArraySlice<UInt8>, line: Int)? {
            if peeked == nil { peeked = readPhysical() }
            return peeked
        }

        private mutating func nextPhysical() -> (text: ArraySlice<UInt8>, line: Int)? {
            if let line = peeked {
                peeked = nil
                return line
            }
            return readPhysical()
        }

        private mutating func readPhysical() -> (text: ArraySlice<UInt8>, line: Int)? {
            guard !finished, start <= bytes.count else { return nil }
            number += 1
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            var line = bytes[start..<end]
            if line.last == 0x0D { line = line.dropLast() }
            if end >= bytes.count { finished = true }
            start = end + 1
            return (line, number)
        }
    }

    /// `name: value`, `name:: base64` or `name:< URL`, with the name in lower
    /// case and without its options.
    fileprivate static func attribute(_ text: ArraySlice<UInt8>, line: Int) throws(Failure) -> (String, [UInt8]) {
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

    fileprivate static func shown(_ name: String) -> String { QuotedValue.quoted(name) }
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
