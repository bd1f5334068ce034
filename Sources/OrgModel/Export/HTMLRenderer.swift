/// Wraps the SVG chart in one self-contained HTML5 page that works offline:
/// a search box that highlights matching roles and their chains to the top,
/// branches that fold when their manager is clicked, and pan and zoom. The
/// page loads nothing from the network.
///
/// Scripts can call `window.orgSearch(text)`, which highlights as typing
/// does and returns the number of matching roles. Opening the page as
/// `page.html#search=TEXT` (TEXT percent-encoded) runs that search on load.
enum HTMLRenderer {
    /// The whole HTML page for `chart`, headed by `title`.
    static func render(_ chart: Chart, title: String) -> String {
        var page = ""
        render(chart, title: title) { page += $0 }
        return page
    }

    /// Streams the HTML page for `chart` into `emit`, a piece at a time.
    static func render(_ chart: Chart, title: String, into emit: (String) -> Void) {
        render(chart, options: PictureOptions(title: title), into: emit)
    }

    /// Streams the HTML page for `chart`, drawn with `options`, into `emit`.
    static func render(_ chart: Chart, options: PictureOptions, into emit: (String) -> Void) {
        let (drawing, title) = (SVGDrawing(chart: chart, options: options), options.title)
        let heading = MarkupText.escaped(title)
        emit("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        emit("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        emit("<title>\(heading)</title>\n\(style)</head>\n<body>\n<header><strong>\(heading)</strong>\n")
        emit("<input id=\"search\" type=\"search\" placeholder=\"Find a name, title or key\" "
            + "aria-label=\"Find a role\" autocomplete=\"off\"> <span id=\"count\" aria-live=\"polite\"></span>\n")
        emit("<span class=\"hint\">Scroll to zoom, drag to pan, click a manager to fold its branch, "
            + "Enter to go to the next match.</span></header>\n<div id=\"view\">\n")
        drawing.write(standalone: false, emit)
        emit("</div>\n<script type=\"application/json\" id=\"org-data\">")
        writeData(drawing, emit)
        emit("</script>\n<script>\n\(script)</script>\n</body>\n</html>\n")
    }

    /// What the script needs to know about each role, as parallel arrays:
    /// its manager (-1 for a root), the text searched, and where its box is.
    private static func writeData(_ drawing: SVGDrawing, _ emit: (String) -> Void) {
        let nodes = drawing.chart.nodes
        func list(_ items: (Int) -> String) -> String {
            "[" + nodes.indices.map(items).joined(separator: ",") + "]"
        }
        emit("{\"width\":\(SVGDrawing.number(drawing.width)),\"height\":\(SVGDrawing.number(drawing.height)),"
            + "\"boxWidth\":\(SVGDrawing.number(drawing.metrics.boxWidth)),"
            + "\"boxHeight\":\(SVGDrawing.number(drawing.metrics.boxHeight)),\n")
        emit("\"parent\":" + list { drawing.layout.parents[$0].map(String.init) ?? "-1" } + ",\n")
        emit("\"x\":" + list { SVGDrawing.number(drawing.origins[$0].x) } + ",\n")
        emit("\"y\":" + list { SVGDrawing.number(drawing.origins[$0].y) } + ",\n")
        emit("\"key\":" + list { scriptSafeJSON(nodes[$0].key) } + ",\n")
        emit("\"title\":" + list { scriptSafeJSON(nodes[$0].title) } + ",\n")
        emit("\"holder\":" + list { nodes[$0].holder.map(scriptSafeJSON) ?? "null" } + "}")
    }

    /// A JSON string that can sit inside a `<script>` element: `<`, `>` and
    /// `&` are written as `\u` escapes, so no name can spell `</script>` or
    /// `<!--`, and every character HTML calls a control or a noncharacter is
    /// escaped too. `JSON.parse` reads back the original text.
    static func scriptSafeJSON(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case 0..<0x20, 0x26, 0x3C, 0x3E, 0x7F...0x9F, 0x2028, 0x2029, 0xFFFE, 0xFFFF:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    // The SVG's own style sheet comes later in the page and wins ties, so the
    // highlight rules are more specific than the rules they override.
    private static let style = """
        <style>
        html,body{margin:0;height:100%}
        body{display:flex;flex-direction:column;font:14px system-ui,-apple-system,'Segoe UI',Helvetica,Arial,sans-serif}
        header{display:flex;flex-wrap:wrap;gap:12px;align-items:center;padding:8px 12px;border-bottom:1px solid #ccc;background:#f7f7f7}
        header input{font:inherit;padding:4px 8px;width:22em}
        .hint{color:#595959;font-size:12px}
        #view{flex:1;min-height:0;overflow:hidden}
        #view svg{display:block;width:100%;height:100%;cursor:grab;touch-action:none;user-select:none}
        .role{cursor:pointer}
        .role.chain rect{stroke:#c0392b;stroke-width:2.5}
        .role.hit rect{stroke:#c0392b;stroke-width:4}
        .solid path.chain{stroke:#c0392b;stroke-width:3}
        .role.folded rect{stroke-width:3;stroke-dasharray:7 3}
        .gone{display:none}
        </style>

        """
}
