#!/usr/bin/env bash
# The README's set-up beyond `npm ci`: Chromium for the browser test of the n8n editor.
# Installs Debian's `chromium` with apt when it is missing and this runs as root; otherwise says what
# to install. Everything else (both n8n versions, Node 24 for the newest) the tests install themselves.
set -euo pipefail

for browser in chromium chromium-browser google-chrome; do
	if command -v "$browser" >/dev/null 2>&1; then
		echo "setup: $browser found ($(command -v "$browser"))"
		exit 0
	fi
done

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "setup: installing Debian's chromium for the browser test"
	DEBIAN_FRONTEND=noninteractive apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
	echo "setup: chromium installed ($(command -v chromium))"
else
	echo "setup: no Chromium found. Install it (Debian/Ubuntu: sudo apt-get install chromium) or set CHROMIUM_PATH to a Chrome/Chromium binary." >&2
	exit 1
fi
