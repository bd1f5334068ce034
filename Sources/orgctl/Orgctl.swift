import ArgumentParser
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import OrgModel

/// The orgctl command: build and query organisation charts with PMOs.
@main
struct Orgctl: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "orgctl",
        abstract: "Model an organisation's roles, units, PMOs and reporting lines in SQLite.",
        discussion: """
            The database is --db PATH, else $ORGCTL_DB, else ./org.db. Writes create \
            it when it does not exist; reads of a missing database fail with exit code 66.
            """,
        version: "0.1.0",
        subcommands: [
            Init.self, Add.self, SetCommand.self, Move.self, Remove.self,
            WhoReportsTo.self, Chain.self, Print.self, Show.self,
            Check.self, Compare.self, Ladder.self, Stats.self, RollupCommand.self, Import.self, Export.self,
            History.self, Diff.self, Undo.self, Verify.self,
            Find.self, Units.self, Sync.self, Token.self,
            Serve.self,
        ])

    static func main() {
        // A closed pipe should be an error we report, not a silent death by signal.
        signal(SIGPIPE, SIG_IGN)
        let output = StandardOutput()
        var status: Int32
        var arguments: [String] = []
        do {
            arguments = try RawArguments.validated()
            var command = try parseAsRoot(arguments)
            if let command = command as? any OrgCommand {
                try command.run(writingTo: output)
            } else {
                // A group such as `orgctl add` on its own: ArgumentParser asks for its help.
                try command.run()
            }
            status = ExitStatus.success
        } catch let error as OrgError {
            Diagnostics.line("orgctl: " + ErrorText.text(error))
            status = ExitStatus.forError(error)
        } catch let exit as ExitCode {
            status = exit.rawValue
        } catch let error as OutputError {
            Diagnostics.line("orgctl: \(error)")
            status = error.status
        } catch let error as InvalidArgument {
            Diagnostics.line("orgctl: \(error)")
            status = ExitStatus.usage
        } catch {
            status = exitCode(for: error).rawValue
            if status == ExitStatus.success {
                var message = fullMessage(for: error)
                while message.last == "\n" { message.removeLast() }
                if let example = Examples.forHelp(arguments) { message += "\n\nEXAMPLES:\n" + example }
                output.line(message)
            } else {
                Diagnostics.line("orgctl: " + UsageMessage.oneLine(message(for: error), arguments: arguments))
            }
        }
        if let failure = output.finish(success: status == ExitStatus.success) {
            let reason = String(cString: strerror(failure))
            if status == ExitStatus.success && OrgDatabase.hasCommittedInThisProcess {
                // Exit 74 would tell a script nothing was written, and it might run the write again.
                Diagnostics.line("orgctl: the change was saved, but its report could not be written: \(reason); do not run it again ('orgctl history' lists it)")
                status = ExitStatus.reportLost
            } else {
                Diagnostics.line("orgctl: could not write the output" + (output.destination.map { " to \($0)" } ?? "") + ": \(reason)")
                if status == ExitStatus.success { status = ExitStatus.storage }
            }
        }
        LibC.exitProcess(status)
    }
}
