#!/usr/bin/env bash
# Fails if the include closure of any core/ source reaches ns-3, Boost, sockets, threads, streams
# to files/consoles, or anything outside core/ and the C/C++ standard libraries.
set -euo pipefail
cd "$(dirname "$0")/.."
CXX=${1:-c++}
status=0
for src in $(find core -name '*.cc' -o -name '*.h' | sort); do
  deps=$("$CXX" -std=c++17 -I. -M -x c++ "$src" | tr -d '\\' | tr ' ' '\n' | grep -v '^$' | tail -n +2)
  for dep in $deps; do
    case "$dep" in
      core/*) ;;
      */ns3*|*/boost/*|*/sys/socket.h|*/netinet/*|*/c++/*/iostream|*/c++/*/fstream|*/c++/*/thread|*/c++/*/mutex|*/c++/*/future)
        echo "core-purity: $src includes forbidden $dep" >&2; status=1 ;;
      /usr/include/*|*/lib/gcc/*|/usr/lib/llvm*) ;;
      *) echo "core-purity: $src includes $dep from outside core/ and the standard library" >&2; status=1 ;;
    esac
  done
  if grep -nE 'random_device|steady_clock::now|system_clock::now|\bstd::rand\b|\bsrand\(|\btime\(' "$src" >&2; then
    echo "core-purity: $src reads a clock or global randomness" >&2; status=1
  fi
done
[ $status -eq 0 ] && echo "core-purity: ok ($(find core -name '*.cc' -o -name '*.h' | wc -l) files)"
exit $status
