#!/usr/bin/env bash
# Regenerates results/validation/flow-fit.md: the flow model's queueing factors fitted against the
# packet level (cdnmesh fit-flow-model: 96 probe transfers at both fidelities, ~15 s). The
# factors it prints are the defaults of transport.queue_factor, ack_queue_factor and
# newcomer_factor (a CTest checks they agree). Needs a build (scripts/build.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
CLI=${CDNMESH_CLI:-build/sim/cdnmesh}
OUT=${CDNMESH_FIT_OUT:-results/validation/flow-fit.md}
{
  echo "# The flow model's queueing terms, fitted against the packet level"
  echo
  echo "Regenerate: \`scripts/fit-flow-model.sh\` (\`cdnmesh fit-flow-model\`; $("$CLI" version))."
  echo "What the probes are and how the terms enter the flow model: docs/network.md."
  echo
  "$CLI" fit-flow-model
} > "$OUT.tmp"
mv "$OUT.tmp" "$OUT"
echo "wrote $OUT"
