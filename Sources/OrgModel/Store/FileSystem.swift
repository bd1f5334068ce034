/// The few file-system facts the façade needs, without Foundation's start-up cost.
enum FileSystem {
    static func exists(_ path: String) -> Bool {
        Platform.exists(path)
    }

    /// True when the folder that would hold `path` exists.
    static func folderExists(of path: String) -> Bool {
        guard let slash = path.lastIndex(of: "/") else { return true }
        let folder = String(path[..<slash])
        return folder.isEmpty || Platform.exists(folder)
    }

    /// What a file that SQLite refused looks like, judged from its first bytes.
    static func problem(with path: String) -> OrgError.FileProblem {
        guard let head = Platform.head(of: path, count: 4096) else { return .notSQLite }
        guard !head.isEmpty else { return .emptyFile }
        if head.starts(with: Array("SQLite format 3\u{0}".utf8)) { return .damaged }
        // Text: valid UTF-8 with no control characters but tabs and line ends.
        // (A text file cut at 4096 bytes may end inside a character.)
        let decodable = String(validating: head, as: UTF8.self) != nil
            || String(validating: head.dropLast(3), as: UTF8.self) != nil
        let printable = head.allSatisfy { $0 >= 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        return decodable && printable ? .textFile : .notSQLite
    }
}
