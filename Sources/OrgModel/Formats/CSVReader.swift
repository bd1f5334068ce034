/// An RFC 4180 reader: quoted fields holding commas, doubled quotes and line
/// breaks; CRLF or LF line ends; UTF-8 with or without a byte-order mark.
struct CSVReader {
    /// One record and the line of the file it starts on.
    struct Record {
        let line: Int
        let fields: [String]
    }

    /// Why a file could not be read as CSV.
    struct Failure: Error {
        let line: Int
        let message: String
    }

    /// Every record of `bytes`, skipping blank lines.
    static func records(_ bytes: [UInt8]) throws(Failure) -> [Record] {
        var records: [Record] = []
        var scanner = Scanner(bytes)
        while try scanner.next() {
            records.append(Record(line: scanner.line, fields: (0..<scanner.count).map { scanner.string($0) }))
        }
        return records
    }

    /// Reads one record at a time without making a string of each field: a
    /// field is a range of the file's bytes, or of a scratch buffer when its
    /// quotes had to be undoubled. Large imports read their cells this way.
    struct Scanner {
        let bytes: [UInt8]
        /// Undoubled quoted fields of the current record.
        private(set) var scratch: [UInt8] = []
        /// Each field of the current record: its bounds in `bytes`, or in
        /// `scratch` when `inScratch`.
        private var fields: [(range: Range<Int>, inScratch: Bool)] = []
        private var index: Int
        private var nextLine = 1
        /// The line the current record starts on.
        private(set) var line = 0
        /// Set when the file is not UTF-8: the first `next()` throws it, so
        /// that no field is ever read as text with its bad bytes replaced.
        private var encodingFailure: Failure?

        /// The whole file is checked once here, far faster than field by
        /// field, and every field is then a slice of well-formed UTF-8 (fields
        /// end only at ASCII quotes, commas and line ends).
        init(_ bytes: [UInt8], delimiter: UInt8? = nil) {
            self.bytes = bytes
            index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            encodingFailure = UTF8Validation.failure(in: bytes).map { Failure(line: $0.line, message: $0.message) }
            self.delimiter = delimiter ?? Self.delimiter(ofHeaderIn: bytes, from: index)
        }

        /// The byte between fields: given, or found from the header.
        let delimiter: UInt8

        /// The delimiter the header line uses: of comma, semicolon and tab
        /// (outside quotes), the most frequent; a comma when there is a tie
        /// or none (a file of one column).
        static func delimiter(ofHeaderIn bytes: [UInt8], from start: Int) -> UInt8 {
            var counts: [UInt8: Int] = [:]
            var quoted = false
            for byte in bytes[start...] {
                if byte == UInt8(ascii: "\"") { quoted.toggle() }
                if quoted { continue }
                if byte == 0x0A || byte == 0x0D { break }
                if byte == UInt8(ascii: ",") || byte == UInt8(ascii: ";") || byte == 0x09 { counts[byte, default: 0] += 1 }
            }
            let comma = counts[UInt8(ascii: ","), default: 0], semicolon = counts[UInt8(ascii: ";"), default: 0], tab = counts[0x09, default: 0]
            if semicolon > comma && semicolon >= tab { return UInt8(ascii: ";") }
            if tab > comma && tab > semicolon { return 0x09 }
            return UInt8(ascii: ",")
        }

        /// How many fields the current record has.
        var count: Int { fields.count }

        /// Calls `body` with the bytes of field `field` of the current record.
        func withField<T>(_ field: Int, _ body: (ArraySlice<UInt8>) throws -> T) rethrows -> T {
            let (range, inScratch) = fields[field]
            return try body(inScratch ? scratch[range] : bytes[range])
        }

        /// Calls `body` with a look-up of the current record's fields in
        /// place, each valid only inside `body`: one borrow of the buffers per
        /// record, where a slice per field counted references to the file's
        /// bytes, about a tenth of a million-row import's parse.
        func withFieldBuffers<T>(_ body: ((Int) -> UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
            try bytes.withUnsafeBufferPointer { bytes in
                try scratch.withUnsafeBufferPointer { scratch in
                    try fields.withUnsafeBufferPointer { fields in
                        try body { field in
                            let (range, inScratch) = fields[field]
                            return UnsafeBufferPointer(rebasing: (inScratch ? scratch : bytes)[range])
                        }
                    }
                }
            }
        }

        /// Field `field` as a string; lossless, since `init` checked the encoding.
        func string(_ field: Int) -> String {
            withField(field) { String(decoding: $0, as: UTF8.self) }
        }

        /// Moves to the next record, skipping blank lines; false at the end.
        mutating func next() throws(Failure) -> Bool {
            if let encodingFailure { throw encodingFailure }
            while index < bytes.count {
                try readRecord()
                // A blank line is one empty field.
                if !(fields.count == 1 && fields[0].range.isEmpty) { return true }
            }
            return false
        }

        private mutating func readRecord() throws(Failure) {
            fields.removeAll(keepingCapacity: true)
            scratch.removeAll(keepingCapacity: true)
            line = nextLine
            let quote = UInt8(ascii: "\""), comma = delimiter, cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
            let end = bytes.count
            while true {
                // One field: plain bytes up to a comma or line end, or a quoted run.
                guard index < end else {
                    fields.append((index..<index, false))
                    return
                }
                if bytes[index] == quote {
                    try readQuoted()
                } else {
                    let start = index
                    while index < end {
                        let byte = bytes[index]
                        if byte == comma || byte == lf || byte == cr { break }
                        if byte == quote {
                            throw Failure(line: nextLine, message: "a quote inside an unquoted field; quote the whole field and double the quote (\"\")")
                        }
                        index += 1
                    }
                    fields.append((start..<index, false))
                }
                guard index < end else { return }
                switch bytes[index] {
                case comma:
                    index += 1
                    // A comma at the very end still opens one last, empty field.
                case cr where index + 1 < end && bytes[index + 1] == lf:
                    index += 2
                    nextLine += 1
                    return
                default:
                    index += 1
                    nextLine += 1
                    return
                }
            }
        }

        /// A quoted field, from its opening quote to just after its closing one.
        private mutating func readQuoted() throws(Failure) {
            let quote = UInt8(ascii: "\""), comma = delimiter, cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
            let end = bytes.count
            let startLine = line
            index += 1
            let start = index
            // Undoubling starts only at the first doubled quote; most quoted
            // fields are a plain range of the file.
            var copied: Int? = nil
            while true {
                guard index < end else {
                    throw Failure(line: startLine, message: "a quoted field is never closed; check for a missing \"")
                }
                let byte = bytes[index]
                if byte == quote {
                    if index + 1 < end && bytes[index + 1] == quote {
                        if copied == nil {
                            copied = scratch.count
                            scratch.append(contentsOf: bytes[start..<index])
                        }
                        scratch.append(quote)
                        index += 2
                        continue
                    }
                    let fieldEnd = index
                    index += 1
                    let next = index < end ? bytes[index] : lf
                    guard next == comma || next == lf || next == cr else {
                        throw Failure(line: nextLine, message: "unexpected text after a closing quote; inside a quoted field write a quote as \"\"")
                    }
                    if let copied {
                        fields.append((copied..<scratch.count, true))
                    } else {
                        fields.append((start..<fieldEnd, false))
                    }
                    return
                }
                if byte == lf { nextLine += 1 }
                if copied != nil { scratch.append(byte) }
                index += 1
            }
        }
    }

    /// A field written so that any reader gets it back exactly.
    static func quoted(_ field: String) -> String {
        guard field.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") })
            || field.first == " " || field.last == " "
        else { return field }
        // Quotes are doubled byte by byte: a quote followed by a combining mark
        // is one Character, but readers see its quote byte.
        var out: [UInt8] = [UInt8(ascii: "\"")]
        for byte in field.utf8 {
            out.append(byte)
            if byte == UInt8(ascii: "\"") { out.append(byte) }
        }
        out.append(UInt8(ascii: "\""))
        return String(decoding: out, as: UTF8.self)
    }
}

/// Spreadsheet programs run a cell that starts with =, +, - or @ as a
/// formula. Exports prefix such cells with an apostrophe, which spreadsheets
/// hide and imports remove, so a file survives the round trip unchanged.
enum FormulaGuard {
    private static let triggers: Set<Character> = ["=", "+", "-", "@"]

    static func neutralised(_ cell: String) -> String {
        guard let first = cell.first else { return cell }
        if triggers.contains(first) { return "'" + cell }
        if first == "'", let second = cell.dropFirst().first, triggers.contains(second) || second == "'" { return "'" + cell }
        return cell
    }

    /// True for a byte after an apostrophe that the apostrophe guards: a
    /// formula trigger, or the apostrophe of a guarded cell.
    static func isTrigger(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "=") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "@")
            || byte == UInt8(ascii: "'")
    }

    static func restored(_ cell: String) -> String {
        guard cell.first == "'", let second = cell.dropFirst().first, triggers.contains(second) || second == "'" else { return cell }
        return String(cell.dropFirst())
    }
}
