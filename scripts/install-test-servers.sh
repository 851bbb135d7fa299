#!/usr/bin/env bash
# Install the SPARQL servers the remote-store tests run against, skipping what is already present:
# OpenLink Virtuoso from Debian's packages. Oxigraph's server comes from PyPI with the test extras.
set -euo pipefail

if command -v virtuoso-t >/dev/null 2>&1; then
    echo "virtuoso-t is already installed: $(command -v virtuoso-t)"
    exit 0
fi

as_root=()
if [ "$(id -u)" -ne 0 ]; then
    as_root=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -q
# The package's own service stays stopped; the tests start their own instance on loopback.
"${as_root[@]}" apt-get install -y -q --no-install-recommends virtuoso-opensource
