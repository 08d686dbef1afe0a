#!/usr/bin/env bash
# Install Debian's Chromium (and ChromeDriver) for the browser tests, if it is not there yet.
# Playwright drives this system Chromium (executable_path=/usr/bin/chromium); it never downloads one.
# Idempotent: a no-op once /usr/bin/chromium exists.
set -euo pipefail

CHROMIUM="${POWDERKEG_CHROMIUM:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then
    exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
else
    echo "setup-browser: $CHROMIUM is missing and this user cannot install packages;" \
         "install chromium and chromium-driver, or set POWDERKEG_SKIP_BROWSER=1 to skip the browser tests" >&2
    exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "setup-browser: no apt-get here; install Chromium yourself and set POWDERKEG_CHROMIUM to its path" >&2
    exit 1
fi
echo "setup-browser: installing chromium and chromium-driver with apt-get" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get install -y -q chromium chromium-driver >/dev/null \
    || { $SUDO apt-get update -q >/dev/null && $SUDO apt-get install -y -q chromium chromium-driver >/dev/null; }
"$CHROMIUM" --version >&2
