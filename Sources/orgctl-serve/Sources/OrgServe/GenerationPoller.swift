#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Synchronization

/// Calls a tick every few milliseconds on a thread of its own, until stopped
/// or the tick says there is nothing left to poll. The file's commit counter
/// must be read on time whatever the requests do: were it read on Swift's
/// concurrency threads, a burst of slow requests would delay it past the age
/// at which nothing kept may be served, and every request would then be
/// answered from the file, slowing the next ones further. It sleeps on the
/// monotonic clock, so that a change of the wall clock cannot stall it.
final class GenerationPoller: Sendable {
    private let stopped = Atomic<Bool>(false)
    private let milliseconds: Int

    init(milliseconds: Int) {
        self.milliseconds = milliseconds
    }

    func start(_ tick: @escaping @Sendable () -> Bool) {
        let thread = Thread { [self] in
            while !stopped.load(ordering: .acquiring) {
                sleep()
                guard !stopped.load(ordering: .acquiring), tick() else { return }
            }
        }
        thread.name = "generation poller"
        thread.start()
    }

    func stop() {
        stopped.store(true, ordering: .releasing)
    }

    /// One interval, in slices of at most 50 ms so that a stop is seen soon.
    private func sleep() {
        var left = milliseconds
        while left > 0 && !stopped.load(ordering: .acquiring) {
            let slice = min(left, 50)
            var interval = timespec(tv_sec: 0, tv_nsec: slice * 1_000_000)
            clock_nanosleep(CLOCK_MONOTONIC, 0, &interval, nil)
            left -= slice
        }
    }
}
