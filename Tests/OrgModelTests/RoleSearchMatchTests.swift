import Testing
@testable import OrgModel

/// `Role.searchMatch(for:)` judges one role as `find` does over the index:
/// a server keeping search answers relies on it to know which answers a
/// changed role may enter.
@Suite("A role's own search match agrees with find")
struct RoleSearchMatchTests {
    private static let names = ["Renée Lévesque", "Dominika Černá", "Siobhán O'Connor", "Ayşe Yılmaz", "Jo Smith", ""]
    private static let titles = ["Analyst", "Manager, Analyst", "Chief Executive Officer", "PMO-Director", "Café Owner"]
    private static let queries = ["ren", "renee levesque", "Renée", "analyst", "oconnor", "r1", "R12", "r", "chief exec",
                                  "cafe", "jo smith", "smith jo", "dom cer", "ayse", "pmo", "zzz", "manager analyst", "  r3 "]

    @Test func everyRoleFindListsIsJudgedTheSameAndNoOther() throws {
        var random = SplitMix64(seed: 17)
        let org = try emptyDatabase()
        var roles: [Role] = []
        for index in 0..<40 {
            let holder = Self.names.randomElement(using: &random)!
            roles.append(try org.addRole(RoleDraft(key: "r\(index)", title: Self.titles.randomElement(using: &random)!,
                                                   holder: holder.isEmpty ? nil : holder,
                                                   reportsTo: index == 0 ? nil : "r\(Int.random(in: 0..<index, using: &random))")))
        }
        for query in Self.queries {
            var found: [String: SearchMatch] = [:]
            for result in try org.find(query, limit: 1_000) {
                if case .role(let role) = result { found[role.role.key] = role.match }
            }
            for role in roles {
                #expect(role.searchMatch(for: query) == found[role.key], "\(role.key) \(role.holder ?? "-") / \(role.title) for \(query)")
            }
        }
    }
}
