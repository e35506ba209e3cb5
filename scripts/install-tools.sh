#!/usr/bin/env bash
# Install the quality-gate tools that do not come from PyPI:
#   - Chromium (Debian package) for axe-core and Lighthouse, driven headless;
#   - a Java runtime for the Nu HTML Checker (vnu.jar);
#   - the npm packages pinned in package-lock.json (vnu-jar, axe-core, lighthouse, pdfjs-dist).
#
# Idempotent: each step is skipped when its result is already there, so `make check`
# can call it every time. It first says what it will install, then asks before any apt-get
# (root or sudo), even when run as root: a developer's `make test` must not change the
# system behind their back. No question in CI (CI=true) or with RELAIS_TOOLS_YES=1; with no
# terminal to ask, it stops and prints the command to run by hand.
# RELAIS_CHROMIUM and RELAIS_JAVA name the tools where checks/tools.py looks for them.
# Never downloads a browser through Playwright or Puppeteer: only apt and npm are reachable.
set -euo pipefail
cd "$(dirname "$0")/.."

CHROMIUM=${RELAIS_CHROMIUM:-/usr/bin/chromium}
JAVA=${RELAIS_JAVA:-java}
STAMP=node_modules/.relais-lock.sha256

say() { printf 'install-tools: %s\n' "$*"; }
die() {
    say "$*" >&2
    exit 1
}

# Two concurrent `make` runs in this checkout must not both run npm ci. The lock is the
# project folder itself, opened read-only: no file to create, so nothing a symlink planted
# in a shared temporary folder could redirect. apt's own lock (waited for below) serialises
# apt-get across checkouts.
exec 9<.
if ! flock -n 9; then
    say "une autre installation des outils tourne dans ce dossier ; j'attends qu'elle finisse"
    flock 9
fi

apt_packages=()
if [ -x "$CHROMIUM" ]; then
    say "chromium présent ($("$CHROMIUM" --version 2>/dev/null || echo version inconnue))"
else
    # fonts-liberation: without any font, pages render with fallback metrics and
    # Lighthouse/axe results depend on the machine.
    apt_packages+=(chromium fonts-liberation)
fi
if command -v "$JAVA" >/dev/null 2>&1; then
    say "java présent ($("$JAVA" -version 2>&1 | head -n 1))"
else
    apt_packages+=(default-jre-headless)
fi
command -v npm >/dev/null 2>&1 || apt_packages+=(nodejs npm)

lock_sum=$(sha256sum package-lock.json | cut -d' ' -f1)
npm_needed=1
if [ -d node_modules ] && [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$lock_sum" ]; then
    say "node_modules à jour avec package-lock.json"
    npm_needed=0
fi

npm_packages() {
    python3 -c 'import json; d = json.load(open("package.json"))["dependencies"]
print(" ".join(f"{name}@{version}" for name, version in sorted(d.items())))'
}

# The whole plan is said before anything runs.
if [ ${#apt_packages[@]} -gt 0 ]; then
    say "à installer avec apt-get : ${apt_packages[*]}"
fi
if [ "$npm_needed" -eq 1 ]; then
    say "à installer avec npm ci dans node_modules/ : $(npm_packages)"
fi

# Asks before running $1 (shown as typed by hand); CI and RELAIS_TOOLS_YES=1 skip the question.
consent() {
    case "${CI:-}:${RELAIS_TOOLS_YES:-}" in true:* | 1:* | *:1) return 0 ;; esac
    [ -t 0 ] || die "pas de terminal pour demander l'accord, rien n'est installé : lancez « $1 » puis relancez, ou relancez avec RELAIS_TOOLS_YES=1"
    local answer
    read -r -p "install-tools: lancer « $1 » ? [o/N] " answer
    case "$answer" in [oOyY]*) return 0 ;; esac
    die "rien n'est installé ; pour le faire vous-même : $1"
}

if [ ${#apt_packages[@]} -gt 0 ]; then
    command -v apt-get >/dev/null 2>&1 ||
        die "apt-get introuvable : installez ces paquets vous-même : ${apt_packages[*]}"
    as_root=()
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null 2>&1 ||
            die "il faut être root (ou avoir sudo) pour installer : ${apt_packages[*]}"
        as_root=(sudo)
    fi
    sudo_word=${as_root[*]:+sudo }
    consent "${sudo_word}apt-get update && ${sudo_word}apt-get install --no-install-recommends ${apt_packages[*]}"
    # DPkg::Lock::Timeout: another checkout's apt-get may hold apt's lock; wait for it.
    apt=("${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600)
    say "apt-get update"
    "${apt[@]}" update -qq
    say "apt-get install ${apt_packages[*]}"
    "${apt[@]}" install -y -qq --no-install-recommends "${apt_packages[@]}"
fi

if [ "$npm_needed" -eq 1 ]; then
    # --ignore-scripts: vnu-jar's postinstall tries to download a Java runtime from the
    # internet; the jar itself ships in the tarball and we use the system Java.
    say "npm ci (package-lock.json a changé ou node_modules manque)"
    npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
    echo "$lock_sum" >"$STAMP"
fi

for f in node_modules/vnu-jar/build/dist/vnu.jar node_modules/axe-core/axe.min.js \
    node_modules/lighthouse/cli/index.js; do
    [ -f "$f" ] || die "$f manque après l'installation"
done
say "outils prêts"
