#!/usr/bin/env bash
# The orgctl benchmark: each workload timed as whole commands with hyperfine
# (warm-up, several runs, median), next to the sqlite3 shell running the
# equivalent plain SQL on a plain table imported from the same CSV, in the
# same run.
#
#   bench/run.sh ORGCTL [SIZES...]      (default sizes: 10000 100000 1000000)
#   bench/run.sh --data [SIZES...]      (only the data of those sizes)
#
# Writes bench/RESULTS.md. Data is generated once per size under
# .build/bench/ (deterministic, seeded) and reused. Each section's elapsed
# time goes to stderr.
set -euo pipefail
data_only=0 orgctl=""
[ "${1:-}" = --data ] && data_only=1 || orgctl=$(realpath "$1")
shift

[ $# -gt 0 ] && sizes=("$@") || sizes=(10000 100000 1000000)
here=$(cd "$(dirname "$0")" && pwd)
work=$(realpath -m "$here/../.build/bench")
mkdir -p "$work"
results="$work/results.tsv"
history="$work/history.tsv"
: > "$results"
: > "$history"

# median SECONDS of a hyperfine JSON export (one command per export, so the
# first "median" line), read with sed: a Python start per timed row (through
# pyenv's shim here, 0.1 s of CPU each) added up over the bench.
median() { sed -n '/^ *"median":/ { s/^ *"median": *\([-0-9.eE+]*\),\{0,1\}$/\1/p; q }' "$1"; }

# Warm-up runs before the timed ones: one, unless the caller sets warmup=0
# for a command that runs for seconds on files the step before has just
# read or written (the page cache is already warm, and a warm-up would add a
# whole run), or that a peak-memory run has just warmed.
warmup=1

# time NAME RUNS PREPARE COMMAND: the median of COMMAND over RUNS runs.
time_it() {
    local name=$1 runs=$2 prepare=$3 command=$4
    local json="$work/$name.json"
    if [ -n "$prepare" ]; then
        # The prepare step goes through bash, quoted as one word: without a
        # shell (-N) hyperfine splits it into words itself, so `a; b` or
        # `> /dev/null` would reach the first program as arguments (a `cp`
        # after `rm …;` never ran, and the sync row timed a sync into a
        # missing, so new, database). The timed command runs without a shell:
        # hyperfine cannot take a shell's start-up out of a command of a few
        # milliseconds precisely (it says so), which made the point writes'
        # ratios swing by a third from run to run.
        # The step is written to a file: a quoted word hyperfine's own
        # splitting could misread (printf %q's $'…') would fail silently.
        printf '%s\n' "$prepare" > "$work/$name.prepare.sh"
        if ! hyperfine -N --style none --warmup "$warmup" --runs "$runs" --prepare "bash $work/$name.prepare.sh" \
            --export-json "$json" "$command" >/dev/null 2>&1; then
            echo "note: $name timed through a shell (hyperfine -N failed)" >&2
            hyperfine --style none --warmup "$warmup" --runs "$runs" --prepare "$prepare" --export-json "$json" "$command" >/dev/null
        fi
    else
        hyperfine -N --style none --warmup "$warmup" --runs "$runs" --export-json "$json" "$command" >/dev/null 2>&1 \
            || hyperfine --style none --warmup "$warmup" --runs "$runs" --export-json "$json" "$command" >/dev/null
    fi
    median "$json"
}

# time_any NAME RUNS COMMAND: as time_it, for a command whose exit status
# reports what it found (check with findings), so a non-zero one is no failure.
time_any() {
    local name=$1 runs=$2 command=$3
    local json="$work/$name.json"
    hyperfine -N -i --style none --warmup "$warmup" --runs "$runs" --export-json "$json" "$command" >/dev/null 2>&1 \
        || hyperfine -i --style none --warmup "$warmup" --runs "$runs" --export-json "$json" "$command" >/dev/null
    median "$json"
}

# Each section's elapsed time on stderr, to see where the bench's time goes:
# section NAME ends the section under way (printing its time) and starts
# NAME; section with no name ends the last one and prints the total.
bench_started=$(date +%s.%N) section_name="" section_started=""
section() {
    local now
    now=$(date +%s.%N)
    [ -z "$section_name" ] || awk -v a="$section_started" -v b="$now" -v n="$section_name" \
        'BEGIN { printf "   %6.1f s  %s\n", b - a, n }' >&2
    section_name=${1:-} section_started=$now
    [ -n "$section_name" ] || awk -v a="$bench_started" -v b="$now" 'BEGIN { printf "   %6.1f s  in all\n", b - a }' >&2
}

# time_once NAME COMMAND: one run, no warm-up, for a baseline that takes minutes.
time_once() {
    hyperfine -N --style none --runs 1 --export-json "$work/$1.json" "$2" >/dev/null 2>&1 \
        || hyperfine --style none --runs 1 --export-json "$work/$1.json" "$2" >/dev/null
    median "$work/$1.json"
}

# peak resident memory (MB) of one run of a shell command, whatever its exit
# status (check reports its findings in it)
peak() { { /usr/bin/time -f %M bash -c "$1" 2>&1 >/dev/null || true; } | tail -1 | awk '{printf "%.0f", $1/1024}'; }

# record SIZE WORKLOAD ORGCTL_SECONDS BASELINE_SECONDS BAR PEAK_MB
record() { printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >> "$results"; }
# cost SIZE WORKLOAD RECORDED UNRECORDED UNIT: the same write with and without history
cost() { printf '%s\t%s\t%s\t%s\t%s\n' "$@" >> "$history"; }

# prepare_data SIZE: the files of one size under $work/data-SIZE, made once
# (deterministic, seeded) and reused: generate.py's chart, the same HR file
# with 1% of its holders changed (for sync), and below a million roles the
# same chart as LDIF (inetOrgPerson as ldapsearch -LLL prints it, mail and
# phone included).
prepare_data() {
    local size=$1 data="$work/data-$1"
    [ -f "$data/facts.txt" ] && [ -f "$data/units-governed.csv" ] || python3 "$here/generate.py" "$size" "$data" >/dev/null
    [ -f "$data/roles-sync-1pct.csv" ] || python3 - "$data/roles.csv" "$data/roles-sync-1pct.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
header, body = rows[0], rows[1:]
holder = header.index("holder")
for i in range(0, len(body), 100):
    body[i][holder] = (body[i][holder] + " Jr") if body[i][holder] else "New Hire %d" % i
out = csv.writer(open(sys.argv[2], "w", newline="", encoding="utf-8"), lineterminator="\n")
out.writerow(header)
out.writerows(body)
PY
    [ "$size" -ge 1000000 ] || [ -f "$data/people.ldif" ] || python3 - "$data/roles.csv" "$data/people.ldif" <<'PY'
import csv, sys
base = "ou=people,dc=example,dc=org"
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for r in csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")):
        name = r["holder"] or "Vacant " + r["key"]
        out.write(f"dn: uid={r['key']},{base}\nobjectClass: top\nobjectClass: person\nobjectClass: organizationalPerson\n"
                  f"objectClass: inetOrgPerson\nuid: {r['key']}\ncn: {name}\nsn: {name.split()[-1]}\ndisplayName: {name}\n"
                  f"title: {r['title']}\n" + (f"ou: {r['unit']}\n" if r["unit"] else "")
                  + (f"manager: uid={r['reports_to']},{base}\n" if r["reports_to"] else "")
                  + f"mail: {r['key']}@example.org\ntelephoneNumber: +44 20 7946 0000\n\n")
PY
}

# bench/run.sh --data [SIZES...]: only the data, so that make bench can make
# it while the release builds run.
if [ "$data_only" = 1 ]; then
    for size in "${sizes[@]}"; do prepare_data "$size"; done
    exit 0
fi

for size in "${sizes[@]}"; do
    data="$work/data-$size"
    db="$work/org-$size.db"
    plain="$work/plain-$size.db"
    runs=$([ "$size" -ge 1000000 ] && echo 3 || echo 5)
    # Workloads of milliseconds are cheap to repeat, and their medians on a
    # shared machine are only steady over many runs.
    fast=20
    # Commands of seconds (the imports, sync, and the baselines that walk
    # the whole plain table) take no warm-up run from 100,000 roles on: they
    # read files the step before has just read or written, so the page
    # cache is warm, and a warm-up would cost a whole run of each.
    slow_warmup=$([ "$size" -ge 100000 ] && echo 0 || echo 1)
    echo "== $size roles" >&2
    section "$size: data"
    prepare_data "$size"
    # shellcheck disable=SC1091
    source "$data/facts.txt"

    # 1. Import into an empty database, with every check. The peak-memory
    # run comes first: it imports the chart every later row reads ($db), and
    # it is the timed runs' warm-up, which would otherwise be one more import.
    section "$size: import"
    import_peak=$(peak "rm -f $db $db-wal $db-shm; $orgctl import --db $db --units $data/units.csv $data/roles.csv")
    [ -f "$db" ] || { echo "error: orgctl import of $data/roles.csv made no $db" >&2; exit 1; }
    scratch="$work/import-$size.db"
    import_orgctl=$(warmup=0 time_it "import-orgctl-$size" "$runs" "rm -f $scratch $scratch-wal $scratch-shm" \
        "$orgctl import --db $scratch --units $data/units.csv $data/roles.csv")
    rm -f "$scratch" "$scratch-wal" "$scratch-shm"
    # The chart as imported, before the writes below change it: the sync
    # rows start from copies of it instead of importing it again.
    fresh="$work/fresh-$size.db"
    cp "$db" "$fresh"
    import_sqlite=$(warmup=$slow_warmup time_it "import-sqlite-$size" "$runs" "rm -f $plain" \
        "sqlite3 $plain '.import --csv $data/roles.csv plain' 'CREATE INDEX plain_parent ON plain (reports_to)' 'CREATE UNIQUE INDEX plain_key ON plain (key)'")
    record "$size" "import" "$import_orgctl" "$import_sqlite" "≤ 1.0" "$import_peak"

    # Imports whose checks once grew with the square of the file: every role
    # with up to three dotted lines, and a tenth as many units as roles, each
    # inside an earlier unit and governed by a PMO. The baseline loads the
    # same file with the indexes its look-ups would need. At a million roles
    # the dotted-line import takes more than the plain one (about 30 s): one
    # run, like the other commands of seconds there with no warm-up, and its
    # peak memory only at smaller sizes, where the peak-memory run, first, is
    # the warm-up.
    section "$size: import with dotted lines"
    lines_db="$work/lines-$size.db"
    heavy=1 dotted_warmup=$slow_warmup dotted_peak=""
    if [ "$size" -lt 1000000 ]; then
        heavy=$runs dotted_warmup=0
        dotted_peak=$(peak "rm -f $lines_db*; $orgctl import --db $lines_db $data/roles-dotted.csv")
    fi
    record "$size" "import, 3 dotted lines per role" \
        "$(warmup=$dotted_warmup time_it "dotted-orgctl-$size" "$heavy" "rm -f $lines_db $lines_db-wal $lines_db-shm" \
            "$orgctl import --db $lines_db $data/roles-dotted.csv")" \
        "$(warmup=$slow_warmup time_it "dotted-sqlite-$size" "$heavy" "rm -f $plain.lines" \
            "sqlite3 $plain.lines '.import --csv $data/roles-dotted.csv plain' 'CREATE INDEX plain_parent ON plain (reports_to)' 'CREATE UNIQUE INDEX plain_key ON plain (key)'")" \
        "≤ 12" "$dotted_peak"
    section "$size: import of units"
    unit_count=$(($(wc -l < "$data/units-governed.csv") - 1))
    record "$size" "import $unit_count units with governed_by" \
        "$(warmup=$slow_warmup time_it "units-orgctl-$size" "$runs" "rm -f $lines_db $lines_db-wal $lines_db-shm" \
            "$orgctl import --db $lines_db --units $data/units-governed.csv $data/roles-one.csv")" \
        "$(warmup=$slow_warmup time_it "units-sqlite-$size" "$runs" "rm -f $plain.lines" \
            "sqlite3 $plain.lines '.import --csv $data/units-governed.csv plain' 'CREATE UNIQUE INDEX plain_key ON plain (key)' 'CREATE INDEX plain_parent ON plain (parent)' 'CREATE INDEX plain_pmo ON plain (governed_by)'")" \
        "≤ 16" ""
    rm -f "$lines_db" "$lines_db-wal" "$lines_db-shm" "$plain.lines"

    subtree="WITH RECURSIVE sub(key) AS (SELECT key FROM plain WHERE reports_to = '%s' UNION ALL SELECT p.key FROM plain p JOIN sub ON p.reports_to = sub.key) SELECT count(*) FROM sub"
    # 2. Whole-subtree counts: everyone under the root, and a ~10k team.
    section "$size: counts and point commands"
    record "$size" "count under root" \
        "$(time_it "root-orgctl-$size" "$fast" "" "$orgctl who-reports-to $ROOT --all --count --db $db")" \
        "$(warmup=$slow_warmup time_it "root-sqlite-$size" "$runs" "" "sqlite3 $plain \"$(printf "$subtree" "$ROOT")\"")" "≤ 0.1" ""
    record "$size" "count under $MID ($MID_SIZE)" \
        "$(time_it "mid-orgctl-$size" "$fast" "" "$orgctl who-reports-to $MID --all --count --db $db")" \
        "$(time_it "mid-sqlite-$size" "$fast" "" "sqlite3 $plain \"$(printf "$subtree" "$MID")\"")" "≤ 0.33" ""

    # 3. Point commands against sqlite3's start-up plus one point query.
    point=$(time_it "point-sqlite-$size" "$fast" "" "sqlite3 $plain \"SELECT * FROM plain WHERE key = '$DEEPEST'\"")
    record "$size" "chain of the deepest role" \
        "$(time_it "chain-orgctl-$size" "$fast" "" "$orgctl chain $DEEPEST --db $db")" "$point" "≤ 1.5" ""
    record "$size" "compare two distant roles" \
        "$(time_it "compare-orgctl-$size" "$fast" "" "$orgctl compare $DEEPEST $FAR --db $db")" "$point" "≤ 1.5" ""
    record "$size" "direct reports" \
        "$(time_it "direct-orgctl-$size" "$fast" "" "$orgctl who-reports-to $MID --db $db")" "$point" "≤ 1.5" ""

    # 4. The whole chart, depth first, to /dev/null (the peak-memory run,
    # first, is the warm-up).
    section "$size: print tree and roll-ups"
    dfs="WITH RECURSIVE tree(key, depth) AS (SELECT key, 0 FROM plain WHERE reports_to = '' UNION ALL SELECT p.key, t.depth + 1 FROM plain p JOIN tree t ON p.reports_to = t.key ORDER BY 2 DESC) SELECT substr('                    ', 1, depth * 2) || key FROM tree"
    tree_sqlite=$(warmup=$slow_warmup time_it "tree-sqlite-$size" "$runs" "" "bash -c \"sqlite3 $plain \\\"$dfs\\\" > /dev/null\"")
    tree_peak=$(peak "$orgctl print tree --db $db > /dev/null")
    record "$size" "print tree" \
        "$(warmup=0 time_it "tree-orgctl-$size" "$runs" "" "bash -c '$orgctl print tree --db $db > /dev/null'")" "$tree_sqlite" "≤ 0.5" \
        "$tree_peak"

    # Headcount and salary roll-ups: the root's team, and every manager's.
    team="WITH RECURSIVE team(key, holder, salary, currency) AS (SELECT key, holder, salary, currency FROM plain WHERE key = '$ROOT' UNION ALL SELECT p.key, p.holder, p.salary, p.currency FROM plain p JOIN team ON p.reports_to = team.key) SELECT count(*), count(NULLIF(holder, '')), currency, sum(salary) FROM team GROUP BY currency"
    rollup_sqlite=$(warmup=$slow_warmup time_it "rollup-sqlite-$size" "$runs" "" "sqlite3 $plain \"$team\"")
    record "$size" "roll-up of the root" \
        "$(time_it "rollup-orgctl-$size" "$runs" "" "$orgctl rollup $ROOT --db $db")" "$rollup_sqlite" "≤ 0.2" ""
    managers_peak=$(peak "$orgctl rollup --managers --db $db > /dev/null")
    record "$size" "roll-up of every manager" \
        "$(warmup=0 time_it "managers-orgctl-$size" "$runs" "" "bash -c '$orgctl rollup --managers --db $db > /dev/null'")" "$rollup_sqlite" "≤ 0.2" \
        "$managers_peak"

    # 5. One add, and one move of a ~10k subtree (moved back before each run).
    section "$size: add and move"
    record "$size" "add one role" \
        "$(time_it "add-orgctl-$size" "$fast" "$orgctl remove role bench-new --db $db >/dev/null 2>&1 || true" \
            "$orgctl add role bench-new --title Analyst --reports-to $NEW_MANAGER --db $db")" \
        "$(time_it "add-sqlite-$size" "$fast" "sqlite3 $plain \"DELETE FROM plain WHERE key = 'bench-new'\"" \
            "sqlite3 $plain \"INSERT INTO plain (key, title, reports_to) VALUES ('bench-new', 'Analyst', '$NEW_MANAGER')\"")" "≤ 1.5" ""
    record "$size" "move $MID ($MID_SIZE below)" \
        "$(time_it "move-orgctl-$size" "$fast" "$orgctl move $MID --to $MID_PARENT --db $db >/dev/null" \
            "$orgctl move $MID --to $MOVE_TARGET --db $db")" \
        "$(time_it "move-sqlite-$size" "$fast" "" \
            "sqlite3 $plain \"UPDATE plain SET title = title WHERE rowid <= $MID_SIZE\"")" "< 10" ""
    "$orgctl" move "$MID" --to "$MID_PARENT" --db "$db" >/dev/null

    # The cost of recording history: the same writes with recording off
    # (ORGCTL_HISTORY=off, which exists for this measurement alone). The
    # last timed import leaves the chart the writes below use.
    section "$size: the cost of recording history"
    bare="$work/bare-$size.db"
    cost "$size" "import" "$import_orgctl" "$(warmup=$slow_warmup time_it "import-bare-$size" "$runs" "rm -f $bare $bare-wal $bare-shm" \
        "env ORGCTL_HISTORY=off $orgctl import --db $bare --units $data/units.csv $data/roles.csv")" "s"
    [ -f "$bare" ] || { echo "error: orgctl import with ORGCTL_HISTORY=off made no $bare" >&2; exit 1; }
    cost "$size" "database size after the import" "$(stat -c %s "$fresh")" "$(stat -c %s "$bare")" "bytes"
    cost "$size" "add one role" "$(median "$work/add-orgctl-$size.json")" \
        "$(time_it "add-bare-$size" "$fast" "env ORGCTL_HISTORY=off $orgctl remove role bench-new --db $bare >/dev/null 2>&1 || true" \
            "env ORGCTL_HISTORY=off $orgctl add role bench-new --title Analyst --reports-to $NEW_MANAGER --db $bare")" "s"
    cost "$size" "move $MID ($MID_SIZE below)" "$(median "$work/move-orgctl-$size.json")" \
        "$(time_it "move-bare-$size" "$fast" "env ORGCTL_HISTORY=off $orgctl move $MID --to $MID_PARENT --db $bare >/dev/null" \
            "env ORGCTL_HISTORY=off $orgctl move $MID --to $MOVE_TARGET --db $bare")" "s"
    rm -f "$bare" "$bare-wal" "$bare-shm"

    section "$size: sync"
    # Sync: the same HR file with 1% of its rows changed (holders), applied
    # to the loaded chart, against importing that file into an empty database.
    sync_db="$work/sync-$size.db"
    sync_csv="$data/roles-sync-1pct.csv"
    # Each sync starts from a copy of the chart as imported; the
    # peak-memory run, first, is the warm-up.
    # The baseline column here is orgctl importing the same file into an empty database.
    sync_peak=$(peak "rm -f $sync_db $sync_db-wal $sync_db-shm; cp $fresh $sync_db; $orgctl sync --db $sync_db --apply $sync_csv")
    record "$size" "sync --apply, 1% of rows changed (vs import into an empty database)" \
        "$(warmup=0 time_it "sync-orgctl-$size" "$runs" "rm -f $sync_db $sync_db-wal $sync_db-shm; cp $fresh $sync_db" \
            "$orgctl sync --db $sync_db --apply $sync_csv")" \
        "$(warmup=$slow_warmup time_it "sync-import-$size" "$runs" "rm -f $sync_db.empty $sync_db.empty-wal $sync_db.empty-shm" \
            "$orgctl import --db $sync_db.empty --units $data/units.csv $sync_csv")" \
        "≤ 1.0" "$sync_peak"
    # A directory: the same chart as LDIF, imported, against the CSV. Up to
    # 100,000 people: at a million the two imports alone would take the
    # bench's time budget (about 65 s of CPU a run for the LDIF).
    ldif="$data/people.ldif"
    if [ "$size" -lt 1000000 ]; then
        section "$size: import LDIF"
        ldif_peak=$(peak "rm -f $sync_db.ldif*; $orgctl import --db $sync_db.ldif --create-units $ldif")
        record "$size" "import LDIF (vs the same chart as CSV)" \
            "$(warmup=0 time_it "ldif-orgctl-$size" "$runs" "rm -f $sync_db.ldif $sync_db.ldif-wal $sync_db.ldif-shm" \
                "$orgctl import --db $sync_db.ldif --create-units $ldif")" \
            "$(warmup=$slow_warmup time_it "ldif-csv-$size" "$runs" "rm -f $sync_db.csv $sync_db.csv-wal $sync_db.csv-shm" \
                "$orgctl import --db $sync_db.csv --create-units $data/roles.csv")" \
            "—" "$ldif_peak"
    fi
    rm -f "$sync_db" "$sync_db"-* "$sync_db.empty"* "$sync_db.base"* "$sync_db.ldif"* "$sync_db.csv"*

    # 6. Export everything as CSV.
    section "$size: export, check, reads with a plan pending"
    export_peak=$(peak "$orgctl export --format csv --db $db > /dev/null")
    record "$size" "export csv" \
        "$(warmup=0 time_it "export-orgctl-$size" "$runs" "" "bash -c '$orgctl export --format csv --db $db > /dev/null'")" \
        "$tree_sqlite" "≤ 0.5" "$export_peak"

    # 7. The commands outside the everyday set (issue 18), each next to its
    # baseline: print tree of the same chart for check and for reads while a
    # plan is pending, SQLite's sqldiff for a diff of two files, and the
    # sqlite3 shell's plain SQL for the rest. "—": the issue sets no bar.
    tree_orgctl=$(median "$work/tree-orgctl-$size.json")
    check_peak=$(peak "$orgctl check --db $db > /dev/null")
    record "$size" "check" \
        "$(warmup=0 time_any "check-orgctl-$size" "$runs" "bash -c '$orgctl check --db $db > /dev/null'")" "$tree_orgctl" "≤ 1.0" \
        "$check_peak"

    # A copy with a 10k-role move planned for 2099: every read as of now
    # rolls it back.
    pending="$work/pending-$size.db"
    rm -f "$pending" "$pending-wal" "$pending-shm"
    sqlite3 "$db" ".backup $pending"
    "$orgctl" move "$MID" --to "$MOVE_TARGET" --effective 2099-01-01 --db "$pending" >/dev/null
    today=$(date -u +%F)
    tree_pending=$(warmup=$slow_warmup time_it "tree-pending-$size" "$runs" "" "bash -c '$orgctl print tree --as-of $today --db $pending > /dev/null'")
    check_asof_peak=$(peak "$orgctl check --as-of $today --db $pending > /dev/null")
    record "$size" "check --as-of, a 10k-role move pending" \
        "$(warmup=0 time_any "check-asof-orgctl-$size" "$runs" "bash -c '$orgctl check --as-of $today --db $pending > /dev/null'")" \
        "$tree_pending" "≤ 1.0" "$check_asof_peak"
    # A quarter of a second from 100,000 roles on: no point command, so as
    # many runs as the other reads there.
    chain_pending_peak=$(peak "$orgctl chain $DEEPEST --db $pending")
    record "$size" "chain, a 10k-role move pending" \
        "$(warmup=0 time_it "chain-pending-$size" "$([ "$size" -ge 100000 ] && echo "$runs" || echo "$fast")" "" "$orgctl chain $DEEPEST --db $pending")" "$tree_orgctl" "≤ 0.3" \
        "$chain_pending_peak"

    # Two copies of the chart, one holder changed in the second.
    section "$size: diff"
    left="$work/diff-left-$size.db" right="$work/diff-right-$size.db"
    rm -f "$left"* "$right"*
    sqlite3 "$db" ".backup $left"
    sqlite3 "$db" ".backup $right"
    "$orgctl" set role "$DEEPEST" --holder "Bench Holder" --db "$right" >/dev/null
    sqldiff_time=$(warmup=$slow_warmup time_any "diff-sqldiff-$size" "$runs" "bash -c 'sqldiff $left $right > /dev/null'")
    diff_peak=$(peak "$orgctl diff $right --db $left > /dev/null")
    record "$size" "diff OTHER.db, one holder changed" \
        "$(warmup=0 time_any "diff-orgctl-$size" "$runs" "bash -c '$orgctl diff $right --db $left > /dev/null'")" "$sqldiff_time" "≤ 1.0" \
        "$diff_peak"
    diff_pending_peak=$(peak "$orgctl diff $right --db $pending > /dev/null")
    record "$size" "diff OTHER.db, a plan pending" \
        "$(warmup=0 time_any "diff-pending-orgctl-$size" "$runs" "bash -c '$orgctl diff $right --db $pending > /dev/null'")" "$sqldiff_time" "≤ 1.0" \
        "$diff_pending_peak"

    # A range holding the last recorded change (the move of MID back to its
    # manager), against sqlite3 reading the same change rows.
    since=$(sqlite3 "$db" "SELECT effective_at FROM change ORDER BY id DESC LIMIT 1 OFFSET 1")
    record "$size" "diff --from --to, one move of $MID" \
        "$(time_any "diff-range-orgctl-$size" "$runs" "bash -c '$orgctl diff --from $since --to $today --db $db > /dev/null'")" \
        "$(time_it "diff-range-sqlite-$size" "$runs" "" "sqlite3 $db \"SELECT * FROM change WHERE effective_at > '$since'\"")" "—" ""

    section "$size: stats, export json, history, undo, find"
    record "$size" "stats" \
        "$(warmup=$slow_warmup time_it "stats-orgctl-$size" "$runs" "" "$orgctl stats --db $db")" \
        "$(warmup=$slow_warmup time_it "stats-sqlite-$size" "$runs" "" "sqlite3 $plain \"SELECT count(*), count(NULLIF(holder, '')), count(DISTINCT NULLIF(reports_to, '')), currency, sum(salary) FROM plain GROUP BY currency\"")" "—" ""
    json_peak=$(peak "$orgctl export --format json --db $db > /dev/null")
    record "$size" "export json" \
        "$(warmup=0 time_it "json-orgctl-$size" "$runs" "" "bash -c '$orgctl export --format json --db $db > /dev/null'")" \
        "$(warmup=$slow_warmup time_it "json-sqlite-$size" "$runs" "" "bash -c \"sqlite3 -json $plain 'SELECT * FROM plain' > /dev/null\"")" "—" \
        "$json_peak"
    record "$size" "history" \
        "$(time_it "history-orgctl-$size" "$runs" "" "bash -c '$orgctl history --db $db > /dev/null'")" \
        "$(time_it "history-sqlite-$size" "$runs" "" "bash -c \"sqlite3 $db 'SELECT * FROM change ORDER BY id DESC' > /dev/null\"")" "—" ""
    record "$size" "undo of a move of $MID ($MID_SIZE below)" \
        "$(time_it "undo-orgctl-$size" "$fast" "$orgctl move $MID --to $MOVE_TARGET --db $db >/dev/null" "$orgctl undo --db $db")" \
        "$(median "$work/move-sqlite-$size.json")" "—" ""
    rm -f "$pending"* "$left"* "$right"* "$fresh"

    # find: a surname among the holders, against the sqlite3 shell's start-up
    # plus one indexed query on the plain table (an equality on an index of
    # the holders, built once outside the timing).
    sqlite3 "$plain" "CREATE INDEX IF NOT EXISTS plain_holder ON plain (holder)"
    record "$size" "find a surname" \
        "$(time_it "find-orgctl-$size" "$fast" "" "$orgctl find Fischer --db $db")" \
        "$(time_it "find-sqlite-$size" "$fast" "" "sqlite3 $plain \"SELECT * FROM plain WHERE holder = 'Grace Fischer' LIMIT 20\"")" "≤ 2.0" ""
done

# Pictures: a 1,000-role PDF and a 10,000-role paged PDF, against Graphviz
# drawing orgctl's own DOT export of the same chart (dot -Tpdf) in the same
# run (Graphviz once, without a warm-up: it takes minutes on the 10,000-role
# chart); bar: at most half of Graphviz's time. Needs orgctl-render beside
# orgctl (make release puts it there) and Graphviz.
if [ -x "$(dirname "$orgctl")/orgctl-render" ] && command -v dot >/dev/null; then
    for size in 1000 10000; do
        section "pictures, $size roles"
        data="$work/data-$size"
        [ -f "$data/roles.csv" ] || python3 "$here/generate.py" "$size" "$data" >/dev/null
        db="$work/picture-$size.db"
        [ -f "$db" ] || "$orgctl" import --db "$db" --units "$data/units.csv" "$data/roles.csv" >/dev/null
        "$orgctl" export --format dot --db "$db" > "$work/picture-$size.dot"
        pages=$([ "$size" -ge 10000 ] && echo "--pages" || echo "")
        echo "== pictures, $size roles" >&2
        record "$size" "pdf $pages (baseline: dot -Tpdf of the DOT export)" \
            "$(time_it "pdf-orgctl-$size" 3 "" "$orgctl export --format pdf $pages --db $db -o $work/picture-$size.pdf")" \
            "$(time_once "pdf-dot-$size" "dot -Tpdf -o $work/picture-dot-$size.pdf $work/picture-$size.dot")" \
            "≤ 0.5" "$(peak "$orgctl export --format pdf $pages --db $db -o $work/picture-$size.pdf")"
    done
fi

# The server under load, on the largest chart: when orgctl-serve is beside
# orgctl (make serve puts it there) and wrk and nginx are installed.
serve_bin="$(dirname "$orgctl")/orgctl-serve"
# Ten seconds of load still give each figure thousands of requests (at a
# million roles about 19,000 reads and 900 writes), in two thirds the time.
serve_seconds=10
rm -f "$work/serve-load.md"
if [ -x "$serve_bin" ] && command -v wrk >/dev/null && command -v nginx >/dev/null; then
    echo "== orgctl serve under load, ${sizes[-1]} roles" >&2
    section "serve under load"
    bash "$here/serve-load.sh" "$orgctl" "$serve_bin" "$work/org-${sizes[-1]}.db" "$serve_seconds" > "$work/serve-load.md"
fi

section
python3 "$here/report.py" "$results" "$history" > "$here/RESULTS.md"
if [ -f "$work/serve-load.md" ]; then
    { echo; cat "$work/serve-load.md"; } >> "$here/RESULTS.md"
fi
cat "$here/RESULTS.md"
