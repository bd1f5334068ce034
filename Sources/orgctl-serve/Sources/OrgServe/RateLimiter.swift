import Foundation
import NIOConcurrencyHelpers

/// Counts each token's requests and writes in the current second (a fixed
/// window: cheap, and the limits are far above what a person does).
final class RateLimiter: Sendable {
    private struct Window {
        var second: Int64
        var requests: Int
        var writes: Int
    }

    private let windows = NIOLockedValueBox<[String: Window]>([:])
    private let limits: RequestLimits

    init(limits: RequestLimits) {
        self.limits = limits
    }

    /// True when `caller` may make one more request (a write when `writing`) this second.
    func admit(_ caller: String, writing: Bool, now: Date = Date()) -> Bool {
        let second = Int64(now.timeIntervalSince1970)
        return windows.withLockedValue { windows in
            if windows.count > 10_000 { windows = windows.filter { $0.value.second == second } }
            var window = windows[caller].flatMap { $0.second == second ? $0 : nil } ?? Window(second: second, requests: 0, writes: 0)
            guard window.requests < limits.requestsPerSecond, !writing || window.writes < limits.writesPerSecond else {
                return false
            }
            window.requests += 1
            if writing { window.writes += 1 }
            windows[caller] = window
            return true
        }
    }
}
