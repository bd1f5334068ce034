import OrgSQLite

/// The name index of the roles a bulk load put into an empty role table,
/// built in one pass instead of noting every role for ``SearchIndex``'s
/// refresh. A chart's names and titles repeat (a million roles hold a few
/// hundred holder names and titles, and a few hundred distinct words): each
/// distinct text is folded once, every role's terms are gathered by term in
/// memory, and each term's owners go in as one set-based statement, in the
/// index's own order. The refresh wrote every term to a temporary table and
/// sorted them all, about half of a million-role import's time.
///
/// The terms are those ``SearchIndex/terms(name:titleWords:)`` gives, so the
/// index holds what the refresh would have stored (`SearchIndexParityTests`).
enum SearchTermLoad {
    /// How many distinct terms are gathered in memory at most. A chart of
    /// mostly different names (a real directory's million whole names) would
    /// hold them all; past this the load gives up and the roles are left to
    /// the refresh, whose temporary table lives on disk.
    static let termLimit = 100_000

    /// How many distinct names and titles are kept folded at once.
    static let memoLimit = 100_000

    /// Each term's owners at most in one statement, bounding the text it binds.
    static let chunk = 50_000

    /// Every role, in storage order.
    static let rolesSQL = "SELECT id, holder, title FROM role"

    /// One term's owners (`owner * 4 + field`, ascending) as a JSON array.
    static let insertSQL = """
        INSERT OR IGNORE INTO search_term (term, owner, field) SELECT ?1, value >> 2, value & 3 FROM json_each(?2)
        """

    /// Above this many roles the owner index is built once at the end
    /// rather than kept up row by row.
    static let rebuildOwnerIndexAbove = 2_000

    /// Owners are kept as `id * 4 + field` in 32 bits, half the memory of
    /// 64 (4 million terms at a million roles); larger ids go to the refresh.
    static let idLimit: Int64 = 1 << 30

    /// Indexes every role's holder and title; returns false, having written
    /// nothing, when they hold more than `termLimit` distinct terms (or a
    /// role's id is past `idLimit`).
    static func build(on db: Connection, termLimit: Int = termLimit) throws -> Bool {
        var gathered = Gathered()
        var folded = Folded()
        var roles = 0
        var complete = true
        try db.statement(rolesSQL).scan { row in
            roles += 1
            let owner = row.int(0)
            guard owner > 0 && owner < idLimit else {
                complete = false
                return false
            }
            let name = row.isNull(1) ? nil : folded.name(row.text(1), into: &gathered)
            let title = folded.title(row.text(2), into: &gathered)
            // In each role's terms the fields ascend (names' words, title
            // words, the whole name), the primary key's order within a term.
            if let name { for term in name.words { gathered.add(term, owner: owner, field: .nameWord) } }
            for term in title { gathered.add(term, owner: owner, field: .titleWord) }
            if let whole = name?.whole { gathered.add(whole, owner: owner, field: .wholeName) }
            complete = gathered.terms.count <= termLimit
            return complete
        }
        guard complete else { return false }
        let ownerIndex = roles > rebuildOwnerIndexAbove
            ? try db.statement("SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = 'search_term_owner'").first([]) { $0.text(0) }
            : nil
        if ownerIndex != nil { try db.execute(script: "DROP INDEX search_term_owner") }
        let insert = try db.statement(insertSQL)
        var json: [UInt8] = []
        for number in gathered.termsInIndexOrder() {
            let owners = gathered.owners[number]
            var start = 0
            while start < owners.count {
                let end = min(start + chunk, owners.count)
                json.removeAll(keepingCapacity: true)
                JSONIntegers.append(owners[start..<end], to: &json)
                try gathered.terms[number].withUTF8 { term in
                    try json.withUnsafeBufferPointer { array in
                        try insert.bind(1, borrowing: term)
                        try insert.bind(2, borrowing: array)
                        try insert.runBound()
                    }
                }
                insert.clearBindings()
                start = end
            }
        }
        if let ownerIndex { try db.execute(script: ownerIndex) }
        return true
    }

    /// Terms numbered as met, with the owners of each as `owner * 4 + field`.
    private struct Gathered {
        var terms: [String] = []
        var numbers: [String: Int] = [:]
        var owners: [[UInt32]] = []

        mutating func number(of term: String) -> Int {
            if let known = numbers[term] { return known }
            numbers[term] = terms.count
            terms.append(term)
            owners.append([])
            return terms.count - 1
        }

        mutating func add(_ term: Int, owner: Int64, field: SearchIndex.Field) {
            owners[term].append(UInt32(owner << 2 | field.rawValue))
        }

        /// Term numbers in the order of SQLite's binary collation: by bytes.
        func termsInIndexOrder() -> [Int] {
            terms.indices.sorted { terms[$0].utf8.lexicographicallyPrecedes(terms[$1].utf8) }
        }
    }

    /// A name's folded words and whole form, as term numbers.
    private struct NameTerms {
        let words: [Int]
        let whole: Int?
    }

    /// Names and titles folded so far, as term numbers.
    private struct Folded {
        private var names: [String: NameTerms] = [:]
        private var titles: [String: [Int]] = [:]

        mutating func name(_ text: String, into gathered: inout Gathered) -> NameTerms {
            if let known = names[text] { return known }
            var words: [Int] = []
            var whole: Int? = nil
            for (term, field) in SearchIndex.terms(name: text, titleWords: nil) {
                if field == .wholeName { whole = gathered.number(of: term) } else { words.append(gathered.number(of: term)) }
            }
            let terms = NameTerms(words: words, whole: whole)
            if names.count < memoLimit { names[text] = terms }
            return terms
        }

        mutating func title(_ text: String, into gathered: inout Gathered) -> [Int] {
            if let known = titles[text] { return known }
            let terms = SearchFolding.words(text).map { gathered.number(of: $0) }
            if titles.count < memoLimit { titles[text] = terms }
            return terms
        }
    }
}

/// Integers written as a JSON array, for SQLite's `json_each`.
enum JSONIntegers {
    static func append(_ values: ArraySlice<UInt32>, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "["))
        var digits = [UInt8](repeating: 0, count: 10)
        for (position, value) in values.enumerated() {
            if position > 0 { bytes.append(UInt8(ascii: ",")) }
            var rest = value
            var count = 0
            repeat {
                digits[count] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                count += 1
            } while rest > 0
            for index in stride(from: count - 1, through: 0, by: -1) { bytes.append(digits[index]) }
        }
        bytes.append(UInt8(ascii: "]"))
    }
}
