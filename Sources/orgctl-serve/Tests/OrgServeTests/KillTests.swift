import Foundation
import HTTPTypes
import OrgModel
import Testing
@testable import OrgServe

/// SQLite's transactions are what keep the file whole when the server dies.
@Suite(.serialized) struct KillTests {
    @Test func aKill9DuringABurstOfWritesLeavesTheFileWholeAndEveryAcknowledgedWriteIn() throws {
        let fixture = try ServeFixture()
        let database = try fixture.database()
        let secrets = try (0..<4).map { try database.addToken(name: "burst-\($0)", level: .edit, branch: nil) }
        let server = try ServerProcess(arguments: ["--db", fixture.path])
        let port = server.port
        let acknowledged = Acknowledged()
        let group = DispatchGroup()
        for (writer, secret) in secrets.enumerated() {
            DispatchQueue.global().async(group: group) {
                for attempt in 0..<200 {
                    let key = "burst-\(writer)-\(attempt)"
                    guard let answer = try? RawConnection.request(port: port, "POST", "/api/roles", token: secret,
                                                                  body: #"{"key":"\#(key)","title":"Analyst","reportsTo":"cio"}"#)
                    else { return }
                    if answer.status == 201 { acknowledged.add(key) }
                    if answer.status == 0 { return }
                }
            }
        }
        // Kill it in the middle of the burst: once a few writes are in (other
        // suites may be loading the machine), a moment later.
        let deadline = Date().addingTimeInterval(30)
        while acknowledged.keys.count < 8 && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        Thread.sleep(forTimeInterval: 0.2)
        server.kill(SIGKILL)
        group.wait()
        let written = acknowledged.keys
        #expect(written.count > 5)
        let after = try OrgDatabase(path: fixture.path, access: .write)
        #expect(try after.verify().isSound)
        let commands = Set(try after.history().map(\.command))
        for key in written {
            #expect(throws: Never.self) { try after.role(key) }
            #expect(commands.contains { $0.hasPrefix("serve: add \(key) (") })
        }
    }
}

/// The writes the server acknowledged, from several threads.
final class Acknowledged: @unchecked Sendable {
    private let lock = NSLock()
    private var written: [String] = []

    func add(_ key: String) { lock.withLock { written.append(key) } }
    var keys: [String] { lock.withLock { written } }
}
