/// The career ladders, with the roles on each rung.
extension OrgDatabase {
    /// Every rung of both ladders, lowest first, with how many roles stand on
    /// it and up to `limit` of them (by key). A role stands on a rung set with
    /// `--rung`, or on the rung its title names.
    public func ladder(limit: Int = 50) throws(OrgError) -> [RungOccupancy] {
        try read {
            let units = try units()
            var occupancy = Dictionary(uniqueKeysWithValues: Rung.allCases.map { ($0, RungOccupancy(rung: $0, count: 0, roles: [])) })
            try db.statement("SELECT \(Self.roleColumns) FROM role r \(Self.roleJoins) ORDER BY r.key").forEachRow { row in
                let explicit = row.optionalText(10).flatMap(Rung.init(rawValue:))
                guard let rung = explicit ?? Rung.inferred(fromTitle: row.text(1)) else { return }
                occupancy[rung]!.count += 1
                if occupancy[rung]!.roles.count < limit { occupancy[rung]!.roles.append(makeRole(row, units: units)) }
            }
            return Rung.allCases.map { occupancy[$0]! }
        }
    }
}

/// One rung of a ladder and who stands on it.
public struct RungOccupancy: Sendable, Equatable, Codable {
    /// The rung.
    public var rung: Rung
    /// How many roles stand on the rung.
    public var count: Int
    /// The first of them by key, up to the limit asked for.
    public var roles: [Role]
}
