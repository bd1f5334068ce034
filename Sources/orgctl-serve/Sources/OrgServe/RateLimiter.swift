import Foundation
import NIOConcurrencyHelpers
import Synchronization

/// Counts each token's requests and writes in the current second (a fixed
/// window: cheap, and the limits are far above what a person does).
///
/// Each token name has a ``Counter`` of its own, found once per token in a
/// locked table and then kept with the caller (``ChartAPI/callers``), so
/// that admitting a request is one atomic compare-and-swap on the token's own
/// counter: no lock shared by every request.
final class RateLimiter: Sendable {
    /// One token's window: the second (modulo 2²⁴, only compared for
    /// equality), the requests and the writes made in it, packed into one
    /// word so that a request is counted in a single atomic step.
    final class Counter: Sendable {
        private let window = Synchronization.Atomic<UInt64>(0)

        /// True when one more request (a write when `writing`) fits in this second.
        func admit(second: Int64, writing: Bool, limits: RequestLimits) -> Bool {
            let now = UInt64(truncatingIfNeeded: second) & 0xFF_FFFF
            let maxRequests = UInt64(Swift.min(limits.requestsPerSecond, 0xF_FFFF).clamped)
            let maxWrites = UInt64(Swift.min(limits.writesPerSecond, 0xF_FFFF).clamped)
            var old = window.load(ordering: .relaxed)
            while true {
                var requests = (old >> 20) & 0xF_FFFF
                var writes = old & 0xF_FFFF
                if old >> 40 != now { requests = 0; writes = 0 }
                guard requests < maxRequests, !writing || writes < maxWrites else { return false }
                requests += 1
                if writing { writes += 1 }
                let new = now << 40 | requests << 20 | writes
                let (exchanged, found) = window.compareExchange(expected: old, desired: new, ordering: .relaxed)
                if exchanged { return true }
                old = found
            }
        }
    }

    private let counters = NIOLockedValueBox<[String: Counter]>([:])
    private let limits: RequestLimits

    init(limits: RequestLimits) {
        self.limits = limits
    }

    /// The counter of the token named `caller`, the same one every time.
    func counter(for caller: String) -> Counter {
        counters.withLockedValue { counters in
            if let counter = counters[caller] { return counter }
            // Never emptied: names come only from tokens that exist, and a
            // caller kept with its counter must share it with every later
            // look-up, or a token would get a second allowance.
            let counter = Counter()
            counters[caller] = counter
            return counter
        }
    }

    /// True when `counter`'s token may make one more request (a write when `writing`) this second.
    func admit(_ counter: Counter, writing: Bool, now: Date = Date()) -> Bool {
        counter.admit(second: Int64(now.timeIntervalSince1970), writing: writing, limits: limits)
    }

    /// True when `caller` may make one more request (a write when `writing`) this second.
    func admit(_ caller: String, writing: Bool, now: Date = Date()) -> Bool {
        admit(counter(for: caller), writing: writing, now: now)
    }
}

private extension Int {
    /// Never below zero, so that a limit of zero or less admits nothing.
    var clamped: Int { Swift.max(self, 0) }
}
