#!/usr/bin/env bash
# Runs a fuzzer (built by `make fuzz`) for a while on a temporary copy of
# its seed corpus, a folder in Fuzz/ (Corpus, the importer's, by default),
# so that the committed corpus never changes.
#
#   Fuzz/run.sh FUZZER SECONDS [CORPUS] [extra libFuzzer flags...]
#
# Exits non-zero when the fuzzer finds a crash, a trap or a sanitizer report,
# and prints the path of the input that caused it (kept in
# Fuzz/.build/artifacts/) and the command that replays it.
set -euo pipefail

usage="usage: Fuzz/run.sh FUZZER SECONDS [CORPUS] [libFuzzer flags...]"
fuzzer=${1:?$usage}
seconds=${2:?$usage}
shift 2
corpus=Corpus
if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then
    corpus=$1
    shift
fi
# libFuzzer reads -max_total_time=0 as "no limit".
if ! [ "$seconds" -ge 1 ] 2>/dev/null; then
    echo "fuzz: SECONDS must be a whole number of at least 1, not '$seconds'" >&2
    exit 2
fi

here=$(cd "$(dirname "$0")" && pwd)
artifacts="$here/.build/artifacts"
log="$here/.build/$(basename "$fuzzer").log"
mkdir -p "$artifacts"
[ -d "$here/$corpus" ] || { echo "fuzz: no corpus folder $here/$corpus" >&2; exit 2; }

# Swift's own backtracer would answer a trap first and trip ASan while it
# reads the stack; with it off, libFuzzer prints the symbolised stack.
export SWIFT_BACKTRACE=${SWIFT_BACKTRACE:-enable=no}

work=$(mktemp -d "${TMPDIR:-/tmp}/orgctl-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT
cp "$here/$corpus"/* "$work"/

before=$(ls "$artifacts" | sort)
echo "fuzz: $fuzzer for ${seconds}s on a copy of Fuzz/$corpus ($(ls "$work" | wc -l) seeds); log in $log"
status=0
"$fuzzer" "$work" \
    -max_total_time="$seconds" -max_len=4096 -rss_limit_mb=2048 -timeout=60 \
    -print_final_stats=1 -artifact_prefix="$artifacts/" "$@" >"$log" 2>&1 || status=$?

new=$(comm -13 <(echo "$before") <(ls "$artifacts" | sort) | sed "s|^|$artifacts/|")
if [ "$status" -ne 0 ] || [ -n "$new" ]; then
    tail -n 80 "$log" >&2
    echo >&2
    echo "fuzz: FAILED (libFuzzer exit status $status)" >&2
    for input in $new; do
        echo "fuzz: crashing input: $input" >&2
        echo "fuzz: replay with: SWIFT_BACKTRACE=enable=no $fuzzer $input" >&2
    done
    exit $(( status == 0 ? 1 : status ))
fi
grep -E '^(#[0-9]+[[:space:]]+DONE|Done [0-9]+ runs|stat::number_of_executed_units|stat::average_exec_per_sec|stat::new_units_added|stat::peak_rss_mb)' "$log" || true
echo "fuzz: no crash in ${seconds}s; working corpus grew to $(ls "$work" | wc -l) inputs (discarded)"
