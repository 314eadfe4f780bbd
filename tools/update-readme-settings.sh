#!/usr/bin/env bash
# Rewrites the configuration table in README.md from the settings the code declares (ReadmeTest checks it).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f app/target/sprechzimmer.jar ] || mvn -B -q -ntp -DskipTests package
table=$(java -jar app/target/sprechzimmer.jar --settings-table)
python3 - "$table" <<'PY'
import sys, re
table = sys.argv[1] + "\n"
s = open("README.md").read()
b, e = "<!-- settings-table:begin -->\n", "<!-- settings-table:end -->"
i, j = s.index(b) + len(b), s.index(e)
open("README.md", "w").write(s[:i] + table + s[j:])
PY
echo "README.md settings table updated"
