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
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var line = 1
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        while index < bytes.count {
            let startLine = line
            var fields: [String] = []
            var field: [UInt8] = []
            var quoted = false
            var recordDone = false
            while !recordDone {
                guard index < bytes.count else {
                    if quoted { throw Failure(line: startLine, message: "a quoted field is never closed; check for a missing \"") }
                    fields.append(String(decoding: field, as: UTF8.self))
                    break
                }
                let byte = bytes[index]
                if quoted {
                    if byte == quote {
                        if index + 1 < bytes.count && bytes[index + 1] == quote {
                            field.append(quote)
                            index += 2
                            continue
                        }
                        quoted = false
                        index += 1
                        let next = index < bytes.count ? bytes[index] : lf
                        guard next == comma || next == lf || next == cr else {
                            throw Failure(line: line, message: "unexpected text after a closing quote; inside a quoted field write a quote as \"\"")
                        }
                        continue
                    }
                    if byte == lf { line += 1 }
                    field.append(byte)
                    index += 1
                    continue
                }
                switch byte {
                case comma:
                    fields.append(String(decoding: field, as: UTF8.self))
                    field.removeAll(keepingCapacity: true)
                    index += 1
                case cr where index + 1 < bytes.count && bytes[index + 1] == lf:
                    index += 1
                case lf, cr:
                    fields.append(String(decoding: field, as: UTF8.self))
                    index += 1
                    line += 1
                    recordDone = true
                case quote where field.isEmpty:
                    quoted = true
                    index += 1
                case quote:
                    throw Failure(line: line, message: "a quote inside an unquoted field; quote the whole field and double the quote (\"\")")
                default:
                    field.append(byte)
                    index += 1
                }
            }
            if !(fields.count == 1 && fields[0].isEmpty) { records.append(Record(line: startLine, fields: fields)) }
        }
        return records
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

    static func restored(_ cell: String) -> String {
        guard cell.first == "'", let second = cell.dropFirst().first, triggers.contains(second) || second == "'" else { return cell }
        return String(cell.dropFirst())
    }
}
