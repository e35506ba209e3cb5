#!/usr/bin/env bash
# Install the quality-gate tools that do not come from PyPI:
#   - Chromium (Debian package) for axe-core and Lighthouse, driven headless;
#   - a Java runtime for the Nu HTML Checker (vnu.jar);
#   - the npm packages pinned in package-lock.json (vnu-jar, axe-core, lighthouse, pdfjs-dist).
#
# Idempotent: each step is skipped when its result is already there, so `make check`
# can call it every time. Works on a fresh Debian CI machine as root (or with sudo).
# Never downloads a browser through Playwright or Puppeteer: only apt and npm are reachable.
set -euo pipefail
cd "$(dirname "$0")/.."

CHROMIUM=/usr/bin/chromium
STAMP=node_modules/.relais-lock.sha256

say() { printf 'install-tools: %s\n' "$*"; }

# Two concurrent `make` runs must not both run apt-get or npm ci. The lock lives outside
# the tree so it needs no .gitignore entry (and serialises apt across checkouts too).
exec 9>"${TMPDIR:-/tmp}/relais-install-tools.lock"
flock 9

as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        say "need root (or sudo) to run: $*" >&2
        exit 1
    fi
}

APT_UPDATED=0
apt_install() {
    if ! command -v apt-get >/dev/null 2>&1; then
        say "apt-get not found; install these packages by hand: $*" >&2
        exit 1
    fi
    if [ "$APT_UPDATED" -eq 0 ]; then
        say "apt-get update"
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
        APT_UPDATED=1
    fi
    say "apt-get install $*"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"
}

if [ -x "$CHROMIUM" ]; then
    say "chromium present ($("$CHROMIUM" --version 2>/dev/null || echo unknown version))"
else
    # fonts-liberation: without any font, pages render with fallback metrics and
    # Lighthouse/axe results depend on the machine.
    apt_install chromium fonts-liberation
fi

if command -v java >/dev/null 2>&1; then
    say "java present ($(java -version 2>&1 | head -n 1))"
else
    apt_install default-jre-headless
fi

if ! command -v npm >/dev/null 2>&1; then
    apt_install nodejs npm
fi

lock_sum=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ -d node_modules ] && [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$lock_sum" ]; then
    say "node_modules up to date with package-lock.json"
else
    # --ignore-scripts: vnu-jar's postinstall tries to download a Java runtime from the
    # internet; the jar itself ships in the tarball and we use the system Java.
    say "npm ci (package-lock.json changed or node_modules missing)"
    npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
    echo "$lock_sum" >"$STAMP"
fi

for f in node_modules/vnu-jar/build/dist/vnu.jar node_modules/axe-core/axe.min.js \
    node_modules/lighthouse/cli/index.js; do
    [ -f "$f" ] || { say "missing $f after install" >&2; exit 1; }
done
say "tools ready"
