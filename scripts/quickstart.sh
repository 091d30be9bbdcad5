#!/usr/bin/env bash
# One command for a fresh machine: set everything up, then transcribe the
# bundled example with the embedded defaults into out/meeting/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
npx polyphony process examples/meeting --out out/meeting
echo
head -n 40 out/meeting/transcript.md
