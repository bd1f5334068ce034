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
    private var roles = KeyedByFoldedKey<RoleReference>()
    private var units = KeyedByFoldedKey<UnitReference>()

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
        result.roles.fill(from: other.roles)
        result.units.fill(from: other.units)
        return result
    }
}

/// Values by lower-cased key: a few in arrays, searched in turn, more in a
/// dictionary. A write's summary names two or three keys, and the first
/// dictionary keyed by strings costs the runtime a search of every protocol
/// conformance, more than the write's own SQL.
struct KeyedByFoldedKey<Value: Sendable>: Sendable {
    private var keys: [String] = []
    private var values: [Value] = []
    private var dictionary: [String: Value]?

    /// How many values are kept in arrays.
    static var arrayLimit: Int { 16 }

    subscript(key: String) -> Value? {
        get {
            if let dictionary { return dictionary[key] }
            return keys.firstIndex(of: key).map { values[$0] }
        }
        set {
            if dictionary != nil {
                dictionary?[key] = newValue
            } else if let index = keys.firstIndex(of: key) {
                if let newValue {
                    values[index] = newValue
                } else {
                    keys.remove(at: index)
                    values.remove(at: index)
                }
            } else if let newValue {
                if keys.count < Self.arrayLimit {
                    keys.append(key)
                    values.append(newValue)
                } else {
                    var all = Dictionary(uniqueKeysWithValues: zip(keys, values))
                    all[key] = newValue
                    dictionary = all
                    keys = []
                    values = []
                }
            }
        }
    }

    /// Adds `other`'s values for keys that have none here.
    mutating func fill(from other: KeyedByFoldedKey<Value>) {
        other.forEach { key, value in if self[key] == nil { self[key] = value } }
    }

    private func forEach(_ body: (String, Value) -> Void) {
        if let dictionary {
            for (key, value) in dictionary { body(key, value) }
        } else {
            for (key, value) in zip(keys, values) { body(key, value) }
        }
    }
}
