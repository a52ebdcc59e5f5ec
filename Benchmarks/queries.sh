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
"$here/setup-peers.sh" >/dev/null
evidence="$root/.build/release/evidence"
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

# The SQL `evidence for brokering` runs (EvidenceStore.rankedEvidence): rank the papers by their strongest link,
# read the first 50 records and their links. The CASE tables are the model's weights (EvidenceStrength.weight,
# EvidenceRelation.rank, StudyDesign.rank).
link_rank="((CASE l.strength WHEN 'strong' THEN 0 WHEN 'moderate' THEN 100 WHEN 'emerging' THEN 200 ELSE 900 END) + (CASE WHEN l.basis = 'inferred' THEN 10 ELSE 0 END) + (CASE l.relation WHEN 'defines' THEN 0 WHEN 'measures' THEN 1 WHEN 'supports' THEN 2 WHEN 'describes' THEN 4 WHEN 'challenges' THEN 3 ELSE 9 END))"
design_rank="(CASE r.study_design WHEN 'systematic-review' THEN 9 WHEN 'trial' THEN 8 WHEN 'quasi-experimental' THEN 7 WHEN 'cohort' THEN 6 WHEN 'survey' THEN 5 WHEN 'qualitative' THEN 4 WHEN 'mixed-methods' THEN 5 WHEN 'case-study' THEN 3 WHEN 'measurement' THEN 6 WHEN 'conceptual' THEN 2 WHEN 'guidance' THEN 3 WHEN 'other' THEN 1 ELSE 0 END)"
cat >"$out/for.sql" <<SQL
CREATE TEMP TABLE ranked AS
SELECT b.reference_id, COUNT(*) OVER () AS total FROM (
    SELECT l.reference_id, MIN($link_rank) AS k
    FROM evidence_link l JOIN reference r ON r.id = l.reference_id
    WHERE l.concept_id IN ('$concept') AND r.is_member = 1 GROUP BY l.reference_id
) b JOIN reference r ON r.id = b.reference_id
ORDER BY b.k, $design_rank DESC, r.year IS NULL, r.year DESC, r.citation_key LIMIT 50;
SELECT id, csl, is_member, created_at, updated_at FROM reference WHERE id IN (SELECT reference_id FROM ranked);
SELECT l.*, r.citation_key FROM evidence_link l JOIN reference r ON r.id = l.reference_id
WHERE l.reference_id IN (SELECT reference_id FROM ranked) AND l.concept_id IN ('$concept') AND r.is_member = 1
ORDER BY $link_rank, l.concept_id;
SQL
# The SQL `evidence map` runs: the frameworks and the link tallies (EvidenceStore.linkTallies).
cat >"$out/map.sql" <<'SQL'
SELECT * FROM framework ORDER BY rowid;
SELECT * FROM concept WHERE framework_id = 'isp' ORDER BY position;
SELECT concept_id, study_design, relation, strength, basis, SUM(papers) FROM link_tally
WHERE papers <> 0 AND is_member = 1 AND status = 'confirmed' GROUP BY concept_id, study_design, relation, strength, basis;
SQL
# For comparison only: the same counts grouped from the 300,000 links, which the tally table replaces.
cat >"$out/map-from-links.sql" <<'SQL'
SELECT l.concept_id, COALESCE(r.study_design, ''), l.relation, l.strength, COALESCE(l.basis, ''), COUNT(*)
FROM evidence_link l JOIN reference r ON r.id = l.reference_id WHERE r.is_member = 1 AND l.status = 'confirmed'
GROUP BY 1, 2, 3, 4, 5;
SQL

names=(
  "evidence for brokering (table, first 50)"
  "sqlite3: the SQL of evidence for"
  "evidence for brokering --format json --limit 50"
  "evidence for brokering --format csv --limit 0 (all)"
  "evidence map"
  "sqlite3: the SQL of evidence map"
  "evidence map --json"
  "evidence gaps"
  "sqlite3: map counts grouped from the links"
)
commands=(
  "$evidence --store $store for brokering"
  "sqlite3 $store < $out/for.sql"
  "$evidence --store $store for brokering --format json --limit 50"
  "$evidence --store $store for brokering --format csv --limit 0"
  "$evidence --store $store map"
  "sqlite3 $store < $out/map.sql"
  "$evidence --store $store map --json"
  "$evidence --store $store gaps"
  "sqlite3 $store < $out/map-from-links.sql"
)
args=()
for i in "${!names[@]}"; do args+=(-n "${names[$i]}" "${commands[$i]}"); done
COLUMNS=100 hyperfine --style none --warmup 3 --runs "$runs" --export-json "$out/queries-hyperfine.json" "${args[@]}" >/dev/null

: >"$out/queries-rss.txt"
for i in "${!names[@]}"; do
  rss=$( { /usr/bin/time -v bash -c "${commands[$i]} >/dev/null" ; } 2>&1 | awk -F': ' '/Maximum resident set size/ {print $2}')
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
for_ms, for_sql = results[0]["median"] * 1000, results[1]["median"] * 1000
map_ms, map_sql = results[4]["median"] * 1000, results[5]["median"] * 1000
print()
print(f"evidence for: {for_ms:.1f} ms (target < 50 ms: {'met' if for_ms < 50 else 'NOT met'}); "
      f"{for_ms / for_sql:.2f}x sqlite3's {for_sql:.1f} ms (target within 2x: {'met' if for_ms <= 2 * for_sql else 'NOT met'})")
print(f"evidence map: {map_ms:.1f} ms (target < 200 ms: {'met' if map_ms < 200 else 'NOT met'}); sqlite3 {map_sql:.1f} ms")
PY
