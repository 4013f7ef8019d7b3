#!/usr/bin/env bash
# Configures and builds into ./build (Release with debug info). Extra arguments go to cmake --build.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
source scripts/compiler-cache.sh
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=${BUILD_TYPE:-RelWithDebInfo} \
  "${AIC_CMAKE_LAUNCHER[@]}" >/dev/null
cmake --build "$BUILD_DIR" -j "$(nproc)" "$@"
