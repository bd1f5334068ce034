import OrgModel

/// The keys of the answers an ``AnswerCache`` keeps, by what they show
/// (``Shown``), so that a write of the server's own finds the answers it
/// may have changed without judging every one: those showing a role it
/// wrote, those that may show anything, and on a move those limited to a
/// branch, by look-up; the kept searches are scanned, each folded once, and
/// only when the write changed a role's search fields. Held
/// exact by the cache on every keep, overwrite, drop and emptying.
struct KeptAnswerIndex: Sendable {
    /// Answers by each role (key in lower case) they show.
    private var byRole: [String: Set<String>] = [:]
    /// Answers that may show anything.
    private var unbounded: Set<String> = []
    /// Searches, by their answers' keys.
    private var searches: [String: PreparedSearch] = [:]
    /// Answers limited to a token's branch.
    private var inBranch: Set<String> = []

    mutating func insert(_ key: String, showing shown: Shown) {
        if let roles = shown.roles {
            for role in roles { byRole[role, default: []].insert(key) }
        } else {
            unbounded.insert(key)
        }
        if let search = shown.search { searches[key] = search }
        if shown.inBranch { inBranch.insert(key) }
    }

    mutating func remove(_ key: String, showing shown: Shown) {
        if let roles = shown.roles {
            for role in roles {
                guard var keys = byRole.removeValue(forKey: role) else { continue }
                keys.remove(key)
                if !keys.isEmpty { byRole[role] = keys }
            }
        } else {
            unbounded.remove(key)
        }
        if shown.search != nil { searches.removeValue(forKey: key) }
        if shown.inBranch { inBranch.remove(key) }
    }

    mutating func removeAll() {
        byRole.removeAll(keepingCapacity: true)
        unbounded.removeAll(keepingCapacity: true)
        searches.removeAll(keepingCapacity: true)
        inBranch.removeAll(keepingCapacity: true)
    }

    /// The answers a write of `written` may have changed: the rule of
    /// ``WrittenRoles/changes(_:)``, applied to the few answers it can hold for.
    func changed(by written: WrittenRoles) -> Set<String> {
        var keys = unbounded
        for image in written.images {
            if let shown = byRole[image.key] { keys.formUnion(shown) }
        }
        if written.moved { keys.formUnion(inBranch) }
        // A role whose search fields the write left as they were (a move's
        // chains) is found by every search as before, in the same place: only
        // the others are judged against the kept searches, which this scan
        // holds the cache's lock for.
        let refolded = written.images.filter(\.searchFieldsChanged)
        guard !refolded.isEmpty else { return keys }
        for (key, search) in searches where !keys.contains(key) {
            if refolded.contains(where: { $0.mayMove(in: search) }) { keys.insert(key) }
        }
        return keys
    }

    /// Every key the index holds: the cache's keys of answers that show
    /// something of the chart (for tests).
    var allKeys: Set<String> {
        var keys = unbounded.union(searches.keys).union(inBranch)
        for shown in byRole.values { keys.formUnion(shown) }
        return keys
    }
}
