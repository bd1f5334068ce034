/// An amount of one currency, held in minor units (hundredths) so that sums are
/// exact. Different currencies are never added together.
public struct Money: Sendable, Equatable, Codable {
    /// The amount in hundredths of the currency unit.
    public let minorUnits: Int64
    /// The ISO 4217 code, such as `GBP`.
    public let currency: String

    /// An amount already in hundredths, such as `5_163_850` for 51638.50; `currency` is used as given.
    public init(minorUnits: Int64, currency: String) {
        self.minorUnits = minorUnits
        self.currency = currency
    }

    /// Parses an amount such as `51638` or `51638.50` and a three-letter code.
    public init(amount: String, currency: String) throws(OrgError) {
        let code = currency.uppercased()
        guard code.utf8.count == 3, code.utf8.allSatisfy({ $0 >= 65 && $0 <= 90 }) else {
            throw .invalidValue(field: "currency", value: currency,
                                hint: "use a three-letter ISO 4217 code such as GBP, EUR or USD")
        }
        let parts = amount.split(separator: ".", omittingEmptySubsequences: false)
        let units = parts.first.map(String.init) ?? ""
        let cents = parts.count == 2 ? String(parts[1]) : ""
        guard parts.count <= 2, !units.isEmpty, units.utf8.count <= 15, cents.utf8.count <= 2,
              (units + cents).utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }),
              let whole = Int64(units)
        else {
            throw .invalidValue(field: "salary", value: amount,
                                hint: "give a non-negative amount with at most two decimals, such as 51638 or 51638.50")
        }
        let fraction = Int64(cents.padding(toLength: 2)) ?? 0
        self.init(minorUnits: whole * 100 + fraction, currency: code)
    }

    /// The amount as a decimal string: `51638.50`, or `51638` when whole.
    public var amount: String {
        let whole = minorUnits / 100, cents = minorUnits % 100
        return cents == 0 ? "\(whole)" : "\(whole)." + (cents < 10 ? "0\(cents)" : "\(cents)")
    }
}

extension String {
    fileprivate func padding(toLength length: Int) -> String {
        self + String(repeating: "0", count: max(0, length - count))
    }
}
