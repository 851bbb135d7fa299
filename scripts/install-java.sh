#!/usr/bin/env bash
# Install a Java runtime for the HermiT reasoner (run by owlready2) when none is present.
# Idempotent: does nothing when `java` is already on PATH. Needs root or sudo, and a
# Debian-based system with apt-get (Debian 12 installs OpenJDK 17).
set -euo pipefail

if command -v java >/dev/null 2>&1; then
    echo "java found: $(command -v java)"
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "error: java is missing and apt-get is not available; install Java 17 or newer and put java on PATH" >&2
    exit 1
fi

if [ "$(id -u)" -eq 0 ]; then
    as_root=()
elif command -v sudo >/dev/null 2>&1; then
    as_root=(sudo)
else
    echo "error: java is missing and installing it needs root; run this script as root or install sudo" >&2
    exit 1
fi

echo "installing default-jre-headless with apt-get"
"${as_root[@]}" apt-get update -q
DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -q --no-install-recommends default-jre-headless
java -version
