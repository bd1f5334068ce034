import Testing
@testable import OrgModel

/// A units file loaded into a chart without units takes the bulk path
/// (indexes built after the rows, parents set as the rows go in); into a
/// chart with units, the row-by-row one. Both must give the same units and
/// refuse the same files.
@Suite("Unit bulk load")
struct UnitBulkLoadTests {
    /// Parents named before and after their units, in another case, the
    /// unit's own parent left empty, heads and governance.
    static let units = """
        key,name,kind,pmo_type,parent,head,governed_by
        proj-b,Project B,project,,DIV,,pmo
        div,Division,division,,co,div-head,pmo
        co,The Company,company,,,boss,
        pmo,The PMO,pmo,directive,Co,,
        proj-a,Project A,project,,div,,pmo
        team,A Team,team,,proj-a,,
        loose,Loose,team,,,,

        """
    static let roles = "key,title,reports_to,unit\nboss,Boss,,co\ndiv-head,Div Head,boss,div\n"

    /// Each unit with its parent's, head's and governing PMO's keys.
    func unitRows(_ org: OrgDatabase) throws -> [String] {
        try org.db.statement("""
            SELECT u.key || '|' || u.name || '|' || u.kind || '|' || coalesce(u.pmo_type, '') || '|'
                   || coalesce(p.key, '') || '|' || coalesce(h.key, '') || '|' || coalesce(g.key, '')
            FROM unit u LEFT JOIN unit p ON p.id = u.parent_id LEFT JOIN role h ON h.id = u.head_role_id
            LEFT JOIN governance ON governance.unit_id = u.id LEFT JOIN unit g ON g.id = governance.pmo_id
            WHERE u.key <> 'earlier' ORDER BY u.key
            """).map([]) { $0.text(0) }
    }

    @Test("a load into a chart without units gives the units a chart with units gets")
    func sameUnits() throws {
        let bulk = try emptyDatabase()
        let report = try importCSV(bulk, Self.roles, units: Self.units)
        let rowByRow = try emptyDatabase()
        try importCSV(rowByRow, "key,title\nearly,Early\n", units: "key,name,kind\nearlier,Earlier,team\n")
        let again = try importCSV(rowByRow, Self.roles, units: Self.units)
        #expect(try unitRows(bulk) == unitRows(rowByRow))
        #expect(try unitRows(bulk) == [
            "co|The Company|company|||boss|", "div|Division|division||co|div-head|pmo", "loose|Loose|team||||",
            "pmo|The PMO|pmo|directive|co||", "proj-a|Project A|project||div||pmo", "proj-b|Project B|project||div||pmo",
            "team|A Team|team||proj-a||",
        ])
        #expect(report.unitsAdded == again.unitsAdded && report.governanceAdded == again.governanceAdded)
        #expect(report.unitsUpdated == 0)
        // The dropped indexes are back, and the units are found by name.
        let indexes = try bulk.db.statement("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'unit' ORDER BY name")
            .map([]) { $0.text(0) }
        #expect(indexes == ["unit_head", "unit_key", "unit_parent"])
        #expect(try bulk.find("Project").map(\.key).sorted() == ["proj-a", "proj-b"])
    }

    @Test("the bulk load is one change, and undoing it leaves an empty chart")
    func oneChange() throws {
        let org = try emptyDatabase()
        try importCSV(org, Self.roles, units: Self.units)
        #expect(try org.history().count == 1)
        try org.undo()
        #expect(try org.isEmpty())
    }

    static let refusals: [(roles: String, units: String, file: String, line: Int, column: String)] = [
        // A unit's key that a role of the file holds.
        ("key,title\nshared,Role\n", "key,name,kind\nshared,Unit,team\n", "roles.csv", 2, "key"),
        // A unit inside itself, in another case.
        ("key,title\nr,R\n", "key,name,kind,parent\nx,X,division,\ny,Y,division,Y\n", "units.csv", 3, "parent"),
        // A parent that is neither a unit of the file nor of the chart, after a forward reference.
        ("key,title\nr,R\n", "key,name,kind,parent\nx,X,division,y\ny,Y,division,nowhere\n", "units.csv", 3, "parent"),
        // A parent cell with characters no key has.
        ("key,title\nr,R\n", "key,name,kind,parent\nx,X,division,\ny,Y,division,x!\n", "units.csv", 3, "parent"),
        // A key repeated after rows that went in.
        ("key,title\nr,R\n", "key,name,kind\nx,X,division\ny,Y,team\nx,Z,team\n", "units.csv", 4, "key"),
        // A governing unit that is not a PMO.
        ("key,title\nr,R\n", "key,name,kind,parent,governed_by\nx,X,division,,\ny,Y,project,x,x\n", "units.csv", 3, "governed_by"),
    ]

    @Test("a refused bulk load names its line and leaves the chart as it was", arguments: refusals)
    func refused(_ roles: String, _ units: String, _ file: String, _ line: Int, _ column: String) throws {
        let org = try orgChart(["boss": nil])
        let before = try snapshot(org)
        let error = refusal { try importCSV(org, roles, units: units) }
        expectImportFailure(error, file: file, line: line, column: column)
        #expect(try snapshot(org) == before)
    }

    @Test("a unit whose key an existing role holds is refused at its line, and nothing is written")
    func keyOfExistingRole() throws {
        let org = try orgChart(["shared": nil])
        let before = try snapshot(org)
        let error = refusal { try importCSV(org, "key,title\nr,R\n", units: "key,name,kind\nfree,Free,team\nshared,Unit,team\n") }
        expectImportFailure(error, file: "units.csv", line: 3, column: "key", mentions: "role")
        #expect(try snapshot(org) == before)
    }
}
