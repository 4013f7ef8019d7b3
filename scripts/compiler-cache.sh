# Sourced by scripts/build.sh and scripts/sanitize.sh: compile through ccache when it is installed
# (scripts/install-deps.sh installs it). The cache is keyed on paths relative to the folder that
# holds this checkout and shared/, so every clone of the project on a machine shares it; the
# compiled objects are the same as without it.
AIC_CMAKE_LAUNCHER=()
if command -v ccache >/dev/null; then
  CCACHE_BASEDIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  export CCACHE_BASEDIR CCACHE_NOHASHDIR=true
  AIC_CMAKE_LAUNCHER=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
