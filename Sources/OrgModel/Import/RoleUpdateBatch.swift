import OrgSQLite

/// The field changes an update import makes to existing roles, written by one
/// set-based statement instead of one UPDATE per row and column.
///
/// A sync of a million-role file reads every role the file names, and most
/// have nothing to change: seven point updates per row (each a search of the
/// primary key) made the sync slower than importing the file into an empty
/// chart. Here each row's validated values go into a temporary table with a
/// mask of the columns the file gives, and ``apply()`` writes the rows that
/// differ in one `UPDATE … FROM`. The schema's triggers fire once per changed
/// row, as before, so history records the same images (the row as it was
/// before the import) and the name index notes the same rows.
struct RoleUpdateBatch {
    /// The columns a file can set, in the order of the table's value columns;
    /// a column's bit in `given` is `1 << its index`.
    static let columns = ["title", "holder", "unit_id", "grade", "rung", "salary_minor", "currency"]

    static let createTable = """
        CREATE TEMP TABLE IF NOT EXISTS import_role_update (
            id INTEGER PRIMARY KEY, given INTEGER NOT NULL,
            title, holder, unit_id, grade, rung, salary_minor, currency)
        """
    static let insertRow = "INSERT INTO temp.import_role_update VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"

    /// Sets each given column and leaves the others; only rows with a given
    /// column that differs are touched, so the count of changed rows is the
    /// count of roles changed, and rows read but unchanged record nothing.
    /// The noted rows drive both loops (CROSS JOIN, and a list of ids): as an
    /// `UPDATE … FROM`, SQLite 3.40 scanned the whole role table instead.
    static let update: String = {
        let values = columns.enumerated().map { bit, column in
            "CASE WHEN t.given & \(1 << bit) THEN t.\(column) ELSE role.\(column) END"
        }
        let differs = columns.enumerated().map { bit, column in
            "(t.given & \(1 << bit) AND r.\(column) IS NOT t.\(column))"
        }
        return """
            UPDATE role SET (\(columns.joined(separator: ", "))) = (
                SELECT \(values.joined(separator: ", ")) FROM temp.import_role_update t WHERE t.id = role.id)
            WHERE id IN (SELECT t.id FROM temp.import_role_update t CROSS JOIN role r ON r.id = t.id
                         WHERE \(differs.joined(separator: " OR ")))
            """
    }()

    private let db: Connection
    private let insert: Statement
    /// True until a row with a change is noted.
    private(set) var isEmpty = true

    init(db: Connection) throws {
        self.db = db
        // Kept (empty) on the connection after use, so that its statements
        // stay prepared and can be explained.
        try db.execute(script: Self.createTable + "; DELETE FROM temp.import_role_update")
        insert = try db.statement(Self.insertRow)
    }

    /// Notes the changes of one role; columns not named are left as they are.
    mutating func add(role id: Int64, changes: [(column: String, value: SQLValue)]) throws {
        guard !changes.isEmpty else { return }
        var given: Int64 = 0
        var values = [SQLValue](repeating: .null, count: Self.columns.count)
        for (column, value) in changes {
            guard let index = Self.columns.firstIndex(of: column) else {
                throw OrgError.internalError(detail: "an import set the unknown column '\(column)'")
            }
            given |= 1 << index
            values[index] = value
        }
        try insert.run([.integer(id), .integer(given)] + values)
        isEmpty = false
    }

    /// Notes the changes of one role, bound by `bind` straight to the row's
    /// parameters (the value of column `n` of ``columns`` to parameter
    /// `n + 3`), which returns the mask of the columns it bound. Bytes bound
    /// by borrowing need only last for this call.
    mutating func add(role id: Int64, binding bind: (Statement) throws -> Int64) throws {
        insert.clearBindings()
        defer { insert.clearBindings() }
        let given = try bind(insert)
        guard given != 0 else { return }
        try insert.bind(1, id)
        try insert.bind(2, given)
        try insert.runBound()
        isEmpty = false
    }

    /// Writes every noted change; returns how many roles changed.
    func apply() throws -> Int {
        guard !isEmpty else { return 0 }
        try db.run(Self.update)
        let changed = db.changes
        try db.run("DELETE FROM temp.import_role_update")
        return changed
    }
}
