import Testing
@testable import OrgModel

/// A depth limit skips the branches it cuts with a fresh seek instead of
/// reading them; what it lists must be exactly the unlimited walk cut at
/// that depth, and each cut role must say how many roles it hides.
@Suite("Depth-limited walks equal the whole walk cut at the limit")
struct DepthLimitTests {
    @Test(arguments: [UInt64(31), 32])
    func depthLimitedWalksMatchTheWholeWalk(seed: UInt64) throws {
        let org = try exampleDatabase()
        var random = SplitMix64(seed: seed)
        var keys = try org.db.statement("SELECT key FROM role ORDER BY id").map { $0.text(0) }
        for index in 0..<400 {
            try org.addRole(RoleDraft(key: "d\(index)", title: "Role", reportsTo: random.chance(3) ? nil : random.pick(keys)))
            keys.append("d\(index)")
        }
        for _ in 0..<40 { _ = refusal { try org.move(random.pick(keys)!, to: random.pick(keys)) } }
        for _ in 0..<20 { _ = refusal { try org.addDottedLine(from: random.pick(keys)!, to: random.pick(keys)!) } }

        var whole: [TreeNode] = []
        try org.walkTree(includeDotted: true) { whole.append($0) }
        for limit in 0...4 {
            var cut: [TreeNode] = []
            try org.walkTree(maxDepth: limit, includeDotted: true) { cut.append($0) }
            let expected = whole.filter { $0.depth <= limit }
            #expect(cut.map(\.role.key) == expected.map(\.role.key), "limit \(limit)")
            for node in cut where node.depth == limit && node.line == .solid {
                #expect(node.hiddenBelow == (try org.countReports(to: node.role.key, all: true)), "\(node.role.key) at limit \(limit)")
            }
        }
        // Below a role: the inclusive start of the range, then the restarts past cut branches.
        for root in keys.prefix(30) {
            var branch: [TreeNode] = []
            try org.walkTree(root: root) { branch.append($0) }
            for limit in 0...3 {
                var cut: [TreeNode] = []
                try org.walkTree(root: root, maxDepth: limit) { cut.append($0) }
                #expect(cut.map(\.role.key) == branch.filter { $0.depth <= limit }.map(\.role.key), "\(root) to depth \(limit)")
            }
        }
        for root in keys.prefix(60) {
            let all = try org.reports(to: root, all: true).reports
            for limit in 1...3 {
                let limited = try org.reports(to: root, all: true, maxDepth: limit).reports
                #expect(limited.map(\.role.key) == all.filter { $0.depth <= limit }.map(\.role.key), "\(root) to depth \(limit)")
                #expect(try org.countReports(to: root, all: true, maxDepth: limit) == limited.count)
            }
        }
    }
}
