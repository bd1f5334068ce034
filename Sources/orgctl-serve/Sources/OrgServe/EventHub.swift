import Foundation
import NIOConcurrencyHelpers
import NIOCore
import OrgModel
import ServiceLifecycle

/// One poller for every open event stream: it asks the file on a connection
/// of its own whether anyone committed (`PRAGMA data_version`, a counter
/// SQLite keeps in memory, so the question costs nothing), and tells every
/// subscriber the chart's new version. Writes from the command line are seen
/// the same way as the server's own. The poller runs while someone listens.
final class EventHub: Service, Sendable {
    private struct State {
        var subscribers: [UUID: AsyncStream<ByteBuffer>.Continuation] = [:]
        var poller: Task<Void, Never>?
    }

    private let state = NIOLockedValueBox(State())
    private let path: String
    private let pollMilliseconds: Int
    private let keepAliveSeconds: Int

    init(path: String, pollMilliseconds: Int, keepAliveSeconds: Int) {
        self.path = path
        self.pollMilliseconds = pollMilliseconds
        self.keepAliveSeconds = keepAliveSeconds
    }

    /// A stream of server-sent events; it ends when the client goes away.
    func subscribe() -> AsyncStream<ByteBuffer> {
        let id = UUID()
        let (stream, continuation) = AsyncStream<ByteBuffer>.makeStream(bufferingPolicy: .bufferingNewest(16))
        continuation.onTermination = { [weak self] _ in self?.unsubscribe(id) }
        // A first comment, so that the client knows the stream is open.
        continuation.yield(ByteBuffer(string: ": connected\n\n"))
        state.withLockedValue { state in
            state.subscribers[id] = continuation
            if state.poller == nil { state.poller = Task.detached { [self] in await poll() } }
        }
        return stream
    }

    /// Waits for the server to shut down, then ends every open stream, so
    /// that the server does not wait for browsers to hang up.
    func run() async throws {
        try? await gracefulShutdown()
        let open = state.withLockedValue { state in
            state.poller?.cancel()
            state.poller = nil
            defer { state.subscribers = [:] }
            return Array(state.subscribers.values)
        }
        for continuation in open { continuation.finish() }
    }

    var subscriberCount: Int { state.withLockedValue { $0.subscribers.count } }

    private func unsubscribe(_ id: UUID) {
        state.withLockedValue { state in
            state.subscribers[id] = nil
            if state.subscribers.isEmpty {
                state.poller?.cancel()
                state.poller = nil
            }
        }
    }

    private func send(_ text: String) {
        let buffer = ByteBuffer(string: text)
        for continuation in state.withLockedValue({ Array($0.subscribers.values) }) { continuation.yield(buffer) }
    }

    private func poll() async {
        guard let database = try? OrgDatabase(path: path, access: .read) else { return }
        var counter = try? database.commitCounter()
        var quietTicks = 0
        let ticksPerKeepAlive = max(1, keepAliveSeconds * 1_000 / pollMilliseconds)
        while !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(pollMilliseconds))
            let now = try? database.commitCounter()
            if now != counter {
                counter = now
                quietTicks = 0
                let version = (try? database.newestChangeID()).flatMap { $0 } ?? 0
                send("event: change\ndata: " + JSON.object([("version", .string(String(version)))]).text + "\n\n")
            } else {
                quietTicks += 1
                if quietTicks >= ticksPerKeepAlive {
                    quietTicks = 0
                    send(": keep-alive\n\n")
                }
            }
        }
    }
}
