import Foundation
import HTTPTypes
import NIOCore
import OrgModel
import Testing
@testable import OrgServe

@Suite struct EventTests {
    /// Reads the stream until an event arrives, or gives up after `seconds`.
    static func firstEvent(_ stream: AsyncStream<ByteBuffer>, within seconds: Double) async -> String? {
        await withTaskGroup(of: String?.self) { group in
            group.addTask {
                for await buffer in stream {
                    let text = String(buffer: buffer)
                    if text.hasPrefix("event:") { return text }
                }
                return nil
            }
            group.addTask {
                try? await Task.sleep(for: .milliseconds(Int(seconds * 1_000)))
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }

    @Test func aWriteFromTheCommandLineReachesSubscribersWithinASecond() async throws {
        let fixture = try ServeFixture()
        let hub = EventHub(path: fixture.path, pollMilliseconds: 250, keepAliveSeconds: 15)
        let first = hub.subscribe()
        let second = hub.subscribe()
        // Let the poller read the counter as it stands before the write.
        try await Task.sleep(for: .milliseconds(400))
        let started = Date()
        let other = try fixture.database()
        _ = try other.move("pm-crm", to: "cfo")
        let version = try #require(try other.newestChangeID())
        let event = await Self.firstEvent(first, within: 1.0)
        #expect(Date().timeIntervalSince(started) < 1.0)
        #expect(event == "event: change\ndata: {\"version\":\"\(version)\"}\n\n")
        #expect(await Self.firstEvent(second, within: 1.0) != nil)
    }

    @Test func quietStreamsGetKeepAliveComments() async throws {
        let fixture = try ServeFixture()
        let hub = EventHub(path: fixture.path, pollMilliseconds: 50, keepAliveSeconds: 0)
        var seen: [String] = []
        for await buffer in hub.subscribe() {
            seen.append(String(buffer: buffer))
            if seen.count == 3 { break }
        }
        #expect(seen == [": connected\n\n", ": keep-alive\n\n", ": keep-alive\n\n"])
    }
}
