/// How messages quote a value someone gave: a file can hold a 50 MB cell,
/// and a message that echoed it whole would bury the one line that matters.
public enum QuotedValue {
    /// The most characters (Unicode code points, as the length rules count
    /// them) quoted: every valid key (at most 64) is shown whole.
    static let limit = Validation.maxKeyLength

    /// `value` in single quotes with control characters escaped; a longer
    /// value is cut to its first characters, on a character boundary, and
    /// followed by its full length: 'AAAA…' (52,428,800 characters).
    public static func quoted(_ value: String) -> String {
        guard let (prefix, length) = shortened(value) else { return "'" + value.debugEscaped + "'" }
        return "'" + prefix.debugEscaped + "…' (" + grouped(length) + " characters)"
    }

    /// `value` cut as ``quoted(_:)`` cuts it, without quotes: for a value
    /// that a message shows inside a command or a path.
    public static func shown(_ value: String) -> String {
        guard let (prefix, _) = shortened(value) else { return value }
        return prefix + "…"
    }

    /// The part of `value` a message shows and its length in code points;
    /// nil when it is short enough to show whole.
    private static func shortened(_ value: String) -> (prefix: String, length: Int)? {
        // At most `limit` bytes is at most `limit` code points.
        guard value.utf8.count > limit else { return nil }
        let scalars = value.unicodeScalars
        guard let scalarLimit = scalars.index(scalars.startIndex, offsetBy: limit, limitedBy: scalars.endIndex),
              scalarLimit != scalars.endIndex
        else { return nil }
        // Whole characters only, so that no accent loses its letter; a first
        // character longer than the limit is cut between code points.
        var end = value.startIndex
        while end < value.endIndex {
            let next = value.index(after: end)
            guard next <= scalarLimit else { break }
            end = next
        }
        if end == value.startIndex { end = scalarLimit }
        // Cut through the scalars: a String subscript would round a cut
        // inside a character down to the character's start.
        return (String(scalars[..<end]), scalars.count)
    }

    /// A length such as 52428800 as "52,428,800".
    static func grouped(_ number: Int) -> String {
        let digits = Array(String(number))
        var out = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return out
    }
}

extension String {
    /// The string as messages quote it; see ``QuotedValue/quoted(_:)``.
    var quotedForMessage: String { QuotedValue.quoted(self) }

    /// The string as messages show it unquoted, cut the same way.
    var shownForMessage: String { QuotedValue.shown(self) }
}
