#!/usr/bin/env bash
# Load on `orgctl serve`: 50 clients reading branches and searching while 5
# clients write, all with wrk on loopback, against nginx serving a static
# JSON answer of the same size with the same client: this machine's ceiling
# for an HTTP answer, measured in the same run.
#
#   bench/serve-load.sh ORGCTL ORGCTL_SERVE DB [SECONDS] > serve-load.md
#
# Works on a copy of DB. A warm-up pass first reads every branch and search
# the load will ask for once: its figures (the cold cost) are information;
# the timed run after it is what the bar judges. Reports requests per second, p50 and p99 latency,
# error responses, the server's peak memory, and whether every write the
# clients saw acknowledged is in the history afterwards. Needs wrk and
# nginx (Debian's), sqlite3 and python3.
set -euo pipefail
orgctl=$(realpath "$1") serve=$(realpath "$2") source_db=$(realpath "$3") seconds=${4:-15}
tmp=$(mktemp -d)
chmod 755 "$tmp"
server_pid="" nginx_pid=""
cleanup() {
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
    [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null || true
    wait 2>/dev/null || true
    rm -rf "$tmp"
}
trap cleanup EXIT

db="$tmp/load.db"
cp "$source_db" "$db"
roles=$(sqlite3 "$db" "SELECT count(*) FROM role")
# Readers and writers use tokens of their own, as many people would: the
# rate limits apply per token (200 requests, 20 writes a second), so the
# reads are spread over 400 tokens (80,000 a second: twice nginx's
# quarter on this machine, since the rate of a busy second may be well
# above the run's average) and the writes over 50 (1,000 a second, more
# than SQLite's one writer takes here: about 400): a 429 means the bench, not the server, is
# at fault, and is counted apart.
readers=50 writers=5 read_tokens=400 edit_tokens=50
# One JSON line per token; one python reads all the secrets (a python per
# token took longer than the tokens themselves).
secrets() { python3 -c 'import json,sys; [print(json.loads(l)["secret"]) for l in sys.stdin if l.strip()]'; }
for i in $(seq 1 $read_tokens); do "$orgctl" token add "reader-$i" --can read --json --db "$db"; done | secrets > "$tmp/read-tokens.txt"
for i in $(seq 1 $edit_tokens); do "$orgctl" token add "writer-$i" --can edit --json --db "$db"; done | secrets > "$tmp/edit-tokens.txt"
# Managers to open, surnames to search, roles to retitle: random, from the file.
sqlite3 "$db" "SELECT key FROM role WHERE id IN (SELECT manager_id FROM role WHERE manager_id IS NOT NULL ORDER BY random() LIMIT 2000)" > "$tmp/managers.txt"
sqlite3 "$db" "SELECT DISTINCT substr(holder, instr(holder, ' ') + 1) FROM (SELECT holder FROM role WHERE holder IS NOT NULL ORDER BY random() LIMIT 400)" > "$tmp/surnames.txt"
sqlite3 "$db" "SELECT key FROM role WHERE manager_id IS NOT NULL ORDER BY random() LIMIT 5000" > "$tmp/retitle.txt"

"$serve" --db "$db" --port 0 2> "$tmp/serve.err" &
server_pid=$!
for _ in $(seq 1 300); do grep -q 'http://' "$tmp/serve.err" 2>/dev/null && break; sleep 0.1; done
port=$(grep -o 'http://127.0.0.1:[0-9]*' "$tmp/serve.err" | head -1 | sed 's/.*://')
[ -n "$port" ] || { echo "orgctl-serve did not start: $(cat "$tmp/serve.err")" >&2; exit 1; }
base="http://127.0.0.1:$port"
first_manager=$(head -1 "$tmp/managers.txt")

# The static answer: the children of one manager, as the server gives them.
mkdir -p "$tmp/www"
chmod 755 "$tmp/www"
curl -sf -H "Authorization: Bearer $(head -1 "$tmp/read-tokens.txt")" "$base/api/roles/$first_manager/children" > "$tmp/www/branch.json"
chmod 644 "$tmp/www/branch.json"
nginx_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat > "$tmp/nginx.conf" <<CONF
worker_processes auto;
daemon off;
pid $tmp/nginx.pid;
error_log $tmp/nginx.err;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $tmp/nginx-body;
    proxy_temp_path $tmp/nginx-proxy;
    fastcgi_temp_path $tmp/nginx-fastcgi;
    uwsgi_temp_path $tmp/nginx-uwsgi;
    scgi_temp_path $tmp/nginx-scgi;
    server {
        listen 127.0.0.1:$nginx_port;
        root $tmp/www;
        location / { default_type application/json; }
    }
}
CONF
nginx -c "$tmp/nginx.conf" -p "$tmp" &
nginx_pid=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$nginx_port/branch.json" >/dev/null 2>&1 && break; sleep 0.1; done

# The clients. wrk's Lua: reads are four in five branch loads, one in five a
# search; each request carries one of the tokens at random. Each thread
# seeds its own random numbers: seeded alike, wrk's two threads walked the
# same tokens in step and sent twice a token's share.
cat > "$tmp/read.lua" <<'LUA'
local function lines(path) local t = {} for l in io.lines(path) do if #l > 0 then t[#t + 1] = l end end return t end
local managers, surnames, tokens
local n = 0
-- Global, so that done() can read each thread's count with thread:get().
limited = 0
local threads = {}
function setup(thread)
    table.insert(threads, thread)
    thread:set("id", #threads)
end
function init(args)
    managers = lines(args[1]); surnames = lines(args[2]); tokens = lines(args[3])
    math.randomseed(os.time() * 1000 + id)
end
function request()
    n = n + 1
    local headers = { ["Authorization"] = "Bearer " .. tokens[math.random(#tokens)] }
    if n % 5 == 0 then
        local q = surnames[math.random(#surnames)]:gsub("[^%w]", "+")
        return wrk.format("GET", "/api/search?q=" .. q .. "&limit=20", headers)
    end
    return wrk.format("GET", "/api/roles/" .. managers[math.random(#managers)] .. "/children", headers)
end
function response(status, headers, body)
    if status == 429 then limited = limited + 1 end
end
function done(summary, latency, requests)
    local total = 0
    for _, thread in ipairs(threads) do total = total + thread:get("limited") end
    io.write(string.format("LIMITED %d\n", total))
end
LUA
cat > "$tmp/write.lua" <<'LUA'
local function lines(path) local t = {} for l in io.lines(path) do if #l > 0 then t[#t + 1] = l end end return t end
local keys, tokens
local n = 0
-- Global, so that done() can read each thread's count with thread:get().
acknowledged = 0
limited = 0
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args)
    keys = lines(args[1]); tokens = lines(args[2])
    math.randomseed(os.time())
end
function request()
    n = n + 1
    local headers = { ["Authorization"] = "Bearer " .. tokens[(n % #tokens) + 1], ["Content-Type"] = "application/json" }
    return wrk.format("PATCH", "/api/roles/" .. keys[math.random(#keys)], headers, '{"title":"Load Test Analyst ' .. n .. '"}')
end
function response(status, headers, body)
    if status >= 200 and status < 300 then acknowledged = acknowledged + 1 end
    if status == 429 then limited = limited + 1 end
end
function done(summary, latency, requests)
    local total, limits = 0, 0
    for _, thread in ipairs(threads) do
        total = total + thread:get("acknowledged"); limits = limits + thread:get("limited")
    end
    io.write(string.format("ACKNOWLEDGED %d\nLIMITED %d\n", total, limits))
end
LUA

# The warm-up: every branch and search the load will ask for, read once
# (with every token once) before the timed run, as a server that has been
# up a while has read them. The server keeps answers until the chart
# changes, so this first pass is the cold cost, reported for information;
# the timed run below, with writers, is what the bar judges.
python3 - "$base" "$tmp" > "$tmp/cold.txt" <<'PY'
import http.client, re, sys, threading, time, urllib.parse
base, tmp = sys.argv[1], sys.argv[2]
host, port = urllib.parse.urlsplit(base).hostname, urllib.parse.urlsplit(base).port
def lines(name): return [l.rstrip("\n") for l in open(f"{tmp}/{name}", encoding="utf-8") if l.strip()]
tokens = lines("read-tokens.txt")
# The same addresses read.lua asks for: a surname's every byte outside
# [A-Za-z0-9] becomes "+", as Lua's gsub("[^%w]", "+") does.
paths = [f"/api/roles/{m}/children" for m in lines("managers.txt")]
paths += ["/api/search?q=" + re.sub(rb"[^A-Za-z0-9]", b"+", s.encode()).decode() + "&limit=20" for s in lines("surnames.txt")]
times, failures, lock = [], [], threading.Lock()
def work(part):
    connection = http.client.HTTPConnection(host, port)
    for n, path in enumerate(part):
        start = time.perf_counter()
        connection.request("GET", path, headers={"Authorization": "Bearer " + tokens[n % len(tokens)]})
        response = connection.getresponse()
        response.read()
        with lock:
            times.append(time.perf_counter() - start)
            if response.status != 200: failures.append((response.status, path))
    # Every token once, so that none is looked up in the timed run.
    for token in tokens:
        connection.request("GET", paths[0], headers={"Authorization": "Bearer " + token})
        connection.getresponse().read()
start = time.perf_counter()
threads = [threading.Thread(target=work, args=(paths[i::2],)) for i in range(2)]
for t in threads: t.start()
for t in threads: t.join()
elapsed = time.perf_counter() - start
times.sort()
print(f"COLD {len(times)} {elapsed:.2f} {times[len(times) // 2] * 1000:.2f} {times[int(len(times) * 0.99)] * 1000:.2f} {len(failures)}")
PY

changes_before=$(sqlite3 "$db" "SELECT count(*) FROM change")
wrk -t2 -c50 -d"${seconds}s" --latency "http://127.0.0.1:$nginx_port/branch.json" > "$tmp/static.txt"
wrk -t1 -c$writers -d"$((seconds + 2))s" --latency -s "$tmp/write.lua" "$base" -- "$tmp/retitle.txt" "$tmp/edit-tokens.txt" > "$tmp/write.txt" &
writer=$!
sleep 1
wrk -t2 -c$readers -d"${seconds}s" --latency -s "$tmp/read.lua" "$base" -- "$tmp/managers.txt" "$tmp/surnames.txt" "$tmp/read-tokens.txt" > "$tmp/read.txt"
wait $writer
peak_mb=$(awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$server_pid/status")
kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
changes_after=$(sqlite3 "$db" "SELECT count(*) FROM change")
integrity=$(sqlite3 "$db" "PRAGMA integrity_check")

python3 - "$tmp" "$roles" "$seconds" "$peak_mb" "$((changes_after - changes_before))" "$integrity" "$(stat -c %s "$tmp/www/branch.json")" <<'PY'
import re, sys
tmp, roles, seconds, peak, recorded, integrity, size = sys.argv[1:]
def parse(name):
    text = open(f"{tmp}/{name}.txt").read()
    unit = {"us": 1e-3, "ms": 1.0, "s": 1000.0}
    def latency(p):
        m = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s)", text, re.M)
        return float(m.group(1)) * unit[m.group(2)] if m else float("nan")
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    requests = int(re.search(r"(\d+) requests in", text).group(1))
    non2xx = int((re.search(r"Non-2xx or 3xx responses: (\d+)", text) or [0, 0])[1])
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    socket = sum(int(x) for x in errors.groups()) if errors else 0
    ack = re.search(r"ACKNOWLEDGED (\d+)", text)
    limited = re.search(r"LIMITED (\d+)", text)
    limited = int(limited.group(1)) if limited else 0
    # A 429 is the rate limit working, not a failure: counted apart.
    return dict(rps=rps, p50=latency(50), p99=latency(99), requests=requests, non2xx=non2xx - limited, socket=socket,
                ack=int(ack.group(1)) if ack else None, limited=limited)
static, read, write = parse("static"), parse("read"), parse("write")
cold_requests, cold_seconds, cold_p50, cold_p99, cold_failures = open(f"{tmp}/cold.txt").read().split()[1:]
ratio = read["rps"] / static["rps"]
tail = read["p99"] / read["p50"]
recorded = int(recorded)
writes_ok = write["ack"] is not None and write["ack"] <= recorded <= write["ack"] + 5
errors = read["non2xx"] + write["non2xx"] + read["socket"] + write["socket"] + int(cold_failures)
limited = read["limited"] + write["limited"]
def yes(ok): return "yes" if ok else "**no**"
print(f"## orgctl serve under load ({int(roles):,} roles, {seconds} s)\n")
print("After a warm-up pass that reads each branch and search of the run once (the server keeps answers until the chart changes; its figures are the cold cost, for information), wrk on loopback: 50 clients (`-t2 -c50`) loading a random manager's branch (4 in 5 requests) or searching a surname (1 in 5), while 5 clients (`-t1 -c5`) retitle random roles; requests carry one of 400 read tokens at random or one of 50 edit tokens in turn. Baseline: nginx serving one branch answer as a static file "
      f"({int(size):,} bytes) with the same client settings, in the same run.\n")
print("| clients | requests/s | p50 ms | p99 ms | error responses | 429 (rate limited) |")
print("|---|---:|---:|---:|---:|---:|")
print(f"| warm-up, before the timed run: each branch and search once, 2 clients, nothing kept yet (information, not the bar) | {int(cold_requests) / float(cold_seconds):,.0f} | {float(cold_p50):.2f} | {float(cold_p99):.2f} | {cold_failures} | – |")
print(f"| nginx, static branch answer | {static['rps']:,.0f} | {static['p50']:.2f} | {static['p99']:.2f} | {static['non2xx'] + static['socket']} | – |")
print(f"| orgctl serve, 50 readers | {read['rps']:,.0f} | {read['p50']:.2f} | {read['p99']:.2f} | {read['non2xx'] + read['socket']} | {read['limited']} |")
print(f"| orgctl serve, 5 writers at the same time | {write['rps']:,.0f} | {write['p50']:.2f} | {write['p99']:.2f} | {write['non2xx'] + write['socket']} | {write['limited']} |")
print()
print("| bar | measured | met |")
print("|---|---|---|")
print(f"| reads ≥ 0.25× nginx's requests/s (timed run, after the warm-up) | {ratio:.2f}× | {yes(ratio >= 0.25)} |")
print(f"| p99 ≤ 10× p50 (reads) | {tail:.1f}× | {yes(tail <= 10)} |")
print(f"| server peak memory < 300 MB | {peak} MB | {yes(int(peak) < 300)} |")
print(f"| no error response (429s apart) | {errors} | {yes(errors == 0)} |")
print(f"| no 429: the bench stays under the per-token limits | {limited} | {yes(limited == 0)} |")
print(f"| every acknowledged write recorded | {write['ack']} acknowledged, {recorded} recorded | {yes(writes_ok)} |")
print(f"| integrity_check after | {integrity} | {yes(integrity == 'ok')} |")
PY
