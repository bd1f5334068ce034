/// A moment in UTC, to the millisecond: when a change was recorded or takes
/// effect, and the moment an `--as-of` question is asked about.
///
/// Stored as text, `YYYY-MM-DDTHH:MM:SS.sssZ`, whose text order is time order.
public struct Timestamp: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    public var milliseconds: Int64

    /// The moment `milliseconds` after 1970-01-01T00:00:00Z.
    public init(milliseconds: Int64) { self.milliseconds = milliseconds }

    /// The current time.
    public static func now() -> Timestamp {
        Timestamp(milliseconds: Platform.millisecondsSinceEpoch())
    }

    /// Earlier moments come first.
    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.milliseconds < rhs.milliseconds }

    /// The stored form, `2026-11-23T14:05:09.120Z`.
    public var description: String {
        let days = milliseconds >= 0 ? milliseconds / 86_400_000 : (milliseconds - 86_399_999) / 86_400_000
        let inDay = milliseconds - days * 86_400_000
        let (year, month, day) = Self.civil(fromDays: days)
        return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + "T" + pad(inDay / 3_600_000, 2) + ":"
            + pad(inDay / 60_000 % 60, 2) + ":" + pad(inDay / 1000 % 60, 2) + "." + pad(inDay % 1000, 3) + "Z"
    }

    /// A shorter form for people: the date, plus the time to the minute unless
    /// it is midnight.
    public var readable: String {
        let full = description
        let date = String(full.prefix(10))
        let time = full.dropFirst(11).prefix(5)
        return time == "00:00" && full.dropFirst(16).prefix(6) == ":00.00" ? date : date + " " + time
    }

    private func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    // MARK: - Parsing

    /// What a date without a time stands for.
    public enum DayMeaning: Sendable {
        /// Its first millisecond: a change effective on a day is in force all that day.
        case start
        /// Its last millisecond: the chart "as of" a day includes that day's changes.
        case end
    }

    /// Reads an ISO 8601 date (`2026-03-01`) or timestamp (`2026-03-01T09:30`,
    /// `2026-03-01 09:30:15.250`, with `Z` or an offset such as `+01:00`; UTC
    /// when no zone is given), or `now`, `today`, `yesterday`, `tomorrow`.
    /// A fraction of a second may have any number of digits; it is cut to
    /// the millisecond. Returns nil for anything else.
    public static func parse(_ text: String, day meaning: DayMeaning, now: Timestamp = .now()) -> Timestamp? {
        // Index walks and a switch, not reversed views and a dictionary: every
        // write parses a stored moment, and the first use of each such generic
        // type costs the runtime a search of the conformances (a sixth of an
        // `add role`'s own CPU).
        var start = text.startIndex, end = text.endIndex
        while start < end, text[start].isWhitespace { start = text.index(after: start) }
        while end > start, text[text.index(before: end)].isWhitespace { end = text.index(before: end) }
        let trimmed = String(text[start..<end])
        let lowered = trimmed.lowercased()
        if lowered == "now" { return now }
        let dayOffset: Int? = switch lowered {
        case "today": 0
        case "yesterday": -1
        case "tomorrow": 1
        default: nil
        }
        if let offset = dayOffset {
            let startOfToday = Timestamp.floorDiv(now.milliseconds, 86_400_000) * 86_400_000
            return dayStart(startOfToday + Int64(offset) * 86_400_000, meaning)
        }
        var scanner = Scanner(Array(trimmed.utf8))
        guard let year = scanner.number(digits: 4), scanner.skip("-"), let month = scanner.number(digits: 2),
              scanner.skip("-"), let day = scanner.number(digits: 2),
              (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day) else { return nil }
        let midnight = days(year: year, month: month, day: day) * 86_400_000
        if scanner.atEnd { return dayStart(midnight, meaning) }
        guard scanner.skip("T") || scanner.skip("t") || scanner.skip(" "),
              let hour = scanner.number(digits: 2), hour < 24, scanner.skip(":"),
              let minute = scanner.number(digits: 2), minute < 60 else { return nil }
        var millis = (hour * 60 + minute) * 60_000
        if scanner.skip(":") {
            guard let second = scanner.number(digits: 2), second < 60 else { return nil }
            millis += second * 1000
            if scanner.skip(".") || scanner.skip(",") {
                guard let fraction = scanner.fraction() else { return nil }
                millis += fraction
            }
        }
        if scanner.skip("Z") || scanner.skip("z") {
        } else if let sign = scanner.sign() {
            guard let offsetHours = scanner.number(digits: 2), offsetHours < 24 else { return nil }
            _ = scanner.skip(":")
            guard let offsetMinutes = scanner.number(digits: 2), offsetMinutes < 60 else { return nil }
            millis -= sign * (offsetHours * 60 + offsetMinutes) * 60_000
        }
        guard scanner.atEnd else { return nil }
        return Timestamp(milliseconds: midnight + millis).withinStoredYears
    }

    private static func dayStart(_ midnight: Int64, _ meaning: DayMeaning) -> Timestamp? {
        Timestamp(milliseconds: meaning == .start ? midnight : midnight + 86_399_999).withinStoredYears
    }

    /// The stored text sorts as time only for years 0001 to 9999.
    private var withinStoredYears: Timestamp? {
        (-62_135_596_800_000...253_402_300_799_999).contains(milliseconds) ? self : nil
    }

    static func floorDiv(_ value: Int64, _ divisor: Int64) -> Int64 {
        value >= 0 ? value / divisor : (value - divisor + 1) / divisor
    }

    private static func isLeap(_ year: Int64) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    private static func daysIn(month: Int64, year: Int64) -> Int64 {
        [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][Int(month - 1)]
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    private static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = floorDiv(y, 400)
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = floorDiv(z, 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

/// Reads the parts of a timestamp from left to right.
private struct Scanner {
    let bytes: [UInt8]
    var index = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { index == bytes.count }

    mutating func skip(_ character: Unicode.Scalar) -> Bool {
        guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
        index += 1
        return true
    }

    mutating func number(digits: Int) -> Int64? {
        guard index + digits <= bytes.count else { return nil }
        var value: Int64 = 0
        for byte in bytes[index..<index + digits] {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int64(byte - UInt8(ascii: "0"))
        }
        index += digits
        return value
    }

    /// Decimal fraction of a second, in milliseconds. Digits past the third
    /// are dropped rather than rounded: changes are stamped to the
    /// millisecond, so the truncated moment has exactly the same changes
    /// before it as the moment typed, where rounding up could take in one
    /// made after it.
    mutating func fraction() -> Int64? {
        var millis: Int64 = 0
        var count = 0
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
            if count < 3 { millis = millis * 10 + Int64(bytes[index] - UInt8(ascii: "0")) }
            count += 1
            index += 1
        }
        guard count > 0 else { return nil }
        for _ in min(count, 3)..<3 { millis *= 10 }
        return millis
    }

    mutating func sign() -> Int64? {
        if skip("+") { return 1 }
        if skip("-") { return -1 }
        return nil
    }
}
