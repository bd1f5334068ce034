import OrgSQLite

/// The units part of an import: added or updated first (so roles can name
/// them), then linked to their parents, heads and governing PMOs once the
/// roles exist.
struct UnitImport {
    typealias Field = ImportSource.UnitField
    let source: ImportSource
    let options: ImportOptions
    private var file: String { source.unitsFile }
    /// Existing units the file changes, by id: a unit whose name and parent
    /// both change counts once.
    private var changed: Set<Int64> = []
    /// The first unit id this import adds; units from there on are new, not changed.
    private var firstNewID: Int64 = .max

    init(source: ImportSource, options: ImportOptions) {
        self.source = source
        self.options = options
    }

    mutating func insertOrUpdate(org: OrgDatabase, report: inout ImportReport) throws {
        var seen: [String: Int] = [:]
        firstNewID = try org.nextID(in: .unit)
        // Into a chart without units every record is new. Their rows go in
        // a batch per statement (a statement per row copied each page it
        // touched to the statement journal first), their indexes are
        // built once, from sorted keys, afterwards (index pages filled in the
        // file's random order overflowed the page cache and were written out
        // again and again), and each row starts with the parent the file
        // names when that parent is one of its units.
        let bulk = try org.db.integer("SELECT EXISTS (SELECT 1 FROM unit)") == 0
        let load = bulk ? try BulkLoad(db: org.db, table: "unit", triggers: []) : nil
        let newIDs = bulk ? Self.idsInFileOrder(source.units, from: firstNewID) : [:]
        var newRows = NewUnitRows(db: org.db)
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
            // Without units in the chart only a role can hold the key (the
            // unit index is being rebuilt, and a look-up in it would read the table).
            if let existing = bulk ? try Self.role(holding: key, db: org.db) : try org.existing(key) {
                guard existing.kind == .unit else { throw importError(file, record.line, "key", "'\(existing.key)' is already a role's key") }
                guard options.update else {
                    throw OrgError.importRefused(file: file, line: record.line, column: "key", problem: .alreadyExists(key: existing.key, kind: .unit))
                }
                // One row, not the whole unit directory: an import names every unit.
                guard let (id, currentKind) = try org.db.statement("SELECT id, kind FROM unit WHERE key = ?")
                    .first([.text(existing.key)], { ($0.int(0), $0.text(1)) }) else { throw OrgDatabase.vanished("unit", 0) }
                guard currentKind == kind.rawValue else {
                    throw importError(file, record.line, "kind", "unit '\(existing.key)' is a \(currentKind); an import cannot change a unit's kind")
                }
                try atLine(file, record.line, "pmo_type") { try Self.checkType(key: key, kind: kind, type: type) }
                try org.db.run("UPDATE unit SET name = ?1, pmo_type = ?2 WHERE id = ?3 AND (name IS NOT ?1 OR pmo_type IS NOT ?2)",
                               [.text(name), type.map { .text($0.rawValue) } ?? .null, .integer(id)])
                if org.db.changes > 0 { changed.insert(id) }
            } else {
                try atLine(file, record.line, "pmo_type") { try Self.checkType(key: key, kind: kind, type: type) }
                // link() still checks every parent cell in file order, so a
                // refusal names the same line; here the row only starts with
                // the parent link() would give it.
                if bulk {
                    guard let id = newIDs[key.lowercased()] else { throw OrgError.internalError(detail: "unit '\(key)' was given no id") }
                    try newRows.add(id: id, key: key, name: name, kind: kind, type: type,
                                    parent: record[.parent].flatMap { Self.fileParent($0, of: key, in: newIDs) })
                } else {
                    try org.db.run("INSERT INTO unit (id, key, name, kind, pmo_type) VALUES (?, ?, ?, ?, ?)",
                                   [.integer(try org.nextID(in: .unit)), .text(key), .text(name), .text(kind.rawValue), type.map { .text($0.rawValue) } ?? .null])
                }
                report.unitsAdded += 1
            }
        }
        try newRows.flush()
        try load?.restore()
        org.cachedUnits = nil
    }

    /// The role whose key is `key`, as ``OrgDatabase/existing(_:)`` gives it.
    private static func role(holding key: String, db: Connection) throws -> (key: String, kind: OrgError.KeyKind)? {
        try db.statement("SELECT key FROM role WHERE key = ?").first([.text(key)]) { ($0.text(0), .role) }
    }

    /// The ids the units of a file take when all are new, by lower-cased
    /// key: one each, in file order, from `first`. Records whose key is
    /// invalid or repeated are left out (the import refuses them).
    private static func idsInFileOrder(_ units: RecordTable<Field>, from first: Int64) -> [String: Int64] {
        var ids: [String: Int64] = [:]
        ids.reserveCapacity(units.count)
        var next = first
        for record in units {
            guard let key = try? Validation.key(record[.key] ?? ""), ids[key.lowercased()] == nil else { break }
            ids[key.lowercased()] = next
            next += 1
        }
        return ids
    }

    /// The id of the new unit a parent cell names, when the cell is exactly
    /// one of the file's keys (in any case) other than the unit's own. Any
    /// other cell is left to link(), which resolves or refuses it.
    private static func fileParent(_ cell: String, of key: String, in ids: [String: Int64]) -> Int64? {
        guard !ids.isEmpty, cell.utf8.allSatisfy({ $0 < 0x80 }), cell.lowercased() != key.lowercased() else { return nil }
        return ids[cell.lowercased()]
    }

    private static func checkType(key: String, kind: UnitKind, type: PMOType?) throws {
        switch (kind, type) {
        case (.pmo, nil): throw OrgError.pmoTypeRequired(unit: key)
        case (let kind, let type?) where kind != .pmo: throw OrgError.pmoTypeOnNonPMO(unit: key, kind: kind, type: type)
        default: break
        }
    }

    /// Parents, heads and governance, which may name units and roles from
    /// anywhere in the files. Each record costs a few index look-ups; the
    /// check for a loop of parents is one pass over the units.
    mutating func link(org: OrgDatabase, report: inout ImportReport) throws {
        let db = org.db
        let byKey = try db.statement("SELECT id, kind FROM unit WHERE key = ?")
        let governor = try db.statement("SELECT pmo_id FROM governance WHERE unit_id = ?")
        var governance = GovernanceChanges(db: db)
        for record in source.units {
            let key = try Validation.key(record[.key] ?? "")
            guard let (id, _) = try byKey.first([.text(key)], { ($0.int(0), $0.text(1)) }) else { throw OrgDatabase.vanished("unit", 0) }
            if let parent = record[.parent] {
                if parent.lowercased() == key.lowercased() {
                    throw importError(file, record.line, "parent", "unit '\(key)' cannot sit inside itself; name another parent or leave it empty")
                }
                let parentID: SQLValue = parent.isEmpty ? .null : .integer(try atLine(file, record.line, "parent") { try org.unitID(parent) })
                try db.run("UPDATE unit SET parent_id = ?1 WHERE id = ?2 AND parent_id IS NOT ?1", [parentID, .integer(id)])
                noteChange(of: id, db.changes)
            }
            if let head = record[.head] {
                let headID: SQLValue = head.isEmpty ? .null : .integer(try atLine(file, record.line, "head") { try org.roleRow(head).id })
                try db.run("UPDATE unit SET head_role_id = ?1 WHERE id = ?2 AND head_role_id IS NOT ?1", [headID, .integer(id)])
                noteChange(of: id, db.changes)
            }
            if let pmo = record[.governedBy] {
                let current = try governor.first([.integer(id)]) { $0.int(0) }
                var wanted: Int64?
                if !pmo.isEmpty {
                    guard let (pmoID, pmoKind) = try byKey.first([.text(Validation.nfc(pmo))], { ($0.int(0), $0.text(1)) }) else {
                        throw importError(file, record.line, "governed_by", try org.unknown(pmo, expected: .unit))
                    }
                    guard pmoKind == UnitKind.pmo.rawValue, pmoID != id else {
                        let pmoKey = try db.statement("SELECT key FROM unit WHERE id = ?").first([.integer(pmoID)]) { $0.text(0) } ?? pmo
                        throw importError(file, record.line, "governed_by", "'\(pmoKey)' is a \(pmoKind), and only a PMO (other than the unit itself) governs units")
                    }
                    wanted = pmoID
                }
                if current == wanted { continue }
                try governance.set(unit: id, pmo: wanted)
                noteChange(of: id, 1)
                if wanted != nil { report.governanceAdded += 1 }
            }
        }
        try governance.flush()
        try refuseParentLoop(db: db)
        report.unitsUpdated += changed.count
        org.cachedUnits = nil
    }

    private mutating func noteChange(of id: Int64, _ rows: Int) {
        if rows > 0 && id < firstNewID { changed.insert(id) }
    }

    /// A loop of parents anywhere in the units refuses the whole import. Each
    /// unit is walked up until a unit already known to reach the top (or the
    /// walk itself) is met, so every unit is passed once.
    private func refuseParentLoop(db: Connection) throws {
        var parentOf: [Int64: Int64] = [:]
        var keyOf: [Int64: String] = [:]
        try db.statement("SELECT id, key, parent_id FROM unit").forEachRow { row in
            keyOf[row.int(0)] = row.text(1)
            if let parent = row.optionalInt(2) { parentOf[row.int(0)] = parent }
        }
        var clear: Set<Int64> = []
        for start in keyOf.keys.sorted() where !clear.contains(start) {
            var walk: [Int64] = []
            var onWalk: Set<Int64> = []
            var current: Int64? = start
            while let id = current, !clear.contains(id) {
                guard onWalk.insert(id).inserted else {
                    let loop = walk[walk.firstIndex(of: id)!...]
                    // Named at the loop's unit that comes first in the file.
                    let lines = Dictionary(source.units.map { (($0[.key] ?? "").lowercased(), $0.line) }, uniquingKeysWith: min)
                    let named = loop.min { (lines[keyOf[$0]!.lowercased()] ?? .max, $0) < (lines[keyOf[$1]!.lowercased()] ?? .max, $1) }!
                    throw importError(file, lines[keyOf[named]!.lowercased()] ?? 1, "parent",
                                      "the units' parents form a loop through '\(keyOf[named]!)'; a unit cannot sit inside itself")
                }
                walk.append(id)
                current = parentOf[id]
            }
            clear.formUnion(walk)
        }
    }
}
