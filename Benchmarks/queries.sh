#!/usr/bin/env bash
# Benchmark of the evidence queries (issue 6): `evidence for` on a competency and `evidence map` as whole
# processes on a generated store of 100,000 references and 300,000 links, next to the sqlite3 shell running the
# equivalent SQL on the same file. Median of several runs (hyperfine), peak memory from /usr/bin/time -v.
#
# Usage: Benchmarks/queries.sh [--references N] [--links M] [--runs R]
# The store is generated once into Benchmarks/out/queries-N.sqlite (delete it to regenerate).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
references=100000
links=300000
runs=15
while [ $# -gt 0 ]; do
  case "$1" in
    --references) references=$2; shift 2 ;;
    --links) links=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    *) echo "usage: $0 [--references N] [--links M] [--runs R]" >&2; exit 2 ;;
  esac
done

cd "$root"
swift build -c release --product evidence >/dev/null
swift build -c release --product evidence-bench >/dev/null
# The same executable with the Swift runtime and Foundation linked in statically: it starts in about half the time
# (no dynamic loading and relocation of libFoundation and ICU), which matters for short queries. Its own scratch
# path, so the two builds do not undo each other.
swift build -c release --product evidence --static-swift-stdlib --scratch-path "$root/.build-static" >/dev/null
"$here/setup-peers.sh" >/dev/null
evidence="$root/.build/release/evidence"
static="$root/.build-static/release/evidence"
out="$here/out"
mkdir -p "$out"
store="$out/queries-$references.sqlite"
if [ ! -s "$store" ]; then
  rm -f "$store" "$store-wal" "$store-shm"
  "$evidence" --store "$store" framework >/dev/null   # schema and the bundled framework, no seed
  python3 "$here/generate-queries-store.py" "$store" --references "$references" --links "$links"
fi
"$evidence" --store "$store" framework >/dev/null     # migrate if the schema moved on

concept="isp:competency/brokering"
papers=$(sqlite3 "$store" "SELECT COUNT(*) FROM evidence_link WHERE concept_id = '$concept'")
total_links=$(sqlite3 "$store" "SELECT COUNT(*) FROM evidence_link")
total_refs=$(sqlite3 "$store" "SELECT COUNT(*) FROM reference")

# The SQL `evidence for brokering` runs (EvidenceStore.rankedEvidence, one concept), in the order it runs it: the
# concept shown in the heading (evidence reads the framework's concepts to resolve the name; here only the one row
# the heading shows is read), the first 50 papers in rank_key order (a generated column indexed with the concept, so
# SQLite sorts only within a rank and stops after 50), the total from link_tally, then the 50 records and their
# links, in rank order as evidence prints them. The design CASE is StudyDesign.rank; `+l.concept_id` is the same
# hint evidence gives SQLite to look the 50 papers' links up by reference_id.
design_rank="(CASE r.study_design WHEN 'systematic-review' THEN 9 WHEN 'trial' THEN 8 WHEN 'quasi-experimental' THEN 7 WHEN 'cohort' THEN 6 WHEN 'survey' THEN 5 WHEN 'qualitative' THEN 4 WHEN 'mixed-methods' THEN 5 WHEN 'case-study' THEN 3 WHEN 'measurement' THEN 6 WHEN 'conceptual' THEN 2 WHEN 'guidance' THEN 3 WHEN 'other' THEN 1 ELSE 0 END)"
cat >"$out/for.sql" <<SQL
SELECT c.name, c.code, c.kind, c.summary, p.name, f.title FROM concept c JOIN framework f ON f.id = c.framework_id
LEFT JOIN concept p ON p.id = c.parent_id WHERE c.id = '$concept';
CREATE TEMP TABLE ranked AS
SELECT l.reference_id FROM evidence_link l JOIN reference r INDEXED BY reference_rank ON r.id = l.reference_id
WHERE l.concept_id = '$concept' AND r.is_member = 1
ORDER BY l.rank_key, $design_rank DESC, r.year IS NULL, r.year DESC, r.citation_key LIMIT 50;
SELECT COALESCE(SUM(papers), 0) FROM link_tally WHERE concept_id = '$concept' AND papers <> 0 AND is_member = 1;
SELECT r.id, r.csl, r.is_member, r.created_at, r.updated_at FROM ranked JOIN reference r ON r.id = ranked.reference_id
ORDER BY ranked.rowid;
SELECT l.*, r.citation_key FROM ranked JOIN evidence_link l ON l.reference_id = ranked.reference_id
JOIN reference r ON r.id = l.reference_id WHERE +l.concept_id = '$concept' AND r.is_member = 1
ORDER BY ranked.rowid, l.rank_key, l.concept_id;
SQL
# The sqlite3 side must answer what evidence shows: the same 50 papers (their links' citation keys, the last of the
# 15 columns of a link row) in the same order as `evidence for brokering`.
if ! diff <(sqlite3 "$store" ".read $out/for.sql" | awk -F'|' 'NF == 15 {print $NF}') \
  <("$evidence" --store "$store" for brokering --format csv --limit 50 | tail -n +2 | cut -d, -f2) >/dev/null; then
  echo "queries.sh: the sqlite3 SQL of 'evidence for' does not give the papers evidence shows" >&2
  exit 1
fi
# The SQL `evidence map` runs: the frameworks and the link tallies (EvidenceStore.linkTallies).
cat >"$out/map.sql" <<'SQL'
SELECT * FROM framework ORDER BY rowid;
SELECT * FROM concept WHERE framework_id = 'isp' ORDER BY position;
SELECT concept_id, study_design, 'supports', 'moderate', '', SUM(papers) FROM link_tally
WHERE papers <> 0 AND is_member = 1 AND status = 'confirmed' GROUP BY concept_id, study_design, 'supports', 'moderate', '';
SQL
# For comparison only: the same counts grouped from the 300,000 links, which the tally table replaces.
cat >"$out/map-from-links.sql" <<'SQL'
SELECT l.concept_id, COALESCE(r.study_design, ''), l.relation, l.strength, COALESCE(l.basis, ''), COUNT(*)
FROM evidence_link l JOIN reference r ON r.id = l.reference_id WHERE r.is_member = 1 AND l.status = 'confirmed'
GROUP BY 1, 2, 3, 4, 5;
SQL

names=(
  "evidence for brokering (table, first 50)"
  "evidence for brokering (static stdlib)"
  "sqlite3: the SQL of evidence for"
  "evidence for brokering --format json --limit 50"
  "evidence for brokering --format csv --limit 0 (all)"
  "evidence for Co-creation and engagement (domain)"
  "evidence map"
  "evidence map (static stdlib)"
  "sqlite3: the SQL of evidence map"
  "evidence map --by relation --json"
  "evidence gaps"
  "sqlite3: map counts grouped from the links"
  "evidence --version (process floor)"
  "evidence --version (static stdlib)"
  "sqlite3 SELECT 1 (process floor)"
)
commands=(
  "$evidence --store $store for brokering"
  "$static --store $store for brokering"
  "sqlite3 $store .read\ $out/for.sql"
  "$evidence --store $store for brokering --format json --limit 50"
  "$evidence --store $store for brokering --format csv --limit 0"
  "$evidence --store $store for D1"
  "$evidence --store $store map"
  "$static --store $store map"
  "sqlite3 $store .read\ $out/map.sql"
  "$evidence --store $store map --by relation --json"
  "$evidence --store $store gaps"
  "sqlite3 $store .read\ $out/map-from-links.sql"
  "$evidence --version"
  "$static --version"
  "sqlite3 $store SELECT\ 1"
)
args=()
for i in "${!names[@]}"; do args+=(-n "${names[$i]}" "${commands[$i]}"); done
COLUMNS=100 hyperfine -N --style none --warmup 3 --runs "$runs" --export-json "$out/queries-hyperfine.json" "${args[@]}" >/dev/null

: >"$out/queries-rss.txt"
for i in "${!names[@]}"; do
  read -r -a argv <<<"${commands[$i]//\\ /$'\x1f'}"
  argv=("${argv[@]//$'\x1f'/ }")
  rss=$( { /usr/bin/time -v "${argv[@]}" >/dev/null ; } 2>&1 | awk -F': ' '/Maximum resident set size/ {print $2}')
  echo "${names[$i]}	$rss" >>"$out/queries-rss.txt"
done

python3 - "$out/queries-hyperfine.json" "$out/queries-rss.txt" "$total_refs" "$total_links" "$papers" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
rss = dict(line.rstrip("\n").split("\t") for line in open(sys.argv[2]) if "\t" in line)
refs, links, papers = sys.argv[3:6]
print(f"store: {refs} references, {links} links; brokering has {papers} papers")
print(f"{'command':52} {'median ms':>10} {'mean ± sd ms':>16} {'user+sys ms':>12} {'peak MB':>8}")
medians = {}
for r in results:
    name = r["command"]
    median = r["median"] * 1000
    medians[name] = median
    cpu = (r["user"] + r["system"]) * 1000
    peak = int(rss.get(name, "0") or 0) / 1024
    print(f"{name:52} {median:10.1f} {r['mean']*1000:9.1f} ± {r['stddev']*1000:4.1f} {cpu:12.1f} {peak:8.1f}")
names = [r["command"] for r in results]
by = {r["command"]: r["median"] * 1000 for r in results}
for_ms, for_static, for_sql = by["evidence for brokering (table, first 50)"], by["evidence for brokering (static stdlib)"], by["sqlite3: the SQL of evidence for"]
map_ms, map_static, map_sql = by["evidence map"], by["evidence map (static stdlib)"], by["sqlite3: the SQL of evidence map"]
print()
for label, ms in (("evidence for", for_ms), ("evidence for, static stdlib", for_static)):
    print(f"{label}: {ms:.1f} ms (target < 50 ms: {'met' if ms < 50 else 'NOT met'}); "
          f"{ms / for_sql:.2f}x sqlite3's {for_sql:.1f} ms (target within 2x: {'met' if ms <= 2 * for_sql else 'NOT met'})")
for label, ms in (("evidence map", map_ms), ("evidence map, static stdlib", map_static)):
    print(f"{label}: {ms:.1f} ms (target < 200 ms: {'met' if ms < 200 else 'NOT met'}); sqlite3 {map_sql:.1f} ms")
PY
