import ArgumentParser
import Foundation
import OrgModel
import OrgServe

/// `orgctl-serve`: what `orgctl serve` runs (started from `main.swift`).
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "orgctl serve",
        abstract: "Serve the chart as a web page and a JSON API."
    )

    @Option(help: "The database file.")
    var db: String = "org.db"

    @Option(help: "The address to listen on (loopback unless given).")
    var host: String = "127.0.0.1"

    @Option(help: "The port (0 picks a free one).")
    var port: Int = 8080

    @Flag(help: "Let anyone who reaches the server read the whole chart without a token.")
    var publicRead = false

    @Option(help: "An origin whose pages may call the API (repeatable).")
    var allowOrigin: [String] = []

    @Flag(help: "Allow --public-read on an address other than loopback.")
    var iKnowThisIsPublic = false

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be from 0 to 65535.") }
        if publicRead && !Self.isLoopback(host) && !iKnowThisIsPublic {
            throw ValidationError("--public-read on \(host) lets everyone who reaches it read the chart; add --i-know-this-is-public if that is meant.")
        }
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    func run() async throws {
        var configuration = ServeConfiguration(databasePath: db)
        configuration.host = host
        configuration.port = port
        configuration.publicRead = publicRead
        configuration.allowedOrigins = allowOrigin
        let (db, host, publicRead) = (db, host, publicRead)
        do {
            let app = try ServeApplication.make(configuration, tokens: LibraryTokens()) { port in
                let line = ServeApplication.startLine(path: db, host: host, port: port, publicRead: publicRead)
                FileHandle.standardError.write(Data((line + "\n").utf8))
            }
            try await app.runService()
        } catch let error as OrgError {
            FileHandle.standardError.write(Data(("orgctl: \(error.description)\n").utf8))
            throw ExitCode(Self.exitCode(error.category))
        } catch {
            FileHandle.standardError.write(Data(("orgctl: the server could not start on \(host) port \(port): \(error); choose another --port\n").utf8))
            throw ExitCode(74)
        }
    }

    /// The exit codes of the README's table.
    static func exitCode(_ category: OrgError.Category) -> Int32 {
        switch category {
        case .refused: 1
        case .missingDatabase: 66
        case .unusableFile(let problem):
            switch problem {
            case .notSQLite: 80
            case .textFile: 81
            case .emptyFile: 82
            case .otherApplication: 83
            case .damaged: 85
            }
        case .newerSchema: 84
        case .busy: 75
        case .storage: 74
        case .internal: 70
        }
    }
}

