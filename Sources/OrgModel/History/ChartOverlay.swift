import OrgSQLite

/// The chart as of a moment, laid over the live file instead of copied out
/// of it: only the rows the later changes touch are rolled back.
///
/// Building it takes the write lock for a moment: the later changes are
/// reverted in place (the same ``ChangeReverter`` that undo and the full
/// rebuild use), temporary triggers note every row that reverting touches,
/// those rows are read as the moment had them, and the transaction is rolled
/// back. The rows are then kept in TEMP tables, and TEMP views named like the
/// main tables show the untouched main rows with the kept ones in place of
/// the touched ones. SQLite resolves an unqualified name in `temp` first, so
/// every query runs unchanged, on main's indexes for the untouched rows.
///
/// The connection then holds a read transaction for its whole life, so that
/// the main rows under the overlay stay as they were when it was built.
struct ChartOverlay {
    /// The roles (ids) and units (ids negated) whose rows the overlay hides
    /// or replaces: what an index kept over the stored rows cannot answer for.
    static let touchedOwnersSQL = """
        SELECT id FROM temp.overlay_role_hidden UNION SELECT -id FROM temp.overlay_unit_hidden
        """

    /// A table whose rows the overlay can stand in for, with the columns
    /// that identify a row.
    struct Overlaid {
        let name: String
        let identity: [String]

        static let all = [Overlaid(name: "role", identity: ["id"]), Overlaid(name: "unit", identity: ["id"]),
                          Overlaid(name: "dotted_line", identity: ["role_id", "manager_id"]),
                          Overlaid(name: "governance", identity: ["unit_id"])]

        /// Touched rows' identities: a main row named here is hidden.
        var hidden: String { "overlay_\(name)_hidden" }
        /// Touched rows as the moment had them (absent: not in the chart then).
        var rows: String { "overlay_\(name)_rows" }

        /// `alias`'s identity equal to `other`'s, for a join or a correlated test.
        func matching(_ alias: String, _ other: String) -> String {
            identity.map { "\(alias).\($0) = \(other).\($0)" }.joined(separator: " AND ")
        }
    }

    /// One table's column, as main declares it.
    private struct Column {
        let name: String
        let type: String
    }

    /// What reverting left in one table: the touched identities and the
    /// touched rows still present, each a full row of main's columns.
    private struct Captured {
        var hidden: [[SQLValue]] = []
        var rows: [[SQLValue]] = []
    }

    /// What the reverting left: each table's touched rows, the roots of the
    /// trees still to label, and the earliest change reverted.
    private struct Reverted {
        let tables: [Captured]
        let unlabelled: [Int64]
        let earliest: Int64
    }

    let connection: Connection
    /// The file's path, for messages.
    let path: String
    let moment: Timestamp

    /// How often a build is tried again when another writer commits between
    /// reading the rows and pinning the read transaction.
    private static let attempts = 5

    /// Builds the overlay on `connection` (a fresh connection of its own to
    /// the file) and leaves its read transaction open. Throws
    /// ``OrgError/historyConflict(asOf:change:detail:)`` as the full rebuild
    /// does, and SQLite's read-only errors when the file cannot take even a
    /// transaction that is rolled back (the caller then copies instead).
    func build() throws {
        let columns = try Overlaid.all.map { try self.columns(of: $0) }
        // The kept rows are the changes' rows and their moved trees, not the
        // chart: in memory, their writes (statement journals included) cost
        // no system calls, which in a temporary file were most of the time.
        try connection.execute(script: "PRAGMA temp_store = MEMORY")
        try createScratch(columns)
        for attempt in 1...Self.attempts {
            try reset()
            try connection.execute(script: "BEGIN IMMEDIATE")
            let version: Int64
            let reverted: Reverted
            do {
                version = try connection.integer("PRAGMA data_version") ?? 0
                reverted = try revertAndCapture(columns)
            } catch {
                try? connection.execute(script: "ROLLBACK")
                throw error
            }
            try connection.execute(script: "ROLLBACK")
            // One transaction for the overlay's own writes (one journal, not
            // one per row), which also pins the file as it was when the rows
            // were read: it stays open for the connection's life. If another
            // writer committed in between, the kept rows may be stale.
            try connection.execute(script: "BEGIN DEFERRED")
            do {
                try store(reverted.tables, columns)
                try label(reverted)
                try connection.execute(script: "ANALYZE temp")
                _ = try connection.integer("SELECT count(*) FROM main.change WHERE id = 0")
                if try connection.integer("PRAGMA data_version") == version {
                    try connection.execute(script: "PRAGMA query_only = ON")
                    return
                }
            } catch {
                try? connection.execute(script: "ROLLBACK")
                throw error
            }
            try connection.execute(script: "ROLLBACK")
            if attempt == Self.attempts { throw OrgError.busy(path: path) }
        }
    }

    /// Main's columns of `table`, in order.
    private func columns(of table: Overlaid) throws -> [Column] {
        try connection.statement("SELECT name, type FROM pragma_table_info(?1, 'main') ORDER BY cid")
            .map([.text(table.name)]) { Column(name: $0.text(0), type: $0.text(1)) }
    }

    /// The TEMP tables for the kept rows, their indexes (main's, without
    /// uniqueness), and the triggers that note which rows reverting touches.
    private func createScratch(_ columns: [[Column]]) throws {
        var script = ""
        for (table, columns) in zip(Overlaid.all, columns) {
            let identity = table.identity.map { "\($0) INTEGER NOT NULL" }.joined(separator: ", ")
            let keyList = table.identity.joined(separator: ", ")
            let rowid = table.identity.count == 1 ? "" : " WITHOUT ROWID"
            script += "CREATE TEMP TABLE \(table.hidden) (\(identity), PRIMARY KEY (\(keyList)))\(rowid);\n"
            // Keys compare without regard to case, as in main; the other
            // columns need only their types.
            let declared = columns.map { column in
                column.name + " " + column.type + (column.name == "key" ? " COLLATE NOCASE" : "")
            }.joined(separator: ", ")
            script += "CREATE TEMP TABLE \(table.rows) (\(declared), PRIMARY KEY (\(keyList)))\(rowid);\n"
            // Main's indexes on plain columns, by name, so that every plan
            // has an index on the overlay where it has one on main.
            let indexes = try connection.statement("""
                SELECT l.name, (SELECT group_concat(c.name, ', ') FROM
                                    (SELECT i.name FROM pragma_index_info(l.name, 'main') i ORDER BY i.seqno) c)
                FROM pragma_index_list(?1, 'main') l
                WHERE l.origin = 'c' AND NOT EXISTS (SELECT 1 FROM pragma_index_info(l.name, 'main') i WHERE i.name IS NULL)
                """).map([.text(table.name)]) { ($0.text(0), $0.text(1)) }
            for (name, list) in indexes {
                script += "CREATE INDEX temp.overlay_\(name) ON \(table.rows) (\(list));\n"
            }
            for (event, image) in [("INSERT", ["NEW"]), ("UPDATE", ["OLD", "NEW"]), ("DELETE", ["OLD"])] {
                // Not INSERT OR IGNORE: a trigger that a foreign key's ON
                // DELETE action fires runs with ABORT whatever it says.
                let inserts = image.map { row in
                    let values = table.identity.map { "\(row).\($0)" }.joined(separator: ", ")
                    let same = table.identity.map { "h.\($0) = \(row).\($0)" }.joined(separator: " AND ")
                    return "INSERT INTO \(table.hidden) SELECT \(values) WHERE NOT EXISTS (SELECT 1 FROM \(table.hidden) h WHERE \(same));"
                }.joined(separator: " ")
                script += "CREATE TEMP TRIGGER overlay_\(table.name)_\(event.lowercased()) AFTER \(event) ON main.\(table.name) BEGIN \(inserts) END;\n"
            }
        }
        try connection.execute(script: script)
    }

    /// Inside the caller's write transaction: reverts the later changes and
    /// reads every touched row as they leave it. A reference the rebuilt
    /// chart cannot hold is reported after the transaction is rolled back,
    /// so that its message names rows as the live chart has them.
    private func revertAndCapture(_ columns: [[Column]]) throws -> Reverted {
        let rebuild = ChartRebuild(source: connection, moment: moment)
        // Labelling a moved tree in main would rewrite every row of it (and
        // the path index) only to roll it back; it is done in the overlay.
        let (earliest, unlabelled) = try rebuild.revertLaterChanges(on: connection, relabelling: false)
        if let dangling = try ChartRebuild.dangling(in: connection) {
            throw DanglingReference(dangling: dangling, earliest: earliest)
        }
        let tables = try zip(Overlaid.all, columns).map { table, columns in
            var captured = Captured()
            let width = Int32(table.identity.count)
            captured.hidden = try connection.statement("SELECT * FROM \(table.hidden)").map([]) { row in
                (0..<width).map { row.value($0) }
            }
            let all = Int32(columns.count)
            captured.rows = try connection.statement("""
                SELECT m.* FROM \(table.hidden) h JOIN main.\(table.name) m ON \(table.matching("m", "h"))
                """).map([]) { row in (0..<all).map { row.value($0) } }
            return captured
        }
        return Reverted(tables: tables, unlabelled: unlabelled, earliest: earliest)
    }

    /// Labels the trees whose solid line the reverting changed, over the
    /// views: an update of a role's label through the view keeps the row in
    /// the overlay (taking it from main first when it is not there yet).
    private func label(_ reverted: Reverted) throws {
        guard !reverted.unlabelled.isEmpty else { return }
        let role = Overlaid.all[0]
        try connection.execute(script: """
            CREATE TEMP TRIGGER overlay_role_label INSTEAD OF UPDATE ON role BEGIN
                INSERT INTO \(role.hidden) SELECT NEW.id WHERE NOT EXISTS (SELECT 1 FROM \(role.hidden) h WHERE h.id = NEW.id);
                INSERT INTO \(role.rows) SELECT * FROM main.role l
                    WHERE l.id = NEW.id AND NOT EXISTS (SELECT 1 FROM \(role.rows) o WHERE o.id = NEW.id);
                UPDATE \(role.rows) SET path = NEW.path, depth = NEW.depth WHERE id = NEW.id;
            END
            """)
        defer { try? connection.execute(script: "DROP TRIGGER temp.overlay_role_label") }
        do {
            // Several changes may name one root; a tree is labelled once.
            var seen = Set<Int64>()
            try ChangeReverter(db: connection).relabelTrees(of: reverted.unlabelled.filter { seen.insert($0).inserted })
        } catch OrgError.internalError(let detail) {
            throw OrgError.historyConflict(asOf: moment, change: reverted.earliest, detail: detail)
        }
    }

    /// Raised inside the build's transaction; turned into the history
    /// conflict once the live chart is back.
    struct DanglingReference: Error {
        let dangling: ChartRebuild.Dangling
        let earliest: Int64
    }

    /// Takes away what an earlier attempt kept: the reverting must see main's
    /// tables, not the views.
    private func reset() throws {
        try connection.execute(script: Overlaid.all.map { table in
            "DROP VIEW IF EXISTS temp.\(table.name); DELETE FROM temp.\(table.hidden); DELETE FROM temp.\(table.rows);"
        }.joined(separator: "\n"))
    }

    /// Fills the TEMP tables with what was captured and puts the views over
    /// the tables that have touched rows. (The triggers stay: the connection
    /// writes nothing to main again, so they never fire.)
    private func store(_ captured: [Captured], _ columns: [[Column]]) throws {
        for ((table, captured), columns) in zip(zip(Overlaid.all, captured), columns) where !captured.hidden.isEmpty {
            let hide = try connection.statement("INSERT INTO temp.\(table.hidden) VALUES (\(placeholders(table.identity.count)))")
            for identity in captured.hidden { try hide.run(identity) }
            let keep = try connection.statement("INSERT INTO temp.\(table.rows) VALUES (\(placeholders(columns.count)))")
            for row in captured.rows { try keep.run(row) }
            try connection.execute(script: """
                CREATE TEMP VIEW \(table.name) AS
                SELECT * FROM main.\(table.name) live WHERE NOT EXISTS (SELECT 1 FROM temp.\(table.hidden) h WHERE \(table.matching("h", "live")))
                UNION ALL
                SELECT * FROM temp.\(table.rows)
                """)
        }
    }

    private func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ", ")
    }
}
