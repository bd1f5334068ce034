import OrgSQLite

/// Comparing two charts by key: two files (a what-if copy against the
/// original) or one file at two moments. Units are merged in key order; roles
/// and dotted lines are compared in storage order (``RowidDiff``), or, when
/// the charts differ throughout, each side is read in key order in one pass
/// and the two streams are merged. Either way memory holds at most the keys
/// that differ, never a chart.
extension OrgDatabase {
    /// What changed from this chart to `other`: units, then roles, then
    /// dotted lines, each in key order.
    public func differences(to other: OrgDatabase) throws(OrgError) -> [ChartChange] {
        var changes: [ChartChange] = []
        try forEachDifference(to: other) { changes.append($0) }
        return changes
    }

    /// Calls `body` with each change from this chart to `other`, in the
    /// order of ``differences(to:)``, as the two charts are read: for
    /// writing a large diff out without holding it.
    public func forEachDifference(to other: OrgDatabase, _ body: (ChartChange) -> Void) throws(OrgError) {
        try forEachDifference(to: other, inStorageOrder: true, body)
    }

    /// ``forEachDifference(to:_:)``; `inStorageOrder` false always merges in
    /// key order, the reference the other comparisons are tested against.
    /// `moments`: this chart is one file's as of the first, `other` the same
    /// file's as of the second, so only what the history between them
    /// touched is compared (``RangeDiff``).
    func forEachDifference(to other: OrgDatabase, inStorageOrder: Bool, between moments: (from: Timestamp, to: Timestamp)? = nil,
                           _ body: (ChartChange) -> Void) throws(OrgError) {
        if other === self { return }
        try read {
            do {
                try other.db.read {
                    if inStorageOrder, let moments, let range = try RangeDiff(db, other.db, from: moments.from, to: moments.to) {
                        try rangeDifferences(range, other, body)
                        return
                    }
                    try merge(unitQuery, UnitState.init, other, UnitState.changes, body)
                    // Two copies of one chart differ in few rows: find those
                    // reading both files in storage order, and merge in key
                    // order only charts that differ throughout.
                    if inStorageOrder, let found = try RowidDiff(db, other.db, overlaid: (readsOverlay, other.readsOverlay)) {
                        try rowidDifferences(found, other, body)
                    } else {
                        try merge(roleQuery, RoleState.init, other, RoleState.changes, body)
                        try dottedLineChanges(other, body)
                    }
                }
            } catch let error as OrgError {
                throw error
            } catch {
                throw Self.translate(error, path: other.path)
            }
        }
    }

    /// Every unit's facts in key order. The references are correlated
    /// subqueries, not LEFT JOINs: over the as-of overlay the role table is
    /// a view, and SQLite read it whole for the join (a million roles, in
    /// memory), where a subquery looks up one head by id.
    private var unitQuery: String {
        """
        SELECT u.key, u.name, u.kind, u.pmo_type, \(Self.unitReferenceKeys) FROM unit u ORDER BY u.key
        """
    }

    private var roleQuery: String {
        """
        SELECT \(RoleState.columns) FROM role r \(Self.roleJoins) ORDER BY r.key
        """
    }

    /// Merges the rows of `sql` on both sides by their first column, the key.
    private func merge<State>(_ sql: String, _ make: @escaping (Row, Int32) -> State, _ other: OrgDatabase,
                              _ compare: (State?, State?) -> [ChartChange], _ body: (ChartChange) -> Void) throws {
        var left = try KeyedCursor(db.statement(sql), make)
        var right = try KeyedCursor(other.db.statement(sql), make)
        while left.current != nil || right.current != nil {
            switch KeyedCursor<State>.order(left.key, right.key) {
            case .before:
                compare(left.current, nil).forEach(body)
                try left.advance()
            case .after:
                compare(nil, right.current).forEach(body)
                try right.advance()
            case .same:
                compare(left.current, right.current).forEach(body)
                try left.advance()
                try right.advance()
            }
        }
    }

    private func dottedLineChanges(_ other: OrgDatabase, _ body: (ChartChange) -> Void) throws {
        let sql = """
            SELECT r.key || ' ' || m.key, r.key, m.key FROM dotted_line d
            JOIN role r ON r.id = d.role_id JOIN role m ON m.id = d.manager_id
            ORDER BY r.key, m.key
            """
        let line = { (row: Row, _: Int32) in (role: row.text(1), manager: row.text(2)) }
        try merge(sql, line, other, { before, after in
            switch (before, after) {
            case (let gone?, nil): [ChartChange(kind: .dottedLineRemoved, key: gone.role, to: gone.manager)]
            case (nil, let new?): [ChartChange(kind: .dottedLineAdded, key: new.role, to: new.manager)]
            default: []
            }
        }, body)
    }
}

/// A statement's rows one at a time, each with the key in its first column.
private struct KeyedCursor<State> {
    let statement: Statement
    let make: (Row, Int32) -> State
    var current: State?
    var key: String?

    init(_ statement: Statement, _ make: @escaping (Row, Int32) -> State) throws {
        self.statement = statement
        self.make = make
        try statement.bind([])
        try advance()
    }

    mutating func advance() throws {
        if try statement.step() {
            let row = statement.currentRow
            key = row.text(0)
            current = make(row, 0)
        } else {
            key = nil
            current = nil
        }
    }

    enum Order { case before, same, after }

    /// How two keys sort, as SQLite's NOCASE collation sorts them (keys are
    /// ASCII); a missing key sorts after every key.
    static func order(_ left: String?, _ right: String?) -> Order {
        guard let left else { return .after }
        guard let right else { return .before }
        var l = left.utf8.makeIterator(), r = right.utf8.makeIterator()
        while true {
            switch (l.next().map(folded), r.next().map(folded)) {
            case (nil, nil): return .same
            case (nil, _): return .before
            case (_, nil): return .after
            case let (a?, b?) where a != b: return a < b ? .before : .after
            default: continue
            }
        }
    }

    private static func folded(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
    }
}
