#!/usr/bin/env bash
# Event scheduler comparison: the scale benchmark (scripts/scale-bench.sh) at one audience with
# each event queue `cdnmesh run --event-queue` offers, one after the other, then a check that all
# of them wrote byte-identical result files but for summary.json's event count (the bucket queue
# keeps flow completion checks that other queues re-schedule). 3 000 viewers hold ~100 000
# pending events at the peak, 10 000 ~400 000. Markdown table on stdout and in
# build/queue-bench.md.
# Usage: scripts/queue-bench.sh [VIEWERS]   (default 3000; CDNMESH_SCALE_DURATION_S as for
#        scale-bench, default here 300)
set -euo pipefail
cd "$(dirname "$0")/.."
viewers=${1:-3000}
export CDNMESH_SCALE_DURATION_S=${CDNMESH_SCALE_DURATION_S:-300}
if [ -z "${CDNMESH_CLI:-}" ]; then  # CDNMESH_CLI=path/to/cdnmesh: that binary, as scale-bench
  scripts/setup.sh >/dev/null
  scripts/build.sh cdnmesh >/dev/null
  export CDNMESH_CLI=build/sim/cdnmesh
fi
queues=(bucket priority-queue heap map calendar)
out=build/queue-bench.md
for queue in "${queues[@]}"; do
  CDNMESH_EVENT_QUEUE=$queue scripts/scale-bench.sh "$viewers" > "build/queue-bench-$queue.md"
done
{
  head -n 2 "build/queue-bench-${queues[0]}.md"
  for queue in "${queues[@]}"; do tail -n 1 "build/queue-bench-$queue.md"; done
} | tee "$out"
without_event_count() { grep -v '^    "events": ' "$1"; }
for queue in "${queues[@]:1}"; do
  for file in summary.json timeseries.csv peers.csv; do
    if ! cmp -s <(without_event_count "build/scale-bench/$viewers-bucket/$file") \
        <(without_event_count "build/scale-bench/$viewers-$queue/$file"); then
      echo "queue-bench: $queue wrote a different $file than bucket" >&2
      exit 1
    fi
  done
done
echo "All ${#queues[@]} event queues wrote byte-identical summary.json (but for the event count)," \
  "timeseries.csv, peers.csv."
