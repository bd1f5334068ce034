import OrgSQLite

/// The history of one branch: what a client limited to the branch under a
/// role may see of the recorded changes, and undo (``BranchHistory`` holds
/// the rule).
extension OrgDatabase {
    /// The recorded changes that lie wholly inside the branch under the role
    /// `branchKey`, as it is now, newest first: at most `limit`, and only
    /// those numbered below `before` when given (the next page). A change
    /// that touched a role outside the branch too, or a unit, is left out
    /// whole, so that nothing about the rest of the chart is told.
    ///
    /// ```swift
    /// for change in try org.history(within: "cio", limit: 20) {
    ///     print("#\(change.id)", change.summary.joined(separator: "; "))
    /// }
    /// ```
    public func history(within branchKey: String, limit: Int, before: Int64? = nil) throws(OrgError) -> [ChangeRecord] {
        guard recordsHistory, limit > 0 else { return [] }
        return try read {
            let (lower, upper) = try branchRange(branchKey)
            return try db.statement(BranchHistory.sql).map(
                [.text(lower), .text(upper), .integer(before ?? Int64.max), .integer(Int64(limit))], Self.record)
        }
    }

    /// True when change `change` lies wholly inside the branch under the
    /// role `branchKey` (see ``history(within:limit:before:)``); false for a
    /// change that is not recorded.
    public func change(_ change: Int64, liesWithin branchKey: String) throws(OrgError) -> Bool {
        guard recordsHistory else { return false }
        return try read { try changeLies(change, within: try branchRange(branchKey)) }
    }

    /// Reverts change `change` alone, as ``undo(change:)`` does, when it
    /// lies wholly inside the branch under the role `branchKey`, checked in
    /// the undo's own transaction; otherwise refuses with
    /// ``OrgError/cannotUndo(change:reason:later:)`` and writes nothing.
    @discardableResult
    public func undo(change target: Int64, within branchKey: String) throws(OrgError) -> ChangeRecord {
        do throws(OrgError) {
            return try undo(change: target, allowedIf: { [self] in
                guard try changeLies(target, within: try branchRange(branchKey)) else {
                    throw OrgError.cannotUndo(change: target, reason: "it changed the chart outside the branch under \(branchKey)", later: [])
                }
            })
        } catch .cannotUndo(let change, let reason, let later) where !later.isEmpty {
            // Later changes in the way are named only when the branch may see them.
            var shown: [Int64] = []
            if let range = try? branchRange(branchKey) {
                for id in later where (try? changeLies(id, within: range)) == true { shown.append(id) }
            }
            throw .cannotUndo(change: change, reason: reason, later: shown)
        }
    }

    /// The branch's range of path labels: from its top role's label up to the end of its reports'.
    private func branchRange(_ branchKey: String) throws -> (String, String) {
        let top = try roleRow(branchKey)
        return (top.path, PathLabel.end(of: top.path))
    }

    private func changeLies(_ change: Int64, within range: (String, String)) throws -> Bool {
        try db.integer(BranchHistory.containsSQL, [.text(range.0), .text(range.1), .integer(change)]) == 1
    }
}
