/// A role as a person reads it next to its key: who holds it and what it is.
public struct RoleReference: Sendable, Equatable, Codable {
    /// The role's key as stored.
    public var key: String
    /// The role's title.
    public var title: String
    /// Who holds it; nil when it is vacant.
    public var holder: String?
    /// The key (as stored) of the unit the role sits in, if any.
    public var unit: String?

    /// A reference; the library fills these in from the chart.
    public init(key: String, title: String, holder: String?, unit: String? = nil) {
        self.key = key
        self.title = title
        self.holder = holder
        self.unit = unit
    }
}

/// A unit as a person reads it next to its key: its name.
public struct UnitReference: Sendable, Equatable, Codable {
    /// The unit's key as stored.
    public var key: String
    /// The unit's name.
    public var name: String

    /// A reference; the library fills these in from the chart.
    public init(key: String, name: String) {
        self.key = key
        self.name = name
    }
}

/// The roles and units that many keys name, answered together, found by key
/// without regard to case (as keys are unique).
public struct References: Sendable {
    private var roles: [String: RoleReference] = [:]
    private var units: [String: UnitReference] = [:]

    /// No references.
    public init() {}

    /// The role `key` names, if it names one.
    public func role(_ key: String) -> RoleReference? { roles[key.lowercased()] }
    /// The unit `key` names, if it names one.
    public func unit(_ key: String) -> UnitReference? { units[key.lowercased()] }

    mutating func add(_ role: RoleReference) { roles[role.key.lowercased()] = role }
    mutating func add(_ unit: UnitReference) { units[unit.key.lowercased()] = unit }

    /// These references with `other`'s added where these have none.
    public func filled(from other: References) -> References {
        var result = self
        result.roles.merge(other.roles) { mine, _ in mine }
        result.units.merge(other.units) { mine, _ in mine }
        return result
    }
}
