import HTTPTypes
import Hummingbird

/// The page's files, embedded in the binary. Only these paths are served: a
/// request's path is looked up in these tables, never read from disk.
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

    /// The page's script modules, served at `/js/NAME` (`app.js` imports them), by name.
    static let modules: [String: Asset] = [
        "api.js": Asset(bytes: PackageResources.api_js, contentType: "text/javascript; charset=utf-8"),
        "chart.js": Asset(bytes: PackageResources.chart_js, contentType: "text/javascript; charset=utf-8"),
        "dom.js": Asset(bytes: PackageResources.dom_js, contentType: "text/javascript; charset=utf-8"),
        "dotted.js": Asset(bytes: PackageResources.dotted_js, contentType: "text/javascript; charset=utf-8"),
        "editing.js": Asset(bytes: PackageResources.editing_js, contentType: "text/javascript; charset=utf-8"),
        "history.js": Asset(bytes: PackageResources.history_js, contentType: "text/javascript; charset=utf-8"),
        "layout.js": Asset(bytes: PackageResources.layout_js, contentType: "text/javascript; charset=utf-8"),
        "live.js": Asset(bytes: PackageResources.live_js, contentType: "text/javascript; charset=utf-8"),
        "panel.js": Asset(bytes: PackageResources.panel_js, contentType: "text/javascript; charset=utf-8"),
        "pmo.js": Asset(bytes: PackageResources.pmo_js, contentType: "text/javascript; charset=utf-8"),
        "render.js": Asset(bytes: PackageResources.render_js, contentType: "text/javascript; charset=utf-8"),
        "search.js": Asset(bytes: PackageResources.search_js, contentType: "text/javascript; charset=utf-8"),
        "session.js": Asset(bytes: PackageResources.session_js, contentType: "text/javascript; charset=utf-8"),
        "state.js": Asset(bytes: PackageResources.state_js, contentType: "text/javascript; charset=utf-8"),
        "view.js": Asset(bytes: PackageResources.view_js, contentType: "text/javascript; charset=utf-8"),
    ]

    static let contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'"

    static func response(for path: String) -> Response? {
        table[path].map(response)
    }

    /// The module `name` (as `/js/NAME` asks for it), or nil when there is none.
    static func response(forModule name: String) -> Response? {
        modules[name].map(response)
    }

    private static func response(_ asset: Asset) -> Response {
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
