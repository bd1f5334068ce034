import ArgumentParser
import OrgModel

/// The everyday point commands in their plain forms (`chain KEY`, `compare A
/// B`, `who-reports-to KEY`, `find TEXT`, `add role KEY --title T …`, `move
/// KEY --to MANAGER`, `set role KEY --holder NAME …`, each with `--db PATH`
/// and `--json`), read by hand on orgctl's start path.
///
/// ArgumentParser builds each command's argument set by reflection, and
/// each generic type it meets costs the runtime a search of every protocol
/// conformance in the executable: at a million roles that was more than the
/// query. Here the line becomes a ``PointCommand`` of plain values, which
/// runs the command's own code without making the command's ArgumentParser
/// type at all. PointCommandLineTests hold each to the command ArgumentParser
/// gives for the same line, field by field and by what it writes. Anything
/// else (another option, `--name=value`, a value starting with '-', a
/// repeated option, a line that would not validate) gives nil, and the line
/// goes to ArgumentParser, so help, completions and every error are its own.
enum PointCommandLine {
    /// The command `arguments` name, or nil to parse them with ArgumentParser.
    static func command(_ arguments: [String]) -> PointCommand? {
        guard let name = arguments.first else { return nil }
        let rest = arguments.dropFirst()
        return switch name {
        case "chain": chain(rest)
        case "compare": compare(rest)
        case "who-reports-to": whoReportsTo(rest)
        case "find": find(rest)
        case "add" where rest.first == "role": addRole(rest.dropFirst())
        case "move": move(rest)
        case "set" where rest.first == "role": setRole(rest.dropFirst())
        default: nil
        }
    }

    private static func chain(_ arguments: ArraySlice<String>) -> PointCommand? {
        guard let line = Line(arguments, options: []), line.values.count == 1 else { return nil }
        return .chain(key: line.values[0], database: line.location, json: line.has("--json"))
    }

    private static func compare(_ arguments: ArraySlice<String>) -> PointCommand? {
        guard let line = Line(arguments, options: []), line.values.count == 2 else { return nil }
        return .compare(first: line.values[0], second: line.values[1], database: line.location, json: line.has("--json"))
    }

    private static func whoReportsTo(_ arguments: ArraySlice<String>) -> PointCommand? {
        guard let line = Line(arguments, options: [], flags: ["--all", "--dotted", "--count"]),
              line.values.count == 1 else { return nil }
        // WhoReportsTo.validate refuses a count of dotted lines: ArgumentParser says so.
        guard !(line.has("--count") && line.has("--dotted")) else { return nil }
        return .whoReportsTo(key: line.values[0], database: line.location, all: line.has("--all"),
                             dotted: line.has("--dotted"), count: line.has("--count"), json: line.has("--json"))
    }

    private static func find(_ arguments: ArraySlice<String>) -> PointCommand? {
        guard let line = Line(arguments, options: ["--limit"]), line.values.count == 1 else { return nil }
        var limit = 20
        if let given = line["--limit"] {
            // A count that is no number, or below one (Find.validate), is ArgumentParser's to report.
            guard let number = Int(argument: given), number >= 1 else { return nil }
            limit = number
        }
        return .find(text: line.values[0], limit: limit, database: line.location, json: line.has("--json"))
    }

    private static func addRole(_ arguments: ArraySlice<String>) -> PointCommand? {
        guard let line = Line(arguments, options: ["--title", "--holder", "--reports-to", "--unit", "--assistant-to"]),
              line.values.count == 1, let title = line["--title"] else { return nil }
        let draft = RoleDraft(key: line.values[0], title: title, holder: line["--holder"], reportsTo: line["--reports-to"],
                              unit: line["--unit"], grade: nil, salary: nil, rung: nil, assistantTo: line["--assistant-to"])
        return .addRole(draft, database: line.location, json: line.has("--json"))
    }

    private static func move(_ arguments: ArraySlice<String>) -> PointCommand? {
        guard let line = Line(arguments, options: ["--to"], flags: ["--to-root"]), line.values.count == 1 else { return nil }
        // Move.validate wants exactly one of the two: ArgumentParser says so.
        guard (line["--to"] == nil) == line.has("--to-root") else { return nil }
        return .move(key: line.values[0], to: line["--to"], database: line.location, json: line.has("--json"))
    }

    private static func setRole(_ arguments: ArraySlice<String>) -> PointCommand? {
        guard let line = Line(arguments, options: ["--title", "--holder", "--unit"], flags: ["--vacate", "--no-unit"]),
              line.values.count == 1 else { return nil }
        // What SetRole.validate refuses (both of a pair, or nothing to change) is ArgumentParser's to say.
        let vacate = line.has("--vacate"), noUnit = line.has("--no-unit")
        guard !(vacate && line["--holder"] != nil), !(noUnit && line["--unit"] != nil),
              line["--title"] != nil || line["--holder"] != nil || vacate || line["--unit"] != nil || noUnit else { return nil }
        let changes = RoleChanges(title: line["--title"], holder: vacate ? .vacate : line["--holder"].map { .holder($0) },
                                  unit: line["--unit"], clearing: noUnit ? [.unit] : [])
        return .setRole(key: line.values[0], changes: changes, database: line.location, json: line.has("--json"))
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

        /// `--db` as given (an empty one never gets here).
        var location: DatabaseLocation { DatabaseLocation(explicitPath: self["--db"]) }
    }
}
