import Testing
@testable import OrgModel

/// A type-change preview lists every line change its apply makes: applied
/// on random charts, the diff it leaves is exactly the preview.
@Suite("PMO type previews match what they apply")
struct PMOTypePreviewTests {
    /// The example with seeded random moves and dotted lines: the same seed
    /// draws the same chart in any database.
    private func chart(seed: UInt64) throws -> OrgDatabase {
        let org = try exampleDatabase()
        var random = SplitMix64(seed: seed)
        let keys = try org.db.statement("SELECT key FROM role ORDER BY id").map { $0.text(0) }
        for _ in 0..<12 {
            guard let role = random.pick(keys), let manager = random.pick(keys) else { continue }
            if random.chance(50) {
                _ = try? org.move(role, to: manager)
            } else {
                _ = try? org.addDottedLine(from: role, to: manager)
            }
        }
        return org
    }

    /// A plan's line changes as the differences they make.
    private func expected(_ plan: PMOTypePlan) -> [String] {
        plan.changes.map { line in
            switch line.action {
            case .move: ChartChange(kind: .roleMoved, key: line.role, from: line.from, to: line.to).description
            case .addDotted: ChartChange(kind: .dottedLineAdded, key: line.role, to: line.to).description
            case .removeDotted: ChartChange(kind: .dottedLineRemoved, key: line.role, to: line.from).description
            }
        }.sorted()
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6] as [UInt64])
    func everyTypeChangeAppliesExactlyItsPreview(seed: UInt64) throws {
        let pmos = ["epmo", "pmo-it", "pmo-ops", "pmo-mkt"]
        for pmo in pmos {
            for type in PMOType.allCases {
                let preview = try chart(seed: seed), applied = try chart(seed: seed)
                guard let plan = try? preview.planPMOTypeChange(pmo, to: type) else {
                    // Refused (a second enterprise PMO, no head): refused on apply too.
                    #expect(throws: OrgError.self) { try applied.changePMOType(pmo, to: type) }
                    continue
                }
                guard (try? applied.changePMOType(pmo, to: type)) != nil else {
                    // A line change the apply refuses (a cycle) leaves nothing to compare.
                    continue
                }
                let diff = try preview.differences(to: applied)
                    .filter { !($0.kind == .unitChanged && $0.field == "pmo-type") }
                    .map(\.description).sorted()
                #expect(diff == expected(plan), "seed \(seed): \(pmo) → \(type.rawValue)")
            }
        }
    }
}
