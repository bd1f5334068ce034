import Foundation
import NIOConcurrencyHelpers

/// Calls a tick every few milliseconds on a thread of its own, until stopped
/// or the tick says there is nothing left to poll. The file's commit counter
/// must be read on time whatever the requests do: were it read on Swift's
/// concurrency threads, a burst of slow requests would delay it past the age
/// at which nothing kept may be served, and every request would then be
/// answered from the file, slowing the next ones further.
final class GenerationPoller: Sendable {
    private let stopped = ConditionLock<Bool>(value: false)
    private let seconds: Double

    init(milliseconds: Int) {
        seconds = Double(milliseconds) / 1000
    }

    func start(_ tick: @escaping @Sendable () -> Bool) {
        let thread = Thread { [stopped, seconds] in
            while true {
                if stopped.lock(whenValue: true, timeoutSeconds: seconds) {
                    stopped.unlock()
                    return
                }
                guard tick() else { return }
            }
        }
        thread.name = "generation poller"
        thread.start()
    }

    func stop() {
        stopped.lock()
        stopped.unlock(withValue: true)
    }
}
