import Testing
@testable import OrgModel

/// One random write of many kinds; refusals are fine (they record nothing).
func randomWrite(_ org: OrgDatabase, _ random: inout SplitMix64, _ nextKey: inout Int) {
    let roles = (try? org.db.statement("SELECT key FROM role ORDER BY id").map { $0.text(0) }) ?? []
    let units = (try? org.db.statement("SELECT key FROM unit ORDER BY id").map { $0.text(0) }) ?? []
    let pmos = (try? org.db.statement("SELECT key FROM unit WHERE kind = 'pmo' ORDER BY id").map { $0.text(0) }) ?? []
    _ = refusal {
        switch random.below(13) {
        case 0, 1:
            nextKey += 1
            try org.addRole(RoleDraft(key: "r\(nextKey)", title: "Role \(nextKey)", holder: random.chance(50) ? "Holder \(nextKey)" : nil,
                                      reportsTo: random.pick(roles), unit: random.pick(units)))
        case 2, 3:
            try org.move(random.pick(roles) ?? "nobody", to: random.pick(roles))
        case 4:
            try org.removeRole(random.pick(roles) ?? "nobody", reassignTo: random.chance(50) ? random.pick(roles) : nil)
        case 5:
            try org.addDottedLine(from: random.pick(roles) ?? "nobody", to: random.pick(roles) ?? "nobody")
        case 6:
            try org.updateRole(random.pick(roles) ?? "nobody", RoleChanges(holder: random.chance(30) ? .vacate : .holder("Person \(random.below(1000))")))
        case 7:
            nextKey += 1
            try org.addUnit(UnitDraft(key: "u\(nextKey)", name: "Unit \(nextKey)", kind: .project, parent: random.pick(units),
                                      head: random.pick(roles)))
        case 8:
            if let pmo = random.pick(pmos) { try org.changePMOType(pmo, to: PMOType.allCases[random.below(4)]) }
        case 9:
            if let pmo = random.pick(pmos), let unit = random.pick(units) {
                if random.chance(50) { try org.addGovernance(pmo: pmo, unit: unit) } else { try org.removeGovernance(pmo: pmo, unit: unit) }
            }
        case 10:
            try org.undo()
        case 11:
            try org.removeUnit(random.pick(units) ?? "nowhere")
        default:
            try org.updateUnit(random.pick(units) ?? "nowhere", UnitChanges(name: "Renamed \(random.below(99))"))
        }
    }
}
