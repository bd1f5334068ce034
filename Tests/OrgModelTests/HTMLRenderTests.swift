import Foundation
import Testing
@testable import OrgModel

/// Runs the page's script under node against a stub of the few DOM calls it
/// makes, the way a browser would find it: the JSON element ends at the first
/// `</script`, whatever the names hold.
enum PageHarness {
    struct Snapshot: Decodable {
        var count: Int?
        var hit: [String]
        var chain: [String]
        var gone: [String]
        var folded: [String]
        var counter: String?
        var viewBox: String?
    }

    private static let harness = #"""
        const fs = require('fs'), vm = require('vm');
        const [pagePath, stepsJSON] = process.argv.slice(-2);
        const html = fs.readFileSync(pagePath, 'utf8');
        const steps = JSON.parse(stepsJSON);
        function scriptAfter(marker) {
          const start = html.indexOf(marker) + marker.length;
          return html.slice(start, html.toLowerCase().indexOf('</script', start));
        }
        const json = scriptAfter('<script type="application/json" id="org-data">');
        const code = scriptAfter('<script>\n');
        function element(id, attributes) {
          const classes = new Set();
          return { id, classes, listeners: {}, clientWidth: 800, clientHeight: 600,
            classList: { toggle(name, on) { if (on === undefined) on = !classes.has(name);
                                            if (on) classes.add(name); else classes.delete(name); return on; },
                         contains: (name) => classes.has(name) },
            addEventListener(type, listener) { this.listeners[type] = listener; },
            setAttribute(name, value) { attributes[name] = String(value); },
            getAttribute(name) { return name in attributes ? attributes[name] : null; },
            getBoundingClientRect() { return { left: 0, top: 0 }; },
            querySelectorAll() { return dotted; } };
        }
        const byId = {};
        for (const match of html.matchAll(/ id="([^"]*)"/g)) byId[match[1]] = element(match[1], {});
        const dotted = [...html.matchAll(/data-from="(\d+)" data-to="(\d+)"/g)]
          .map((m, i) => (byId['dotted-' + i] = element('dotted-' + i, { 'data-from': m[1], 'data-to': m[2] })));
        global.window = element('window', {});
        global.document = { getElementById: (id) => id === 'org-data' ? { textContent: json } : (byId[id] || null) };
        vm.runInThisContext(code);
        const pick = (name) => Object.keys(byId).filter((id) => byId[id].classes.has(name)).sort();
        const results = steps.map((step) => {
          let count = null;
          if (step.startsWith('click:')) byId.chart.listeners.click({ target: { closest: () => byId[step.slice(6)] } });
          else if (step.startsWith('type:')) { byId.search.value = step.slice(5); byId.search.listeners.input(); }
          else if (step === 'enter') byId.search.listeners.keydown({ key: 'Enter', preventDefault() {} });
          else count = window.orgSearch(step);
          return { count, hit: pick('hit'), chain: pick('chain'), gone: pick('gone'), folded: pick('folded'),
                   counter: byId.count.textContent || null, viewBox: byId.chart.getAttribute('viewBox') };
        });
        process.stdout.write(JSON.stringify(results));
        """#

    /// The page's state after each step: a call of `orgSearch` with the
    /// text, `click:role-N` for a click on that box, `type:TEXT` for typing
    /// in the search box, or `enter` for pressing Enter there.
    static func run(_ html: String, steps: [String]) throws -> [Snapshot] {
        let page = try ExternalCheck.temporaryFile(html, suffix: ".html")
        defer { try? FileManager.default.removeItem(at: page) }
        let stepsJSON = String(decoding: try JSONEncoder().encode(steps), as: UTF8.self)
        let outcome = try ExternalCheck.run(["node", "-e", harness, "--", page.path, stepsJSON])
        try #require(outcome.status == 0, "\(outcome.errors)")
        return try JSONDecoder().decode([Snapshot].self, from: outcome.output)
    }
}

@Suite struct HTMLRenderTests {
    @Test func pageLoadsNothingFromTheNetwork() throws {
        let html = HTMLRenderer.render(try exampleDatabase().chart(), title: "Example")
        let withoutNamespace = html.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "")
        #expect(!withoutNamespace.contains("http://") && !withoutNamespace.contains("https://"))
        for reference in ["src=", "href=", "@import", "@font-face", "<link", "<iframe", "<img"] {
            #expect(!html.lowercased().contains(reference), "\(reference)")
        }
        #expect(html.components(separatedBy: "url(").dropFirst().allSatisfy { $0.hasPrefix("#") })
        #expect(html.hasPrefix("<!DOCTYPE html>") && !html.contains("<?xml"))
        #expect(html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" id=\"chart\""))
    }

    @Test func hostileNamesCannotCloseTheScriptElement() throws {
        let chart = HostileChart.make()
        let html = HTMLRenderer.render(chart, title: "</script><script>alert(0)</script>")
        let lower = html.lowercased()
        #expect(lower.components(separatedBy: "</script").count - 1 == 2, "only the page's own two scripts close")
        #expect(lower.components(separatedBy: "<script").count - 1 == 2)
        #expect(!html.contains("<!--"))
        let marker = "<script type=\"application/json\" id=\"org-data\">"
        let start = try #require(html.range(of: marker)).upperBound
        let end = try #require(html.range(of: "</script>", range: start..<html.endIndex)).lowerBound
        let data = try #require(JSONSerialization.jsonObject(with: Data(html[start..<end].utf8)) as? [String: Any])
        #expect(data["key"] as? [String] == chart.nodes.map(\.key))
        #expect(data["title"] as? [String] == chart.nodes.map(\.title))
        #expect(data["parent"] as? [Int] == [-1, 0, 0, 1, 2])
    }

    @Test func scriptSafeJSONEscapesWhatCouldEndTheElement() {
        #expect(HTMLRenderer.scriptSafeJSON("</script><!--\"\\\u{0}\u{2028}é") == #""\u003c/script\u003e\u003c!--\"\\\u0000\u2028é""#)
    }

    @Test(.enabled(if: ExternalCheck.isAvailable("node")))
    func searchHighlightsMatchesAndTheirChainsAndFoldingHidesBranches() throws {
        let chart = try exampleDatabase().chart()
        let index = { (key: String) in "role-\(chart.nodes.firstIndex { $0.key == key }!)" }
        let edge = { (key: String) in "edge-\(chart.nodes.firstIndex { $0.key == key }!)" }
        let html = HTMLRenderer.render(chart, title: "Example")
        let steps = try PageHarness.run(html, steps: ["JANE", "pmo-", "", "click:\(index("cio"))", "jane", "vacant"])

        let chain = ["pm-payments", "prog-digital-manager", "pmo-it-director", "cio", "ceo"]
        #expect(steps[0].count == 1 && steps[0].hit == [index("pm-payments")])
        #expect(steps[0].chain == (chain.map(index) + chain.dropLast().map(edge)).sorted())
        let pmoRoles = chart.nodes.filter { $0.key.contains("pmo-") || $0.title.lowercased().contains("pmo-") }
        #expect(steps[1].count == pmoRoles.count && steps[1].hit.count == pmoRoles.count)
        #expect(steps[2].count == 0 && steps[2].hit.isEmpty && steps[2].chain.isEmpty && steps[2].gone.isEmpty)

        let below = chart.nodes.indices.filter { node in
            sequence(first: node) { chart.nodes[$0].parent }.dropFirst().contains { chart.nodes[$0].key == "cio" }
        }
        #expect(steps[3].folded == [index("cio")])
        #expect(Set(steps[3].gone).isSuperset(of: below.flatMap { ["role-\($0)", "edge-\($0)"] }))
        #expect(steps[3].gone.contains { $0.hasPrefix("dotted-") }, "dotted lines into a folded branch hide too")
        // Finding a role inside a folded branch unfolds it.
        #expect(steps[4].count == 1 && steps[4].folded.isEmpty && steps[4].gone.isEmpty)
        #expect(steps[5].count == chart.nodes.filter { $0.holder == nil }.count)
    }

    @Test(.enabled(if: ExternalCheck.isAvailable("node")))
    func typingCountsMatchesAndEnterCentresOnEachInTurn() throws {
        let chart = try exampleDatabase().chart()
        let html = HTMLRenderer.render(chart, title: "Example")
        let steps = try PageHarness.run(html, steps: ["type:project manager", "enter", "enter", "type:", "type:ravi"])
        let managers = chart.nodes.indices.filter { chart.nodes[$0].title == "Project Manager" }
        #expect(steps[0].counter == "\(managers.count) matches" && steps[0].hit.count == managers.count)
        #expect(steps[3].counter == nil && steps[3].hit.isEmpty)
        #expect(steps[4].counter == "1 match")
        // Enter puts the next match in the middle of the 800 × 600 view.
        let layout = SVGDrawing(chart: chart, title: "Example").layout
        for (step, match) in zip(steps[1...2], managers) {
            let view = try #require(step.viewBox).split(separator: " ").compactMap { Double($0) }
            let middle = (view[0] + view[2] / 2 - SVGDrawing.margin, view[1] + view[3] / 2 - SVGDrawing.headerHeight)
            let box = layout.positions[match]
            let (half, middleHeight) = (layout.metrics.boxWidth / 2, layout.metrics.boxHeight / 2)
            #expect(abs(middle.0 - (box.x + half)) < 1.5 && abs(middle.1 - (box.y + middleHeight)) < 1.5)
        }
    }

    @Test(.enabled(if: ExternalCheck.isAvailable("node")))
    func searchFindsHostileNamesAsTyped() throws {
        let html = HTMLRenderer.render(HostileChart.make(), title: "Hostile")
        let steps = try PageHarness.run(html, steps: ["<script>", "&amp;", "😀", "דוד", "\\ back\\", "nobody"])
        #expect(steps.map(\.count) == [1, 1, 1, 1, 1, 0])
        #expect(steps[0].hit == ["role-0"])
    }
}
