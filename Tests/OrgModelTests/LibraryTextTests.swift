import Foundation
import Testing
@testable import OrgModel

/// The library speaks to any program built on it, not only to orgctl: no
/// text in it names orgctl, one of its flags or its environment variables.
/// orgctl words its own messages (Sources/orgctl/Rendering/ErrorText.swift).
@Suite("Library text")
struct LibraryTextTests {
    /// Lines allowed to contain a match, each for its reason.
    static let allowed: [(file: String, line: String)] = [
        // The name of the JSON chart format, written in every exported file
        // since the first: a data value, not a program to run.
        ("Import/ImportSource+JSON.swift", #"static let jsonFormat = "orgctl""#),
    ]

    static var libraryFolder: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/OrgModel")
    }

    /// Whether a line of code (comments aside) names orgctl, a flag or an environment variable.
    static func speaksCLI(_ line: String) -> Bool {
        let code = line.trimmingCharacters(in: .whitespaces)
        if code.hasPrefix("//") { return false }
        if code.contains("orgctl") || code.contains("ORGCTL_") { return true }
        return code.range(of: "--[a-z]", options: .regularExpression) != nil
    }

    @Test("no line of code in Sources/OrgModel names orgctl, a --flag or ORGCTL_")
    func noCLIWords() throws {
        let root = Self.libraryFolder
        let files = try #require(FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil))
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }
        #expect(files.count > 50, "found only \(files.count) files under \(root.path)")
        var found: [String] = []
        for file in files {
            let relative = String(file.path.dropFirst(root.path.count + 1))
            let text = try String(contentsOf: file, encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where Self.speaksCLI(String(line)) {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if Self.allowed.contains(where: { $0.file == relative && $0.line == trimmed }) { continue }
                found.append("\(relative):\(number + 1): \(trimmed)")
            }
        }
        #expect(found.isEmpty, "\(found.joined(separator: "\n"))")
    }

    @Test("the check catches what it is meant to")
    func detector() {
        #expect(Self.speaksCLI(#"return "give --reassign-to KEY""#))
        #expect(Self.speaksCLI(#"return "see 'orgctl history'""#))
        #expect(Self.speaksCLI(#"getenv("ORGCTL_DB")"#))
        #expect(!Self.speaksCLI("    /// as `orgctl check --max-span` shows"))
        #expect(!Self.speaksCLI("    i -= 1"))
    }
}
