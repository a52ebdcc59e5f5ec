#!/usr/bin/env bash
# Fingerprints of the stores one `evidence` binary builds from the benchmark corpora, so that a change meant to make
# imports faster can be shown to leave what they store unchanged: run it with the binary before and after the change
# and compare the two outputs (they must be identical).
#
# Usage: Benchmarks/fingerprint.sh [EVIDENCE_BINARY]   (default: the release build)
# Imports, each into a new store under Benchmarks/out/fingerprint/: the 157 JATS files, glottolog's BibTeX and, when
# Benchmarks/ris.sh has made it, glottolog as RIS. Prints one line per corpus: MD5 prefixes of every reference row
# (with its CSL-JSON), the identifiers, the citation edges, a full-text query's row ids, the diagnostics and the
# summary line.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
corpora=$(cd "$root/../shared/corpora" && pwd)
binary=${1:-}
if [ -z "$binary" ]; then
  (cd "$root" && swift build -c release --product evidence >/dev/null)
  binary="$root/.build/release/evidence"
fi
out="$here/out/fingerprint"
mkdir -p "$out"

digest() { md5sum | cut -c1-12; }

fingerprint() { # name, then the import's arguments
  local name=$1
  shift
  local store="$out/$name.sqlite"
  rm -f "$store" "$store-wal" "$store-shm" "$store-journal"
  "$binary" --store "$store" import "$@" >"$out/$name.out" 2>"$out/$name.err" || true
  printf '%-6s rows %s identifiers %s citations %s search %s diagnostics %s summary %s\n' "$name" \
    "$(sqlite3 "$store" "SELECT id, citation_key, type, title, year, container, creators, abstract, keywords, notes, study_design, is_member, csl FROM reference ORDER BY id" | digest)" \
    "$(sqlite3 "$store" "SELECT * FROM identifier ORDER BY reference_id, kind, value" | digest)" \
    "$(sqlite3 "$store" "SELECT * FROM citation ORDER BY citing_id, position" | digest)" \
    "$(sqlite3 "$store" "SELECT rowid FROM reference_fts WHERE reference_fts MATCH 'language OR health OR implementation' ORDER BY rowid" | digest)" \
    "$(digest <"$out/$name.err")" "$(digest <"$out/$name.out")"
}

jats=("$corpora"/jats/plos/*.xml "$corpora"/jats/pmc/*.nxml "$corpora"/jats/elife/*.xml)
fingerprint jats "${jats[@]}"
fingerprint bibtex "$corpora/bibtex/glottolog"
if [ -s "$here/out/glottolog.ris" ]; then fingerprint ris "$here/out/glottolog.ris"; fi
