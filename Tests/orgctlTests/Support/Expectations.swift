import Foundation
import Testing

/// Exit codes from Sources/orgctl/Support/ExitCodes.swift, as scripts see them.
enum Exit {
    static let success: Int32 = 0
    static let refused: Int32 = 1
    static let usage: Int32 = 64
    static let notSQLite: Int32 = 80
    static let textFile: Int32 = 81
    static let emptyFile: Int32 = 82
    static let otherApplication: Int32 = 83
    static let newerSchema: Int32 = 84
    static let damaged: Int32 = 85
    static let missingDatabase: Int32 = 66
    static let storage: Int32 = 74
}

/// Checks a failed run: the exit status, nothing on standard output, and
/// exactly one line on standard error that starts with "orgctl: " and holds
/// every one of `mentions`.
func expectFailure(
    _ result: CLIResult, status: Int32, mentions: [String] = [],
    caseInsensitive: Bool = false,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(result.status == status, "\(result)", sourceLocation: sourceLocation)
    #expect(result.stdout.isEmpty, "stdout should be empty: \(result.stdout)", sourceLocation: sourceLocation)
    #expect(result.stderr.hasSuffix("\n"), "stderr should end with a newline: \(result.stderr)", sourceLocation: sourceLocation)
    let lines = result.stderrLines
    #expect(lines.count == 1, "stderr should be one line: \(result.stderr)", sourceLocation: sourceLocation)
    let line = lines.first ?? ""
    #expect(line.hasPrefix("orgctl: "), "stderr should start with 'orgctl: ': \(line)", sourceLocation: sourceLocation)
    for mention in mentions {
        let found = caseInsensitive ? line.lowercased().contains(mention.lowercased()) : line.contains(mention)
        #expect(found, "stderr should mention \(mention): \(line)", sourceLocation: sourceLocation)
    }
}

/// Checks that every one of `expected` appears in `lines`, in this order, so
/// that a fact added to a report later does not break the test.
func expectLines(_ lines: [String], contain expected: [String],
                 sourceLocation: SourceLocation = #_sourceLocation) {
    var remaining = lines[...]
    for line in expected {
        guard let index = remaining.firstIndex(of: line) else {
            Issue.record("missing, or out of order: \(line)\nin:\n\(lines.joined(separator: "\n"))",
                         sourceLocation: sourceLocation)
            return
        }
        remaining = remaining[(index + 1)...]
    }
}
