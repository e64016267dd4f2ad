#!/usr/bin/env bash
# Reproduces the figures of BENCHMARKS.md for one corpus size, with the peers in the same run.
#
#   scripts/bench.sh N [WORKDIR]      e.g. scripts/bench.sh 10000 /tmp
#
# Needs: a release build (cargo build --release), Debian's manpages-de and python3-xapian,
# GNU time (/usr/bin/time). Writes the corpus and index under WORKDIR (default /tmp),
# never inside the repository. Prints one labelled line per measurement.
set -euo pipefail

n=${1:?usage: scripts/bench.sh N [WORKDIR]}
work=${2:-/tmp}
repo=$(cd "$(dirname "$0")/.." && pwd)
shared=${TRADEWATCH_SHARED:-$repo/../shared}
bin=$repo/target/release/tradewatch
queries=$shared/bench/queries.txt
corpus=$work/tw-corpus-$n
index=$work/tw-index-$n

[ -x "$bin" ] || { echo "no release build: run cargo build --release" >&2; exit 1; }
[ -f "$queries" ] || { echo "no queries file at $queries (set TRADEWATCH_SHARED)" >&2; exit 1; }
case "$corpus" in "$repo"/*) echo "WORKDIR must be outside the repository" >&2; exit 1 ;; esac

if [ ! -d "$corpus" ]; then
    python3 "$shared/bench/make-corpus.py" "$n" "$corpus"
fi

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"

rm -rf "$index"
/usr/bin/time -v "$bin" --corpus "$corpus" --index "$index" index 2> "$work/tw-index-$n.time" >/dev/null
echo "index_from_scratch: $(grep 'Elapsed (wall clock)' "$work/tw-index-$n.time" | awk '{print $NF}') wall," \
    "$(grep 'Maximum resident' "$work/tw-index-$n.time" | awk '{printf "%.0f MB max RSS", $NF/1024}'),"\
    "$(grep 'Percent of CPU' "$work/tw-index-$n.time" | awk '{print $NF}') CPU"

echo "tradewatch_bench: $("$bin" --corpus "$corpus" --index "$index" bench --queries "$queries" --repeat 20)"
/usr/bin/python3 "$shared/bench/peers.py" "$corpus" "$queries" | sed 's/^/peer: /'

# `ask` from process start to printed answer, the index present: median and max of 20 runs.
python3 - "$bin" "$corpus" "$index" <<'EOF'
import statistics, subprocess, sys, time
binary, corpus, index = sys.argv[1:]
for question in ["/status tiktok", "/search query:Verkaufsverbot"]:
    runs = []
    for _ in range(20):
        t = time.perf_counter()
        subprocess.run([binary, "--corpus", corpus, "--index", index, "ask", question],
                       check=True, stdout=subprocess.DEVNULL)
        runs.append((time.perf_counter() - t) * 1000)
    print(f"ask {question!r}: median {statistics.median(runs):.1f} ms, max {max(runs):.1f} ms")
EOF
