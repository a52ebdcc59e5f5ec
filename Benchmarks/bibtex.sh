#!/usr/bin/env bash
# BibTeX benchmark: parses the glottolog corpus (27 MB, 69,505 entries) with `evidence-bench parse bibtex`, imports it
# into a new store with the release `evidence`, and runs the peers on the same files in the same run: bibtexparser 2,
# pybtex, pandoc (-f biblatex -t csljson) and bibutils' bib2xml. Prints one table (seconds, MB/s, records/s, peak MB).
#
# Usage: Benchmarks/bibtex.sh [FOLDER]   (default ../shared/corpora/bibtex/glottolog). PEERS=0 skips the peers.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
corpus=${1:-$root/../shared/corpora/bibtex/glottolog}
out=$here/out/bibtex
mkdir -p "$out"
cd "$root"

swift build -c release --product evidence >/dev/null || exit 1
swift build -c release --product evidence-bench >/dev/null || exit 1
bin=$(swift build -c release --show-bin-path)
if [ "${PEERS:-1}" != 0 ]; then bash "$here/setup-peers.sh" || echo "peer setup failed; peers may be missing"; fi
py=$here/.venv/bin/python

files=("$corpus"/*.bib)
bytes=$(cat "${files[@]}" | wc -c)
entries=$(cat "${files[@]}" | grep -c '^@')
echo "input: ${#files[@]} files, $bytes bytes, $entries entries (lines starting with @)"
echo "machine: $(nproc) cores, $(uname -sr)"
echo

rows=()
# run NAME RECORDS-COMMAND -- COMMAND...: times COMMAND with /usr/bin/time, then reads the record count with RECORDS-COMMAND.
run() {
  local name=$1 count_cmd=$2
  shift 3
  /usr/bin/time -f "%e %M" -o "$out/$name.time" "$@" >"$out/$name.out" 2>"$out/$name.err"
  local status=$?
  seconds=$(tail -1 "$out/$name.time" | cut -d' ' -f1)
  kb=$(tail -1 "$out/$name.time" | cut -d' ' -f2)
  local records
  records=$(eval "$count_cmd" 2>/dev/null || echo "?")
  local note=""
  [ $status -ne 0 ] && note="exit $status: $(grep -v '^\s*$' "$out/$name.err" | tail -1 | cut -c1-80)"
  rows+=("$(printf '%-22s %9s %9s %12s %9s %9s  %s' "$name" "$seconds" \
    "$(awk -v b="$bytes" -v s="$seconds" 'BEGIN { if (s > 0) printf "%.1f", b / 1e6 / s; else print "-" }')" \
    "$(awk -v r="$records" -v s="$seconds" 'BEGIN { if (s > 0 && r ~ /^[0-9]+$/) printf "%.0f", r / s; else print "-" }')" \
    "$(awk -v k="$kb" 'BEGIN { printf "%.0f", k / 1024 }')" "$records" "$note")")
}

# Ours: parsing alone (the harness prints its own numbers; the row is the whole process). The machine's speed varies
# by a third from minute to minute, so the harness runs five times, as the RIS benchmark runs it: each run is
# printed, and the best is the parse speed reported.
run "evidence-bench parse" "grep -o 'records=[0-9]*' $out/'evidence-bench parse'.out | cut -d= -f2" -- \
  "$bin/evidence-bench" parse bibtex "${files[@]}"
cp "$out/evidence-bench parse.out" "$out/parse-runs.txt"
for _ in 2 3 4 5; do "$bin/evidence-bench" parse bibtex "${files[@]}" >>"$out/parse-runs.txt"; done
sed 's/^/evidence-bench: /' "$out/parse-runs.txt"
echo "evidence-bench, best of 5: $(sort -t= -k2 -g <(grep -o 'seconds=.*' "$out/parse-runs.txt") | head -1)"

# Ours: the whole import into a new store.
rm -f "$out/store.sqlite" "$out/store.sqlite-wal" "$out/store.sqlite-shm"
run "evidence import" "grep -o '^Imported [0-9]*' $out/'evidence import'.out | grep -o '[0-9]*'" -- \
  "$bin/evidence" --store "$out/store.sqlite" import "$corpus"
summary=$(cat "$out/evidence import.out")
echo "evidence import: $summary"
records=$(echo "$summary" | grep -o '^Imported [0-9]*' | grep -o '[0-9]*')
failed=$(echo "$summary" | grep -o '[0-9]* failed' | grep -o '[0-9]*')
skipped=$(echo "$summary" | grep -o '[0-9]* skipped' | grep -o '[0-9]*')
total=$((records + failed + skipped))
if [ "$total" -eq "$entries" ]; then
  echo "blocks add up: $records imported + $failed failed + $skipped skipped = $total = $entries entries"
else
  echo "BLOCKS DO NOT ADD UP: $records + $failed + $skipped = $total, expected $entries"
fi
echo

if [ "${PEERS:-1}" != 0 ]; then
  cat >"$out/peer_bibtexparser.py" <<'PY'
import sys, bibtexparser
entries = failed = 0
for path in sys.argv[1:]:
    library = bibtexparser.parse_file(path)
    entries += len(library.entries)
    failed += len(library.failed_blocks)
print(entries, failed)
PY
  cat >"$out/peer_pybtex.py" <<'PY'
import sys
import pybtex.errors
from pybtex.database import parse_file
pybtex.errors.set_strict_mode(False)
entries = 0
for path in sys.argv[1:]:
    entries += len(parse_file(path, bib_format="bibtex").entries)
print(entries)
PY
  run "bibtexparser 2" "cut -d' ' -f1 $out/'bibtexparser 2'.out" -- "$py" "$out/peer_bibtexparser.py" "${files[@]}"
  run "pybtex" "cat $out/pybtex.out" -- "$py" "$out/peer_pybtex.py" "${files[@]}"
  run "pandoc" "grep -c '\"id\":' $out/pandoc.out" -- \
    bash -c 'for f in "$@"; do pandoc -f biblatex -t csljson "$f" | tr "," "\n"; done' _ "${files[@]}"
  run "bib2xml" "grep -c '<mods ' $out/bib2xml.out" -- \
    bash -c 'for f in "$@"; do bib2xml "$f" 2>/dev/null; done' _ "${files[@]}"
fi

printf '%-22s %9s %9s %12s %9s %9s  %s\n' tool seconds MB/s records/s peak_MB records note
for row in "${rows[@]}"; do echo "$row"; done
