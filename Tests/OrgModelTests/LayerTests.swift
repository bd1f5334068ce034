import Foundation
import Testing

/// The boundaries between the package's layers, read from the source tree:
/// only OrgSQLite talks to SQLite's C API, and only OrgModel's platform file
/// imports the C library of the system.
@Suite struct LayerTests {
    private static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Every Swift file under `folder` (relative to the root), as its path
    /// relative to the root and its text.
    private static func swiftFiles(under folder: String) throws -> [(path: String, text: String)] {
        let base = root.appendingPathComponent(folder)
        guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else { return [] }
        var files: [(path: String, text: String)] = []
        for case let url as URL in walker where url.pathExtension == "swift" {
            let path = String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1))
            files.append((path, try String(contentsOf: url, encoding: .utf8)))
        }
        return files.sorted { $0.path < $1.path }
    }

    // Spelled in pieces, so that this file does not hold what it looks for.
    private static let cAPI = ["import " + "CSQLite", "sqlite3" + "_", "SQLITE" + "_"]
    private static let systemLibrary = ["import " + "Glibc", "import " + "Darwin"]

    @Test func theSourceTreeIsWhereTheTestThinks() throws {
        #expect(FileManager.default.fileExists(atPath: Self.root.appendingPathComponent("Package.swift").path))
        #expect(try Self.swiftFiles(under: "Sources/OrgSQLite").contains { $0.text.contains(Self.cAPI[0]) })
        #expect(try Self.swiftFiles(under: "Sources/OrgModel").contains { $0.path == "Sources/OrgModel/Platform.swift" })
    }

    @Test func onlyOrgSQLiteUsesTheCAPI() throws {
        var files: [(path: String, text: String)] = []
        for folder in ["Sources", "Tests", "Fuzz/Sources"] { files += try Self.swiftFiles(under: folder) }
        #expect(files.count > 100)
        for file in files where !file.path.hasPrefix("Sources/OrgSQLite/") {
            for word in Self.cAPI where file.text.contains(word) {
                Issue.record("\(file.path) holds \(word): only Sources/OrgSQLite may use SQLite's C API")
            }
        }
    }

    @Test func onlyThePlatformFileImportsTheSystemLibrary() throws {
        for file in try Self.swiftFiles(under: "Sources/OrgModel") where file.path != "Sources/OrgModel/Platform.swift" {
            for word in Self.systemLibrary where file.text.contains(word) {
                Issue.record("\(file.path) holds \(word): the library's calls to the system go through Platform.swift")
            }
        }
    }

    @Test func theCommandGuardsEachImportOfTheSystemLibrary() throws {
        for file in try Self.swiftFiles(under: "Sources/orgctl") {
            let lines = file.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            for (index, line) in lines.enumerated() where Self.systemLibrary.contains(line.trimmingCharacters(in: .whitespaces)) {
                let before = index > 0 ? lines[index - 1].trimmingCharacters(in: .whitespaces) : ""
                if !before.hasPrefix("#if canImport(") && !before.hasPrefix("#elseif canImport(") {
                    Issue.record("\(file.path):\(index + 1) imports the system library outside #if canImport")
                }
            }
        }
    }

    /// Underscored standard-library members are not API: they may change or
    /// vanish in any release. (The tests may use one as an oracle.)
    @Test func noSourceUsesUnderscoredStandardLibraryMembers() throws {
        let underscored = try Regex(#"\.\_[a-z][A-Za-z]+"#)
        for folder in ["Sources/OrgModel", "Sources/OrgSQLite"] {
            for file in try Self.swiftFiles(under: folder) {
                if let match = file.text.firstMatch(of: underscored) {
                    Issue.record("\(file.path) uses \(file.text[match.range]): use public API")
                }
            }
        }
    }
}
