#!/usr/bin/env bash
# Everything Polyphony needs on a fresh Debian/Ubuntu machine: system packages,
# npm dependencies and the build. Idempotent; run as root or with sudo.
#   scripts/setup.sh            # runtime: ffmpeg, pocketsphinx + en-us model, flite
#   scripts/setup.sh --dev      # + what the test suite uses: PostgreSQL, Maven, the Conductor server jar
set -euo pipefail
cd "$(dirname "$0")/.."

dev=false
[ "${1:-}" = "--dev" ] && dev=true

packages=(ffmpeg pocketsphinx pocketsphinx-en-us flite sox)
$dev && packages+=(postgresql maven)

sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  sudo_if_needed apt-get update -qq
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

echo "setup: npm ci (builds dist/ in prepare)" >&2
npm ci --no-audit --no-fund >&2

if $dev; then
  scripts/fetch-conductor.sh >/dev/null
fi
echo "setup: done" >&2
