import ArgumentParser

/// ArgumentParser's usage errors folded into the one line people and scripts
/// expect on stderr, with a pointer to the command's help.
enum UsageMessage {
    static func oneLine(_ message: String, arguments: [String]) -> String {
        let lines = message.split(separator: "\n").map { $0.trimmingCharacters() }.filter { !$0.isEmpty }
        guard var text = lines.first else { return "invalid command line; see 'orgctl --help'" }
        if text.hasPrefix("Error: ") { text.removeFirst("Error: ".count) }
        let choices = lines.dropFirst().filter { $0.hasPrefix("- ") }.map { $0.dropFirst(2) }
        if !choices.isEmpty {
            var stem = Substring(text.replacingSuffix("Please provide one of the following:", with: ""))
            while stem.last == " " || stem.last == "." { stem.removeLast() }
            text = stem + "; use one of: " + choices.joined(separator: ", ")
        }
        return text + " (see '\((["orgctl"] + commandPath(arguments)).joined(separator: " ")) --help')"
    }

    /// The leading arguments that name a command and its subcommand: only
    /// real command names, so a stray value is never echoed as if it were one.
    static func commandPath(_ arguments: [String]) -> [String] {
        var command: any ParsableCommand.Type = Orgctl.self
        var path: [String] = []
        for argument in arguments {
            guard let next = command.configuration.subcommands.first(where: { $0._commandName == argument }) else { break }
            path.append(argument)
            command = next
        }
        return path
    }
}

extension Substring {
    fileprivate func trimmingCharacters() -> String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}

extension String {
    fileprivate func replacingSuffix(_ suffix: String, with replacement: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) + replacement : self
    }
}
