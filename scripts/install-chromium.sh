#!/bin/sh
# Install Debian's chromium for the browser tests (tests/test_browser_*.py) where we can: as root, with
# apt-get, when /usr/bin/chromium is missing. Always exits 0: where chromium cannot be had, the browser
# tests skip with a clear reason. Nothing here downloads a browser build of its own.
set -u
log() { echo "install-chromium: $*" >&2; }

if [ -x /usr/bin/chromium ]; then
    exit 0
fi
if [ "$(id -u)" != "0" ]; then
    log "not root: chromium not installed; the browser tests will skip"
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    log "no apt-get: chromium not installed; the browser tests will skip"
    exit 0
fi
log "installing Debian's chromium (a few minutes)"
if DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 &&
   DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2; then
    log "installed $(/usr/bin/chromium --version 2>/dev/null || echo chromium)"
else
    log "apt-get failed: chromium not installed; the browser tests will skip"
fi
exit 0
