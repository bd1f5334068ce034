import OrgSQLite

/// A scan of a branch in path order down to a depth limit that does not read
/// what lies below the limit. The rows under a role on the limit are one range
/// of the path index, so the scan seeks past that range instead of reading
/// it and filtering it out by depth: `print tree --depth 2` of a million roles
/// reads the listed levels only (and counts what each cut hides in the index).
enum BranchScan {
    /// The deepest depth a walk `levels` below a role at `base` reaches (no
    /// limit when nil), kept within SQLite's integers and Swift's whatever
    /// number a user types.
    static func deepest(below base: Int, levels: Int?) -> Int {
        base + min(levels ?? Int(Int32.max), Int(Int32.max))
    }

    /// Runs `statement`, whose parameters 1-3 are the lowest path (exclusive
    /// or inclusive, as its SQL says), the path it stays below and the
    /// deepest depth, and whose rows come in path order. `body` gets each row
    /// and returns the path of a role whose branch is cut by the limit, to be
    /// skipped, or nil.
    static func forEachRow(_ statement: Statement, from lower: String, below upper: String, deepest: Int64,
                           _ body: (Row) throws -> String?) throws {
        var from = lower
        var skipPast: String?
        repeat {
            skipPast = nil
            try statement.scan([.text(from), .text(upper), .integer(deepest)], while: { row in
                skipPast = try body(row)
                return skipPast == nil
            })
            // No path equals the end of a range, so the next scan starts just past it.
            if let skipPast { from = PathLabel.end(of: skipPast) }
        } while skipPast != nil
    }
}
