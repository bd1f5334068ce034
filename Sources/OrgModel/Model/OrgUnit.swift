/// An organisational unit: a company, division, PMO, project and so on.
public struct OrgUnit: Sendable, Equatable, Codable {
    /// The stable key users type, such as `pmo-it`.
    public var key: String
    /// The unit's name, such as `IT Delivery PMO`.
    public var name: String
    /// What kind of unit it is.
    public var kind: UnitKind
    /// The PMO type; set exactly when `kind` is `.pmo`.
    public var pmoType: PMOType?
    /// The key of the unit this one sits in.
    public var parent: String?
    /// The key of the role that heads the unit; nil when none is named.
    public var head: String?
}

/// What a new unit is made of; keys name the parent and the head.
public struct UnitDraft: Sendable {
    /// The new unit's key, unique among roles and units together.
    public var key: String
    /// The unit's name, such as `IT Delivery PMO`.
    public var name: String
    /// What kind of unit it is.
    public var kind: UnitKind
    /// The PMO type: required for a `.pmo`, refused for any other kind.
    public var pmoType: PMOType?
    /// The key of the unit it sits in.
    public var parent: String?
    /// The key of the role heading it.
    public var head: String?

    /// A unit to add with ``OrgDatabase/addUnit(_:)``.
    public init(key: String, name: String, kind: UnitKind, pmoType: PMOType? = nil,
                parent: String? = nil, head: String? = nil) {
        self.key = key
        self.name = name
        self.kind = kind
        self.pmoType = pmoType
        self.parent = parent
        self.head = head
    }
}

/// Changes to an existing unit; nil leaves a field as it is.
public struct UnitChanges: Sendable {
    /// A new name.
    public var name: String?
    /// A new parent unit, by key.
    public var parent: String?
    /// A new head role, by key.
    public var head: String?
    /// Fields to clear: the unit has no head, or sits at the top level.
    public var clearing: Swift.Set<ClearableField> = []

    /// A unit's field that can be emptied.
    public enum ClearableField: String, Sendable, CaseIterable {
        /// The unit has no head role.
        case head
        /// The unit sits inside no other unit.
        case parent
    }

    /// Changes for ``OrgDatabase/updateUnit(_:_:)``; every field left nil stays as it is.
    public init(name: String? = nil, parent: String? = nil, head: String? = nil, clearing: Swift.Set<ClearableField> = []) {
        self.clearing = clearing
        self.name = name
        self.parent = parent
        self.head = head
    }

    /// True when nothing would change.
    public var isEmpty: Bool { name == nil && parent == nil && head == nil && clearing.isEmpty }
}
