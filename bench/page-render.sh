#!/usr/bin/env bash
# The browser page's time to render a 500-message JoinRoom snapshot, the page at BEFORE (a commit) against this
# checkout's wwwroot, in interleaved rounds in headless Chromium (bench/PageRender: a fake hub, no server).
#   bench/page-render.sh                 BEFORE=54f115a ROUNDS=15 MESSAGES=500 by default
set -euo pipefail
cd "$(dirname "$0")/.."
BEFORE="${BEFORE:-54f115a}"; ROUNDS="${ROUNDS:-15}"; MESSAGES="${MESSAGES:-500}"
before_dir="$(mktemp -d)"
trap 'rm -rf "$before_dir"' EXIT
git archive "$BEFORE" wwwroot | tar -x -C "$before_dir"
echo "before: wwwroot at $(git rev-parse --short "$BEFORE"); after: this checkout's wwwroot ($(git rev-parse --short HEAD)$(git diff --quiet -- wwwroot || echo ', modified'))"
dotnet run -c Release --project bench/PageRender -- --before "$before_dir/wwwroot" --after wwwroot --rounds "$ROUNDS" --messages "$MESSAGES"
