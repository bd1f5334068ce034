import Testing
@testable import OrgModel

@Suite struct TimestampTests {
    /// Whitespace around a moment, of any kind, does not count, and the
    /// day words and `now` read in any case; whitespace inside does count.
    @Test func surroundingWhitespaceAndDayWordsInAnyCase() {
        let now = Timestamp(milliseconds: 1_767_261_600_000)  // 2026-01-01T10:00:00Z
        #expect(Timestamp.parse(" \t2026-01-01\n ", day: .start)?.description == "2026-01-01T00:00:00.000Z")
        #expect(Timestamp.parse("\u{00A0}2026-01-01T10:00Z\u{2003}", day: .start)?.description == "2026-01-01T10:00:00.000Z")
        #expect(Timestamp.parse(" NOW ", day: .start, now: now) == now)
        #expect(Timestamp.parse("Today", day: .start, now: now)?.description == "2026-01-01T00:00:00.000Z")
        #expect(Timestamp.parse(" yesterday", day: .end, now: now)?.description == "2025-12-31T23:59:59.999Z")
        #expect(Timestamp.parse("TOMORROW\n", day: .start, now: now)?.description == "2026-01-02T00:00:00.000Z")
        for bad in ["", " ", "to day", "2026-01 -01", "nowish", "\n\t"] {
            #expect(Timestamp.parse(bad, day: .start, now: now) == nil, "\(bad.debugDescription) was accepted")
        }
    }

    /// A fraction of a second has any number of digits; past the third they
    /// are cut, never rounded, so no later millisecond is taken in.
    @Test func longFractionsAreCutToTheMillisecond() {
        #expect(Timestamp.parse("2026-01-01T10:00:00.1234", day: .start)?.description == "2026-01-01T10:00:00.123Z")
        #expect(Timestamp.parse("2026-01-01T10:00:00.9999", day: .end)?.description == "2026-01-01T10:00:00.999Z")
        #expect(Timestamp.parse("2026-01-01 10:00:00,123456789+01:00", day: .start)?.description == "2026-01-01T09:00:00.123Z")
        #expect(Timestamp.parse("2026-01-01T10:00:00.000000000000000000000000000001Z", day: .start)?.description
            == "2026-01-01T10:00:00.000Z")
        for digits in 1...40 {
            let text = "2026-01-01T10:00:00." + String(repeating: "7", count: digits)
            let expected = [0, 700, 770, 777][min(digits, 3)]
            #expect(Timestamp.parse(text, day: .start)?.milliseconds == 1_767_261_600_000 + Int64(expected), "\(digits) digits")
        }
        for bad in ["2026-01-01T10:00:00.", "2026-01-01T10:00:00.12a", "2026-01-01T10:00.5", "2026-01-01T10:00:00..5"] {
            #expect(Timestamp.parse(bad, day: .start) == nil, "\(bad) was accepted")
        }
    }

    /// Random text made of the characters a timestamp uses never traps,
    /// and whatever parses reads back as the same moment from its stored form.
    @Test func randomTimestampTextParsesOrIsRefused() {
        var random = SplitMix64(seed: 42)
        let alphabet = Array("0123456789-:T .,+Zz0123456789")
        let seeds = ["2026-01-01T10:00:00.1234", "9999-12-31T23:59:59.999-01:00", "0001-01-01", "2024-02-29 23:59:60"]
        for _ in 0..<20_000 {
            var text = Array(random.pick(seeds)!)
            for _ in 0..<random.below(6) {
                let at = random.below(text.count + 1)
                switch random.below(3) {
                case 0: text.insert(random.pick(alphabet)!, at: at)
                case 1: if at < text.count { text.remove(at: at) }
                default: if at < text.count { text[at] = random.pick(alphabet)! }
                }
            }
            let string = String(text)
            guard let start = Timestamp.parse(string, day: .start), let end = Timestamp.parse(string, day: .end) else { continue }
            #expect(start <= end, "\(string)")
            #expect(Timestamp.parse(start.description, day: .start) == start, "\(string)")
            #expect(!start.readable.isEmpty)
        }
    }
}
