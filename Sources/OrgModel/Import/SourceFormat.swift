/// The kinds of file an import or sync reads, recognised from their content.
public enum SourceFormat: String, Sendable, CaseIterable {
    /// CSV with a header row.
    case csv
    /// The JSON document the chart's JSON export writes.
    case json
    /// LDIF, as LDAP tools print directory entries.
    case ldif
    /// Microsoft Graph users (Entra ID): `{"value": [...]}`, one page a file.
    case graph
    /// A SCIM 2.0 ListResponse of users.
    case scim
    /// Google Workspace directory users: `{"users": [...]}`.
    case google

    /// True for the directory formats, whose people name their managers by
    /// reference and whose several files (pages) are read as one.
    public var isDirectory: Bool { ![.csv, .json].contains(self) }

    /// The format of `bytes`: JSON by its top-level members (`format` for a
    /// chart, `value` for Graph, `Resources` or `schemas` for SCIM, `users`
    /// for Google), LDIF when its first record begins `dn:` or `version:`,
    /// CSV otherwise.
    public static func recognised(_ bytes: [UInt8]) -> SourceFormat {
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            // UTF-16 (ldifde's Unicode output, Excel's Unicode text): decode a little to look.
            let sample = (try? TextDecoding.utf8(Array(bytes.prefix(4096 & ~1)), encoding: nil, file: "")) ?? []
            return sample.isEmpty ? .csv : recognised(sample)
        }
        // Skip blank lines and LDIF comments.
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                index += 1
            } else if byte == UInt8(ascii: "#") {
                while index < bytes.count, bytes[index] != 0x0A { index += 1 }
            } else {
                break
            }
        }
        guard index < bytes.count else { return .csv }
        if bytes[index] == UInt8(ascii: "{") {
            let parsed: JSONValue
            do { parsed = try JSONValue.parse(bytes) } catch { return .json }
            guard case .object(let top) = parsed else { return .json }
            var names = Set<String>()
            for member in top.members { names.insert(member.name) }
            if names.contains("format") { return .json }
            if names.contains("value") { return .graph }
            if names.contains("Resources") || names.contains("schemas") { return .scim }
            if names.contains("users") { return .google }
            return .json
        }
        let head = bytes[index..<min(bytes.count, index + 8)].map { $0 | 0x20 }
        if head.starts(with: Array("dn:".utf8)) || head.starts(with: Array("version:".utf8)) { return .ldif }
        return .csv
    }
}

extension ImportSource {
    /// Roles from the directory files `files` (name and bytes), in `format`
    /// (recognised from the first file's content when nil): several files,
    /// such as the pages of a Graph listing, are read as one, so that a
    /// manager on one page is found from a report on another. Lines in later
    /// messages about the records count on through the files;
    /// ``located(_:)`` turns them back into a file and its line.
    public static func directory(_ files: [(name: String, bytes: [UInt8])], format: SourceFormat? = nil,
                                 options: ImportOptions = ImportOptions()) throws(OrgError) -> ImportSource {
        let format = format ?? files.first.map { SourceFormat.recognised($0.bytes) } ?? .ldif
        let mapping: DirectoryMapping = switch format {
        case .graph: graphMapping
        case .scim: scimMapping
        case .google: googleMapping
        default: ldifMapping
        }
        let keeping = attributesRead(by: mapping, options: options)
        var entries: [DirectoryEntry] = []
        var segments: [(file: String, start: Int)] = []
        var offset = 0
        for (name, raw) in files {
            let bytes = try TextDecoding.utf8(raw, encoding: options.encoding, file: name)
            segments.append((name, offset))
            let read: [DirectoryEntry]
            switch format {
            case .ldif: read = try ldifEntries(bytes, file: name, keeping: keeping)
            case .graph: read = try graphEntries(bytes, file: name)
            case .scim: read = try scimEntries(bytes, file: name)
            case .google: read = try googleEntries(bytes, file: name)
            case .csv, .json:
                throw .importFailed(file: name, line: 1, column: nil,
                                    message: "\(format.rawValue) is not a directory format; read it as one file of its own")
            }
            entries += read.map { entry in
                var entry = entry
                entry.offset = offset
                return entry
            }
            offset += bytes.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
        }
        let name = files.map(\.name).joined(separator: ", ")
        var source: ImportSource
        do {
            source = try directory(entries, mapping: mapping, file: name, options: options)
        } catch {
            throw relocated(error, name, segments)
        }
        source.segments = segments
        return source
    }

    /// The attributes (loose names) that `mapping`, with the caller's maps,
    /// reads; nil, keeping every attribute, when the maps are refused (the
    /// refusal then comes from reading the records, as it always has).
    private static func attributesRead(by mapping: DirectoryMapping, options: ImportOptions) -> Set<String>? {
        let loose = ColumnResolver<RoleField>.loose
        guard let mapping = try? mapping.overridden(by: options.columnMap, file: "") else { return nil }
        var names = Set(mapping.fields.flatMap { $0.1.joined() })
        if let assistants = mapping.assistants { names.insert(loose(assistants)) }
        // A map naming an attribute no entry has is refused: the entries must show it.
        for source in options.columnMap.keys {
            for part in source.split(separator: "+") { names.insert(loose(String(part).trimmingSpaces())) }
        }
        return names
    }

    /// `error` with a line that counts on through several files turned
    /// back into the file and its own line.
    public func located(_ error: OrgError) -> OrgError {
        Self.relocated(error, rolesFile, segments)
    }

    private static func relocated(_ error: OrgError, _ combined: String, _ segments: [(file: String, start: Int)]) -> OrgError {
        guard segments.count > 1 else { return error }
        func place(_ file: String, _ line: Int) -> (String, Int) {
            guard let segment = segments.last(where: { $0.start < line }) else { return (file, line) }
            return (segment.file, line - segment.start)
        }
        switch error {
        case let .importFailed(file, line, column, message):
            // Entries already name their own file; only the combined name needs placing.
            guard file == combined else { return error }
            let (name, own) = place(file, line)
            return .importFailed(file: name, line: own, column: column, message: message)
        case let .importRefused(file, line, column, problem) where file == combined:
            let (name, own) = place(file, line)
            return .importRefused(file: name, line: own, column: column, problem: problem)
        default:
            return error
        }
    }
}
