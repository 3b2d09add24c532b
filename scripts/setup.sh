#!/usr/bin/env bash
# Installs every Debian package cdnmesh needs, and only those missing. Idempotent; run as root.
set -euo pipefail

PACKAGES=(
  build-essential cmake g++ git pkg-config
  clang libclang-rt-14-dev            # libFuzzer + sanitizers for the fuzz targets
  libgtest-dev libgmock-dev           # GoogleTest / GoogleMock
  libbenchmark-dev                    # Google Benchmark (bench/)
  time                                # /usr/bin/time for peak RSS in scripts/scale-bench.sh
  libns3-dev ns3                      # ns-3.37 (ns3 provides helpers its CMake config names)
  libgsl-dev libsqlite3-dev libxml2-dev  # named by ns-3's exported link targets
  libyaml-cpp-dev                     # scenario files (sim/)
  libeigen3-dev                       # least-squares fit of the flow model's TCP correction (sim/)
  nlohmann-json3-dev                  # summary.json (sim/)
  libboost-dev                        # Boost.Graph max flow for the tight offload bound (sim/);
                                      # Beast/Asio for services/ (1.74: not libboost1.81-dev)
  libssl-dev                          # OpenSSL 3: HMAC-SHA256 of publisher tokens (services/)
  python3 python3-dev pybind11-dev python3-pybind11   # the _cdnmesh extension (pybind/)
  python3-numpy python3-pandas python3-matplotlib python3-yaml python3-tqdm  # analysis/
  python3-scipy python3-seaborn python3-xarray  # statistics, figures, labelled arrays (analysis/)
  python3-distributed                 # Dask executor for sweeps
  python3-venv python3-pip python3-setuptools python3-wheel  # installing analysis/ (pyproject.toml)
  python3-pytest                      # Python tests
  locales                             # locale sources: tests build de_DE with localedef
  emscripten                          # core compiled to WebAssembly (client/wasm)
  chromium                            # browser viewers of the end-to-end test (e2e/)
  nginx ffmpeg                        # the e2e origin: live HLS encoding and the CDN
  iproute2 util-linux                 # ip and unshare: the e2e test's loopback-only namespace
)

missing=()
for pkg in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done

# npm packages of the browser client, the headless peers and the e2e harness: exactly the
# versions of web/package-lock.json, without install scripts (they would download binaries).
install_npm() {
  if ! command -v npm >/dev/null; then
    echo "setup: npm is missing; install Node.js 20 and npm" >&2
    return 1
  fi
  local stamp=web/node_modules/.cdnmesh-lock-sha256
  local want
  want=$(sha256sum web/package-lock.json | cut -d' ' -f1)
  [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && return 0
  echo "setup: npm ci --ignore-scripts in web/"
  (cd web && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error) || return 1
  echo "$want" >"$stamp"
}
cd "$(dirname "$0")/.."

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#PACKAGES[@]} packages already installed"
  install_npm
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "setup: missing packages: ${missing[*]}; run this script as root (or with sudo)" >&2
  exit 1
fi
echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends "${missing[@]}"
install_npm
