#!/usr/bin/env python3
"""A stand-in for orgctl-serve, for working on the page without the server.

Answers the routes of the serve contract (docs/openapi.yaml) from `orgctl
... --json` output, with the same Authorization rules (tokens given on the
command line), the same startup line on stderr and the same static headers.
It is slow (one orgctl run per question) and not meant for anything but
developing and debugging the page; serve_page_test.py runs against the real
orgctl-serve unless asked to use this with --stub.

Usage: serve_stub.py ORGCTL DB [--port 0] [--token=SECRET=read|edit[:BRANCH[:NAME]]]...
"""

import argparse
import hashlib
import json
import os
import subprocess
import sys
import threading
import time
import unicodedata
from http.server import ThreadingHTTPServer, BaseHTTPRequestHandler
from urllib.parse import urlsplit, parse_qs, unquote

ASSETS = os.path.join(os.path.dirname(__file__), "..", "..", "Sources", "orgctl-serve", "Sources", "OrgServe", "Assets")
STATIC = {"/": ("index.html", "text/html; charset=utf-8"),
          "/app.js": ("app.js", "text/javascript; charset=utf-8"),
          "/app.css": ("app.css", "text/css; charset=utf-8")}
# The page's modules, a fixed list as the server's.
STATIC.update({"/js/" + name: ("js/" + name, "text/javascript; charset=utf-8")
               for name in sorted(os.listdir(os.path.join(ASSETS, "js"))) if name.endswith(".js")})
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; frame-ancestors 'none'")


class Failure(Exception):
    def __init__(self, status, code, message, fix=None, value=None, **extra):
        super().__init__(message)
        self.status, self.body = status, {"error": {"code": code, "message": message, "fix": fix, "value": value, **extra}}


class Org:
    def __init__(self, orgctl, db):
        self.orgctl, self.db = orgctl, db
        self.lock = threading.Lock()
        self.cache = {}

    def run(self, *args, ok=(0,)):
        r = subprocess.run([self.orgctl, *args, "--db", self.db], capture_output=True, text=True)
        if r.returncode not in ok:
            raise Failure(422, "refused", r.stderr.strip().splitlines()[0] if r.stderr.strip() else "refused")
        return r.stdout

    def json(self, *args, ok=(0,)):
        return json.loads(self.run(*args, "--json", ok=ok))

    def version(self):
        st = os.stat(self.db)
        wal = self.db + "-wal"
        extra = os.stat(wal).st_mtime_ns if os.path.exists(wal) else 0
        return f"{st.st_mtime_ns}-{extra}"

    def model(self, as_of):
        key = (self.version(), as_of)
        with self.lock:
            if key not in self.cache:
                args = ["export", "--format", "json"] + (["--as-of", as_of] if as_of else [])
                doc = json.loads(self.run(*args))
                roles = {r["key"]: r for r in doc["roles"]}
                units = {u["key"]: u for u in doc["units"]}
                children = {}
                for r in doc["roles"]:
                    children.setdefault(r["reportsTo"], []).append(r["key"])
                self.cache = {key: (roles, units, children)}
            return self.cache[key]


def fold(text):
    text = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in text if c.isalnum() or c == " ").lower()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send(self, status, body, ctype="application/json; charset=utf-8"):
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("Content-Security-Policy", CSP)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        self.handle_any("GET")

    def do_POST(self):
        self.handle_any("POST")

    def do_PATCH(self):
        self.handle_any("PATCH")

    def do_DELETE(self):
        self.handle_any("DELETE")

    def handle_any(self, method):
        url = urlsplit(self.path)
        if method == "GET" and url.path in STATIC:
            name, ctype = STATIC[url.path]
            with open(os.path.join(ASSETS, name), "rb") as f:
                return self.send(200, f.read(), ctype)
        try:
            if not url.path.startswith("/api/"):
                raise Failure(404, "not_found", "no such page")
            token = self.server.tokens.get(self.headers.get("Authorization", "").removeprefix("Bearer "))
            if token is None:
                raise Failure(401, "unauthorized", "a valid token is needed")
            query = {k: v[0] for k, v in parse_qs(url.query).items()}
            parts = [unquote(p) for p in url.path[len("/api/"):].split("/")]
            length = int(self.headers.get("Content-Length") or 0)
            body = json.loads(self.rfile.read(length) or b"{}") if length else {}
            if parts == ["events"]:
                return self.events()
            status, answer = Api(self.server.org, token, query).route(method, parts, body)
            self.send(status, answer)
        except Failure as failure:
            self.send(failure.status, failure.body)

    def events(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        last = self.server.org.version()
        try:
            while True:
                time.sleep(0.25)
                now = self.server.org.version()
                if now != last:
                    last = now
                    self.wfile.write(f"event: change\ndata: {json.dumps({'version': now})}\n\n".encode())
                    self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass


class Api:
    def __init__(self, org, token, query):
        self.org, self.token, self.query = org, token, query
        self.as_of = query.get("asOf")
        self.roles, self.units, self.children = org.model(self.as_of)

    def inside(self, key):
        branch = self.token["branch"]
        if branch is None:
            return key in self.roles
        while key is not None:
            if key == branch:
                return True
            key = self.roles.get(key, {}).get("reportsTo")
        return False

    def need(self, key):
        if not self.inside(key):
            raise Failure(404, "not_found", f"no role {key}", value=key)
        return self.roles[key]

    def ref(self, key):
        r = self.roles[key]
        return {"key": key, "title": r["title"], "holder": r["holder"]}

    def node(self, key):
        r = self.roles[key]
        unit = self.units.get(r["unit"]) if r["unit"] else None
        headed = [u for u in self.units.values() if u["head"] == key and u.get("pmoType")]
        return {**self.ref(key), "unit": {"key": unit["key"], "name": unit["name"]} if unit else None,
                "pmoType": headed[0]["pmoType"] if headed else None,
                "directReports": len(self.children.get(key, [])),
                "dottedReports": sum(1 for x in self.roles.values() if key in x["dottedTo"]),
                "vacant": r["holder"] is None}

    def path(self, key):
        keys = []
        while key is not None:
            keys.append(key)
            if key == self.token["branch"]:
                break
            key = self.roles[key]["reportsTo"]
        return keys[::-1]

    def revision(self, key):
        r = self.roles[key]
        return hashlib.sha1(json.dumps(r, sort_keys=True).encode()).hexdigest()[:12]

    def change(self, c):
        return {"id": c["id"], "command": c["command"], "at": c["recordedAt"], "effective": c["effectiveAt"],
                "summary": c["summary"], "planned": c.get("planned", False)}

    def wrote(self, status=200):
        last = self.org.json("history", "--limit", "1")["changes"][0]
        return status, {"change": self.change(last), "version": self.org.version()}

    def check_revision(self, key, revision):
        if revision is not None and revision != self.revision(key):
            raise Failure(409, "conflict", f"{key} was changed after you loaded it", value=key, changes=[])

    def writable(self, *keys):
        if self.token["level"] != "edit":
            raise Failure(403, "forbidden", "this token may only read")
        for key in keys:
            if key is not None and not self.inside(key):
                raise Failure(403, "forbidden", f"{key} is outside this token's branch", value=key)

    def route(self, method, parts, body):
        q = self.query
        if method == "GET":
            if parts == ["me"]:
                b = self.token["branch"]
                return 200, {"name": self.token["name"], "level": self.token["level"],
                             "branch": self.ref(b) if b else None, "publicRead": False}
            if parts == ["chart"]:
                roots = [self.token["branch"]] if self.token["branch"] else self.children.get(None, [])
                return 200, {"asOf": self.as_of, "version": self.org.version(), "roots": [self.node(k) for k in roots],
                             "roles": len(self.roles), "vacancies": sum(1 for r in self.roles.values() if r["holder"] is None)}
            if len(parts) == 3 and parts[0] == "roles" and parts[2] == "children":
                self.need(parts[1])
                kids = self.children.get(parts[1], [])
                offset, limit = int(q.get("offset", 0)), int(q.get("limit", 200))
                return 200, {"parent": self.ref(parts[1]), "children": [self.node(k) for k in kids[offset:offset + limit]],
                             "total": len(kids)}
            if len(parts) == 2 and parts[0] == "roles":
                return 200, self.details(parts[1])
            if parts == ["search"]:
                words = fold(q.get("q", "")).split()
                hits = [k for k, r in self.roles.items() if self.inside(k) and words and all(
                    any(w in fold(t) for t in (k, r["title"], r["holder"])) for w in words)]
                return 200, {"results": [{**self.node(k), "path": self.path(k), "chainTop": self.ref(self.path(k)[0])}
                                         for k in hits[:int(q.get("limit", 20))]]}
            if parts == ["check"]:
                found = self.org.json("check", ok=(0, 1))["findings"]
                return 200, {"findings": [{"rule": f["rule"], "role": f["roleRefs"][0] if f["roleRefs"] else None,
                                           "message": f["message"], "severity": f["severity"]}
                                          for f in found if not f["roles"] or self.inside(f["roles"][0])]}
            if parts == ["history"]:
                return 200, {"changes": [self.change(c) for c in self.org.json("history", "--limit", q.get("limit", "50"))["changes"]]}
            if parts == ["diff"]:
                return 200, self.org.json("diff", "--from", q["from"], "--to", q["to"])
            if parts == ["units"]:
                return 200, self.org.json("units")
            if len(parts) == 3 and parts[0] == "units" and parts[2] == "type-preview":
                plan = self.org.json("set", "unit", parts[1], "--pmo-type", q.get("to", ""))
                return 200, {"pmo": plan["pmo"], "from": plan["from"], "to": plan["to"], "changes": plan["changes"],
                             "notes": plan["notes"]}
        if method == "POST" and parts == ["roles"]:
            self.writable(body.get("reportsTo"))
            args = ["add", "role", body["key"], "--title", body["title"]]
            for field, flag in (("holder", "--holder"), ("reportsTo", "--reports-to"), ("unit", "--unit")):
                if body.get(field):
                    args += [flag, body[field]]
            self.org.run(*args)
            return self.wrote(201)
        if method == "PATCH" and len(parts) == 2 and parts[0] == "roles":
            self.need(parts[1])
            self.writable(parts[1])
            self.check_revision(parts[1], body.get("revision"))
            args = ["set", "role", parts[1]]
            if "title" in body:
                args += ["--title", body["title"]]
            if body.get("vacant"):
                args += ["--vacant"]
            elif "holder" in body:
                args += ["--holder", body["holder"]]
            self.org.run(*args)
            return self.wrote()
        if method == "POST" and len(parts) == 3 and parts[0] == "roles" and parts[2] == "move":
            key, to = parts[1], body.get("to")
            self.need(key)
            self.writable(key, to, self.roles[key]["reportsTo"])
            self.check_revision(key, body.get("revision"))
            if body.get("dryRun"):
                k = to
                while k is not None:
                    if k == key:
                        return 200, {"ok": False, "newFindings": [], "error": {
                            "code": "refused", "message": f"moving {key} under {to} would make a reporting cycle",
                            "fix": None, "value": to}}
                    k = self.roles.get(k, {}).get("reportsTo")
                return 200, {"ok": to in self.roles, "error": None, "newFindings": []}
            self.org.run("move", key, "--to", to)
            return self.wrote()
        if method == "DELETE" and len(parts) == 2 and parts[0] == "roles":
            self.need(parts[1])
            self.writable(parts[1])
            self.check_revision(parts[1], self.query.get("revision"))
            self.org.run("remove", "role", parts[1])
            return self.wrote()
        if method == "POST" and len(parts) == 3 and parts[2] == "dotted":
            self.writable(parts[1], body.get("to"))
            self.org.run("add", "line", parts[1], "--to", body["to"])
            return self.wrote(201)
        if method == "POST" and parts == ["dotted-lines"]:
            shown = {k for k in body.get("keys", []) if k in self.roles and self.inside(k)}
            return 200, {"lines": [{"role": k, "manager": m} for k in sorted(shown)
                                   for m in sorted(self.roles[k]["dottedTo"]) if m in shown]}
        if method == "POST" and parts == ["undo"]:
            self.writable()
            self.org.run(*(["undo", str(body["change"])] if body.get("change") else ["undo"]))
            return self.wrote()
        raise Failure(404, "not_found", "no such route")

    def details(self, key):
        self.need(key)
        shown = self.org.json("show", key, *(["--as-of", self.as_of] if self.as_of else []))
        rollup = self.org.json("rollup", key)
        history = self.org.json("history", key, "--limit", "20")["changes"]
        unit = self.units.get(shown["unit"]) if shown["unit"] else None
        return {"role": {**self.node(key), "grade": shown["grade"], "salary": shown["salary"], "rung": shown["rung"]},
                "unitDetails": {k: unit[k] for k in ("key", "name", "kind", "pmoType", "head")} if unit else None,
                "pmo": shown["pmo"],
                "chain": [c for c in shown["chainRefs"] if self.inside(c["key"])],
                "path": self.path(key),
                "rollup": {"headcount": rollup["team"]["roles"], "vacancies": rollup["team"]["vacant"],
                           "cost": rollup["team"]["salaryCost"]},
                "dottedManagers": [r for r in shown["dottedToRefs"] if self.inside(r["key"])],
                "dottedReports": [r for r in shown["dottedReportsRefs"] if self.inside(r["key"])],
                "history": [self.change(c) for c in history], "revision": self.revision(key)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("orgctl")
    parser.add_argument("db")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--token", action="append", default=[])
    args = parser.parse_args()
    tokens = {}
    for i, spec in enumerate(args.token):
        secret, _, rest = spec.partition("=")
        level, branch, name = (rest.split(":") + ["", ""])[:3]
        tokens[secret] = {"name": name or f"token{i}", "level": level, "branch": branch or None}
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    server.org, server.tokens = Org(args.orgctl, args.db), tokens
    print(f"Serving {args.db} at http://127.0.0.1:{server.server_address[1]}/ "
          f"(read needs a token: orgctl token add NAME --can read)", file=sys.stderr, flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
