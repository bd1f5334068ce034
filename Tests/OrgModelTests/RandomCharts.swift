@testable import OrgModel

/// A random chart with everything the PMO rules and diffs look at: several
/// roots, units nested a few levels deep, PMOs of every type (sometimes more
/// than one enterprise PMO), governance of projects and programmes, unit
/// heads (some vacant, some missing), dotted lines, ladder titles and rungs,
/// and long chains. The same seed draws the same chart.
func randomChart(seed: UInt64, roles: Int = 240, units: Int = 36) throws -> OrgDatabase {
    var random = SplitMix64(seed: seed)
    let org = try emptyDatabase()
    let titles = [
        "Project Manager", "Senior Project Manager", "Programme Manager", "Portfolio Manager", "Head of Projects",
        "PMO Director", "PMO Manager", "PMO Analyst", "PMO Coordinator", "Chief Project Officer", "Engineer",
        "Analyst", "Business Director", "Chief Executive Officer", "Team Lead",
    ]
    let kinds: [UnitKind] = [.division, .department, .pmo, .programme, .portfolio, .project, .project, .team, .pmo]
    var unitKeys: [String] = []
    var pmoKeys: [String] = []
    var nonPMOKeys: [String] = []
    for index in 0..<units {
        let kind = index == 0 ? UnitKind.company : kinds[random.below(kinds.count)]
        let type: PMOType? = kind == .pmo ? PMOType.allCases[random.below(PMOType.allCases.count)] : nil
        let key = "u\(index)"
        _ = try? org.addUnit(UnitDraft(key: key, name: "Unit \(index)", kind: kind, pmoType: type,
                                       parent: index == 0 ? nil : random.pick(unitKeys)))
        unitKeys.append(key)
        if kind == .pmo { pmoKeys.append(key) } else { nonPMOKeys.append(key) }
    }
    var roleKeys: [String] = []
    for index in 0..<roles {
        let key = "r\(String(random.below(1_000_000), radix: 36))-\(index)"
        // Mostly under a recent role, so chains grow long; a few roots.
        let manager: String? = roleKeys.isEmpty || random.chance(2) ? nil
            : roleKeys[max(0, roleKeys.count - 1 - random.below(min(roleKeys.count, random.chance(70) ? 12 : 400)))]
        let rung: Rung? = random.chance(8) ? Rung.allCases[random.below(Rung.allCases.count)] : nil
        _ = try? org.addRole(RoleDraft(key: key, title: titles[random.below(titles.count)],
                                       holder: random.chance(20) ? nil : "Person \(index)", reportsTo: manager,
                                       unit: random.chance(85) ? random.pick(unitKeys) : nil, rung: rung))
        roleKeys.append(key)
    }
    for unit in unitKeys where random.chance(85) {
        _ = try? org.updateUnit(unit, UnitChanges(head: random.pick(roleKeys)))
    }
    for unit in nonPMOKeys where random.chance(60) {
        if let pmo = random.pick(pmoKeys) { _ = try? org.addGovernance(pmo: pmo, unit: unit) }
    }
    for _ in 0..<(roles / 5) {
        if let role = random.pick(roleKeys), let manager = random.pick(roleKeys) {
            _ = try? org.addDottedLine(from: role, to: manager)
        }
    }
    return org
}
