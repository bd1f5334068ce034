import Testing
@testable import OrgModel

/// `check` computed in a few passes finds exactly what the walk per role
/// found: the same findings, in the same order, word for word.
@Suite struct CheckParityTests {
    @Test(arguments: 1...24 as ClosedRange<UInt64>)
    func randomChartsHaveTheReferenceFindings(seed: UInt64) throws {
        let org = try randomChart(seed: seed)
        for limits in [CheckLimits(), CheckLimits(maxSpan: 3, maxDepth: 4)] {
            let expected = try org.referenceCheck(limits: limits)
            #expect(try org.check(limits: limits) == expected, "seed \(seed), span \(limits.maxSpan)")
        }
    }

    /// The random charts reach every rule, so the parity above means something.
    @Test func theRandomChartsBreakEveryRule() throws {
        var rules = Set<CheckRule>()
        for seed in 1...24 as ClosedRange<UInt64> {
            let org = try randomChart(seed: seed)
            rules.formUnion(try org.referenceCheck(limits: CheckLimits(maxSpan: 3, maxDepth: 4)).map(\.rule))
            rules.formUnion(try org.referenceCheck().map(\.rule))
        }
        #expect(rules == Set(CheckRule.allCases))
    }

    @Test func theExampleHasTheReferenceFindings() throws {
        let org = try exampleDatabase()
        #expect(try org.check() == (try org.referenceCheck()))
    }
}
