import ArgumentParser
import OrgModel

extension AccessLevel: ExpressibleByArgument {}

/// `orgctl token add|list|revoke`: who may use the chart through `orgctl serve`.
struct Token: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Make, list and revoke the access tokens 'orgctl serve' lets in.",
        discussion: "Only a digest of each secret is stored: the secret is shown once, by 'token add'.",
        subcommands: [TokenAdd.self, TokenList.self, TokenRevoke.self])
}

extension Token {
    /// `orgctl token add NAME --can read|edit [--branch KEY]`.
    struct TokenAdd: OrgCommand, Exemplified {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Make a token that may read or edit the chart, or one branch of it; prints its secret once.")
        static let example = """
              orgctl token add board --can read
              orgctl token add it-director --can edit --branch cio
            """

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: "A name for the token (who or what uses it), unique in the database.") var name: String
        @Option(help: ArgumentHelp("What the token allows: read, or edit (read and change).", valueName: "read|edit"))
        var can: AccessLevel
        @Option(help: ArgumentHelp("Limit the token to this role and everyone below it.", valueName: "key"))
        var branch: String?

        func run(writingTo out: OutputSink) throws {
            let org = try OrgDatabase(path: database.path, access: .write, creating: false, damageHint: database.damageHint)
            let secret = try org.addToken(name: name, level: can, branch: branch)
            let token = try org.tokens().first { $0.name == name }
            let names = try org.references(for: [token?.branch].compactMap { $0 })
            if output.json {
                out.line(JSON.object(TokenText.json(token, names: names) + [("secret", .string(secret))]).text)
                return
            }
            out.line(TerminalText.safe("Made token \(QuotedValue.quoted(name)): \(TokenText.scope(token, names: names))."))
            out.line("Its secret, shown only this once (open the page as http://HOST:PORT/#token=SECRET):")
            out.line(secret)
        }
    }

    /// `orgctl token list`.
    struct TokenList: OrgCommand, Exemplified {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List the tokens: name, what each allows, and when it was made (never the secrets).")
        static let example = """
              orgctl token list
              orgctl token list --json
            """

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions

        func run(writingTo out: OutputSink) throws {
            let org = try database.openLive()
            let tokens = try org.tokens()
            let names = try org.references(for: tokens.compactMap(\.branch))
            if output.json {
                out.line(JSON.object([
                    ("count", .int(tokens.count)),
                    ("tokens", .array(tokens.map { .object(TokenText.json($0, names: names)) })),
                ]).text)
                return
            }
            if tokens.isEmpty {
                out.line("No tokens yet; make one with 'orgctl token add NAME --can read'.")
                return
            }
            for token in tokens {
                out.line(TerminalText.safe("\(token.name)  \(TokenText.scope(token, names: names))  made \(token.created.readable)"))
            }
        }
    }

    /// `orgctl token revoke NAME`.
    struct TokenRevoke: OrgCommand, Exemplified {
        static let configuration = CommandConfiguration(
            commandName: "revoke",
            abstract: "Revoke a token: its secret lets nobody in from now on.")
        static let example = """
              orgctl token revoke board
            """

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: "The name of the token to revoke.") var name: String

        func run(writingTo out: OutputSink) throws {
            let org = try OrgDatabase(path: database.path, access: .write, creating: false, damageHint: database.damageHint)
            try org.revokeToken(name: name)
            if output.json {
                out.line(JSON.object([("revoked", .string(name))]).text)
                return
            }
            out.line(TerminalText.safe("Revoked token \(QuotedValue.quoted(name)): its secret no longer lets anyone in."))
        }
    }
}

/// How a token is described in text and JSON.
enum TokenText {
    /// `read, the whole chart` or `edit, the branch of cio (Chief Information Officer …)`.
    static func scope(_ token: AccessToken?, names: References) -> String {
        guard let token else { return "" }
        return token.level.rawValue + ", " + (token.branch.map { "the branch of " + names.label($0) } ?? "the whole chart")
    }

    static func json(_ token: AccessToken?, names: References) -> [(String, JSON)] {
        guard let token else { return [] }
        return [
            ("name", .string(token.name)),
            ("level", .string(token.level.rawValue)),
            ("branch", .optional(token.branch)),
            ("branchRef", .reference(token.branch, in: names)),
            ("created", .string(token.created.description)),
        ]
    }
}
