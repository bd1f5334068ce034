import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
@testable import OrgServe

/// The page's script modules: each served from the binary's fixed table,
/// every import the page makes answered, and nothing else readable.
@Suite struct PageModulesTests {
    static let assets = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Sources/OrgServe/Assets").standardized.path

    /// The modules `file` imports, by the name `/js/NAME` serves.
    static func imports(of file: String) throws -> [String] {
        let text = try String(contentsOfFile: assets + "/" + file, encoding: .utf8)
        let pattern = try NSRegularExpression(pattern: #"^import \{[^}]*\} from "\./(?:js/)?([a-z]+\.js)";$"#, options: .anchorsMatchLines)
        return pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).map {
            String(text[Range($0.range(at: 1), in: text)!])
        }
    }

    @Test func everyModuleInTheAssetsIsServedAndEveryImportIsOne() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.assets + "/js").filter { $0.hasSuffix(".js") }
        #expect(Set(files) == Set(StaticAssets.modules.keys))
        for file in ["app.js"] + files.map({ "js/" + $0 }) {
            for name in try Self.imports(of: file) {
                #expect(StaticAssets.modules[name] != nil, "\(file) imports \(name)")
            }
        }
        #expect(try Self.imports(of: "app.js").count >= 8)
        for (name, asset) in StaticAssets.modules {
            #expect(asset.bytes == Array(try Data(contentsOf: URL(fileURLWithPath: Self.assets + "/js/" + name))), "\(name)")
        }
    }

    @Test func modulesAreServedAsScriptsWithTheSecurityHeaders() async throws {
        let fixture = try ServeFixture()
        try await fixture.test { client in
            for name in StaticAssets.modules.keys.sorted() {
                let answer = try await client.call(.get, "/js/" + name, token: nil)
                #expect(answer.status == .ok, "\(name)")
                #expect(answer.headers[.contentType] == "text/javascript; charset=utf-8")
                #expect(answer.headers[.contentSecurityPolicy] == StaticAssets.contentSecurityPolicy)
                #expect(answer.headers[.xContentTypeOptions] == "nosniff")
            }
            let page = try await client.call(.get, "/", token: nil)
            #expect(page.text.contains(#"<script type="module" src="/app.js"></script>"#))
        }
    }

    @Test func nothingElseUnderJsCanBeRead() async throws {
        let fixture = try ServeFixture()
        try await fixture.test { client in
            for path in ["/js/", "/js/nothing.js", "/js/app.js", "/js/../app.js", "/js/%2e%2e%2fapp.js", "/js/..%2f..%2fPackage.swift",
                         "/js/api.js/../../etc/passwd", "/js/state", "/js/API.JS", "/Assets/js/api.js", "/api.js"] {
                let answer = try await client.call(.get, path, token: "read-secret")
                #expect(answer.status == .notFound, "\(path)")
                #expect(!answer.text.contains("export "), "\(path)")
                #expect(!answer.text.contains("root:"), "\(path)")
            }
        }
    }
}
