/// A parsed JSON document. A small parser of our own keeps Foundation off the
/// start-up path; it accepts exactly RFC 8259 JSON, nested at most 64 deep.
/// Objects and arrays remember the line each member and item starts on, so
/// that an import can name the line of a bad field, not just its record.
enum JSONValue: Equatable, Sendable {
    case object(JSONObject)
    case array(JSONArray)
    case string(String)
    case number(Double)
    case bool(Bool)
    case null

    /// The value of the first member named `name`, in an object.
    subscript(name: String) -> JSONValue? {
        guard case .object(let object) = self else { return nil }
        return object[name]
    }

    /// Why a document is not JSON, and where.
    struct Failure: Error {
        let line: Int
        let message: String
    }

    static func parse(_ bytes: [UInt8]) throws(Failure) -> JSONValue {
        var parser = JSONParser(bytes: bytes)
        return try parser.document()
    }
}

/// An object's members in the order written, duplicates kept (RFC 8259
/// leaves them to the reader, and an import refuses them by name).
// Sendable stated, not inferred: inferring it for a value that holds its
// own kind goes round in a circle the compiler may refuse.
struct JSONObject: Equatable, Sendable, ExpressibleByArrayLiteral {
    var members: [(name: String, value: JSONValue)]
    /// The line each member's name is on; 0 for objects built in code.
    var lines: [Int]

    init(members: [(name: String, value: JSONValue)], lines: [Int]) {
        self.members = members
        self.lines = lines
    }

    init(arrayLiteral members: (String, JSONValue)...) {
        self.init(members: members.map { (name: $0.0, value: $0.1) }, lines: Array(repeating: 0, count: members.count))
    }

    subscript(name: String) -> JSONValue? {
        members.first { $0.name == name }?.value
    }

    /// Lines are where a value was read from, not part of it.
    static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.members.count == rhs.members.count && zip(lhs.members, rhs.members).allSatisfy { $0.name == $1.name && $0.value == $1.value }
    }
}

/// An array's items, with the line each one starts on.
struct JSONArray: RandomAccessCollection, Equatable, Sendable, ExpressibleByArrayLiteral {
    var items: [JSONValue]
    /// The line each item starts on; 0 for arrays built in code.
    var lines: [Int]

    init(items: [JSONValue], lines: [Int]) {
        self.items = items
        self.lines = lines
    }

    init(arrayLiteral items: JSONValue...) {
        self.init(items: items, lines: Array(repeating: 0, count: items.count))
    }

    var startIndex: Int { 0 }
    var endIndex: Int { items.count }
    subscript(index: Int) -> JSONValue { items[index] }

    /// Lines are where a value was read from, not part of it.
    static func == (lhs: JSONArray, rhs: JSONArray) -> Bool { lhs.items == rhs.items }
}

private struct JSONParser {
    let bytes: [UInt8]
    var index = 0
    /// The line `index` is on. Only whitespace between tokens can hold a
    /// line break (strings refuse raw control characters), so counting as
    /// it is skipped keeps this exact; LF, CRLF and a lone CR each end a line.
    var line = 1

    init(bytes: [UInt8]) {
        self.bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
    }

    mutating func document() throws(JSONValue.Failure) -> JSONValue {
        let value = try parseValue(depth: 0)
        skipSpace()
        guard index == bytes.count else { throw fail("unexpected text after the JSON document") }
        return value
    }

    private func fail(_ message: String) -> JSONValue.Failure { JSONValue.Failure(line: line, message: message) }

    private mutating func skipSpace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09: break
            case 0x0A: line += 1
            case 0x0D where index + 1 == bytes.count || bytes[index + 1] != 0x0A: line += 1
            case 0x0D: break
            default: return
            }
            index += 1
        }
    }

    private mutating func expect(_ literal: String, _ value: JSONValue) throws(JSONValue.Failure) -> JSONValue {
        let utf8 = Array(literal.utf8)
        guard index + utf8.count <= bytes.count, Array(bytes[index..<index + utf8.count]) == utf8 else {
            throw fail("not valid JSON here")
        }
        index += utf8.count
        return value
    }

    private mutating func parseValue(depth: Int) throws(JSONValue.Failure) -> JSONValue {
        guard depth < 64 else { throw fail("the document is nested too deeply") }
        skipSpace()
        guard index < bytes.count else { throw fail("the document ends too early") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject(depth: depth)
        case UInt8(ascii: "["): return try parseArray(depth: depth)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): return try expect("true", .bool(true))
        case UInt8(ascii: "f"): return try expect("false", .bool(false))
        case UInt8(ascii: "n"): return try expect("null", .null)
        default: return try parseNumber()
        }
    }

    private mutating func parseObject(depth: Int) throws(JSONValue.Failure) -> JSONValue {
        index += 1
        var object = JSONObject(members: [], lines: [])
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return .object(object) }
        while true {
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw fail("expected a quoted field name") }
            let nameLine = line
            let name = try parseString()
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw fail("expected ':' after a field name") }
            index += 1
            object.members.append((name, try parseValue(depth: depth + 1)))
            object.lines.append(nameLine)
            skipSpace()
            guard index < bytes.count else { throw fail("an object is never closed") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            guard bytes[index] == UInt8(ascii: "}") else { throw fail("expected ',' or '}' in an object") }
            index += 1
            return .object(object)
        }
    }

    private mutating func parseArray(depth: Int) throws(JSONValue.Failure) -> JSONValue {
        index += 1
        var array = JSONArray(items: [], lines: [])
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return .array(array) }
        while true {
            skipSpace()
            array.lines.append(line)
            array.items.append(try parseValue(depth: depth + 1))
            skipSpace()
            guard index < bytes.count else { throw fail("an array is never closed") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            guard bytes[index] == UInt8(ascii: "]") else { throw fail("expected ',' or ']' in an array") }
            index += 1
            return .array(array)
        }
    }

    private mutating func parseString() throws(JSONValue.Failure) -> String {
        index += 1
        var scalars = String.UnicodeScalarView()
        // Unescaped text is copied a run at a time, straight from the bytes,
        // once it is known to be UTF-8: never decoded with repairs.
        var runStart = index
        func run(_ parser: JSONParser) throws(JSONValue.Failure) -> String {
            let run = parser.bytes[runStart..<parser.index - 1]
            guard UTF8Validation.firstInvalidByte(in: run) == nil else {
                throw parser.fail("a string that is not valid UTF-8; save the file as UTF-8")
            }
            return String(decoding: run, as: UTF8.self)
        }
        func flush(_ parser: JSONParser) throws(JSONValue.Failure) {
            scalars.append(contentsOf: try run(parser).unicodeScalars)
        }
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                // Most strings have no escapes and are one run.
                if scalars.isEmpty { return try run(self) }
                try flush(self)
                return String(scalars)
            case UInt8(ascii: "\\"):
                try flush(self)
                defer { runStart = index }
                guard index < bytes.count else { break }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""): scalars.append("\"")
                case UInt8(ascii: "\\"): scalars.append("\\")
                case UInt8(ascii: "/"): scalars.append("/")
                case UInt8(ascii: "b"): scalars.append("\u{8}")
                case UInt8(ascii: "f"): scalars.append("\u{C}")
                case UInt8(ascii: "n"): scalars.append("\n")
                case UInt8(ascii: "r"): scalars.append("\r")
                case UInt8(ascii: "t"): scalars.append("\t")
                case UInt8(ascii: "u"):
                    var code = try hex4()
                    if (0xD800..<0xDC00).contains(code), index + 1 < bytes.count,
                       bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") {
                        index += 2
                        let low = try hex4()
                        guard (0xDC00..<0xE000).contains(low) else { throw fail("a broken \\u surrogate pair") }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let scalar = Unicode.Scalar(code) else { throw fail("a \\u escape that is not a character") }
                    scalars.append(scalar)
                default:
                    throw fail("an unknown escape in a string")
                }
            case 0..<0x20:
                throw fail("a control character inside a string; escape it")
            default:
                continue
            }
        }
        throw fail("a string is never closed")
    }

    private mutating func hex4() throws(JSONValue.Failure) -> UInt32 {
        guard index + 4 <= bytes.count, bytes[index..<index + 4].allSatisfy({ Character(Unicode.Scalar($0)).isHexDigit }),
              let value = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16)
        else { throw fail("a \\u escape needs four hex digits") }
        index += 4
        return value
    }

    /// RFC 8259: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    private mutating func parseNumber() throws(JSONValue.Failure) -> JSONValue {
        let start = index
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        let leadingZero = index < bytes.count && bytes[index] == UInt8(ascii: "0")
        let whole = digits()
        guard whole > 0, !(leadingZero && whole > 1) else { throw fail("not valid JSON here") }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digits() > 0 else { throw fail("a number needs digits after its decimal point") }
        }
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else { throw fail("a number needs digits in its exponent") }
        }
        guard let value = Double(String(decoding: bytes[start..<index], as: UTF8.self)) else { throw fail("not valid JSON here") }
        return .number(value)
    }

    /// Skips a run of decimal digits, returning how many there were.
    private mutating func digits() -> Int {
        let first = index
        while index < bytes.count, (48...57).contains(bytes[index]) { index += 1 }
        return index - first
    }
}
