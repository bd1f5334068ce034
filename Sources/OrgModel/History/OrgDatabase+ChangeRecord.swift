import OrgSQLite

extension OrgDatabase {
    /// The recorded change numbered `id`, or nil when there is none: one
    /// look-up by number, for a client that knows which change it made
    /// (``newestChangeID()`` after its write) and wants its record without
    /// reading a role's whole history.
    ///
    /// ```swift
    /// try org.updateRole("pm-crm", RoleChanges(title: "Delivery Lead"))
    /// let made = try org.newestChangeID().flatMap { try org.change($0) }
    /// print(made?.summary ?? [])
    /// ```
    public func change(_ id: Int64) throws(OrgError) -> ChangeRecord? {
        guard recordsHistory else { return nil }
        return try read {
            try db.statement("SELECT \(Self.recordColumns) FROM change c WHERE c.id = ?").first([.integer(id)], Self.record)
        }
    }
}
