#!/usr/bin/env bash
# Install Debian's Chromium and ChromeDriver for the browser tests, unless both are present.
# Needs root (CI runs as root); does nothing when /usr/bin/chromium and /usr/bin/chromedriver exist.
set -euo pipefail

if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
    echo "chromium and chromedriver are already installed"
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    echo "error: installing chromium needs root; run: sudo $0" >&2
    exit 2
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends chromium chromium-driver fonts-dejavu-core
/usr/bin/chromium --version
