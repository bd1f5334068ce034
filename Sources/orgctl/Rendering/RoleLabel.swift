/// A role as people read it next to its key: `E1024 (Ayşe Yılmaz)`, or
/// `REQ-301 (vacant)` when nobody holds it.
func roleLabel(key: String, holder: String?) -> String {
    "\(key) (\(holder ?? "vacant"))"
}
