import OrgSQLite

/// Adding, changing and removing units.
extension OrgDatabase {
    /// Adds a unit. A PMO needs a PMO type; any other kind must not have one.
    ///
    /// ```swift
    /// try org.addUnit(UnitDraft(key: "acme", name: "Acme Holdings", kind: .company, head: "ceo"))
    /// try org.addUnit(UnitDraft(key: "pmo-it", name: "IT Delivery PMO", kind: .pmo, pmoType: .directive, parent: "acme"))
    /// ```
    @discardableResult
    public func addUnit(_ draft: UnitDraft) throws(OrgError) -> OrgUnit {
        try writeAtItsMoment { try insertUnit(draft) }
    }

    /// Renames a unit, moves it under another parent, or names its head.
    @discardableResult
    public func updateUnit(_ key: String, _ changes: UnitChanges) throws(OrgError) -> OrgUnit {
        try writeAtItsMoment {
            let id = try unitID(key)
            if let name = changes.name {
                try db.run("UPDATE unit SET name = ? WHERE id = ?", [.text(try Validation.text(name, field: "name")), .integer(id)])
            }
            if let parent = changes.parent {
                let parentID = try unitID(parent)
                try refuseUnitCycle(placing: id, under: parentID)
                try db.run("UPDATE unit SET parent_id = ? WHERE id = ?", [.integer(parentID), .integer(id)])
            }
            if let head = changes.head {
                try db.run("UPDATE unit SET head_role_id = ? WHERE id = ?", [.integer(try roleRow(head).id), .integer(id)])
            }
            if changes.clearing.contains(.head) { try db.run("UPDATE unit SET head_role_id = NULL WHERE id = ?", [.integer(id)]) }
            if changes.clearing.contains(.parent) { try db.run("UPDATE unit SET parent_id = NULL WHERE id = ?", [.integer(id)]) }
            cachedUnits = nil
            return try fetchUnit(id: id)
        }
    }

    /// Removes an empty unit: one with no roles and no sub-units.
    public func removeUnit(_ key: String) throws(OrgError) {
        try writeAtItsMoment {
            let id = try unitID(key)
            let roles = Int(try db.integer("SELECT count(*) FROM role WHERE unit_id = ?", [.integer(id)]) ?? 0)
            let units = Int(try db.integer("SELECT count(*) FROM unit WHERE parent_id = ?", [.integer(id)]) ?? 0)
            guard roles == 0 && units == 0 else {
                throw OrgError.unitNotEmpty(key: try fetchUnit(id: id).key, roles: roles, units: units)
            }
            try db.run("DELETE FROM unit WHERE id = ?", [.integer(id)])
        }
    }

    // MARK: - Shared by single writes and bulk loads

    @discardableResult
    func insertUnit(_ draft: UnitDraft) throws -> OrgUnit {
        let key = try Validation.key(draft.key)
        let name = try Validation.text(draft.name, field: "name")
        switch (draft.kind, draft.pmoType) {
        case (.pmo, nil): throw OrgError.pmoTypeRequired(unit: key)
        case (let kind, let type?) where kind != .pmo: throw OrgError.pmoTypeOnNonPMO(unit: key, kind: kind, type: type)
        default: break
        }
        try refuseTaken(key)
        let parent = try draft.parent.map { try unitID($0) }
        let head = try draft.head.map { try roleRow($0).id }
        let id = try nextID(in: .unit)
        try db.run("INSERT INTO unit (id, key, name, kind, pmo_type, parent_id, head_role_id) VALUES (?, ?, ?, ?, ?, ?, ?)", [
            .integer(id), .text(key), .text(name), .text(draft.kind.rawValue), draft.pmoType.map { .text($0.rawValue) } ?? .null,
            parent.map(SQLValue.integer) ?? .null, head.map(SQLValue.integer) ?? .null,
        ])
        cachedUnits = nil
        return try fetchUnit(id: id)
    }

    private func refuseUnitCycle(placing id: Int64, under parentID: Int64) throws {
        var chain: [Int64] = [parentID]
        while let last = chain.last, last != id,
              let above = try db.integer("SELECT parent_id FROM unit WHERE id = ?", [.integer(last)]) {
            chain.append(above)
        }
        guard chain.last == id else { return }
        let keys = try ([id] + chain).map { try fetchUnit(id: $0).key }
        throw OrgError.unitCycle(path: keys)
    }
}
