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
    @Option(help: ArgumentHelp("The file's format: csv, json, ldif, graph, scim or google (default: recognised from the content).",
                               valueName: "name"))
    var format: SourceFormat?
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
extension SourceFormat: ExpressibleByArgument {}

extension SourceReadingOptions {
    /// The format of `files`: as `--format` says, or recognised from the first one's content.
    func format(of files: [String], firstBytes: [UInt8]) -> SourceFormat {
        if let format { return format }
        let recognised = SourceFormat.recognised(firstBytes)
        // A file named .json that is no directory listing is read as a chart, whose reader says what is wrong.
        if recognised == .csv, files.first?.lowercased().hasSuffix(".json") == true { return .json }
        return recognised
    }

    /// The roles of directory exports (LDIF, Graph, SCIM, Google): several
    /// files, such as a listing's pages, read as one.
    func directorySource(_ files: [String], first: [UInt8], format: SourceFormat, options: ImportOptions) throws -> ImportSource {
        var contents = [(name: files[0], bytes: first)]
        for file in files.dropFirst() { contents.append((file, try Descriptor.readAll(file))) }
        return try ImportSource.directory(contents, format: format, options: options)
    }
}
extension ImportPreset: ExpressibleByArgument {}
