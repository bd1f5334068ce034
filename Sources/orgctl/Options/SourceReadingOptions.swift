import ArgumentParser
import OrgModel

/// How a CSV source's bytes are read: its encoding and its delimiter.
struct SourceReadingOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The file's encoding when it is not UTF-8 or UTF-16 with a BOM: windows-1252 or latin1.", valueName: "name"))
    var encoding: SourceEncoding?
    @Option(help: ArgumentHelp("The character between fields: ',', ';' or 'tab' (default: found from the header).", valueName: "char"))
    var delimiter: String?
    @Option(help: ArgumentHelp("Read the file as an HR system exports it: bamboohr, hibob, personio, workday or odoo; --map overrides it.",
                               valueName: "name"))
    var preset: ImportPreset?
    @Option(name: .customLong("default"), help: ArgumentHelp("A value for a field the file leaves out or empty (repeatable).", valueName: "FIELD=VALUE"))
    var defaults: [ColumnMapping] = []

    /// The delimiter as one ASCII character; nil to find it from the header.
    var delimiterCharacter: Character? {
        guard let delimiter else { return nil }
        return delimiter.lowercased() == "tab" || delimiter == "\\t" ? "\t" : delimiter.first
    }

    func validate() throws {
        for value in defaults where value.pair == nil {
            throw ValidationError("--default takes FIELD=VALUE, such as --default currency=USD; got '\(value.text)'")
        }
        if let delimiter, delimiterCharacter == "\t" || (delimiter.count == 1 && delimiter.first!.isASCII && delimiter != "\"") {
            return
        } else if let delimiter {
            throw ValidationError("--delimiter takes one character such as ';', or 'tab'; got '\(delimiter)'")
        }
    }

    /// `options` with this encoding and delimiter.
    func applied(to options: ImportOptions) -> ImportOptions {
        var options = options
        options.encoding = encoding
        options.delimiter = delimiterCharacter
        options.preset = preset
        for case let (field, value)? in defaults.map(\.pair) { options.defaults[field] = value }
        return options
    }
}

extension SourceEncoding: ExpressibleByArgument {}
extension ImportPreset: ExpressibleByArgument {}
