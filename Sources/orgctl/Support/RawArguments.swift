#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The command line as the system gave it, checked to be UTF-8: Swift's own
/// `CommandLine.arguments` silently replaces bad bytes with U+FFFD, which
/// would store a damaged name or open a file of another name.
enum RawArguments {
    /// The arguments after the program name.
    static func validated() throws(InvalidArgument) -> [String] {
        try (1..<Int(CommandLine.argc)).map { index throws(InvalidArgument) in
            guard let pointer = CommandLine.unsafeArgv[index] else { return "" }
            guard let text = String(validatingCString: pointer) else {
                throw InvalidArgument(position: index, bytes: Array(UnsafeBufferPointer(start: pointer, count: strlen(pointer))))
            }
            return text
        }
    }
}

/// An argument that is not valid UTF-8, reported with the valid text before
/// its first bad byte so that the user can find it.
struct InvalidArgument: Error, CustomStringConvertible {
    let position: Int
    let bytes: [CChar]

    var description: String {
        let raw = bytes.map { UInt8(bitPattern: $0) }
        let validPrefix = UTF8ValidPrefix.length(of: raw)
        let before = String(String(decoding: raw[..<validPrefix], as: UTF8.self).suffix(40))
        let bad = String(raw[validPrefix], radix: 16, uppercase: true)
        let place = validPrefix == 0 ? "at its start" : "after '\(before)'"
        return "argument \(position) is not valid UTF-8 text (byte 0x\(bad) \(place)); type it as UTF-8 (or rename the file to a UTF-8 name)"
    }
}

enum UTF8ValidPrefix {
    /// The number of leading bytes that decode as whole UTF-8 characters.
    static func length(of bytes: [UInt8]) -> Int {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var valid = 0
        while case .scalarValue(let scalar) = decoder.decode(&iterator) {
            valid += UTF8.width(scalar)
        }
        return valid
    }
}
