import OrgSQLite
import Testing

/// The statement cache hands the same statement to every caller, so each run
/// must leave it ready for the next, whichever way the next one binds.
@Suite struct StatementTests {
    @Test func aStatementThatRanCanBeBoundOneParameterAtATime() throws {
        let connection = try Connection.inMemory()
        try connection.execute(script: "CREATE TABLE t (a INTEGER); INSERT INTO t VALUES (1), (2), (3);")
        let select = try connection.statement("SELECT a FROM t WHERE a >= ?")
        try select.run([.integer(2)])
        // Bound after a run: SQLite refuses a bind on a statement left stepped.
        try select.bind(1, Int64(3))
        var seen: [Int64] = []
        while try select.step() { seen.append(select.currentRow.int(0)) }
        #expect(seen == [3])
    }

    /// The cache gives back the statement prepared for the same text, and
    /// another for any other text, however many a connection prepares.
    @Test func theCacheKeepsOneStatementPerText() throws {
        let connection = try Connection.inMemory()
        let texts = (0..<500).map { "SELECT \($0) AS n" } + ["SELECT 1 AS n ", "select 1 AS n", "SELECT 1 AS m"]
        let first = try texts.map { try connection.statement($0) }
        for (text, statement) in zip(texts, first) {
            #expect(try connection.statement(text) === statement, "\(text)")
            #expect(try statement.first([]) { $0.int(0) } == (Int64(text.split(separator: " ")[1]) ?? 1))
        }
        #expect(Set(first.map(ObjectIdentifier.init)).count == texts.count)
    }
}
