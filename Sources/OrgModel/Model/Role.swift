/// A position in the organisation, with or without someone holding it.
public struct Role: Sendable, Equatable, Codable {
    /// The stable key users type, such as `pm-payments`.
    public var key: String
    /// The job title, such as `Project Manager`.
    public var title: String
    /// The person holding the role; nil when the role is vacant.
    public var holder: String?
    /// The key of the line manager's role (the solid line); nil for a root.
    public var reportsTo: String?
    /// The key of the unit the role belongs to.
    public var unit: String?
    /// A numeric grade, where the organisation uses them.
    public var grade: Int?
    /// The salary and its currency, where recorded.
    public var salary: Money?
    /// Levels below the top of its reporting tree (a root is at depth 0).
    public var depth: Int
    /// The nearest PMO the role sits in, through its unit and the unit's parents.
    public var pmo: PMOPlacement?
    /// The rung set explicitly with `--rung`, if any.
    public var explicitRung: Rung?

    /// Its rung on a career ladder: set explicitly, or placed by its title.
    /// Worked out when asked, so listings that never show it do not pay for it.
    public var rung: Rung? { explicitRung ?? Rung.inferred(fromTitle: title) }

    /// True when nobody holds the role.
    public var isVacant: Bool { holder == nil }
}

/// The PMO a role sits in.
public struct PMOPlacement: Sendable, Equatable, Codable {
    /// The PMO unit's key.
    public var key: String
    /// The PMO unit's name.
    public var name: String
    /// The PMO's type.
    public var type: PMOType
}

/// What a new role is made of; keys name the manager and unit.
public struct RoleDraft: Sendable {
    public var key: String
    public var title: String
    public var holder: String?
    public var reportsTo: String?
    public var unit: String?
    public var grade: Int?
    public var salary: Money?
    /// An explicit ladder rung, for a title the ladders do not recognise.
    public var rung: Rung?

    public init(key: String, title: String, holder: String? = nil, reportsTo: String? = nil,
                unit: String? = nil, grade: Int? = nil, salary: Money? = nil, rung: Rung? = nil) {
        self.rung = rung
        self.key = key
        self.title = title
        self.holder = holder
        self.reportsTo = reportsTo
        self.unit = unit
        self.grade = grade
        self.salary = salary
    }
}

/// Changes to an existing role's fields; nil leaves a field as it is.
public struct RoleChanges: Sendable {
    /// A change to who holds a role.
    public enum HolderChange: Sendable { case holder(String), vacate }

    public var title: String?
    public var holder: HolderChange?
    public var unit: String?
    public var grade: Int?
    public var salary: Money?
    public var rung: Rung?

    public init(title: String? = nil, holder: HolderChange? = nil, unit: String? = nil,
                grade: Int? = nil, salary: Money? = nil, rung: Rung? = nil) {
        self.rung = rung
        self.title = title
        self.holder = holder
        self.unit = unit
        self.grade = grade
        self.salary = salary
    }

    /// True when nothing would change.
    public var isEmpty: Bool { title == nil && holder == nil && unit == nil && grade == nil && salary == nil && rung == nil }
}
