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
        /// One field of a role: `field` names it (title, holder, unit, grade, salary, rung,
        /// assistant-to: the role it assists, a key, or nil when it assists none).
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
    /// Who and what the keys of this change name, once ``name(before:after:)``
    /// has filled them in: each is a role or a unit, or nil when not known.
    public var keyRole: RoleReference?, fromRole: RoleReference?, toRole: RoleReference?
    /// The units the keys of this change name, where they are units.
    public var keyUnit: UnitReference?, fromUnit: UnitReference?, toUnit: UnitReference?

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

    /// The change in plain words: "pm-payments (Ana Ruiz) moved from it-director (Tom Ode) to pmo-director (vacant)",
    /// with bare keys where no names were filled in.
    public var description: String {
        let who = Self.label(key, keyRole, keyUnit)
        let from = self.from.map { Self.label($0, fromRole, fromUnit) }
        let to = self.to.map { Self.label($0, toRole, toUnit) }
        switch kind {
        case .roleAdded:
            return "added \(key) (\(name ?? ""), \(holder ?? "vacant")) " + (to.map { "reporting to \($0)" } ?? "at the top")
        case .roleRemoved:
            return "removed \(key) (\(name ?? ""), \(holder ?? "vacant"))" + (from.map { ", who reported to \($0)" } ?? "")
        case .roleMoved:
            return "\(who) moved from \(from ?? "the top") to \(to ?? "the top")"
        case .dottedLineAdded:
            return "\(who) gained a dotted line to \(to ?? "")"
        case .dottedLineRemoved:
            return "\(who) lost its dotted line to \(to ?? "")"
        case .unitChanged where field == "governed-by":
            switch (from, to) {
            case (nil, let pmo?): return "\(who) is now governed by \(pmo)"
            case (let pmo?, nil): return "\(who) is no longer governed by \(pmo)"
            default: return "\(who) is now governed by \(to ?? "") instead of \(from ?? "")"
            }
        case .roleChanged where field == "assistant-to":
            switch (from, to) {
            case (nil, let assisted?): return "\(who) becomes assistant to \(assisted)"
            case (let assisted?, nil): return "\(who) is no longer assistant to \(assisted)"
            default: return "\(who) becomes assistant to \(to ?? "") instead of \(from ?? "")"
            }
        case .roleChanged where field == "holder", .unitChanged where field == "name":
            // The field itself is the name: the key alone, then what it was and is.
            return "\(key) \(field ?? ""): \(Self.shown(self.from, field)) → \(Self.shown(self.to, field))"
        case .roleChanged, .unitChanged:
            return "\(who) \(field ?? ""): \(from ?? Self.shown(nil, field)) → \(to ?? Self.shown(nil, field))"
        case .unitAdded:
            return "added unit \(key) (\(name ?? ""), \(self.to ?? ""))"
        case .unitRemoved:
            return "removed unit \(key) (\(name ?? ""), \(self.from ?? ""))"
        }
    }

    /// `key (Holder)`, `key (vacant)`, `key (Unit name)`, or the bare key
    /// (or value) when nothing is known of it.
    static func label(_ key: String, _ role: RoleReference?, _ unit: UnitReference?) -> String {
        if let role { return "\(key) (\(role.holder ?? "vacant"))" }
        if let unit { return "\(key) (\(unit.name))" }
        return key
    }

    /// The keys this change mentions, for one look-up of their names.
    public var mentionedKeys: [String] {
        var keys = [key]
        if let from, references(from) { keys.append(from) }
        if let to, references(to) { keys.append(to) }
        return keys
    }

    /// True when `from` and `to` are keys, not values such as a grade or a kind.
    private func references(_ value: String) -> Bool {
        switch kind {
        case .roleAdded, .roleRemoved, .roleMoved, .dottedLineAdded, .dottedLineRemoved: true
        case .roleChanged: field == "unit" || field == "assistant-to"
        case .unitChanged: field == "parent" || field == "head" || field == "governed-by"
        case .unitAdded, .unitRemoved: false
        }
    }

    /// Fills in the names of the keys this change mentions: what was from the
    /// chart before, what is from the chart after (falling back to the other
    /// for a key only one of them holds).
    public mutating func name(before: References, after: References) {
        // Looked up in one chart, then the other: never merged, as a batch
        // of changes shares the same two sets of references.
        let either = Fallback(first: after, then: before), earlier = Fallback(first: before, then: after)
        let subject = kind == .roleRemoved || kind == .unitRemoved ? earlier : either
        if kind == .roleChanged || kind == .unitChanged, field == "holder" || field == "name" {
            // The key stands alone there: its holder or name is the change itself.
        } else if kind == .unitAdded || kind == .unitRemoved || kind == .unitChanged {
            keyUnit = subject.unit(key)
        } else {
            keyRole = subject.role(key)
        }
        // A role's field names a unit, except the role it assists.
        let namesUnit = (kind == .roleChanged && field != "assistant-to") || field == "parent" || field == "governed-by"
        if let from, references(from) {
            fromRole = namesUnit ? nil : earlier.role(from)
            fromUnit = fromRole == nil ? earlier.unit(from) : nil
        }
        if let to, references(to) {
            toRole = namesUnit ? nil : either.role(to)
            toUnit = toRole == nil ? either.unit(to) : nil
        }
    }

    /// References read from one set, then another for the keys the first lacks.
    private struct Fallback {
        let first: References, then: References
        func role(_ key: String) -> RoleReference? { first.role(key) ?? then.role(key) }
        func unit(_ key: String) -> UnitReference? { first.unit(key) ?? then.unit(key) }
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
    /// The manager's key when the role is its assistant.
    var assistantTo: String?

    /// The columns ``init(row:from:)`` reads, for a role aliased `r` with
    /// ``OrgDatabase/roleJoins``.
    static let columns = "r.key, r.title, r.holder, \(OrgDatabase.unitKey), \(OrgDatabase.managerKey), r.grade, r.salary_minor, r.currency, r.rung, r.assistant"

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
        assistantTo = row.optionalInt(start + 9) == 1 ? manager : nil
    }

    /// What turned `before` into `after` (either may be missing).
    static func changes(before: RoleState?, after: RoleState?) -> [ChartChange] {
        switch (before, after) {
        case (nil, let after?):
            return [ChartChange(kind: .roleAdded, key: after.key, to: after.manager, name: after.title, holder: after.holder)]
                + (after.assistantTo.map { [ChartChange(kind: .roleChanged, key: after.key, field: "assistant-to", to: $0)] } ?? [])
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
                ("assistant-to", before.assistantTo, after.assistantTo),
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
