import Foundation
import Testing
@testable import OrgModel

@Suite struct SchemaTests {
    @Test func embeddedSchemaIsTheRepositoryFile() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let onDisk = try String(contentsOf: root.appendingPathComponent("schema.sql"), encoding: .utf8)
        #expect(OrgDatabase.schemaSQL == onDisk)
    }
}
