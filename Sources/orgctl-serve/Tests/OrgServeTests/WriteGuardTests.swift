import OrgModel
import Testing
@testable import OrgServe

/// A write's checks answer a caller without a branch from one key look-up,
/// and refuse exactly as the role's chain did: a missing key with the
/// library's refusal (similar keys included), a unit's key as its head role.
@Suite struct WriteGuardTests {
    private static func refusal(_ body: () throws -> Void) -> APIError? {
        do {
            try body()
            return nil
        } catch let error as APIError {
            return error
        } catch {
            return nil
        }
    }

    @Test func aCallerWithoutABranchIsCheckedAsTheChainWould() throws {
        let fixture = try ServeFixture()
        let database = try fixture.database()
        let guarded = WriteGuard(database: database, caller: ServeFixture.tokens.callers["edit-secret"]!)
        try guarded.require("pm-crm")
        // A unit's key stands for its head role, as chain(of:) reads it.
        try guarded.require("epmo")
        let missing = try #require(Self.refusal { try guarded.require("pm-crn") })
        var expected: APIError?
        do { _ = try database.chain(of: "pm-crn") } catch { expected = APIError(error) }
        #expect(missing.status == .notFound)
        #expect(missing.message == expected?.message)
        #expect(missing.fix == expected?.fix)
        #expect(missing.message.contains("pm-crm"))
    }

    @Test func aBranchCallerIsStillHeldToItsBranch() throws {
        let fixture = try ServeFixture()
        let guarded = WriteGuard(database: try fixture.database(), caller: ServeFixture.tokens.callers["cio-edit"]!)
        try guarded.require("pm-crm")
        #expect(Self.refusal { try guarded.require("coo") }?.status == .forbidden)
        #expect(Self.refusal { try guarded.require("pm-crn") }?.status == .notFound)
    }
}
