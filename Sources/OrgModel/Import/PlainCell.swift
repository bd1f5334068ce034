/// The value rules of ``Validation`` and ``Money`` for the cells an import
/// meets most: plain ASCII that the string rules would accept unchanged. Such
/// a cell is bound to SQL straight from the file's bytes; every other cell
/// goes through the string rules. `ImportParityTests` holds both paths to the
/// same answers.
enum PlainCell {
    /// True for bytes that ``Validation/key(_:)`` accepts as they are.
    static func isKey(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        (1...Validation.maxKeyLength).contains(bytes.count) && bytes.allSatisfy(Validation.isKeyByte)
    }

    /// The range of `cell` without surrounding spaces when it is printable
    /// ASCII that ``Validation/text(_:field:)`` accepts unchanged but for
    /// those spaces; nil for anything else, including an empty cell.
    static func text(_ cell: Range<Int>, in text: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        guard text[cell].allSatisfy({ $0 >= 0x20 && $0 < 0x7F }),
              let first = text[cell].firstIndex(where: { $0 != 0x20 }),
              let last = text[cell].lastIndex(where: { $0 != 0x20 }),
              last - first < Validation.maxTextLength
        else { return nil }
        return first..<last + 1
    }

    /// A grade written in plain digits within ``Validation/grades``.
    static func grade(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        number(bytes, digits: 7).flatMap { Validation.grades.contains(Int($0)) ? $0 : nil }
    }

    /// A whole amount in minor units, as ``Money`` reads one of up to 15 digits.
    static func amount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        number(bytes, digits: 15).map { $0 * 100 }
    }

    /// A currency code ``Money`` keeps as it is.
    static func isCurrency(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.count == 3 && bytes.allSatisfy { $0 &- UInt8(ascii: "A") < 26 }
    }

    /// A number of at most `digits` ASCII digits; nil for anything else.
    private static func number(_ bytes: UnsafeBufferPointer<UInt8>, digits: Int) -> Int64? {
        guard (1...digits).contains(bytes.count) else { return nil }
        var value: Int64 = 0
        for byte in bytes {
            guard byte &- UInt8(ascii: "0") < 10 else { return nil }
            value = value * 10 + Int64(byte &- UInt8(ascii: "0"))
        }
        return value
    }
}
