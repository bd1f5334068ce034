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
        let typed = text.trimmingSpaces()
        if !typed.isEmpty && key.lowercased() == typed.lowercased() { return .key }
        let words = Array(SearchFolding.words(text).prefix(OrgDatabase.searchWordLimit))
        if let match = SearchMatch.judging(words, name: holder, title: title) { return match }
        if !typed.isEmpty && key.lowercased().hasPrefix(typed.lowercased()) { return .keyPrefix }
        return nil
    }
}

extension SearchMatch {
    /// How the folded `words` match a name and a title, as the index would
    /// answer: the one rule for rows the index holds and rows it has yet to fold.
    static func judging(_ words: [String], name: String?, title: String?) -> SearchMatch? {
        guard !words.isEmpty else { return nil }
        let nameWords = name.map(SearchFolding.words) ?? []
        let titleWords = title.map(SearchFolding.words) ?? []
        func begins(_ candidates: [String]) -> Bool {
            words.allSatisfy { word in candidates.contains { $0.hasPrefix(word) } }
        }
        if !nameWords.isEmpty && nameWords == words { return .wholeName }
        if begins(nameWords) { return .name }
        if begins(nameWords + titleWords) { return .title }
        return nil
    }
}
