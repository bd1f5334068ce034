/// The units part of an import: added or updated first (so roles can name
/// them), then linked to their parents, heads and governing PMOs once the
/// roles exist.
struct UnitImport {
    typealias Field = ImportSource.UnitField
    let source: ImportSource
    let options: ImportOptions
    private var file: String { source.unitsFile }

    init(source: ImportSource, options: ImportOptions) {
        self.source = source
        self.options = options
    }

    func insertOrUpdate(org: OrgDatabase, report: inout ImportReport) throws {
        var seen: [String: Int] = [:]
        for record in source.units {
            let key = try atLine(file, record.line, "key") { try Validation.key(record[.key] ?? "") }
            if let earlier = seen[key.lowercased()] {
                throw importError(file, record.line, "key", "the key '\(key)' appears twice (also on line \(earlier))")
            }
            seen[key.lowercased()] = record.line
            let name = try atLine(file, record.line, "name") { try Validation.text(record[.name] ?? "", field: "name") }
            let kindText = record[.kind] ?? ""
            guard let kind = UnitKind(rawValue: kindText.lowercased()) else {
                throw importError(file, record.line, "kind", "\(kindText.quotedForMessage) is not a unit kind; use one of " + UnitKind.allCases.map(\.rawValue).joined(separator: ", "))
            }
            let typeText = record.nonEmpty(.pmoType)
            let type = try typeText.map { text throws(OrgError) -> PMOType in
                guard let type = PMOType(rawValue: text.lowercased()) else {
                    throw importError(file, record.line, "pmo_type", "\(text.quotedForMessage) is not a PMO type; use one of " + PMOType.allCases.map(\.rawValue).joined(separator: ", "))
                }
                return type
            }
            if let existing = try org.existing(key) {
                guard existing.kind == .unit else { throw importError(file, record.line, "key", "'\(existing.key)' is already a role's key") }
                guard options.update else {
                    throw importError(file, record.line, "key", "the unit '\(existing.key)' already exists; pass --update to change existing units and roles")
                }
                let current = try org.fetchUnit(id: try org.unitID(existing.key))
                guard current.kind == kind else {
                    throw importError(file, record.line, "kind", "unit '\(existing.key)' is a \(current.kind.rawValue); an import cannot change a unit's kind")
                }
                try atLine(file, record.line, "pmo_type") { try Self.checkType(key: key, kind: kind, type: type) }
                try org.db.run("UPDATE unit SET name = ?1, pmo_type = ?2 WHERE key = ?3 AND (name IS NOT ?1 OR pmo_type IS NOT ?2)",
                               [.text(name), type.map { .text($0.rawValue) } ?? .null, .text(existing.key)])
                report.unitsUpdated += org.db.changes
            } else {
                try atLine(file, record.line, "pmo_type") { try Self.checkType(key: key, kind: kind, type: type) }
                try org.db.run("INSERT INTO unit (id, key, name, kind, pmo_type) VALUES (?, ?, ?, ?, ?)",
                               [.integer(try org.nextID(in: .unit)), .text(key), .text(name), .text(kind.rawValue), type.map { .text($0.rawValue) } ?? .null])
                report.unitsAdded += 1
            }
        }
        org.cachedUnits = nil
    }

    private static func checkType(key: String, kind: UnitKind, type: PMOType?) throws {
        switch (kind, type) {
        case (.pmo, nil): throw OrgError.pmoTypeRequired(unit: key)
        case (let kind, let type?) where kind != .pmo: throw OrgError.pmoTypeOnNonPMO(unit: key, kind: kind, type: type)
        default: break
        }
    }

    /// Parents, heads and governance, which may name units and roles from
    /// anywhere in the files.
    func link(org: OrgDatabase, report: inout ImportReport) throws {
        for record in source.units {
            let key = try Validation.key(record[.key] ?? "")
            if let parent = record[.parent] {
                if parent.lowercased() == key.lowercased() {
                    throw importError(file, record.line, "parent", "unit '\(key)' cannot sit inside itself; name another parent or leave it empty")
                }
                let parentID: SQLValue = parent.isEmpty ? .null : .integer(try atLine(file, record.line, "parent") { try org.unitID(parent) })
                try org.db.run("UPDATE unit SET parent_id = ? WHERE key = ?", [parentID, .text(key)])
            }
            if let head = record[.head] {
                let headID: SQLValue = head.isEmpty ? .null : .integer(try atLine(file, record.line, "head") { try org.roleRow(head).id })
                try org.db.run("UPDATE unit SET head_role_id = ? WHERE key = ?", [headID, .text(key)])
            }
            if let pmo = record[.governedBy] {
                let current = try org.db.statement("SELECT p.key FROM governance g JOIN unit p ON p.id = g.pmo_id JOIN unit u ON u.id = g.unit_id WHERE u.key = ?")
                    .first([.text(key)]) { $0.text(0) }
                if current?.lowercased() == pmo.lowercased() || (current == nil && pmo.isEmpty) { continue }
                try org.db.run("DELETE FROM governance WHERE unit_id = (SELECT id FROM unit WHERE key = ?)", [.text(key)])
                guard !pmo.isEmpty else { continue }
                let pmoUnit = try atLine(file, record.line, "governed_by") { try org.fetchUnit(id: try org.unitID(pmo)) }
                guard pmoUnit.kind == .pmo, pmoUnit.key.lowercased() != key.lowercased() else {
                    throw importError(file, record.line, "governed_by", "'\(pmoUnit.key)' is a \(pmoUnit.kind.rawValue), and only a PMO (other than the unit itself) governs units")
                }
                try org.db.run("INSERT INTO governance (unit_id, pmo_id) SELECT u.id, p.id FROM unit u, unit p WHERE u.key = ? AND p.key = ?",
                               [.text(key), .text(pmoUnit.key)])
                report.governanceAdded += 1
            }
        }
        // A loop of parents anywhere in the units refuses the whole import.
        let units = try UnitDirectory(db: org.db)
        for entry in units.byID.values.sorted(by: { $0.id < $1.id }) {
            var seen: Set<Int64> = [entry.id]
            var current = entry.parentID
            while let id = current {
                guard seen.insert(id).inserted else {
                    let line = source.units.first { $0[.key]?.lowercased() == entry.unit.key.lowercased() }?.line ?? 1
                    throw importError(file, line, "parent", "the units' parents form a loop through '\(entry.unit.key)'; a unit cannot sit inside itself")
                }
                current = units.byID[id]?.parentID
            }
        }
        org.cachedUnits = nil
    }
}
