#!/usr/bin/env bash
# RIS import benchmark: a 69,505-record RIS file made from the Glottolog BibTeX corpus with bibutils
# (bib2xml -i utf8 | xml2ris -nb), read by evidence (parse alone, and the whole import into a new store), by rispy
# (rispy.load) and by pandoc 3.9 (-f ris -t csljson, from pypandoc-binary), all on the same file in the same run.
# Prints one table: wall seconds, records/s, MB/s and peak resident memory (from /usr/bin/time -v).
# Usage: Benchmarks/ris.sh [runs]   (default 3: ours and rispy alternated, the whole import 3 times, pandoc once)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
corpus="$root/../shared/corpora/bibtex/glottolog"
out="$here/out"
runs=${1:-3}
mkdir -p "$out"

bash "$here/setup-peers.sh" >&2
(cd "$root" && swift build -c release --product evidence >&2 && swift build -c release --product evidence-bench >&2)
bin=$(cd "$root" && swift build -c release --show-bin-path)
python="$here/.venv/bin/python"
pandoc39=$("$python" -c "import pypandoc; print(pypandoc.get_pandoc_path())")

ris="$out/glottolog.ris"
if [ ! -s "$ris" ]; then
  echo "converting $corpus/*.bib to RIS with bibutils ..." >&2
  : >"$ris.tmp"
  for bib in "$corpus"/*.bib; do
    bib2xml -i utf8 "$bib" 2>/dev/null | xml2ris -nb 2>/dev/null >>"$ris.tmp"
  done
  mv "$ris.tmp" "$ris"
fi
records=$(grep -c '^TY  - ' "$ris")
bytes=$(stat -c %s "$ris")
echo "input: $ris: $records records, $bytes bytes ($(nproc) cores, $(uname -m))" >&2

# measure NAME COMMAND...: runs COMMAND under /usr/bin/time -v, sets wall (s) and peak (MB).
measure() {
  local log="$out/time.$1.log"
  shift
  /usr/bin/time -v "$@" >"$out/stdout.log" 2>"$log" || {
    echo "failed: $* (see $log)" >&2
    tail -5 "$log" >&2
    return 1
  }
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$log")
  peak=$(awk -F': ' '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }' "$log")
}

row() { # name seconds peak note
  awk -v n="$1" -v s="$2" -v p="$3" -v r="$records" -v b="$bytes" -v note="$4" \
    'BEGIN { printf "| %-34s | %8.3f | %10.0f | %7.1f | %8s | %s\n", n, s, r / s, b / 1e6 / s, p, note }'
}

echo "| tool | seconds | records/s | MB/s | peak MB | note |"
echo "|---|---|---|---|---|---|"

# Ours, parse alone (read + decode + parse + map; no store), and rispy.load on the same file, alternated $runs times so
# both see the same machine load (other work shares the 2 cores); the best run of each is reported.
cat >"$out/rispy_bench.py" <<'EOF'
import sys, time, rispy
start = time.perf_counter()
with open(sys.argv[1], encoding="utf-8") as handle:
    entries = rispy.load(handle)
print(f"records={len(entries)} seconds={time.perf_counter() - start:.3f}")
EOF
best_parse=""
best_rispy=""
pair_ratios=""
for _ in $(seq "$runs"); do
  line=$("$bin/evidence-bench" parse ris "$ris")
  seconds=$(sed -n 's/.*seconds=\([0-9.]*\).*/\1/p' <<<"$line")
  if [ -z "$best_parse" ] || awk -v a="$seconds" -v b="$best_parse" 'BEGIN { exit !(a < b) }'; then
    best_parse=$seconds
    parse_line=$line
  fi
  measure rispy "$python" "$out/rispy_bench.py" "$ris"
  seconds=$(sed -n 's/.*seconds=\([0-9.]*\).*/\1/p' "$out/stdout.log")
  # The ratio within each alternating pair, ours then rispy a second later: the machine's speed moves between pairs.
  pair_ratios="$pair_ratios $(awk -v r="$seconds" -v p="$(sed -n 's/.*seconds=\([0-9.]*\).*/\1/p' <<<"$line")" 'BEGIN { printf "%.2f", r / p }')"
  if [ -z "$best_rispy" ] || awk -v a="$seconds" -v b="$best_rispy" 'BEGIN { exit !(a < b) }'; then
    best_rispy=$seconds
    rispy_peak=$peak
    rispy_records=$(sed -n 's/.*records=\([0-9]*\) .*/\1/p' "$out/stdout.log")
  fi
done
parse_peak=$(sed -n 's/.*peak_rss_mb=\([0-9.]*\).*/\1/p' <<<"$parse_line")
parse_records=$(sed -n 's/.*records=\([0-9]*\) .*/\1/p' <<<"$parse_line")
row "evidence-bench parse ris" "$best_parse" "$parse_peak" "$parse_records records, in-process timer, best of $runs"
rispy_version=$("$python" -c 'import importlib.metadata as m; print(m.version("rispy"))')
row "rispy $rispy_version rispy.load" "$best_rispy" "$rispy_peak" "$rispy_records records, in-process timer, best of $runs"
rispy_seconds=$best_rispy

# Ours, the whole import into a new store (process start to exit): best of $runs.
best_import=""
for _ in $(seq "$runs"); do
  rm -f "$out"/ris-bench.sqlite*
  measure evidence "$bin/evidence" --store "$out/ris-bench.sqlite" import "$ris"
  if [ -z "$best_import" ] || awk -v a="$wall" -v b="$best_import" 'BEGIN { exit !(a < b) }'; then
    best_import=$wall
    import_peak=$peak
  fi
done
summary=$(grep -m1 Imported "$out/stdout.log" || true)
row "evidence import (new store)" "$best_import" "$import_peak" "${summary:0:60}"

# pandoc 3.9: -f ris -t csljson (whole process).
measure pandoc "$pandoc39" -f ris -t csljson "$ris" -o "$out/pandoc.json"
pandoc_records=$(grep -c '"id":' "$out/pandoc.json" || true)
row "pandoc $("$pandoc39" --version | head -1 | cut -d' ' -f2) -f ris -t csljson" "$wall" "$peak" "$pandoc_records items, whole process"

awk -v p="$best_parse" -v r="$rispy_seconds" 'BEGIN { printf "\nparse speed-up over rispy: %.1fx (target >= 5x)\n", r / p }'
echo "$pair_ratios" | tr ' ' '\n' | sed '/^$/d' | sort -n | awk '{ r[NR] = $1 } END { printf "  per alternating pair: median %.1fx, %.1f-%.1fx (the target is judged on the best runs above)\n", (NR % 2 ? r[(NR + 1) / 2] : (r[NR / 2] + r[NR / 2 + 1]) / 2), r[1], r[NR] }'
awk -v i="$best_import" -v p="$best_parse" 'BEGIN { printf "whole import: %.3f s (target < 1.5 s), of which parsing %.3f s and the store the rest\n", i, p }'
echo "peak memory of the whole import: $import_peak MB (target < 150 MB)"
