#!/usr/bin/env bash
# Regenerates the generated parts of docs/ from the program itself: the metric tables of
# docs/metrics.md (`cdnmesh metrics --markdown`) and the parameter reference docs/scenarios.md
# (`cdnmesh params`). With --check, changes nothing and fails when a file is out of date (CTest).
set -euo pipefail
cd "$(dirname "$0")/.."
cli=${CDNMESH_CLI:-build/sim/cdnmesh}
check=0
[ "${1:-}" = "--check" ] && check=1

begin='<!-- generated: cdnmesh metrics --markdown (scripts/gen-docs.sh) -->'
end='<!-- end of generated part -->'

metrics_doc() {  # docs/metrics.md with its generated part replaced
  awk -v begin="$begin" '{ print } $0 == begin { exit }' docs/metrics.md
  "$cli" metrics --markdown
  awk -v end="$end" '$0 == end { found = 1 } found { print }' docs/metrics.md
}

scenarios_doc() {
  cat <<'HEAD'
# Scenario reference

Every key a scenario file (YAML) or a Python dict may set, with its type, unit, default, allowed
range and meaning. This page is generated from the schema by `scripts/gen-docs.sh` (the same
text as `build/sim/cdnmesh params`); CTest fails when it is out of date. The shipped scenarios
in `scenarios/` are commented examples.

```text
HEAD
  "$cli" params
  echo '```'
}

status=0
for doc in metrics scenarios; do
  file=docs/$doc.md
  fresh=$(mktemp)
  "${doc}_doc" > "$fresh"
  if [ "$check" -eq 1 ]; then
    if ! cmp -s "$fresh" "$file"; then
      echo "gen-docs: $file is out of date; run scripts/gen-docs.sh" >&2
      diff "$file" "$fresh" | head -20 >&2 || true
      status=1
    fi
    rm -f "$fresh"
  else
    mv "$fresh" "$file"
    echo "gen-docs: wrote $file"
  fi
done
exit $status
