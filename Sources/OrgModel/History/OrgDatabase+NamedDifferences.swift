import OrgSQLite

extension OrgDatabase {
    /// How many differences share one look-up of names.
    static let namingBatch = 500

    /// Every difference from this chart to `other`, as
    /// ``forEachDifference(to:_:)`` finds them, each with the names of the
    /// keys it mentions filled in (``ChartChange/name(before:after:)``): what
    /// was from this chart, what is from `other`. Names are looked up a batch
    /// at a time, two statements per chart, so a diff of a million roles is
    /// still never held whole.
    public func forEachNamedDifference(to other: OrgDatabase, _ body: (ChartChange) -> Void) throws(OrgError) {
        try forEachNamedDifference(to: other, between: nil, body)
    }

    /// ``forEachNamedDifference(to:_:)``, through the history between
    /// `moments` when both charts are one file's (``RangeDiff``).
    func forEachNamedDifference(to other: OrgDatabase, between moments: (from: Timestamp, to: Timestamp)?,
                                _ body: (ChartChange) -> Void) throws(OrgError) {
        var pending: [ChartChange] = []
        var failure: (any Error)?
        // Statements on the connections themselves, not `read {}`: the diff
        // may already hold a read transaction on each.
        func flush() {
            guard !pending.isEmpty, failure == nil else { return }
            do {
                let keys = pending.lazy.flatMap(\.mentionedKeys)
                let array = Self.keyArray(keys)
                let was = try array.map { try Self.references($0, on: self.db) } ?? References()
                let now = try array.map { try Self.references($0, on: other.db) } ?? References()
                for var change in pending {
                    change.name(before: was, after: now)
                    body(change)
                }
            } catch {
                failure = error
            }
            pending.removeAll(keepingCapacity: true)
        }
        try forEachDifference(to: other, inStorageOrder: true, between: moments) { change in
            pending.append(change)
            if pending.count >= Self.namingBatch { flush() }
        }
        flush()
        if let failure {
            if let error = failure as? OrgError { throw error }
            throw Self.translate(failure, path: path)
        }
    }
}
