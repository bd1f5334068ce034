import OrgSQLite

/// One difference between two charts, or one thing a recorded change did:
/// the unit of `orgctl diff` and of the plain-words summary in `orgctl history`.
public struct ChartChange: Sendable, Equatable, Codable, CustomStringConvertible {
    /// What kind of difference it is; the raw values are the `--json` contract.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// A role was added: `to` is its manager.
        case roleAdded = "role-added"
        /// A role was removed: `from` is the manager it had.
        case roleRemoved = "role-removed"
        /// The solid line: `from` and `to` are the old and new managers (nil: the top).
        case roleMoved = "role-moved"
        /// A dotted line was drawn from `key` to `to`.
        case dottedLineAdded = "dotted-line-added"
        /// The dotted line from `key` to `to` went.
        case dottedLineRemoved = "dotted-line-removed"
        /// One field of a role: `field` names it (title, holder, unit, grade, salary, rung).
        case roleChanged = "role-changed"
        /// A unit was added: `to` is its kind (and PMO type).
        case unitAdded = "unit-added"
        /// A unit was removed: `from` is its kind (and PMO type).
        case unitRemoved = "unit-removed"
        /// One field of a unit: name, kind, pmo-type, parent, head, governed-by.
        case unitChanged = "unit-changed"
    }

    /// What kind of difference it is.
    public var kind: Kind
    /// The role or unit the change is about.
    public var key: String
    /// The field that changed, for `role-changed` and `unit-changed`.
    public var field: String?
    /// The value before; for a removal, what the role reported to or the unit's kind.
    public var from: String?
    /// The value after; for an addition, the manager or the unit's kind;
    /// for a dotted line, the manager at its other end.
    public var to: String?
    /// The title of an added or removed role, the name of an added or removed unit.
    public var name: String?
    /// Who holds an added or removed role (nil: vacant).
    public var holder: String?

    /// A difference; only the fields its kind uses are set.
    public init(kind: Kind, key: String, field: String? = nil, from: String? = nil, to: String? = nil, name: String? = nil,
                holder: String? = nil) {
        self.kind = kind
        self.key = key
        self.field = field
        self.from = from
        self.to = to
        self.name = name
        self.holder = holder
    }

    /// The change in plain words: "pm-payments moved from it-director to pmo-director".
    public var description: String {
        switch kind {
        case .roleAdded:
            return "added \(key) (\(name ?? ""), \(holder ?? "vacant")) " + (to.map { "reporting to \($0)" } ?? "at the top")
        case .roleRemoved:
            return "removed \(key) (\(name ?? ""), \(holder ?? "vacant"))" + (from.map { ", who reported to \($0)" } ?? "")
        case .roleMoved:
            return "\(key) moved from \(from ?? "the top") to \(to ?? "the top")"
        case .dottedLineAdded:
            return "\(key) gained a dotted line to \(to ?? "")"
        case .dottedLineRemoved:
            return "\(key) lost its dotted line to \(to ?? "")"
        case .unitChanged where field == "governed-by":
            switch (from, to) {
            case (nil, let pmo?): return "\(key) is now governed by \(pmo)"
            case (let pmo?, nil): return "\(key) is no longer governed by \(pmo)"
            default: return "\(key) is now governed by \(to ?? "") instead of \(from ?? "")"
            }
        case .roleChanged, .unitChanged:
            return "\(key) \(field ?? ""): \(Self.shown(from, field)) → \(Self.shown(to, field))"
        case .unitAdded:
            return "added unit \(key) (\(name ?? ""), \(to ?? ""))"
        case .unitRemoved:
            return "removed unit \(key) (\(name ?? ""), \(from ?? ""))"
        }
    }

    /// One change of `kind` for each (field, before, after) that differs.
    static func fieldChanges(_ kind: Kind, key: String, _ fields: [(String, String?, String?)]) -> [ChartChange] {
        fields.filter { $0.1 != $0.2 }.map { ChartChange(kind: kind, key: key, field: $0.0, from: $0.1, to: $0.2) }
    }

    private static func shown(_ value: String?, _ field: String?) -> String {
        if let value { return value }
        return field == "holder" ? "vacant" : "none"
    }
}

/// A role's facts that a change can alter, with references as keys, so that
/// charts in different files compare.
struct RoleState: Equatable {
    var key: String
    var title: String
    var holder: String?
    var unit: String?
    var manager: String?
    var grade: Int64?
    var salary: String?
    var rung: String?

    /// The columns ``init(row:from:)`` reads, for a role aliased `r` with
    /// ``OrgDatabase/roleJoins``.
    static let columns = "r.key, r.title, r.holder, \(OrgDatabase.unitKey), \(OrgDatabase.managerKey), r.grade, r.salary_minor, r.currency, r.rung"

    init(row: Row, from start: Int32 = 0) {
        key = row.text(start)
        title = row.text(start + 1)
        holder = row.optionalText(start + 2)
        unit = row.optionalText(start + 3)
        manager = row.optionalText(start + 4)
        grade = row.optionalInt(start + 5)
        salary = row.optionalInt(start + 6).map { Money(minorUnits: $0, currency: row.text(start + 7)) }
            .map { "\($0.amount) \($0.currency)" }
        rung = row.optionalText(start + 8)
    }

    /// What turned `before` into `after` (either may be missing).
    static func changes(before: RoleState?, after: RoleState?) -> [ChartChange] {
        switch (before, after) {
        case (nil, let after?):
            return [ChartChange(kind: .roleAdded, key: after.key, to: after.manager, name: after.title, holder: after.holder)]
        case (let before?, nil):
            return [ChartChange(kind: .roleRemoved, key: before.key, from: before.manager, name: before.title, holder: before.holder)]
        case (let before?, let after?):
            var result: [ChartChange] = []
            if before.manager != after.manager {
                result.append(ChartChange(kind: .roleMoved, key: after.key, from: before.manager, to: after.manager))
            }
            let fields: [(String, String?, String?)] = [
                ("title", before.title, after.title), ("holder", before.holder, after.holder),
                ("unit", before.unit, after.unit), ("grade", before.grade.map { "\($0)" }, after.grade.map { "\($0)" }),
                ("salary", before.salary, after.salary), ("rung", before.rung, after.rung),
            ]
            return result + ChartChange.fieldChanges(.roleChanged, key: after.key, fields)
        case (nil, nil):
            return []
        }
    }
}

/// A unit's facts, with references as keys.
struct UnitState: Equatable {
    /// The columns ``init(row:from:)`` reads, for a unit aliased `u` with ``joins``.
    static let columns = "u.key, u.name, u.kind, u.pmo_type, p.key, h.key, g.key"
    /// The joins that give a unit's parent, head and governing PMO their keys.
    static let joins = """
        LEFT JOIN unit p ON p.id = u.parent_id LEFT JOIN role h ON h.id = u.head_role_id
        LEFT JOIN governance gv ON gv.unit_id = u.id LEFT JOIN unit g ON g.id = gv.pmo_id
        """

    var key: String
    var name: String
    var kind: String
    var pmoType: String?
    var parent: String?
    var head: String?
    var governedBy: String?

    init(row: Row, from start: Int32 = 0) {
        key = row.text(start)
        name = row.text(start + 1)
        kind = row.text(start + 2)
        pmoType = row.optionalText(start + 3)
        parent = row.optionalText(start + 4)
        head = row.optionalText(start + 5)
        governedBy = row.optionalText(start + 6)
    }

    /// "project", or "pmo, directive" for a PMO.
    var kindAndType: String { pmoType.map { "\(kind), \($0)" } ?? kind }

    /// What turned `before` into `after` (either may be missing).
    static func changes(before: UnitState?, after: UnitState?) -> [ChartChange] {
        switch (before, after) {
        case (nil, let after?):
            // Governance is a relation of its own, so a new unit's is told apart.
            return [ChartChange(kind: .unitAdded, key: after.key, to: after.kindAndType, name: after.name)]
                + (after.governedBy.map { [ChartChange(kind: .unitChanged, key: after.key, field: "governed-by", to: $0)] } ?? [])
        case (let before?, nil):
            return [ChartChange(kind: .unitRemoved, key: before.key, from: before.kindAndType, name: before.name)]
        case (let before?, let after?):
            let fields: [(String, String?, String?)] = [
                ("name", before.name, after.name), ("kind", before.kind, after.kind),
                ("pmo-type", before.pmoType, after.pmoType), ("parent", before.parent, after.parent),
                ("head", before.head, after.head), ("governed-by", before.governedBy, after.governedBy),
            ]
            return ChartChange.fieldChanges(.unitChanged, key: after.key, fields)
        case (nil, nil):
            return []
        }
    }
}
