import ArgumentParser
import Testing
@testable import orgctl
import OrgModel

/// The point commands read by hand are the very commands ArgumentParser
/// gives for the same line, every property included, and write what those
/// write; any other line is left to ArgumentParser, so its help and errors
/// stay as they were.
@Suite struct PointCommandLineTests {
    /// Every field of a parsed command, as text: two parses are the same exactly when these are.
    private func fields(_ command: any ParsableCommand) -> String {
        var text = ""
        dump(command, to: &text)
        return text
    }

    /// The ArgumentParser command a point command stands for: its plain
    /// values assigned, every other property as ArgumentParser leaves it
    /// when its option is not given.
    private func parsable(_ point: PointCommand) -> any OrgCommand {
        func readOptions(_ location: DatabaseLocation) -> ReadOptions {
            var database = DatabaseOptions()
            database.explicitPath = location.explicitPath
            var read = ReadOptions()
            read.database = database
            read.asOf = nil
            return read
        }
        func outputOptions(_ json: Bool) -> OutputOptions {
            var output = OutputOptions()
            output.json = json
            return output
        }
        switch point {
        case let .chain(key, database, json):
            var command = Chain()
            command.database = readOptions(database)
            command.output = outputOptions(json)
            command.key = key
            return command
        case let .compare(first, second, database, json):
            var command = Compare()
            command.database = readOptions(database)
            command.output = outputOptions(json)
            command.first = first
            command.second = second
            return command
        case let .whoReportsTo(key, database, all, dotted, count, json):
            var command = WhoReportsTo()
            command.database = readOptions(database)
            command.output = outputOptions(json)
            command.key = key
            command.all = all
            command.depth = nil
            command.dotted = dotted
            command.count = count
            return command
        case let .find(text, limit, database, json):
            var command = Find()
            command.database = readOptions(database)
            command.output = outputOptions(json)
            command.text = text
            command.limit = limit
            return command
        case let .addRole(draft, database, json):
            var write = WriteOptions()
            var location = DatabaseOptions()
            location.explicitPath = database.explicitPath
            write.database = location
            write.effective = nil
            var salary = SalaryOptions()
            salary.salary = draft.salary.map { "\($0)" }
            salary.currency = draft.salary?.currency
            var command = Add.AddRole()
            command.database = write
            command.output = outputOptions(json)
            command.key = draft.key
            command.title = draft.title
            command.holder = draft.holder
            command.reportsTo = draft.reportsTo
            command.unit = draft.unit
            command.grade = draft.grade
            command.salary = salary
            command.rung = draft.rung
            command.assistantTo = draft.assistantTo
            return command
        case let .move(key, to, database, json):
            var command = Move()
            command.database = writeOptions(database)
            command.output = outputOptions(json)
            command.key = key
            command.to = to
            command.toRoot = to == nil
            return command
        case let .setRole(key, changes, database, json):
            var command = SetCommand.SetRole()
            command.database = writeOptions(database)
            command.output = outputOptions(json)
            command.key = key
            command.title = changes.title
            if case .holder(let name)? = changes.holder { command.holder = name } else { command.holder = nil }
            command.vacate = if case .vacate? = changes.holder { true } else { false }
            command.unit = changes.unit
            command.grade = nil
            command.salary = nil
            command.currency = nil
            command.rung = nil
            command.noUnit = changes.clearing.contains(.unit)
            command.noGrade = false
            command.noSalary = false
            command.noRung = false
            command.assistantTo = nil
            command.noAssistant = false
            return command
        }
    }

    private func writeOptions(_ database: DatabaseLocation) -> WriteOptions {
        var write = WriteOptions()
        var location = DatabaseOptions()
        location.explicitPath = database.explicitPath
        write.database = location
        write.effective = nil
        return write
    }

    @Test(arguments: [
        ["chain", "pm-payments"], ["chain", "pm-payments", "--db", "x.db", "--json"], ["chain", "--json", "--db", "x.db", "help"],
        ["compare", "pm-crm", "cio"], ["compare", "--db", "x.db", "pm-crm", "cio", "--json"],
        ["who-reports-to", "cio"], ["who-reports-to", "cio", "--all", "--count", "--db", "x.db"],
        ["who-reports-to", "--dotted", "pmo-it", "--json"],
        ["find", "amara"], ["find", "dom cer", "--limit", "3", "--json", "--db", "x.db"], ["find", "Renée"],
        ["add", "role", "x1", "--title", "Analyst"],
        ["add", "role", "x1", "--title", "Project Manager", "--holder", "Jane Doe", "--reports-to", "cio",
         "--unit", "pmo-it", "--db", "x.db", "--json"],
        ["add", "role", "ea1", "--assistant-to", "cio", "--title", "Assistant"],
        ["move", "pm-crm", "--to", "cio"], ["move", "--json", "pm-crm", "--db", "x.db", "--to-root"],
        ["set", "role", "pm-crm", "--holder", "Ann Lee"], ["set", "role", "pm-crm", "--vacate", "--title", "Lead", "--json"],
        ["set", "role", "--db", "x.db", "pm-crm", "--unit", "fin"], ["set", "role", "pm-crm", "--no-unit"],
    ])
    func aPlainPointCommandParsesAsArgumentParserParsesIt(arguments: [String]) throws {
        let quick = try #require(PointCommandLine.command(arguments), "\(arguments) was left to ArgumentParser")
        let full = try Orgctl.parseAsRoot(arguments)
        let made = parsable(quick)
        #expect(type(of: made) == type(of: full))
        #expect(fields(made) == fields(full), "\(arguments)")
    }

    /// What one run wrote, or the error it ended with, as text.
    private func outcome(_ run: (OutputSink) throws -> Void) -> String {
        let output = MemoryOutput()
        do {
            try run(output)
            return output.text
        } catch let error as OrgError {
            return output.text + "error: " + ErrorText.text(error)
        } catch {
            return output.text + "error: \(error)"
        }
    }

    @Test(arguments: [
        ["chain", "pm-payments"], ["chain", "pmo-it", "--json"], ["chain", "pm-paymnets"],
        ["compare", "pm-crm", "cio"], ["compare", "pmo-it", "pm-payments", "--json"], ["compare", "cio", "nobody"],
        ["who-reports-to", "cio"], ["who-reports-to", "cio", "--all"], ["who-reports-to", "cio", "--all", "--count", "--json"],
        ["who-reports-to", "--dotted", "pmo-it", "--json"], ["who-reports-to", "pmo-it", "--all", "--dotted"],
        ["who-reports-to", "nobody"],
        ["find", "amara"], ["find", "dom cer", "--limit", "3", "--json"], ["find", "Renée"], ["find", "zzz"],
        ["add", "role", "x1", "--title", "Analyst"],
        ["add", "role", "x1", "--title", "Project Manager", "--holder", "Jane Doe", "--reports-to", "cio",
         "--unit", "pmo-it", "--json"],
        ["add", "role", "ea1", "--assistant-to", "cio", "--title", "Assistant"],
        ["add", "role", "cio", "--title", "Analyst"], ["add", "role", "x1", "--title", "Analyst", "--reports-to", "nobody"],
        ["move", "pm-crm", "--to", "cio"], ["move", "pm-crm", "--to", "prog-digital-manager"], ["move", "cio", "--to-root", "--json"],
        ["move", "pmo-it-director", "--to", "pm-crm"], ["move", "pm-crm", "--to", "nobody"], ["move", "pm-crm", "--to", "cfo", "--json"],
        ["set", "role", "pm-crm", "--holder", "Ann Lee"], ["set", "role", "pm-crm", "--vacate", "--title", "Lead", "--json"],
        ["set", "role", "pm-crm", "--unit", "FIN"], ["set", "role", "pm-crm", "--no-unit"], ["set", "role", "nobody", "--holder", "X"],
        ["set", "role", "pm-crm", "--unit", "nowhere"], ["set", "role", "pm-crm", "--title", ""],
    ])
    func aPlainPointCommandWritesWhatArgumentParsersCommandWrites(arguments: [String]) throws {
        // Each on its own copy of the example, since add role writes.
        let byHand = try InProcess.example(), parsed = try InProcess.example()
        let quick = try #require(PointCommandLine.command(arguments + ["--db", byHand.database]))
        let full = try #require(try Orgctl.parseAsRoot(arguments + ["--db", parsed.database]) as? any OrgCommand)
        let written = outcome(quick.run)
        #expect(written == outcome(full.run), "\(arguments)")
        #expect(!written.isEmpty)
        #expect(try byHand.text("print", "tree") == parsed.text("print", "tree"))
    }

    @Test(arguments: [
        [], ["chain"], ["chain", "a", "b"], ["chain", "x", "--help"], ["chain", "-h"], ["chain", "x", "--version"],
        ["chain", "x", "--as-of", "2026-01-01"], ["chain", "--db=x.db", "x"], ["chain", "x", "--db", ""],
        ["chain", "x", "--db"], ["chain", "x", "--db", "a.db", "--db", "b.db"], ["chain", "x", "--json", "--json"],
        ["chain", "--", "-x"], ["chain", "x", "--bogus"], ["compare", "a"], ["who-reports-to", "cio", "--depth", "2"],
        ["who-reports-to", "cio", "--count", "--dotted"], ["find", "x", "--limit", "0"], ["find", "x", "--limit", "many"],
        ["find", "x", "--limit", "-1"], ["add", "role", "x1"], ["add", "role", "x1", "--title", "A", "--grade", "3"],
        ["add", "role", "x1", "--title", "A", "--effective", "2030-01-01"], ["add", "unit", "u", "--name", "U"],
        ["add"], ["print", "tree"], ["show", "cio"], ["help", "chain"], ["--generate-completion-script", "bash"],
        ["move", "x"], ["move", "x", "--to", "a", "--to-root"], ["move", "x", "--to", "a", "--effective", "2030-01-01"],
        ["move", "x", "y", "--to", "a"], ["move", "x", "--to-root", "--to-root"], ["move", "x", "--to", "-a"],
        ["set", "role", "x"], ["set", "role", "x", "--holder", "A", "--vacate"], ["set", "role", "x", "--unit", "u", "--no-unit"],
        ["set", "role", "x", "--grade", "3"], ["set", "role", "x", "--assistant-to", "a"], ["set", "unit", "u", "--name", "U"],
        ["set", "role", "x", "--holder", "A", "--effective", "2030-01-01"], ["set"],
    ])
    func anythingElseIsLeftToArgumentParser(arguments: [String]) {
        #expect(PointCommandLine.command(arguments) == nil, "\(arguments)")
    }
}
