#!/usr/bin/env bash
# Fails if simulator code could let one viewer read or drive another viewer's client: the
# client and scheduler may be named only by the viewer host (models/peer/peer-app*), which
# reaches its own client through `client_` alone; everything else gets the const accessor
# `client()`, for metrics, and only sim/ may call it. Usage: check-no-oracles.sh [ROOT]
# (ROOT defaults to the repository; the test suite also runs it on a planted violation).
set -euo pipefail
cd "${1:-$(dirname "$0")/..}"
status=0
fail() { echo "no-oracles: $*" >&2; status=1; }
# Only the viewer host includes the client or the scheduler.
for f in $(grep -rlE '#include "core/(client/client|scheduler/scheduler)\.h"' models || true); do
  case "$f" in models/peer/peer-app.h) ;; *) fail "$f includes the client or the scheduler" ;; esac
done
# No model outside the host names a client's accessor.
if grep -rnE '(->|\.)client\(\)' models; then fail "a model calls client() of a viewer"; fi
# The host touches its own client only: never another PeerApp's `client_`.
if grep -rnE '[A-Za-z_)\]]+(->|\.)client_\b' models/peer; then
  fail "the viewer host reaches into another host's client"
fi
# Mesh and services hold no viewer state of their own that decides (no scheduler types).
if grep -rnE '\b(Scheduler|Client|PeerTable|SegmentCache)\b' models/peer/mesh-network.* models/services; then
  fail "the mesh network or a service host names client-side state"
fi
[ $status -eq 0 ] && echo "no-oracles: ok"
exit $status
