import Foundation
import Testing
@testable import OrgModel

/// A unit read by key comes from the directory kept per file version: it
/// must still show what any connection last committed.
@Suite struct UnitFreshnessTests {
    @Test func aUnitRenamedOnAnotherConnectionIsReadWithItsNewName() throws {
        let folder = try TemporaryDirectory()
        let path = folder.file("org.db")
        let writer = try OrgDatabase(path: path, access: .write)
        try writer.initialise(with: .enterprisePMO)
        let reader = try OrgDatabase(path: path, access: .read)
        let key = try #require(try reader.unitTree().first?.unit.key)
        let before = try reader.unit(key).name
        _ = try writer.updateUnit(key, UnitChanges(name: before + " Renamed"))
        #expect(try reader.unit(key).name == before + " Renamed")
    }

    @Test func theWritingConnectionReadsItsOwnRenameAndNewUnit() throws {
        let org = try exampleDatabase()
        let key = try #require(try org.unitTree().first?.unit.key)
        let before = try org.unit(key).name
        _ = try org.updateUnit(key, UnitChanges(name: before + " Renamed"))
        #expect(try org.unit(key).name == before + " Renamed")
        _ = try org.addUnit(UnitDraft(key: "fresh-unit", name: "Fresh Unit", kind: .department))
        #expect(try org.unit("fresh-unit").name == "Fresh Unit")
    }
}
