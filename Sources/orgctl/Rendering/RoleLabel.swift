/// A role as people read it in a sentence: its key, then its holder, or
/// "vacant", in brackets: `E1034 (Mikaël Søndergaard)`, `E1013 (vacant)`.
func roleLabel(key: String, holder: String?) -> String {
    "\(key) (\(holder ?? "vacant"))"
}
