import Foundation
import Testing

/// The exact text of the example organisation, compared with files under
/// Golden/ (next to this file). Regenerate one with, for instance,
/// `orgctl init --example enterprise-pmo --db /tmp/g.db && orgctl print tree --dotted --db /tmp/g.db`,
/// and read the difference before committing it.
@Suite("Golden output of the example organisation")
struct GoldenTests {
    static let cases: [(arguments: [String], file: String)] = [
        (["print", "tree", "--dotted"], "print-tree-dotted.txt"),
        (["print", "tree"], "print-tree.txt"),
        (["who-reports-to", "pmo-it", "--all"], "who-reports-to-pmo-it-all.txt"),
    ]

    static func golden(_ name: String) throws -> String {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Golden").appendingPathComponent(name)
        return try String(contentsOf: url, encoding: .utf8)
    }

    @Test("output matches the golden file exactly", arguments: cases)
    func matches(arguments: [String], file: String) throws {
        let sandbox = try Sandbox.example()
        let result = try sandbox.ok(arguments)
        let expected = try Self.golden(file)
        #expect(result.stdout == expected, "\(file) differs:\n\(firstDifference(result.stdout, expected))")
    }

    @Test("the golden trees agree with each other: the dotted tree is the plain tree plus the dotted lines")
    func dottedIsPlainPlusDotted() throws {
        let plain = try Self.golden("print-tree.txt").split(separator: "\n")
        let dotted = try Self.golden("print-tree-dotted.txt").split(separator: "\n")
        #expect(plain.count == 27)
        #expect(dotted.filter { $0.hasSuffix("  (dotted line)") }.count == 6)
        let keys: ([Substring]) -> [String] = { lines in
            lines.filter { !$0.hasSuffix("  (dotted line)") }
                .map { line in String(line.drop { "│├└─ ".contains($0) }.prefix { $0 != " " }) }
        }
        #expect(keys(dotted) == keys(plain))
    }

    private func firstDifference(_ actual: String, _ expected: String) -> String {
        let a = actual.components(separatedBy: "\n"), e = expected.components(separatedBy: "\n")
        for index in 0..<max(a.count, e.count) {
            let left = index < a.count ? a[index] : "<none>", right = index < e.count ? e[index] : "<none>"
            if left != right { return "line \(index + 1):\n  actual:   \(left)\n  expected: \(right)" }
        }
        return "no difference"
    }
}
