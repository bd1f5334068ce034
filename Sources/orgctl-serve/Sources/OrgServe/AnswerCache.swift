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
    /// A kept value; what it shows is held apart (`State.shown`), so that
    /// serving a value copies nothing else.
    private struct Entry: Sendable {
        var value: Value
        /// The value's size and the key's, counted once when kept.
        var bytes: Int
    }

    private struct State: Sendable {
        var generation: Int64 = -1
        var entries: [String: Entry] = [:]
        /// What each entry shows, by the same keys.
        var shown: [String: Shown] = [:]
        var bytes = 0
        /// The entries' keys by what they show: a write looks only at those it may change.
        var index = KeptAnswerIndex()
        /// Set while a write of the server's own goes from this generation
        /// to an unknown next one: answers of a newer generation are then
        /// neither kept nor allowed to empty the cache, which the write will
        /// carry over itself.
        var pendingFrom: Int64?
        /// The last writes of the server's own that carried the cache over,
        /// oldest first, each from the generation the one before it left:
        /// an answer computed in an older generation is kept when none of
        /// them changed what it shows.
        var carried: [(from: Int64, written: WrittenRoles)] = []

        mutating func put(_ entry: Entry, showing new: Shown, for key: String) {
            if let old = entries.updateValue(entry, forKey: key) { bytes -= old.bytes }
            if let old = shown.updateValue(new, forKey: key) { index.remove(key, showing: old) }
            bytes += entry.bytes
            index.insert(key, showing: new)
        }

        mutating func drop(_ key: String) {
            guard let old = entries.removeValue(forKey: key) else { return }
            bytes -= old.bytes
            if let old = shown.removeValue(forKey: key) { index.remove(key, showing: old) }
        }

        mutating func empty() {
            entries.removeAll(keepingCapacity: true)
            shown.removeAll(keepingCapacity: true)
            index.removeAll()
            bytes = 0
        }
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

    /// The value kept for `key` in `generation` or a later one, if any. A
    /// write of the server's own moves the cache to its generation just
    /// before it publishes it; a request that loaded the generation before
    /// is answered from the cache the write carried over (the write has
    /// committed, so the answer is as new as the file). Refusing it made
    /// every request of that moment compute its answer again: about one in
    /// twenty under a steady stream of writes. Never when the generation is
    /// unknown.
    func value(_ key: String, generation: Int64) -> Value? {
        state.withLockedValue { state in
            state.generation >= generation && generation != ChartStore.unknownGeneration ? state.entries[key]?.value : nil
        }
    }

    /// Keeps `value` for `key` in `generation`, with what it shows of the
    /// chart. A newer generation empties the cache first; an answer of an
    /// older one is kept only when every write carried over since left what
    /// it shows as it was.
    func keep(_ value: Value, for key: String, generation: Int64, shown: Shown = .anything) {
        let bytes = size(value) + key.utf8.count
        guard bytes <= maxBytes else { return }
        let entry = Entry(value: value, bytes: bytes)
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
                let pending = state.pendingFrom
                state = State(generation: generation)
                state.pendingFrom = pending
            }
            if state.entries[key] == nil && (state.entries.count >= maxEntries || state.bytes + bytes > maxBytes) {
                state.empty()
            } else if let old = state.entries[key], state.bytes - old.bytes + bytes > maxBytes {
                state.empty()
            }
            state.put(entry, showing: shown, for: key)
        }
    }

    func beginTransition(from generation: Int64) {
        state.withLockedValue { $0.pendingFrom = generation }
    }

    func cancelTransition() {
        state.withLockedValue { $0.pendingFrom = nil }
    }

    func advance(from: Int64, to: Int64, dropping written: WrittenRoles) {
        // The index names the few answers the write may have changed (those
        // showing its roles, the searches its roles may now enter or move in,
        // and on a move those limited to a branch): judged and dropped under
        // the lock, with no copy of the entries, so that an answer kept
        // meanwhile is judged with the rest.
        state.withLockedValue { state in
            state.pendingFrom = nil
            guard to > state.generation else { return }
            guard state.generation == from else {
                state = State(generation: to)
                return
            }
            state.generation = to
            state.carried.append((from, written))
            if state.carried.count > Self.carriedLimit { state.carried.removeFirst(state.carried.count - Self.carriedLimit) }
            for key in state.index.changed(by: written) { state.drop(key) }
        }
    }

    /// How many values are kept now (for tests).
    var count: Int { state.withLockedValue { $0.entries.count } }

    /// The bytes counted for the values kept now (for tests).
    var bytes: Int { state.withLockedValue { $0.bytes } }

    /// The keys kept now (none when the values and what they show disagree)
    /// and the index's own account of them, which must agree (for tests).
    var keysAndIndexedKeys: (kept: Set<String>, indexed: Set<String>) {
        state.withLockedValue { state in
            let kept = Set(state.entries.keys)
            return (Set(state.shown.keys) == kept ? kept : [], state.index.allKeys)
        }
    }

    /// The keys a write of `written` would drop, judged entry by entry without the index (for tests).
    func keysChanged(by written: WrittenRoles) -> Set<String> {
        state.withLockedValue { Set($0.shown.filter { written.changes($0.value) }.keys) }
    }

    /// The keys the index names for a write of `written` (for tests).
    func indexedKeysChanged(by written: WrittenRoles) -> Set<String> {
        state.withLockedValue { $0.index.changed(by: written) }
    }
}

/// What an answer shows of the chart, so that a write of the server's own
/// drops exactly the answers it may have changed.
struct Shown: Sendable {
    /// The roles (keys in lower case) whose fields the answer shows; nil
    /// when it may show anything.
    var roles: Set<String>?
    /// The search, folded once: a role whose new fields match it may enter the answer.
    var search: PreparedSearch?
    /// The answer is limited to a token's branch: a move may carry roles
    /// into or out of it, which the roles shown do not tell.
    var inBranch = false

    /// An answer that nothing is known about: any write drops it.
    static let anything = Shown(roles: nil)
    /// An answer that shows nothing of the chart (who a token stands for).
    static let nothing = Shown(roles: [])

    init(roles: Set<String>?, search: String? = nil, inBranch: Bool = false) {
        self.roles = roles
        self.search = search.map(PreparedSearch.init)
        self.inBranch = inBranch
    }

    /// An answer showing the roles `keys`.
    init(keys: some Sequence<String>, search: String? = nil, inBranch: Bool = false) {
        self.init(roles: Set(keys.map { $0.lowercased() }), search: search, inBranch: inBranch)
    }
}

/// The roles a write changed, as they are after it (and, for their own
/// fields, as they were before it), when the write changed nothing but
/// their own fields (title, holder, grade, vacancy), or moved a role: then
/// the moved role, its old and new managers and their chains up to the top
/// (whose report counts change), and no line, unit or token besides. A moved
/// role's reports keep their fields; what changes for them is their chain,
/// and every answer showing a chain shows the moved role in it.
struct WrittenRoles: Sendable {
    /// One written role: its key in lower case and its fields as a search sees them.
    struct Image: Sendable {
        var key: String
        /// Before the write; nil when not read: any search the role matches after it is then changed.
        var before: SearchTerms?
        var after: SearchTerms

        /// True when `search` may list this role differently after the write
        /// than before: a search that no longer finds it changes only if it
        /// showed the role, which the roles shown tell.
        func mayMove(in search: PreparedSearch) -> Bool {
            guard let before else { return search.match(after) != nil }
            return search.placesDifferently(before, after)
        }

        /// False when the write left the role's key, holder and title as they were.
        var searchFieldsChanged: Bool { before != after }
    }

    var images: [Image]
    /// A role moved: answers limited to a branch may gain or lose roles.
    var moved = false

    /// The roles `after` as the write left them, and as they were `before`
    /// it (matched by key; a role not among them counts as new to every search).
    init(roles after: [Role], before: [Role] = [], moved: Bool = false) {
        let earlier = Dictionary(before.map { ($0.key.lowercased(), SearchTerms($0)) }, uniquingKeysWith: { first, _ in first })
        images = after.map { role in
            let key = role.key.lowercased()
            return Image(key: key, before: earlier[key], after: SearchTerms(role))
        }
        self.moved = moved
    }

    /// True when an answer showing `shown` may differ after the write (the
    /// rule ``KeptAnswerIndex/changed(by:)`` applies through its index).
    func changes(_ shown: Shown) -> Bool {
        guard let keys = shown.roles else { return true }
        if moved && shown.inBranch { return true }
        for image in images {
            if keys.contains(image.key) { return true }
            if let search = shown.search, image.searchFieldsChanged, image.mayMove(in: search) { return true }
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
