// libFuzzer entry point for what a person types on the command line: the
// values of options and arguments, as the library reads them. orgctl's own
// argument types only pass their text on (dates to Timestamp.parse,
// --salary and --currency to Money, keys, titles and names to the writes,
// numbers as ArgumentParser reads an Int), so fuzzing these is fuzzing the
// command line's parsing.
//
// An input is up to eight fields, one per line:
//   0 a date or time (--as-of, --effective, --since, --from, --to)
//   1 an amount (--salary)      2 a currency (--currency)
//   3 a key                     4 a title, holder or name
//   5 a number (--grade, --depth, --limit)
//   6 a rung, unit kind or PMO type   7 a key to report to, or a unit
// Every field is also read as a date, a key, a name and a rung.
//
// A refusal (`OrgError`) is the expected answer. A crash, a trap, a
// sanitizer report, or a broken invariant (a parsed value that does not
// read back as itself; a refused write that left a trace) is a bug. With
// ORG_FUZZ_STRICT=1, an internal error or a violated constraint stops the
// run too.
//
// The checks of keys, names and grades are internal to the library; the
// fuzz build is a debug build, which allows the testable import.
@testable import OrgModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

private let strict: Bool = {
    guard let value = getenv("ORG_FUZZ_STRICT") else { return false }
    return String(cString: value) == "1"
}()

/// A fixed "now", so that a crashing input replays the same way.
private let now = Timestamp(milliseconds: 1_795_000_000_000)
private let planDate = Timestamp.parse("2999-01-01", day: .start)!

/// One example chart for the whole run, with a change planned for later so
/// that reads as of a moment rebuild the chart and writes are checked
/// against the plan. Accepted writes are undone.
nonisolated(unsafe) private var chart: OrgDatabase = makeChart()
nonisolated(unsafe) private var acceptedWrites = 0

private func makeChart() -> OrgDatabase {
    do {
        let org = try OrgDatabase.inMemory()
        try org.initialise(with: .enterprisePMO)
        org.intent = ChangeIntent(command: "planned", effective: planDate)
        try org.move("pm-crm", to: "cio")
        org.intent = ChangeIntent()
        return org
    } catch {
        fatalError("the example chart cannot be made: \(error)")
    }
}

private func check(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError(message()) }
}

private func refused(_ error: OrgError) {
    switch error {
    case .internalError, .constraintViolated:
        if strict { fatalError("a typed value got past the checks: \(error)") }
    default:
        return
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let text = String(decoding: bytes, as: UTF8.self)
    let fields = text.split(separator: "\n", maxSplits: 7, omittingEmptySubsequences: false).map(String.init)
    func field(_ index: Int) -> String? { index < fields.count ? fields[index] : nil }

    var moments: [Timestamp] = []
    var validKeys = 0
    for value in fields {
        if let moment = timestamp(value) { moments.append(moment) }
        if (try? Validation.key(value)) != nil { validKeys += 1 }
        names(value)
        enums(value)
        if let number = Int(value) { grade(number) }
    }
    let money = field(1).flatMap { amount in field(2).flatMap { parsedMoney(amount, $0) } }
    // The database is a hundred times slower than the parsers: only inputs
    // that name a key reach it, half of those look keys up, a quarter
    // write, and one in sixteen rebuilds the chart as of a moment.
    let sample = bytes.reduce(UInt8(0), &+)
    guard validKeys > 0 else { return 0 }
    if sample % 2 == 0 {
        lookUps([field(3), field(7)].compactMap { $0 }, at: moments.first, rebuild: sample % 16 == 0)
    }
    if sample % 4 == 1, let key = field(3), let title = field(4), (try? Validation.key(key)) != nil {
        write(RoleDraft(key: key, title: title, holder: field(4), reportsTo: field(7), unit: field(7),
                        grade: field(5).flatMap { Int($0) }, salary: money, rung: field(6).flatMap(Rung.init(rawValue:))),
              effective: field(0).flatMap { Timestamp.parse($0, day: .start, now: now) })
    }
    return 0
}

/// A date or time read both ways a command reads one; what parses must
/// read back as the same moment.
private func timestamp(_ text: String) -> Timestamp? {
    let start = Timestamp.parse(text, day: .start, now: now)
    let end = Timestamp.parse(text, day: .end, now: now)
    check((start == nil) == (end == nil), "'\(text)' parses as a start of day but not an end, or the reverse")
    guard let start, let end else { return nil }
    check(start <= end, "'\(text)': its start \(start) is after its end \(end)")
    check(Timestamp.parse(start.description, day: .start, now: now) == start, "'\(text)' → \(start) does not read back")
    check(Timestamp.parse(end.description, day: .end, now: now) == end, "'\(text)' → \(end) does not read back")
    check(!start.readable.isEmpty, "'\(text)' has no readable form")
    return start
}

private func parsedMoney(_ amount: String, _ currency: String) -> Money? {
    do {
        let money = try Money(amount: amount, currency: currency)
        check(money.minorUnits >= 0, "'\(amount)' gave a negative amount")
        check(money.currency.utf8.count == 3 && money.currency.utf8.allSatisfy { $0 >= 65 && $0 <= 90 },
              "'\(currency)' gave the currency '\(money.currency)'")
        let again = try Money(amount: money.amount, currency: money.currency)
        check(again == money, "'\(amount) \(currency)' → \(money.amount) reads back as \(again.amount)")
        return money
    } catch {
        refused(error)
        return nil
    }
}

/// A key, title, holder or name as the writes check it; what passes must
/// pass again unchanged.
private func names(_ value: String) {
    if let key = try? Validation.key(value) {
        check((try? Validation.key(key)) == key, "the key '\(value)' → '\(key)' is not stable")
        check(key.utf8.count <= Validation.maxKeyLength, "the key '\(key)' is too long")
    }
    if let name = try? Validation.text(value, field: "title") {
        check((try? Validation.text(name, field: "title")) == name, "the name '\(value)' → '\(name)' is not stable")
        check(name.unicodeScalars.count <= Validation.maxTextLength, "the name '\(name)' is too long")
    }
}

private func grade(_ number: Int) {
    if let grade = try? Validation.grade(number) { check(Validation.grades.contains(grade), "grade \(number)") }
}

private func enums(_ value: String) {
    if let rung = Rung(rawValue: value) { check(rung.rank >= 1 && !rung.title.isEmpty, "rung \(value)") }
    if let kind = UnitKind(rawValue: value) { check(kind.rawValue == value, "unit kind \(value)") }
    if let type = PMOType(rawValue: value) { check(!type.degreeOfControl.isEmpty, "PMO type \(value)") }
    if let rung = Rung.inferred(fromTitle: value) { check(rung.rank >= 1, "rung of title \(value)") }
}

/// The fields as keys to look up: in today's chart, in the history from
/// the first moment given, and, for some inputs, in the chart as of it.
private func lookUps(_ keys: [String], at moment: Timestamp?, rebuild: Bool) {
    do {
        var org = chart
        if let moment {
            _ = try chart.hasChanges(after: moment)
            if rebuild { org = try chart.asOf(moment) }
        }
        for key in keys {
            do { _ = try org.role(key) } catch { refused(error) }
            do { _ = try org.chain(of: key) } catch { refused(error) }
            do { _ = try org.details(of: key) } catch { refused(error) }
            do { _ = try chart.history(of: key, since: moment) } catch { refused(error) }
        }
    } catch {
        refused(error)
    }
}

private func changesRecorded() throws -> Int64 {
    try chart.recordedChangeCount()
}

/// Adds the role, effective when given; an accepted write is undone, and
/// a refused one must leave no trace in the history.
private func write(_ draft: RoleDraft, effective: Timestamp?) {
    do {
        let recorded = try changesRecorded()
        chart.intent = ChangeIntent(command: "fuzz", effective: effective)
        defer { chart.intent = ChangeIntent() }
        do {
            let role = try chart.addRole(draft)
            check(try chart.role(role.key).key == role.key, "the role added as '\(draft.key)' cannot be found as '\(role.key)'")
            chart.intent = ChangeIntent()
            try chart.undo()
            acceptedWrites += 1
        } catch {
            refused(error)
            check(try changesRecorded() == recorded, "a refused write was recorded")
        }
    } catch {
        fatalError("the history cannot be read: \(error)")
    }
    // Each accepted write leaves two records; start afresh now and then.
    if acceptedWrites >= 2_000 {
        chart = makeChart()
        acceptedWrites = 0
    }
}
