import Testing
@testable import OrgModel

@Suite("JSONValue")
struct JSONValueTests {
    private func parse(_ text: String) throws -> JSONValue { try JSONValue.parse(Array(text.utf8)) }

    private func failure(_ text: String) -> JSONValue.Failure? {
        do {
            _ = try JSONValue.parse(Array(text.utf8))
            return nil
        } catch {
            return error
        }
    }

    @Test("objects keep their fields in order; arrays, literals and nesting parse")
    func objectsAndArrays() throws {
        let value = try parse(#" { "b" : [1, true, false, null, "x"], "a": {"c": {}} , "d": [] } "#)
        #expect(value == .object([
            ("b", .array([.number(1), .bool(true), .bool(false), .null, .string("x")])),
            ("a", .object([("c", .object([]))])),
            ("d", .array([])),
        ]))
        #expect(value["a"]?["c"] == .object([]))
        #expect(value["missing"] == nil)
        #expect(JSONValue.array([]) ["a"] == nil)
    }

    @Test("string escapes, including \\u and surrogate pairs")
    func escapes() throws {
        let value = try parse(#"["\"\\\/\b\f\n\r\t", "\u00e9\u0041", "\ud83d\ude00", "é😀 raw"]"#)
        #expect(value == .array([
            .string("\"\\/\u{8}\u{C}\n\r\t"), .string("éA"), .string("😀"), .string("é😀 raw"),
        ]))
    }

    @Test("numbers", arguments: [("0", 0.0), ("-1", -1.0), ("3.25", 3.25), ("1e3", 1000.0), ("-2.5E-2", -0.025), ("51638", 51638.0)])
    func numbers(_ text: String, _ expected: Double) throws {
        #expect(try parse(text) == .number(expected))
        #expect(try parse("[\(text)]") == .array([.number(expected)]))
    }

    @Test("a byte-order mark is skipped")
    func bom() throws {
        #expect(try JSONValue.parse([0xEF, 0xBB, 0xBF] + Array("{}".utf8)) == .object([]))
    }

    @Test("nesting up to 64 deep is accepted; deeper is refused")
    func nestingLimit() throws {
        let ok = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect(throws: Never.self) { try parse(ok) }
        let deep = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        let error = failure(deep)
        #expect(error?.message.contains("nested too deeply") == true)
        let deeper = String(repeating: "{\"a\":", count: 200) + "1" + String(repeating: "}", count: 200)
        #expect(failure(deeper) != nil)
    }

    @Test("errors name the line they are on", arguments: [
        ("{\n\"a\": [1,\n2,,]}", 3),
        ("{\"a\": 1\n\n,}", 3),
        ("[\n\"open", 2),
        ("{\n\"a\" 1}", 2),
        ("[1]\n\nx", 3),
        ("\n\n[tru]", 3),
        ("[\"\\q\"]", 1),
        ("[\n\"\\u12\"]", 2),
        ("[\"\\ud83d\\u0041\"]", 1),
        ("[\"\\ud83d\"]", 1),
        ("", 1),
        ("[1 2]", 1),
        ("{1: 2}", 1),
    ])
    func errors(_ text: String, _ line: Int) {
        let error = failure(text)
        #expect(error != nil, "accepted \(text)")
        #expect(error?.line == line, "\(String(describing: error))")
    }

    @Test("a raw control character inside a string is refused")
    func rawControl() {
        #expect(failure("[\"a\nb\"]")?.message.contains("control character") == true)
        #expect(failure("[\"a\tb\"]") != nil)
    }

    @Test("numbers that RFC 8259 does not allow are refused", arguments: ["+1", "01", ".5", "1.", "-", "1e", "--1"])
    func strictNumbers(_ text: String) {
        #expect(failure(text) != nil, "accepted \(text)")
    }
}
