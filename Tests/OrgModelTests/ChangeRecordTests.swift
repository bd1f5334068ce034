import Testing
@testable import OrgModel

/// A change read by its number is the record the history lists for it.
@Suite struct ChangeRecordTests {
    @Test func aChangeByItsNumberIsTheHistorysRecordAndAnUnknownNumberIsNone() throws {
        let org = try exampleDatabase()
        _ = try org.updateRole("pm-crm", RoleChanges(title: "Delivery Lead"))
        _ = try org.move("pm-payments", to: "cio")
        let newest = try #require(try org.newestChangeID())
        let listed = try org.history()
        #expect(listed.count >= 2)
        for record in listed {
            #expect(try org.change(record.id) == record)
        }
        #expect(try org.change(newest)?.summary == listed.first?.summary)
        #expect(try org.change(newest + 1) == nil)
        #expect(try org.change(0) == nil)
    }
}
