extension Role {
    /// How ``OrgDatabase/find(_:limit:)`` could match this role for `text`,
    /// judged from the role's own key, holder and title with the search's
    /// folding; nil when `find` could not list it. A client that keeps
    /// search answers uses it to know which ones a changed role may enter.
    ///
    /// ```swift
    /// role.searchMatch(for: "renee")   // .name for Renée Dubois
    /// ```
    public func searchMatch(for text: String) -> SearchMatch? {
        PreparedSearch(text).match(SearchTerms(self))
    }
}

/// A search's text folded once, to judge many roles by the rule of
/// ``Role/searchMatch(for:)`` without folding the text again for each.
///
/// ```swift
/// let search = PreparedSearch("renee")
/// search.match(SearchTerms(role))   // .name for Renée Dubois
/// ```
public struct PreparedSearch: Sendable, Equatable {
    /// The text as typed, trimmed and in lower case: compared with keys.
    private let typed: String
    /// The folded words that count (as many as `find` reads).
    private let words: [String]

    /// Folds `text` as ``OrgDatabase/find(_:limit:)`` does.
    public init(_ text: String) {
        typed = text.trimmingSpaces().lowercased()
        words = Array(SearchFolding.words(text).prefix(OrgDatabase.searchWordLimit))
    }

    /// How `find` could match the role whose folded fields are `terms`;
    /// nil when it could not list it. Equal to `role.searchMatch(for: text)`.
    public func match(_ terms: SearchTerms) -> SearchMatch? {
        if !typed.isEmpty && terms.key == typed { return .key }
        if let match = SearchMatch.judging(words, nameWords: terms.nameWords, titleWords: terms.titleWords) { return match }
        if !typed.isEmpty && terms.key.hasPrefix(typed) { return .keyPrefix }
        return nil
    }

    /// True when `find` may list a role whose fields were `before` and are
    /// now `after` where it did not: it matches now and did not, or by
    /// another kind of match, or by other words of those that place it among
    /// its kind's matches (the name's for a name, the name's and the title's
    /// for a title, the key's for a key). A role no longer found changes only
    /// the answers that listed it.
    public func placesDifferently(_ before: SearchTerms, _ after: SearchTerms) -> Bool {
        guard let now = match(after) else { return false }
        guard match(before) == now else { return true }
        switch now {
        case .key, .keyPrefix: return before.key != after.key
        case .wholeName, .name: return before.nameWords != after.nameWords
        case .title: return before.nameWords != after.nameWords || before.titleWords != after.titleWords
        }
    }
}

/// A role's key, holder and title folded once, as the search index holds
/// them: judged by many ``PreparedSearch``es without folding again. Two
/// images of a role with equal terms are found by every search alike, in
/// the same place among its matches.
public struct SearchTerms: Sendable, Equatable {
    /// The key in lower case.
    fileprivate let key: String
    /// The holder's folded words.
    fileprivate let nameWords: [String]
    /// The title's folded words.
    fileprivate let titleWords: [String]

    /// Folds `role`'s key, holder and title.
    public init(_ role: Role) {
        key = role.key.lowercased()
        nameWords = role.holder.map(SearchFolding.words) ?? []
        titleWords = SearchFolding.words(role.title)
    }
}

extension SearchMatch {
    /// How the folded `words` match a name and a title, as the index would
    /// answer: the one rule for rows the index holds and rows it has yet to fold.
    static func judging(_ words: [String], name: String?, title: String?) -> SearchMatch? {
        guard !words.isEmpty else { return nil }
        return judging(words, nameWords: name.map(SearchFolding.words) ?? [], titleWords: title.map(SearchFolding.words) ?? [])
    }

    /// The rule of ``judging(_:name:title:)`` over words already folded.
    static func judging(_ words: [String], nameWords: [String], titleWords: [String]) -> SearchMatch? {
        guard !words.isEmpty else { return nil }
        func begins(_ candidates: [String]) -> Bool {
            words.allSatisfy { word in candidates.contains { $0.hasPrefix(word) } }
        }
        if !nameWords.isEmpty && nameWords == words { return .wholeName }
        if begins(nameWords) { return .name }
        if begins(nameWords + titleWords) { return .title }
        return nil
    }
}
