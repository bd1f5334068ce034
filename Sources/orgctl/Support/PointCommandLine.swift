import ArgumentParser

/// The everyday point commands in their plain forms (`chain KEY`, `compare A
/// B`, `who-reports-to KEY`, `find TEXT`, `add role KEY --title T …`, each
/// with `--db PATH` and `--json`), read by hand on orgctl's start path.
///
/// ArgumentParser builds each command's argument set by reflection, and
/// each generic type it meets costs the runtime a search of every protocol
/// conformance in the executable: about a third of a point command's time
/// at a million roles, more than its query. Here the command is made by
/// assigning its properties, with the values ArgumentParser would give
/// them (PointCommandLineTests holds the two to the same fields). Anything else
/// (another option, `--name=value`, a value starting with '-', a repeated
/// option, a line that would not validate) gives nil, and the line goes to
/// ArgumentParser, so help, completions and every error are its own.
enum PointCommandLine {
    /// The command `arguments` name, or nil to parse them with ArgumentParser.
    static func command(_ arguments: [String]) -> (any OrgCommand)? {
        guard let name = arguments.first else { return nil }
        let rest = arguments.dropFirst()
        let parsed: (any OrgCommand)? = switch name {
        case "chain": chain(rest)
        case "compare": compare(rest)
        case "who-reports-to": whoReportsTo(rest)
        case "find": find(rest)
        case "add" where rest.first == "role": addRole(rest.dropFirst())
        default: nil
        }
        // A line that would not validate is left to ArgumentParser, which says why.
        guard var command = parsed, (try? command.validate()) != nil else { return nil }
        return command
    }

    private static func chain(_ arguments: ArraySlice<String>) -> Chain? {
        guard let line = Line(arguments, options: []), line.values.count == 1 else { return nil }
        var command = Chain()
        command.database = line.readOptions
        command.output = line.outputOptions
        command.key = line.values[0]
        return command
    }

    private static func compare(_ arguments: ArraySlice<String>) -> Compare? {
        guard let line = Line(arguments, options: []), line.values.count == 2 else { return nil }
        var command = Compare()
        command.database = line.readOptions
        command.output = line.outputOptions
        command.first = line.values[0]
        command.second = line.values[1]
        return command
    }

    private static func whoReportsTo(_ arguments: ArraySlice<String>) -> WhoReportsTo? {
        guard let line = Line(arguments, options: [], flags: ["--all", "--dotted", "--count"]),
              line.values.count == 1 else { return nil }
        var command = WhoReportsTo()
        command.database = line.readOptions
        command.output = line.outputOptions
        command.key = line.values[0]
        command.all = line.has("--all")
        command.depth = nil
        command.dotted = line.has("--dotted")
        command.count = line.has("--count")
        return command
    }

    private static func find(_ arguments: ArraySlice<String>) -> Find? {
        guard let line = Line(arguments, options: ["--limit"]), line.values.count == 1 else { return nil }
        var command = Find()
        command.database = line.readOptions
        command.output = line.outputOptions
        command.text = line.values[0]
        if let limit = line["--limit"] {
            guard let number = Int(argument: limit) else { return nil }
            command.limit = number
        } else {
            command.limit = 20
        }
        return command
    }

    private static func addRole(_ arguments: ArraySlice<String>) -> Add.AddRole? {
        guard let line = Line(arguments, options: ["--title", "--holder", "--reports-to", "--unit", "--assistant-to"]),
              line.values.count == 1, let title = line["--title"] else { return nil }
        var database = WriteOptions()
        database.database = line.databaseOptions
        database.effective = nil
        var salary = SalaryOptions()
        salary.salary = nil
        salary.currency = nil
        var command = Add.AddRole()
        command.database = database
        command.output = line.outputOptions
        command.key = line.values[0]
        command.title = title
        command.holder = line["--holder"]
        command.reportsTo = line["--reports-to"]
        command.unit = line["--unit"]
        command.grade = nil
        command.salary = salary
        command.rung = nil
        command.assistantTo = line["--assistant-to"]
        return command
    }

    /// A command line's values, options and flags, read as ArgumentParser
    /// would read a line that uses only these; nil for any other line.
    /// Arrays, not sets or dictionaries: a line holds a handful of words,
    /// and the first use of a hashed collection's type costs the runtime a
    /// search of the conformances.
    private struct Line {
        var values: [String] = []
        private var given: [(option: String, value: String)] = []
        private var setFlags: [String] = []

        /// `options` take a value; `flags` (and `--json`) take none; `--db` is always accepted.
        init?(_ arguments: ArraySlice<String>, options known: [String], flags knownFlags: [String] = []) {
            var rest = arguments
            while let argument = rest.popFirst() {
                guard argument.hasPrefix("-") else {
                    values.append(argument)
                    continue
                }
                if argument == "--json" || knownFlags.contains(argument) {
                    guard !setFlags.contains(argument) else { return nil }
                    setFlags.append(argument)
                } else if argument == "--db" || known.contains(argument) {
                    // An empty --db, or a value ArgumentParser might read as an option, is its to judge.
                    guard let value = rest.popFirst(), !value.hasPrefix("-"), self[argument] == nil,
                          argument != "--db" || !value.isEmpty else { return nil }
                    given.append((argument, value))
                } else {
                    return nil
                }
            }
        }

        /// The value given to `option`, if any.
        subscript(option: String) -> String? {
            given.first { $0.option == option }?.value
        }

        /// Whether `flag` was given.
        func has(_ flag: String) -> Bool { setFlags.contains(flag) }

        var databaseOptions: DatabaseOptions {
            var database = DatabaseOptions()
            database.explicitPath = self["--db"]
            return database
        }

        var readOptions: ReadOptions {
            var read = ReadOptions()
            read.database = databaseOptions
            read.asOf = nil
            return read
        }

        var outputOptions: OutputOptions {
            var output = OutputOptions()
            output.json = has("--json")
            return output
        }
    }
}
