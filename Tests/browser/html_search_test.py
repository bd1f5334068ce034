#!/usr/bin/env python3
"""Real-browser test of `orgctl export --format html`.

Exports the enterprise-pmo example (and, when the file is present, the
d3-org-chart sample) to HTML, opens each page in headless Chromium with a
search in the URL fragment (`page.html#search=Jane%20Doe`) and checks the
DOM Chromium dumps: the matching role's box has class `hit`, exactly the
boxes and edges of its chain to the top have class `chain`, and a search
that matches nothing marks nothing. It also screenshots the pages at
1600x1000 and checks that the pictures are not blank and that the
highlight shows in red only when there is a search.

Usage: html_search_test.py ORGCTL [--out DIR] [--d3-sample CSV]

Needs python3 (standard library only) and Debian's `chromium`. Chromium
runs with every host name unresolvable, so the pages must work offline.
"""

import argparse
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import zlib
from collections import Counter
from html.parser import HTMLParser
from urllib.parse import quote

D3_SAMPLE = "/work/shared/data/d3-org-chart-sample.csv"
D3_IMPORT = ["--ignore-unknown-columns", "--map", "id=key", "--map", "parentId=reports_to",
             "--map", "positionName=title", "--map", "name=holder"]
HIGHLIGHT = bytes([0xC0, 0x39, 0x2B])  # #c0392b, the page's stroke for `hit` and `chain`
WHITE = b"\xff\xff\xff"

failures = []


def check(condition, message):
    print(("ok    " if condition else "FAIL  ") + message)
    if not condition:
        failures.append(message)


def run(command):
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        sys.exit(f"error: {' '.join(command)} exited {result.returncode}\n{result.stdout}{result.stderr}")
    return result.stdout


class Browser:
    """Headless Chromium with a throwaway profile and no way to reach a network."""

    def __init__(self, scratch):
        self.command = [os.environ.get("CHROMIUM", "chromium"), "--headless", "--no-sandbox",
                        "--disable-gpu", f"--user-data-dir={scratch}/chromium-profile", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update",
                        "--host-resolver-rules=MAP * ~NOTFOUND", "--hide-scrollbars",
                        "--virtual-time-budget=5000"]

    def _run(self, extra, page, fragment):
        url = "file://" + quote(os.path.abspath(page)) + fragment
        result = subprocess.run(self.command + extra + [url], capture_output=True, text=True, timeout=120)
        if result.returncode != 0:
            sys.exit(f"error: chromium exited {result.returncode} on {url}\n{result.stderr[-3000:]}")
        return result.stdout

    def dom(self, page, fragment=""):
        return self._run(["--dump-dom"], page, fragment)

    def screenshot(self, page, png, fragment=""):
        self._run([f"--screenshot={png}", "--window-size=1600,1000"], page, fragment)


class Page(HTMLParser):
    """The parts of a dumped page the checks read: each role box's key and
    classes, each edge's classes, and the match counter's text."""

    def __init__(self, html):
        super().__init__()
        self.boxes, self.edges, self.counter, self._in_counter = {}, {}, "", False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name, classes = attrs.get("id") or "", set((attrs.get("class") or "").split())
        if name.startswith("role-"):
            self.boxes[attrs["data-key"]] = (int(name[len("role-"):]), classes)
        elif name.startswith("edge-"):
            self.edges[int(name[len("edge-"):])] = classes
        self._in_counter = name == "count"

    def handle_endtag(self, tag):
        self._in_counter = False

    def handle_data(self, data):
        if self._in_counter:
            self.counter += data

    def keys_with(self, name):
        return {key for key, (_, classes) in self.boxes.items() if name in classes}

    def edges_with(self, name):
        return {index for index, classes in self.edges.items() if name in classes}


def check_search(browser, page, text, hits, chain, label):
    """Opens `page` searching for `text`; `hits` are the keys it should find
    and `chain` the keys of every box on their chains to the top (hits included)."""
    fragment = "" if text is None else "#search=" + quote(text, safe="")
    dom = Page(browser.dom(page, fragment))
    where = f"{label} {fragment or '(no fragment)'}"
    check(len(dom.boxes) > 0, f"{where}: the page has role boxes ({len(dom.boxes)})")
    check(dom.keys_with("hit") == set(hits), f"{where}: class hit on exactly {sorted(hits) or 'nothing'}"
          + ("" if dom.keys_with("hit") == set(hits) else f", got {sorted(dom.keys_with('hit'))}"))
    check(dom.keys_with("chain") == set(chain), f"{where}: class chain on exactly the boxes {sorted(chain) or 'none'}"
          + ("" if dom.keys_with("chain") == set(chain) else f", got {sorted(dom.keys_with('chain'))}"))
    # Each role's edge goes up to its manager, so a chain's edges are those of
    # its boxes below the top.
    tops = {key for key in chain if dom.boxes[key][0] not in dom.edges}
    expected_edges = {dom.boxes[key][0] for key in set(chain) - tops}
    got = dom.edges_with("chain")
    check(got == expected_edges and len(tops) <= 1, f"{where}: class chain on exactly the {len(expected_edges)} "
          + f"edges of that chain" + ("" if got == expected_edges else f", got edges {sorted(got)}"))
    check(not dom.keys_with("gone") and not dom.edges_with("gone"), f"{where}: nothing is hidden")
    counter = "" if not text else f"{len(hits)} match" + ("" if len(hits) == 1 else "es")
    check(dom.counter.strip() == counter, f"{where}: the counter reads {counter!r} (got {dom.counter.strip()!r})")


def chain_of(orgctl, db, key):
    return [role["key"] for role in json.loads(run([orgctl, "chain", key, "--db", db, "--json"]))["chain"]]


def read_png(path):
    """The rows of pixels of an 8-bit, non-interlaced RGB or RGBA PNG, as
    bytes of RGB triples; enough for the PNGs Chromium writes."""
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError(f"{path} is not a PNG")
    position, compressed = 8, b""
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        body = data[position + 8:position + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            compressed += body
        position += 12 + length
    if depth != 8 or colour not in (2, 6) or interlace:
        raise ValueError(f"{path}: depth {depth}, colour type {colour}, interlace {interlace} is not read here")
    step = 3 if colour == 2 else 4
    stride, raw = width * step, zlib.decompress(compressed)
    rows, previous = [], bytearray(stride)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        if kind == 2:  # undo the row's filter (PNG spec, section 9)
            line = bytearray((a + b) & 255 for a, b in zip(line, previous))
        elif kind in (1, 3, 4):
            for x in range(stride):
                left = line[x - step] if x >= step else 0
                up, corner = previous[x], previous[x - step] if x >= step else 0
                if kind == 1:
                    line[x] = (line[x] + left) & 255
                elif kind == 3:
                    line[x] = (line[x] + (left + up) // 2) & 255
                else:
                    guess = left + up - corner
                    near = min((abs(guess - left), 0, left), (abs(guess - up), 1, up),
                               (abs(guess - corner), 2, corner))
                    line[x] = (line[x] + near[2]) & 255
        previous = line
        pixels = bytearray(line)
        if step == 4:
            del pixels[3::4]  # drop alpha
        rows.append(bytes(pixels))
    return width, height, rows


def check_screenshot(browser, page, png, fragment="", highlighted=False):
    browser.screenshot(page, png, fragment)
    name = os.path.basename(png)
    check(os.path.isfile(png) and os.path.getsize(png) > 10_000,
          f"{name}: written ({os.path.getsize(png) if os.path.isfile(png) else 0} bytes)")
    if not os.path.isfile(png):
        return
    width, height, rows = read_png(png)
    check((width, height) == (1600, 1000), f"{name}: 1600x1000 (got {width}x{height})")
    counts = Counter(row[x:x + 3] for row in rows for x in range(0, len(row), 3))
    colours, inked, red = len(counts), 1 - counts[WHITE] / (width * height), counts[HIGHLIGHT]
    check(inked > 0.03 and colours > 100, f"{name}: not blank ({inked:.1%} of pixels not white, {colours} colours)")
    if highlighted:
        check(red > 200, f"{name}: the chain is drawn in the highlight red ({red} pixels)")
    else:
        check(red == 0, f"{name}: nothing is drawn in the highlight red ({red} pixels)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("orgctl", help="the orgctl binary to test")
    parser.add_argument("--out", help="where to write the pages and screenshots (default: a new temporary folder)")
    parser.add_argument("--d3-sample", default=D3_SAMPLE, help=f"the d3-org-chart sample CSV (default: {D3_SAMPLE})")
    args = parser.parse_args()
    if shutil.which(os.environ.get("CHROMIUM", "chromium")) is None:
        sys.exit("error: chromium is not on PATH; install Debian's chromium (apt-get install chromium)")
    orgctl = os.path.abspath(args.orgctl)
    out = os.path.abspath(args.out or tempfile.mkdtemp(prefix="orgctl-browser-"))
    os.makedirs(out, exist_ok=True)
    started = time.monotonic()

    with tempfile.TemporaryDirectory(prefix="orgctl-browser-") as scratch:
        browser = Browser(scratch)
        example_db, example = os.path.join(scratch, "example.db"), os.path.join(out, "example.html")
        run([orgctl, "init", "--example", "enterprise-pmo", "--db", example_db])
        run([orgctl, "export", "--format", "html", "--db", example_db, "-o", example])

        payments = ["pm-payments", "prog-digital-manager", "pmo-it-director", "cio", "ceo"]
        check(chain_of(orgctl, example_db, "pm-payments") == payments, "orgctl chain pm-payments agrees with this test")
        check_search(browser, example, "Jane Doe", ["pm-payments"], payments, "example")
        check_search(browser, example, "Chloé", ["cmo"], ["cmo", "ceo"], "example")
        managers = ["epmo-manager", "pmo-ops-manager", "pmo-mkt-manager"]
        check_search(browser, example, "PMO Manager", managers,
                     {key for manager in managers for key in chain_of(orgctl, example_db, manager)}, "example")
        check_search(browser, example, "no such role anywhere", [], [], "example")
        check_search(browser, example, None, [], [], "example")
        check_screenshot(browser, example, os.path.join(out, "example.png"))
        check_screenshot(browser, example, os.path.join(out, "example-search.png"), "#search=Jane%20Doe", True)

        # Accents, case and punctuation do not count, as in `orgctl find`.
        fixtures = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Fixtures")
        hr_db, hr = os.path.join(scratch, "hr.db"), os.path.join(out, "hr.html")
        run([orgctl, "import", "--units", os.path.join(fixtures, "hr-sample-units.csv"),
             os.path.join(fixtures, "hr-sample.csv"), "--db", hr_db])
        run([orgctl, "export", "--format", "html", "--db", hr_db, "-o", hr])
        for text, key in [("renee", "E1033"), ("cerna", "E1007"), ("oconnor", "E1008"), ("dom cer", "E1007"),
                          ("RENÉE LÉVESQUE", "E1033"), ("sondergaard", "E1009"), ("yilmaz", "E1011"), ("malgorzata", "E1012")]:
            check_search(browser, hr, text, [key], chain_of(orgctl, hr_db, key), "hr")
        check_search(browser, hr, "renee zzz", [], [], "hr")

        if os.path.isfile(args.d3_sample):
            d3_db, d3 = os.path.join(scratch, "d3.db"), os.path.join(out, "d3.html")
            run([orgctl, "import", args.d3_sample, "--db", d3_db] + D3_IMPORT)
            run([orgctl, "export", "--format", "html", "--db", d3_db, "-o", d3])
            deep = chain_of(orgctl, d3_db, "O-7562")
            check(len(deep) == 10, f"d3: orgctl chain O-7562 is 10 roles long (got {len(deep)})")
            check_search(browser, d3, "O-7562", ["O-7562"], deep, "d3")
            check_search(browser, d3, "no such role anywhere", [], [], "d3")
            check_screenshot(browser, d3, os.path.join(out, "d3.png"))
        else:
            print(f"skip  d3 sample: {args.d3_sample} is not there")

    print(f"\nPages and screenshots are in {out}")
    print(f"{'FAILED' if failures else 'passed'}: {len(failures)} failure(s) in {time.monotonic() - started:.1f}s")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
