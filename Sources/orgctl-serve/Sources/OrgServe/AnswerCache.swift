import NIOConcurrencyHelpers
import NIOCore

/// Answers kept for one generation of the file (``ChartStore/generation()``):
/// any commit, from the server or the command line, empties the cache before
/// the next request is answered, so no answer outlives the data it was read
/// from. Bounded in entries and bytes; when full, it starts again empty (a
/// chart that changes faster than it is read gains nothing from smarter
/// eviction).
final class AnswerCache<Value: Sendable>: Sendable {
    private struct State: Sendable {
        var generation: Int64 = -1
        var entries: [String: Value] = [:]
        var bytes = 0
    }

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
            state.generation == generation ? state.entries[key] : nil
        }
    }

    /// Keeps `value` for `key` in `generation`; an older generation's values are dropped.
    func keep(_ value: Value, for key: String, generation: Int64) {
        let bytes = size(value) + key.utf8.count
        guard bytes <= maxBytes else { return }
        state.withLockedValue { state in
            if state.generation != generation {
                // A late answer of an older generation must not clear a newer one's.
                guard generation > state.generation else { return }
                state = State(generation: generation)
            }
            if state.entries.count >= maxEntries || state.bytes + bytes > maxBytes {
                state.entries.removeAll(keepingCapacity: true)
                state.bytes = 0
            }
            if state.entries.updateValue(value, forKey: key) == nil { state.bytes += bytes }
        }
    }

    /// How many values are kept now (for tests).
    var count: Int { state.withLockedValue { $0.entries.count } }
}
