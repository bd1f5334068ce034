import ArgumentParser
import OrgModel

extension UnitKind: ExpressibleByArgument {}
extension PMOType: ExpressibleByArgument {}
extension ExampleOrganisation: ExpressibleByArgument {}
extension Rung: ExpressibleByArgument {}

/// `--salary AMOUNT --currency CODE`, which only make sense together.
struct SalaryOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: ArgumentHelp("Yearly salary, such as 51638 or 51638.50; needs --currency.", valueName: "amount"))
    var salary: String?

    @Option(help: ArgumentHelp("ISO 4217 currency of the salary, such as GBP.", valueName: "code"))
    var currency: String?

    func validate() throws {
        if (salary == nil) != (currency == nil) {
            throw ValidationError("--salary and --currency go together: give both, such as --salary 51638 --currency GBP")
        }
    }

    /// The salary as money, when given.
    func money() throws -> Money? {
        guard let salary, let currency else { return nil }
        return try Money(amount: salary, currency: currency)
    }
}
