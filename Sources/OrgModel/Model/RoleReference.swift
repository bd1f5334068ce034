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

    mutating func add(_ role: RoleReference) { roles.set(role.key.lowercased(), role) }
    mutating func add(_ unit: UnitReference) { units.set(unit.key.lowercased(), unit) }

    /// These references with `other`'s added where these have none.
    public func filled(from other: References) -> References {
        var result = self
        result.roles.fill(from: other.roles)
        result.units.fill(from: other.units)
        return result
    }
}

/// Values by lower-cased key, in arrays, searched in turn while few and
/// through an index of positions past ``arrayLimit``. A write's summary
/// names two or three keys, and the first hashed collection of strings (even
/// one only destroyed, when its type is made at run time) costs the runtime
/// a search of every protocol conformance, more than the write's own SQL; the
/// index is a class, so that destroying these values never makes that type.
struct KeyedByFoldedKey<Value: Sendable>: Sendable {
    private var keys: [String] = []
    private var values: [Value] = []
    private var index: FoldedKeyIndex?

    /// How many values are searched in turn before the index is built.
    static var arrayLimit: Int { 16 }

    subscript(key: String) -> Value? {
        let position = index.map { $0.positions[key] } ?? keys.firstIndex(of: key)
        return position.map { values[$0] }
    }

    /// Sets the value of `key`, replacing any it had.
    mutating func set(_ key: String, _ value: Value) {
        if let position = index.map({ $0.positions[key] }) ?? keys.firstIndex(of: key) {
            values[position] = value
            return
        }
        keys.append(key)
        values.append(value)
        if index != nil {
            // Copied first when another value shares it (no local binding
            // may hold it while asking, or it never looks unique).
            if !isKnownUniquelyReferenced(&index) { index = FoldedKeyIndex(index!.positions) }
            index!.positions[key] = keys.count - 1
        } else if keys.count > Self.arrayLimit {
            index = FoldedKeyIndex(Dictionary(uniqueKeysWithValues: zip(keys, keys.indices)))
        }
    }

    /// Adds `other`'s values for keys that have none here.
    mutating func fill(from other: KeyedByFoldedKey<Value>) {
        for (key, value) in zip(other.keys, other.values) where self[key] == nil { set(key, value) }
    }
}

/// The positions of ``KeyedByFoldedKey``'s keys.
private final class FoldedKeyIndex: @unchecked Sendable {
    var positions: [String: Int]

    init(_ positions: [String: Int]) { self.positions = positions }
}
