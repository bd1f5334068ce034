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
            if let command = PointCommandLine.command(arguments) {
                // No ArgumentParser type is made: their first use searches the conformances.
                OrgDatabase.allocateForOneShortCommand()
                try command.run(writingTo: output)
            } else {
                var command = try QuickParse.command(arguments) ?? parseAsRoot(arguments)
                if let command = command as? any OrgCommand {
                    try command.run(writingTo: output)
                } else {
                    // A group such as `orgctl add` on its own: ArgumentParser asks for its help.
                    try command.run()
                }
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

/// The command line parsed under a root that ArgumentParser takes for a
/// plug-in's (`_superCommandName`), with the same subcommands. Parsing from
/// `Orgctl`, ArgumentParser first parses the whole line a second time, as
/// two commands of its own, to see whether it asks for a completion
/// script; that check instantiates types no other command uses and was
/// about a third of a point command's time before its first query. A line
/// that cannot ask for a script (nor for the version, which only `Orgctl`
/// answers) parses to the same command either way. Whatever does not parse
/// here to a command that runs (help, a completion script, a usage error, a
/// group on its own) is parsed again from `Orgctl`, so every message,
/// completion and help text is ArgumentParser's, as before.
struct QuickParse: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "orgctl", _superCommandName: "orgctl", subcommands: Orgctl.configuration.subcommands)

    /// The command `arguments` name, or nil to parse them from `Orgctl`.
    static func command(_ arguments: [String]) -> (any OrgCommand)? {
        let reserved = ["--generate-completion-script", "---", "--version", "--experimental-dump-help"]
        guard !arguments.contains(where: { argument in reserved.contains { argument.hasPrefix($0) } }),
              let first = arguments.first, first != "help" else { return nil }
        return (try? parseAsRoot(arguments)) as? any OrgCommand
    }
}
