import Testing
@testable import OrgModel

/// The folding every search uses: case, accents and apostrophes do not count.
@Suite struct SearchFoldingTests {
    @Test(arguments: [
        ("Renée Lévesque", ["renee", "levesque"]),
        ("Dominika Černá", ["dominika", "cerna"]),
        ("Siobhán O'Connor", ["siobhan", "oconnor"]),
        ("Siobhán O\u{2019}Connor", ["siobhan", "oconnor"]),
        ("Mikaël Søndergaard", ["mikael", "sondergaard"]),
        ("Nuño Peña", ["nuno", "pena"]),
        ("Ayşe Yılmaz", ["ayse", "yilmaz"]),
        ("Małgorzata Nowak", ["malgorzata", "nowak"]),
        ("Jürgen Weiß", ["jurgen", "weiss"]),
        ("Đorđe Petrović", ["dorde", "petrovic"]),
        ("Anne-Marie St. John", ["anne", "marie", "st", "john"]),
        ("D'Arcy St.John", ["darcy", "stjohn"]),
        ("  PMO   Director (Interim) ", ["pmo", "director", "interim"]),
        ("E1033", ["e1033"]),
        ("Rene\u{301}e", ["renee"]),  // decomposed input folds the same
        ("", []),
        ("Ana 😀 Lee", ["ana", "😀", "lee"]),
    ])
    func foldsNames(_ name: String, _ words: [String]) {
        #expect(SearchFolding.words(name) == words)
    }

    /// The plain-ASCII fast path and the Unicode path agree.
    @Test func asciiAndUnicodePathsAgree() {
        for text in ["O'Connor-Smith, Jr.", "de Vries", "A.B.C d`e"] {
            #expect(SearchFolding.words(text + " é") == SearchFolding.words(text) + ["e"])
        }
    }
}
