#!/usr/bin/env bash
# Runs e2e/run.mjs inside a new network namespace with only loopback up, so no test traffic
# leaves the machine. Arguments go to run.mjs.
set -euo pipefail
cd "$(dirname "$0")/.."
# As root a new network namespace; otherwise inside a new user namespace as well (-r).
if [ "$(id -u)" -eq 0 ]; then ns=(-n); else ns=(-r -n); fi
exec unshare "${ns[@]}" sh -c 'ip link set lo up && exec node e2e/run.mjs "$@"' e2e-run "$@"
