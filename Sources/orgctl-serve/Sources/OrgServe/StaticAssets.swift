import HTTPTypes
import Hummingbird

/// The page's three files, embedded in the binary. Only these paths are
/// served: a request's path is looked up in this table, never read from disk.
enum StaticAssets {
    struct Asset {
        let bytes: [UInt8]
        let contentType: String
    }

    static let table: [String: Asset] = [
        "/": Asset(bytes: PackageResources.index_html, contentType: "text/html; charset=utf-8"),
        "/app.js": Asset(bytes: PackageResources.app_js, contentType: "text/javascript; charset=utf-8"),
        "/app.css": Asset(bytes: PackageResources.app_css, contentType: "text/css; charset=utf-8"),
    ]

    static let contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'"

    static func response(for path: String) -> Response? {
        guard let asset = table[path] else { return nil }
        var headers = HTTPFields()
        headers[.contentType] = asset.contentType
        headers[.contentSecurityPolicy] = contentSecurityPolicy
        headers[.xContentTypeOptions] = "nosniff"
        headers[.referrerPolicy] = "no-referrer"
        headers[.cacheControl] = "no-cache"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: asset.bytes)))
    }
}

extension HTTPField.Name {
    /// `Referrer-Policy`, which HTTPTypes does not name.
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
}
