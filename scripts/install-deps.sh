#!/usr/bin/env bash
# Installs every Debian package the build, the tests and the benchmarks need.
# Safe to run again: apt-get skips what is already installed.
set -euo pipefail
PACKAGES=(
  build-essential cmake ninja-build pkg-config
  libboost1.81-dev
  libcurl4-openssl-dev libssl-dev libpugixml-dev libsqlite3-dev libsodium-dev
  liblua5.4-dev libspdlog-dev libfmt-dev libcli11-dev nlohmann-json3-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  curl sqlite3 wrk
)
PACKAGES+=(openssl)  # transport TLS tests run `openssl s_server`
# Sanitizer builds and fuzz targets (scripts/sanitize.sh, scripts/fuzz.sh): clang, its
# sanitizer and libFuzzer runtimes, and llvm-symbolizer for readable reports.
PACKAGES+=(clang-14 libclang-rt-14-dev llvm-14)
PACKAGES+=(libqrencode-dev zlib1g-dev)  # the emulator's QRCodePNG (CreateVirtualMFADevice)
PACKAGES+=(chromium fonts-liberation)  # tests/review_html_test.py: the review report in headless Chromium
PACKAGES+=(ccache)  # scripts/compiler-cache.sh: rebuilds and other clones reuse compiled objects
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
# The SCIM oracle test (tests/scim_oracle) runs npm packages pinned by its package-lock.json:
# Node.js and npm (Debian's when the machine has none), then `npm ci` when the lock file changed.
if ! command -v npm >/dev/null; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends nodejs npm
fi
ORACLE_DIR="$(cd "$(dirname "$0")/../tests/scim_oracle" && pwd)"
if ! cmp -s "$ORACLE_DIR/package-lock.json" "$ORACLE_DIR/node_modules/.aic-installed-lock"; then
  (cd "$ORACLE_DIR" && npm ci --no-audit --no-fund --loglevel=error)
  cp "$ORACLE_DIR/package-lock.json" "$ORACLE_DIR/node_modules/.aic-installed-lock"
fi
