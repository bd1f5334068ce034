import Foundation
import Testing

/// Parsing and checking `--json` output with JSONSerialization.
enum JSONObject {
    /// The keys every role object carries.
    static let roleKeys = ["key", "title", "holder", "reportsTo", "unit"]

    /// Parses one JSON object (the whole of standard output).
    static func parse(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let value = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [])
        return try #require(value as? [String: Any], "not a JSON object: \(text)", sourceLocation: sourceLocation)
    }

    /// Checks that `value` is a role object with the common keys (and `depth`
    /// when `withDepth`), returning it.
    @discardableResult
    static func role(_ value: Any?, withDepth: Bool = true,
                     sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let object = try #require(value as? [String: Any], "not a role object: \(String(describing: value))",
                                  sourceLocation: sourceLocation)
        for key in roleKeys + (withDepth ? ["depth"] : []) {
            #expect(object.keys.contains(key), "role object lacks '\(key)': \(object)", sourceLocation: sourceLocation)
        }
        return object
    }

    /// An array of role objects.
    static func roles(_ value: Any?, withDepth: Bool = true,
                      sourceLocation: SourceLocation = #_sourceLocation) throws -> [[String: Any]] {
        let array = try #require(value as? [Any], "not an array: \(String(describing: value))", sourceLocation: sourceLocation)
        return try array.map { try role($0, withDepth: withDepth, sourceLocation: sourceLocation) }
    }

    /// The keys of an array of role objects, in order.
    static func keys(_ roles: [[String: Any]]) -> [String] { roles.map { $0["key"] as? String ?? "?" } }

    /// True when the field is JSON null.
    static func isNull(_ value: Any?) -> Bool { value is NSNull }
}
