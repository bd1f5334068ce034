import ArgumentParser
import OrgModel

/// `orgctl print tree`.
struct Print: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "print",
        abstract: "Print the organisation chart.",
        subcommands: [Tree.self])
}

extension Print {
    /// `orgctl print tree [--root KEY] [--depth N] [--dotted]`.
    struct Tree: OrgCommand, Exemplified {
        static let configuration = CommandConfiguration(
            commandName: "tree",
            abstract: "Print the chart as an indented tree: key, title, holder (or vacant) and PMO.")
        static let example = """
              orgctl print tree
              orgctl print tree --root it --depth 2 --dotted
            """

        @OptionGroup var database: ReadOptions
        @OptionGroup var output: OutputOptions
        @Option(help: ArgumentHelp("Start at this role (or unit's head) instead of every root.", valueName: "key"))
        var root: String?
        @Option(help: ArgumentHelp("How many levels below the top to show.", valueName: "n")) var depth: Int?
        @Flag(help: "Also show dotted-line reports under their dotted manager.") var dotted = false

        func validate() throws {
            if let depth, depth < 0 { throw ValidationError("--depth must be 0 or more, not \(depth)") }
        }

        func run(writingTo out: OutputSink) throws {
            let org = try database.openForReading()
            var renderer = TreeRenderer()
            var first = true
            // Read once: an option group's value is not free, and this runs a million times.
            let json = output.json
            if json { out.write("{\"roles\":[") }
            try org.walkTree(root: root, maxDepth: depth, includeDotted: dotted) { node in
                if json {
                    out.write((first ? "" : ",") + JSON.role(node.role, depth: node.depth,
                                                                extra: [("line", .string(node.line.rawValue))]).text)
                } else {
                    out.line(renderer.line(for: node))
                }
                first = false
            }
            if json { out.line("]}") }
            if first && !json { out.line("The organisation is empty. Add a role with: orgctl add role KEY --title TITLE") }
        }
    }
}
