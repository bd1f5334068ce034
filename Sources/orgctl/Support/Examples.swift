import ArgumentParser

/// A command whose help ends with an example of its use.
protocol Exemplified {
    /// One or more command lines, each indented by two spaces.
    static var example: String { get }
}

enum Examples {
    /// The example for the command that `arguments` ask help for, found by
    /// following subcommand names from the root.
    static func forHelp(_ arguments: [String]) -> String? {
        var command: ParsableCommand.Type = Orgctl.self
        for word in arguments where !word.hasPrefix("-") && word != "help" {
            guard let next = command.configuration.subcommands.first(where: {
                $0._commandName == word || $0.configuration.aliases.contains(word)
            }) else { break }
            command = next
        }
        return (command as? Exemplified.Type)?.example
    }
}
