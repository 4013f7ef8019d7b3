#!/usr/bin/env bash
# The README's run command: installs what is needed, builds, and starts the server on its
# embedded default (127.0.0.1:8080, state under ./data). Extra arguments go to the subcommand.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh --target aws-iam-connector
exec "${BUILD_DIR:-build}/aws-iam-connector" serve "$@"
