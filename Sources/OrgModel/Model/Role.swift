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
    /// The key of the role this one assists, which is always its line manager
    /// (``reportsTo``); nil when the role is not an assistant. Assistants are
    /// left out of span-of-control counts.
    public var assistantTo: String? = nil

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
    /// The new role's key: letters, digits, `-`, `_` and `.`, at most 64 characters.
    public var key: String
    /// The job title, such as `Project Manager`.
    public var title: String
    /// The person holding it; nil for a vacant role.
    public var holder: String?
    /// The key of its line manager (a role, or a unit standing for its head); nil for a root.
    public var reportsTo: String?
    /// The key of the unit it belongs to.
    public var unit: String?
    /// A numeric grade from 0 to 1,000,000.
    public var grade: Int?
    /// The salary and its currency.
    public var salary: Money?
    /// An explicit ladder rung, for a title the ladders do not recognise.
    public var rung: Rung?
    /// The key of the role the new role assists. The new role reports to it:
    /// ``reportsTo`` may be left nil or name the same role.
    public var assistantTo: String?

    /// A role to add with ``OrgDatabase/addRole(_:)``; only the key and title are needed.
    public init(key: String, title: String, holder: String? = nil, reportsTo: String? = nil,
                unit: String? = nil, grade: Int? = nil, salary: Money? = nil, rung: Rung? = nil,
                assistantTo: String? = nil) {
        self.rung = rung
        self.assistantTo = assistantTo
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
    public enum HolderChange: Sendable {
        /// Someone, by name, now holds the role.
        case holder(String)
        /// Nobody holds the role any more.
        case vacate
    }

    /// A new title.
    public var title: String?
    /// A new holder, or `.vacate` to leave the role vacant.
    public var holder: HolderChange?
    /// A new unit, by key.
    public var unit: String?
    /// A new grade.
    public var grade: Int?
    /// A new salary.
    public var salary: Money?
    /// A new explicit ladder rung.
    public var rung: Rung?
    /// A new salary amount, such as `51638.50`, in the currency the role's salary already has.
    public var salaryAmount: String?
    /// Fields to clear: the role leaves its unit, or has no grade, salary or explicit rung.
    public var clearing: Swift.Set<ClearableField> = []
    /// Makes the role an assistant, or an ordinary report of its manager.
    public var assistant: AssistantChange?

    /// A change to whom a role assists.
    public enum AssistantChange: Sendable, Equatable {
        /// The role becomes the assistant of the role with this key, and
        /// reports to it: if its manager was another role, it moves (with
        /// its tree) under this one in the same write.
        case assistantTo(String)
        /// The role stops being an assistant; it keeps its manager.
        case none
    }

    /// A role's field that can be emptied.
    public enum ClearableField: String, Sendable, CaseIterable {
        /// The role belongs to no unit.
        case unit
        /// The role has no grade.
        case grade
        /// The role has no salary (nor currency).
        case salary
        /// The role has no explicit rung; its title places it again.
        case rung
    }

    /// Changes for ``OrgDatabase/updateRole(_:_:)``; every field left nil stays as it is.
    public init(title: String? = nil, holder: HolderChange? = nil, unit: String? = nil,
                grade: Int? = nil, salary: Money? = nil, rung: Rung? = nil,
                salaryAmount: String? = nil, clearing: Swift.Set<ClearableField> = [],
                assistant: AssistantChange? = nil) {
        self.assistant = assistant
        self.salaryAmount = salaryAmount
        self.clearing = clearing
        self.rung = rung
        self.title = title
        self.holder = holder
        self.unit = unit
        self.grade = grade
        self.salary = salary
    }

    /// True when nothing would change.
    public var isEmpty: Bool {
        title == nil && holder == nil && unit == nil && grade == nil && salary == nil && rung == nil
            && salaryAmount == nil && clearing.isEmpty && assistant == nil
    }
}
