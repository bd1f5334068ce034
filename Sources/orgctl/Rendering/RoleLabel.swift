import OrgModel

/// How a role reads in text: `E1024 (Ayşe Yılmaz)`, or `REQ-301 (vacant)`.
func roleLabel(key: String, holder: String?) -> String {
    "\(key) (\(holder ?? "vacant"))"
}

/// How a unit reads in text: `pmo-it (IT Delivery PMO)`.
func unitLabel(key: String, name: String) -> String {
    "\(key) (\(name))"
}

extension References {
    /// `key (Holder)` for a role, `key (Name)` for a unit, or the key alone
    /// when it names neither.
    func label(_ key: String) -> String {
        if let role = role(key) { return roleLabel(key: key, holder: role.holder) }
        if let unit = unit(key) { return unitLabel(key: key, name: unit.name) }
        return key
    }

    /// `key (Holder)`, or the key alone when it names no role.
    func holderLabel(_ key: String) -> String {
        guard let role = role(key) else { return key }
        return roleLabel(key: key, holder: role.holder)
    }
}
