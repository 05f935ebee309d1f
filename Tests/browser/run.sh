#!/usr/bin/env bash
# Real-browser test of the default theme (`make browser-test`).
#
# Installs Debian's chromium (and python3) with apt-get when missing, builds the
# sample site into a temporary folder, and with headless Chromium:
#   - opens search/index.html?q=… from file:// and checks the results in the DOM,
#   - serves the site under a subpath (python3 -m http.server on 127.0.0.1) and
#     checks the same queries there,
#   - writes screenshots at 1280 and 390 px wide to $BROADSHEET_SHOTS
#     (default /tmp/broadsheet-shots).
# Exits non-zero on the first failure. Needs no terminal and no network beyond apt.
set -euo pipefail
cd "$(dirname "$0")/../.."

SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive

find_browser() {
    for name in chromium chromium-browser google-chrome; do
        if command -v "$name" >/dev/null 2>&1; then command -v "$name"; return 0; fi
    done
    return 1
}

missing=()
find_browser >/dev/null || missing+=(chromium fonts-dejavu-core)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
if [ ${#missing[@]} -gt 0 ]; then
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "error: ${missing[*]} not found and apt-get is not available; install Chromium and Python 3" >&2
        exit 1
    fi
    echo "Installing ${missing[*]} with apt-get..."
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
BROWSER="$(find_browser)" || { echo "error: Chromium is still not installed" >&2; exit 1; }

SWIFT="${SWIFT:-swift}"
"$SWIFT" build --product broadsheet >/dev/null
BIN="$("$SWIFT" build --show-bin-path)/broadsheet"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/broadsheet-browser.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
# The site sits one folder down, so the HTTP check serves it under a subpath.
"$BIN" build --content Content --templates Templates --config site.yml --output "$WORK/www/digest" --quiet

python3 Tests/browser/check.py --browser "$BROWSER" --site "$WORK/www/digest" --work "$WORK" \
    --shots "${BROADSHEET_SHOTS:-/tmp/broadsheet-shots}"
