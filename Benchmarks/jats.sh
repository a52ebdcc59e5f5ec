#!/usr/bin/env bash
# JATS import benchmark: the 157 files of ../shared/corpora/jats (PLOS, PMC, eLife; 21.7 MB; 8,775 <ref>s).
#
# Runs, on the same files in the same run:
#   1. `evidence import` of all files into a new store (release build), best of $RUNS;
#   2. `evidence-bench parse jats` (the importer alone, no store), best of $RUNS;
#   3. pubmed_parser 0.5.1: parse_pubmed_xml + parse_pubmed_references per file (Benchmarks/.venv);
#   4. pandoc -f jats -t csljson per file: Debian's pandoc 2.17 and pypandoc-binary's pandoc 3.9.
# Prints a table of wall seconds, CPU seconds, peak memory and what each tool found. Results: Benchmarks/jats.md.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
corpus=$(cd "$root/../shared/corpora/jats" && pwd)
out="$here/out/jats"
runs=${RUNS:-3}
mkdir -p "$out"

cd "$root"
swift build -c release --product evidence >/dev/null
swift build -c release --product evidence-bench >/dev/null
bash "$here/setup-peers.sh" >/dev/null
bin=$(swift build -c release --show-bin-path)
python="$here/.venv/bin/python"
pandoc3=$("$python" -c 'import pypandoc; print(pypandoc.get_pandoc_path())')

files=("$corpus"/plos/*.xml "$corpus"/pmc/*.nxml "$corpus"/elife/*.xml)
bytes=$(cat "${files[@]}" | wc -c)
refs=$(cat "${files[@]}" | grep -o '<ref[[:space:]>]' | wc -l)
printf '%s\n' "${files[@]}" >"$out/files.txt"
echo "input: ${#files[@]} files, $bytes bytes, $refs <ref> elements; machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"

# time_run NAME COMMAND...: runs under /usr/bin/time -v, keeps the best wall time of $runs runs.
declare -A wall cpu rss
time_run() {
  local name=$1
  shift
  local best=""
  for _ in $(seq "$runs"); do
    /usr/bin/time -v -o "$out/time.txt" "$@" >"$out/$name.stdout" 2>"$out/$name.stderr" || true
    local w u s m
    w=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); t=0; for(i=1;i<=n;i++) t=t*60+a[i]; print t}' "$out/time.txt")
    u=$(awk -F': ' '/User time/ {print $2}' "$out/time.txt")
    s=$(awk -F': ' '/System time/ {print $2}' "$out/time.txt")
    m=$(awk -F': ' '/Maximum resident/ {printf "%.0f", $2/1024}' "$out/time.txt")
    if [ -z "$best" ] || awk "BEGIN {exit !($w < $best)}"; then
      best=$w
      wall[$name]=$w
      cpu[$name]=$(awk "BEGIN {printf \"%.2f\", $u + $s}")
      rss[$name]=$m
    fi
  done
}

cat >"$out/import.sh" <<EOF
rm -f "$out/store.sqlite" "$out/store.sqlite-wal" "$out/store.sqlite-shm"
xargs -d '\\n' "$bin/evidence" --store "$out/store.sqlite" import <"$out/files.txt"
EOF
time_run evidence-import bash "$out/import.sh"
imported=$(grep -o '[0-9]* cited works' "$out/evidence-import.stdout" | cut -d' ' -f1)
records=$(grep -o '^Imported [0-9]* records' "$out/evidence-import.stdout" | cut -d' ' -f2)

time_run evidence-parse "$bin/evidence-bench" parse jats "${files[@]}"
parsed=$(grep -o 'records=[0-9]*' "$out/evidence-parse.stdout" | cut -d= -f2)

cat >"$out/pubmed_parser_run.py" <<'EOF'
import sys, time
import pubmed_parser as pp
files = [line.strip() for line in open(sys.argv[1]) if line.strip()]
start = time.perf_counter()
articles = references = failed = 0
for path in files:
    try:
        article = pp.parse_pubmed_xml(path)
        cited = pp.parse_pubmed_references(path)
        articles += 1 if article else 0
        references += len(cited or [])
    except Exception as error:
        failed += 1
        print(f"{path}: {error}", file=sys.stderr)
print(f"articles={articles} references={references} failed={failed} seconds={time.perf_counter() - start:.3f}")
EOF
time_run pubmed_parser "$python" "$out/pubmed_parser_run.py" "$out/files.txt"
pp_refs=$(grep -o 'references=[0-9]*' "$out/pubmed_parser.stdout" | cut -d= -f2)
pp_inner=$(grep -o 'seconds=[0-9.]*' "$out/pubmed_parser.stdout" | cut -d= -f2)

cat >"$out/pandoc.sh" <<'EOF'
exe=$1 dir=$2 list=$3
mkdir -p "$dir"
while IFS= read -r f; do
  "$exe" -f jats -t csljson "$f" -o "$dir/$(basename "$f").json" 2>/dev/null || echo "failed: $f" >&2
done <"$list"
EOF
count_items() {
  "$python" -c 'import json, sys, glob
total = 0
for path in glob.glob(sys.argv[1] + "/*.json"):
    try: total += len(json.load(open(path)))
    except Exception: pass
print(total)' "$1"
}
time_run pandoc-2 bash "$out/pandoc.sh" pandoc "$out/pandoc2" "$out/files.txt"
pandoc2_refs=$(count_items "$out/pandoc2")
time_run pandoc-3 bash "$out/pandoc.sh" "$pandoc3" "$out/pandoc3" "$out/files.txt"
pandoc3_refs=$(count_items "$out/pandoc3")

mb=$(awk "BEGIN {printf \"%.1f\", $bytes / 1e6}")
printf '\n%-40s %9s %9s %9s %10s %s\n' tool wall_s cpu_s peak_MB MB_per_s found
row() { printf '%-40s %9s %9s %9s %10s %s\n' "$1" "${wall[$2]}" "${cpu[$2]}" "${rss[$2]}" "$(awk "BEGIN {printf \"%.1f\", $mb / ${wall[$2]}}")" "$3"; }
row "evidence import (new store)" evidence-import "$records articles, $imported cited works"
row "evidence-bench parse jats (no store)" evidence-parse "$parsed articles"
row "pubmed_parser 0.5.1 (xml + references)" pubmed_parser "$pp_refs references (in-Python loop ${pp_inner}s)"
row "pandoc $(pandoc --version | head -1 | cut -d' ' -f2) -f jats -t csljson" pandoc-2 "$pandoc2_refs CSL items"
row "pandoc $("$pandoc3" --version | head -1 | cut -d' ' -f2) -f jats -t csljson" pandoc-3 "$pandoc3_refs CSL items"
echo
awk "BEGIN {printf \"evidence import vs pubmed_parser: %.1fx faster (wall), %.1fx (CPU)\n\", ${wall[pubmed_parser]} / ${wall[evidence-import]}, ${cpu[pubmed_parser]} / ${cpu[evidence-import]}}"
awk "BEGIN {printf \"evidence parse  vs pubmed_parser: %.1fx faster (wall), %.1fx (CPU)\n\", ${wall[pubmed_parser]} / ${wall[evidence-parse]}, ${cpu[pubmed_parser]} / ${cpu[evidence-parse]}}"
