import Testing
@testable import OrgModel

/// A role's path label holds a segment per level above it, so the depth of a
/// chart sets how much each role stores. Every write that can put a role
/// deeper is refused past ``OrgDatabase/maximumDepth``, naming the role and
/// the depth, and leaves the database as it was.
@Suite("Depth limit on every write that deepens the chart")
struct DepthLimitImportTests {
    static let limit = OrgDatabase.maximumDepth

    /// A chain c0 (the root) … c`deepest`, rows deepest first, so that every
    /// role names a manager further down the file.
    static func chain(to deepest: Int, prefix: String = "c") -> String {
        (["key,title,reports_to"] + (0...deepest).reversed().map { "\(prefix)\($0),Level \($0),\($0 == 0 ? "" : "\(prefix)\($0 - 1)")" })
            .joined(separator: "\n") + "\n"
    }

    /// A database holding the chain c0 … c`limit`: as deep as a chart may be.
    static func fullDepthChart() throws -> OrgDatabase {
        let org = try emptyDatabase()
        try importCSV(org, chain(to: limit))
        return org
    }

    static func expectTooDeep(_ error: OrgError?, key: String, depth: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(error == .tooDeep(key: key, depth: depth, limit: limit), sourceLocation: sourceLocation)
        #expect(error?.description.contains("'\(key)' \(depth) levels below the top") == true, "\(String(describing: error))",
                sourceLocation: sourceLocation)
    }

    @Test func aChainAsDeepAsTheLimitImports() throws {
        let org = try Self.fullDepthChart()
        #expect(try org.role("c\(Self.limit)").depth == Self.limit)
        #expect(try pathInvariantViolations(org) == [])
    }

    @Test func aChainOneLevelPastTheLimitIsRefusedByImport() throws {
        let org = try emptyDatabase()
        let error = refusal { try importCSV(org, Self.chain(to: Self.limit + 1)) }
        // The deepest role is on the file's first row.
        expectImportFailure(error, line: 2, column: "reports_to", mentions: "'c\(Self.limit + 1)' \(Self.limit + 1) levels below the top")
        #expect(try org.isEmpty())
    }

    /// A 170 KB file of a 16,000-deep chain once made a 952 MB database.
    @Test func aVeryDeepChainIsRefusedAndWritesNothing() throws {
        let org = try emptyDatabase()
        let error = refusal { try importCSV(org, Self.chain(to: 16_000)) }
        expectImportFailure(error, line: 16_001 - Self.limit, column: "reports_to", mentions: "levels below the top")
        #expect(try org.isEmpty())
    }

    @Test func importingBelowTheDeepestRoleIsRefused() throws {
        let org = try Self.fullDepthChart()
        let before = try snapshot(org)
        let error = refusal { try importCSV(org, "key,title,reports_to\nfine,Fine,c0\nnew,New,c\(Self.limit)\n") }
        expectImportFailure(error, line: 3, column: "reports_to", mentions: "'new' \(Self.limit + 1) levels below the top")
        #expect(try snapshot(org) == before)
    }

    @Test func addingBelowTheDeepestRoleIsRefused() throws {
        let org = try Self.fullDepthChart()
        let before = try snapshot(org)
        Self.expectTooDeep(refusal { try org.addRole(RoleDraft(key: "new", title: "New", reportsTo: "c\(Self.limit)")) },
                           key: "new", depth: Self.limit + 1)
        #expect(try snapshot(org) == before)
        try org.addRole(RoleDraft(key: "new", title: "New", reportsTo: "c\(Self.limit - 1)"))
        #expect(try org.role("new").depth == Self.limit)
    }

    @Test func movingATreePastTheLimitIsRefused() throws {
        let org = try Self.fullDepthChart()
        try importCSV(org, "key,title,reports_to\nt,Top,c0\nt1,Below,t\nt2,Below,t1\n")
        let before = try snapshot(org)
        // t2 would sit two levels below c(limit - 1).
        Self.expectTooDeep(refusal { try org.move("t", to: "c\(Self.limit - 1)") }, key: "t2", depth: Self.limit + 2)
        Self.expectTooDeep(refusal { try org.move("t1", to: "c\(Self.limit)") }, key: "t2", depth: Self.limit + 2)
        #expect(try snapshot(org) == before)
        try org.move("t", to: "c\(Self.limit - 3)")
        #expect(try org.role("t2").depth == Self.limit)
        try org.move("t", to: nil)
        #expect(try org.role("t2").depth == 2)
        #expect(try pathInvariantViolations(org) == [])
    }

    @Test func reassigningReportsPastTheLimitIsRefused() throws {
        let org = try Self.fullDepthChart()
        try importCSV(org, "key,title,reports_to\ngone,Gone,c0\nstays,Stays,gone\n")
        let before = try snapshot(org)
        Self.expectTooDeep(refusal { try org.removeRole("gone", reassignTo: "c\(Self.limit)") }, key: "stays", depth: Self.limit + 1)
        #expect(try snapshot(org) == before)
        try org.removeRole("gone", reassignTo: "c\(Self.limit - 1)")
        #expect(try org.role("stays").depth == Self.limit)
    }

    @Test func anUpdateThatMovesATreePastTheLimitIsRefused() throws {
        let org = try Self.fullDepthChart()
        try importCSV(org, "key,title,reports_to\nt,Top,c0\nt1,Below,t\n")
        let before = try snapshot(org)
        let error = refusal { try importCSV(org, "key,reports_to\nt,c\(Self.limit)\n", options: ImportOptions(update: true)) }
        expectImportFailure(error, line: 2, column: "reports_to", mentions: "'t1' \(Self.limit + 2) levels below the top")
        #expect(try snapshot(org) == before)
    }

    /// New roles below a role the file names with a manager are judged
    /// where the file leaves them, whether that role moves or not.
    @Test func newRolesBelowARoleTheFileMayMoveAreJudgedAfterTheMoves() throws {
        let org = try Self.fullDepthChart()
        try importCSV(org, "key,title,reports_to\nx,X,c\(Self.limit - 2)\n")
        let before = try snapshot(org)
        let update = ImportOptions(update: true)
        // x moves to the bottom of the chain, taking y below it.
        let moved = refusal { try importCSV(org, "key,title,reports_to\ny,Y,x\nx,X,c\(Self.limit)\n", options: update) }
        expectImportFailure(moved, line: 3, column: "reports_to", mentions: "'y' \(Self.limit + 2) levels below the top")
        // x stays where it is: z ends one level too deep.
        let stays = refusal { try importCSV(org, "key,title,reports_to\ny,Y,x\nz,Z,y\nx,X,c\(Self.limit - 2)\n", options: update) }
        expectImportFailure(stays, line: 3, column: "reports_to", mentions: "'z' \(Self.limit + 1) levels below the top")
        #expect(try snapshot(org) == before)
        // Moved up, new roles fit below a role whose old place was at the limit.
        try importCSV(org, "key,title,reports_to\nc\(Self.limit),Last,c1\nz1,Z,c\(Self.limit)\nz2,Z,z1\n", options: update)
        #expect(try org.role("z2").depth == 4)
        #expect(try pathInvariantViolations(org) == [])
    }
}
