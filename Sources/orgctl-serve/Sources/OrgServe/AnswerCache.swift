import NIOConcurrencyHelpers
import NIOCore
import OrgModel

/// Answers kept for one generation of the file (``ChartStore/generation()``):
/// a commit from anyone but the server empties the cache before the next
/// request is answered, so no answer outlives the data it was read from. A
/// write of the server's own, whose every effect is known, moves the cache to
/// the next generation instead, dropping only the answers that show what it
/// changed (``advance(from:to:dropping:)``). Bounded in entries and bytes;
/// when full, it starts again empty (a chart that changes faster than it is
/// read gains nothing from smarter eviction).
final class AnswerCache<Value: Sendable>: Sendable, GenerationCache {
    private struct Entry: Sendable {
        var value: Value
        var shown: Shown
    }

    private struct State: Sendable {
        var generation: Int64 = -1
        var entries: [String: Entry] = [:]
        var bytes = 0
        /// Set while a write of the server's own goes from this generation
        /// to an unknown next one: answers of a newer generation are then
        /// neither kept nor allowed to empty the cache, which the write will
        /// carry over itself.
        var pendingFrom: Int64?
        /// The keys kept while a write is carrying the cache over, which the
        /// carrying, done outside the lock, may not have seen.
        var keptDuringCarry: [String] = []
        /// The last writes of the server's own that carried the cache over,
        /// oldest first, each from the generation the one before it left:
        /// an answer computed in an older generation is kept when none of
        /// them changed what it shows.
        var carried: [(from: Int64, written: WrittenRoles)] = []
    }

    /// How many carried writes an answer computed in an older generation may be judged against.
    private static var carriedLimit: Int { 1_024 }

    private let state = NIOLockedValueBox(State())
    private let maxEntries: Int
    private let maxBytes: Int
    private let size: @Sendable (Value) -> Int

    init(maxEntries: Int, maxBytes: Int, size: @escaping @Sendable (Value) -> Int) {
        self.maxEntries = maxEntries
        self.maxBytes = maxBytes
        self.size = size
    }

    /// The value kept for `key` in `generation`, if any.
    func value(_ key: String, generation: Int64) -> Value? {
        state.withLockedValue { state in
            state.generation == generation ? state.entries[key]?.value : nil
        }
    }

    /// Keeps `value` for `key` in `generation`, with what it shows of the
    /// chart; an older generation's values are dropped.
    func keep(_ value: Value, for key: String, generation: Int64, shown: Shown = .anything) {
        let bytes = size(value) + key.utf8.count
        guard bytes <= maxBytes else { return }
        state.withLockedValue { state in
            if generation < state.generation {
                // Computed while writes of the server's own went by: kept if
                // they all were carried over and none changed what it shows;
                // a late answer of an older generation never clears a newer one's.
                guard let first = state.carried.firstIndex(where: { $0.from == generation }),
                      !state.carried[first...].contains(where: { $0.written.changes(shown) }) else { return }
            } else if state.generation != generation {
                // A server write is carrying the cache over: it decides.
                if let from = state.pendingFrom, generation > from { return }
                state = State(generation: generation)
            }
            if state.entries.count >= maxEntries || state.bytes + bytes > maxBytes {
                state.entries.removeAll(keepingCapacity: true)
                state.bytes = 0
            }
            if state.entries.updateValue(Entry(value: value, shown: shown), forKey: key) == nil { state.bytes += bytes }
            if state.pendingFrom != nil { state.keptDuringCarry.append(key) }
        }
    }

    func beginTransition(from generation: Int64) {
        state.withLockedValue { $0.pendingFrom = generation }
    }

    func cancelTransition() {
        state.withLockedValue { state in
            state.pendingFrom = nil
            state.keptDuringCarry = []
        }
    }

    func advance(from: Int64, to: Int64, dropping written: WrittenRoles) {
        // Judging every answer (a search's text against the written roles)
        // takes milliseconds with thousands kept: it is done on a copy,
        // outside the lock, so that requests are not held up meanwhile; the
        // answers kept in the meantime are judged under the lock after.
        let kept: [String: Entry]? = state.withLockedValue { state in
            guard to > state.generation, state.generation == from else { return nil }
            state.keptDuringCarry = []
            return state.entries
        }
        let stale = kept.map { $0.compactMap { key, entry in written.changes(entry.shown) ? key : nil } } ?? []
        state.withLockedValue { state in
            state.pendingFrom = nil
            defer { state.keptDuringCarry = [] }
            guard to > state.generation else { return }
            guard kept != nil, state.generation == from else {
                state = State(generation: to)
                return
            }
            state.generation = to
            state.carried.append((from, written))
            if state.carried.count > Self.carriedLimit { state.carried.removeFirst(state.carried.count - Self.carriedLimit) }
            let later = state.keptDuringCarry.filter { key in state.entries[key].map { written.changes($0.shown) } ?? false }
            for key in stale + later {
                guard let entry = state.entries.removeValue(forKey: key) else { continue }
                state.bytes -= size(entry.value) + key.utf8.count
            }
        }
    }

    /// How many values are kept now (for tests).
    var count: Int { state.withLockedValue { $0.entries.count } }
}

/// What an answer shows of the chart, so that a write of the server's own
/// drops exactly the answers it may have changed.
struct Shown: Sendable {
    /// The roles (keys in lower case) whose fields the answer shows; nil
    /// when it may show anything.
    var roles: Set<String>?
    /// The text of a search: a role whose new fields match it may enter the answer.
    var search: String?
    /// The answer is limited to a token's branch: a move may carry roles
    /// into or out of it, which the roles shown do not tell.
    var inBranch = false

    /// An answer that nothing is known about: any write drops it.
    static let anything = Shown(roles: nil)
    /// An answer that shows nothing of the chart (who a token stands for).
    static let nothing = Shown(roles: [])

    init(roles: Set<String>?, search: String? = nil, inBranch: Bool = false) {
        self.roles = roles
        self.search = search
        self.inBranch = inBranch
    }

    /// An answer showing the roles `keys`.
    init(keys: some Sequence<String>, search: String? = nil, inBranch: Bool = false) {
        self.init(roles: Set(keys.map { $0.lowercased() }), search: search, inBranch: inBranch)
    }
}

/// The roles a write changed, as they are after it, when the write changed
/// nothing but their own fields (title, holder, grade, vacancy), or moved a
/// role: then the moved role, its old and new managers and their chains up
/// to the top (whose report counts change), and no line, unit or token
/// besides. A moved role's reports keep their fields; what changes for them
/// is their chain, and every answer showing a chain shows the moved role in it.
struct WrittenRoles: Sendable {
    var roles: [Role]
    /// A role moved: answers limited to a branch may gain or lose roles.
    var moved = false
    /// The roles' holders are as they were: a role found by its holder's
    /// name was found the same way before, in the same place among the matches.
    var namesKept = false

    /// True when an answer showing `shown` may differ after the write.
    func changes(_ shown: Shown) -> Bool {
        guard let keys = shown.roles else { return true }
        if moved && shown.inBranch { return true }
        for role in roles {
            if keys.contains(role.key.lowercased()) { return true }
            // A role the search matched and did not show enters it only if
            // its match is new or better: not so for a match by the name it kept.
            if let text = shown.search, let match = role.searchMatch(for: text),
               !(namesKept && (match == .name || match == .wholeName)) { return true }
        }
        return false
    }
}

/// A cache of answers for one generation of the file that a write of the
/// server's own can carry over to the next (see ``OwnWrite``).
protocol GenerationCache: Sendable {
    /// A write is about to commit on top of `generation`.
    func beginTransition(from generation: Int64)
    /// The write failed, or another program committed too: the next newer
    /// generation empties the cache as usual.
    func cancelTransition()
    /// The file went from `from` to `to` by the write alone: answers that do
    /// not show what `written` changed stay valid in `to`.
    func advance(from: Int64, to: Int64, dropping written: WrittenRoles)
}
