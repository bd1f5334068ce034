// libFuzzer entry point for the importer: every input is read as CSV and as
// JSON, and whatever parses is imported into a fresh in-memory database.
//
// CSV inputs: the bytes before the first form feed (0x0C) are the roles file,
// the bytes after it, when there is one, the units file.
//
// A refusal (`OrgError`) is the expected answer to a bad file. A crash, a
// trap (overflow, index out of range, force unwrap) or a sanitizer report is
// a bug. With ORG_FUZZ_STRICT=1 in the environment, an internal error, a
// violated constraint, or an import whose JSON export does not import again
// stops the run too: these mean a check in the importer let a bad value by.
// ORG_FUZZ_STRICT_IGNORE="TEXT|TEXT" lets strict mode pass over known ones
// (failures whose message holds one of the texts).
import OrgModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

private let strict: Bool = {
    guard let value = getenv("ORG_FUZZ_STRICT") else { return false }
    return String(cString: value) == "1"
}()

private let knownFailures: [String] = {
    guard let value = getenv("ORG_FUZZ_STRICT_IGNORE") else { return [] }
    return String(cString: value).split(separator: "|").map(String.init)
}()

/// Stops the run in strict mode, unless the failure is a known one.
private func strictFailure(_ message: String) {
    guard strict, !knownFailures.contains(where: { message.contains($0) }) else { return }
    fatalError(message)
}

private let unitsSeparator = UInt8(0x0C)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    fuzzCSV(bytes)
    fuzzJSON(bytes)
    return 0
}

private func fuzzCSV(_ bytes: [UInt8]) {
    let roles: [UInt8]
    let units: [UInt8]?
    if let split = bytes.firstIndex(of: unitsSeparator) {
        roles = Array(bytes[..<split])
        units = Array(bytes[(split + 1)...])
    } else {
        roles = bytes
        units = nil
    }
    // Unknown columns are ignored so that more inputs get past the header
    // into the records; the refusal of unknown columns is a header check.
    let options = ImportOptions(ignoreUnknownColumns: bytes.count % 2 == 0)
    let source: ImportSource
    do {
        source = try ImportSource.csv(roles: roles, file: "roles.csv", units: units, unitsFile: "units.csv", options: options)
    } catch {
        expected(error)
        return
    }
    importAndRoundTrip(source, options: options)
}

private func fuzzJSON(_ bytes: [UInt8]) {
    let source: ImportSource
    do {
        source = try ImportSource.json(bytes, file: "chart.json")
    } catch {
        expected(error)
        return
    }
    importAndRoundTrip(source, options: ImportOptions())
}

/// Imports `source` into an empty database; when that works, imports it
/// again with --update over itself (the update path), and checks that the
/// JSON export imports into another empty database.
private func importAndRoundTrip(_ source: ImportSource, options: ImportOptions) {
    do {
        let org = try OrgDatabase.inMemory()
        do {
            try org.importChart(source, options: options)
        } catch {
            expected(error)
            return
        }
        var again = options
        again.update = true
        do {
            try org.importChart(source, options: again)
        } catch {
            expected(error)
        }
        var json = ""
        try org.export(.json, title: "fuzz") { json += $0 }
        let copy = try OrgDatabase.inMemory()
        do {
            try copy.importChart(try ImportSource.json(Array(json.utf8), file: "export.json"))
        } catch {
            strictFailure("the JSON export of an imported chart does not import again: \(error)\n\(json)")
            return
        }
        var copied = ""
        try copy.export(.json, title: "fuzz") { copied += $0 }
        if copied != json {
            strictFailure("export → import → export changed the chart:\n\(json)\n---\n\(copied)")
        }
    } catch {
        // Opening a database or exporting one should not fail at all.
        fatalError("unexpected failure outside the import: \(error)")
    }
}

/// A refusal, which is how a bad file should end, unless strict mode is on
/// and the refusal is one that only a missed check can cause.
private func expected(_ error: OrgError) {
    switch error {
    case .internalError, .constraintViolated:
        strictFailure("a bad input got past the importer's checks: \(error)")
    default:
        return
    }
}
