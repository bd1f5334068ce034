import Foundation
import OrgModel
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The built program under readers and writers at once, across several ticks
/// of Hummingbird's date cache (once a second): every request is answered
/// within a bound, and SIGTERM stops the program. A server whose event loop
/// blocked for good (a lock held across a hop back onto the same loop) left
/// requests unanswered and ignored SIGTERM.
@Suite(.serialized) struct StallTests {
    @Test func readsAndWritesAtOnceAreAllAnsweredAndSIGTERMStopsTheServer() throws {
        let fixture = try ServeFixture()
        let database = try fixture.database()
        let reader = try database.addToken(name: "stall-reader", level: .read, branch: nil)
        let writers = try (0..<2).map { try database.addToken(name: "stall-writer-\($0)", level: .edit, branch: nil) }
        let server = try ServerProcess(arguments: ["--db", fixture.path])
        let port = server.port
        let unanswered = Acknowledged()
        let answered = Acknowledged()
        let until = Date().addingTimeInterval(3.5)
        let group = DispatchGroup()
        let paths = ["/api/roles/cio/children", "/api/search?q=a&limit=20", "/api/me", "/api/roles/cio"]
        for client in 0..<8 {
            DispatchQueue.global().async(group: group) {
                var n = 0
                while Date() < until {
                    n += 1
                    let path = paths[(client + n) % paths.count]
                    // RawConnection gives up after 5 s without a byte: status 0.
                    let status = (try? RawConnection.request(port: port, "GET", path, token: reader).status) ?? 0
                    if status == 0 { unanswered.add("GET \(path)"); return }
                    answered.add("")
                }
            }
        }
        for (writer, secret) in writers.enumerated() {
            DispatchQueue.global().async(group: group) {
                var n = 0
                while Date() < until {
                    n += 1
                    let status = (try? RawConnection.request(port: port, "PATCH", "/api/roles/cio", token: secret,
                                                             body: #"{"title":"Chief \#(writer)-\#(n)"}"#).status) ?? 0
                    if status == 0 { unanswered.add("PATCH \(n)"); return }
                    answered.add("")
                }
            }
        }
        #expect(group.wait(timeout: .now() + 20) == .success, "clients still waiting 20 s on")
        #expect(unanswered.keys.isEmpty, "unanswered: \(unanswered.keys)")
        #expect(answered.keys.count > 100)
        // SIGTERM: the server stops within a few seconds.
        Glibc.kill(server.process.processIdentifier, SIGTERM)
        let asked = Date()
        while server.process.isRunning && Date().timeIntervalSince(asked) < 10 { Thread.sleep(forTimeInterval: 0.05) }
        #expect(!server.process.isRunning, "orgctl-serve still running 10 s after SIGTERM")
    }
}
