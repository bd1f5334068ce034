import OrgModel

/// How a unit reads on one line of text.
enum UnitText {
    /// `key  Name (directive PMO), headed by role`.
    static func line(_ unit: OrgUnit) -> String {
        let kind = unit.pmoType.map { "\($0.rawValue) PMO" } ?? unit.kind.rawValue
        var text = "\(unit.key)  \(unit.name) (\(kind))"
        if let parent = unit.parent { text += " in \(parent)" }
        text += unit.head.map { ", headed by \($0)" } ?? ", no head"
        return TerminalText.safe(text)
    }
}
