#!/usr/bin/env bash
# The one test command (README): installs what the tests start for real, then runs every test project.
# Test results (trx) land in TestResults/ for .ci/run to count.
set -euo pipefail
cd "$(dirname "$0")"

# Debian packages the tests start or call for real: redis-server (+ redis-cli, redis-benchmark), nginx, Chromium,
# curl (cluster.sh), Prometheus and promtool (cluster.sh up --observe, and checking the metrics and the Prometheus
# configuration); docker-compose only validates docker-compose.yml offline (there is no Docker engine).
declare -A package_of=([redis-server]=redis-server [redis-cli]=redis-tools [redis-benchmark]=redis-tools [nginx]=nginx [chromium]=chromium [docker-compose]=docker-compose [curl]=curl [prometheus]=prometheus [promtool]=prometheus)
missing=()
for command in "${!package_of[@]}"; do
  if ! command -v "$command" >/dev/null 2>&1 && ! [ -x "/usr/sbin/$command" ]; then
    missing+=("${package_of[$command]}")
  fi
done
mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u | sed '/^$/d')
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing ${missing[*]} (apt-get)…"
    apt-get update -qq
    # docker-compose without its recommends, which would pull in a Docker engine that cannot run here anyway, and
    # prometheus without its node exporter, which nothing here uses.
    for package in "${missing[@]}"; do
      [ "$package" = docker-compose ] || [ "$package" = prometheus ] && recommends=--no-install-recommends || recommends=
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $recommends "$package" >/dev/null
    done
  else
    echo "Missing: ${missing[*]}. Install them with: sudo apt-get install -y ${missing[*]}" >&2
    exit 2
  fi
fi

command -v node >/dev/null 2>&1 || { echo "Missing: node (Node.js 18+, with npm) for the JavaScript client tests" >&2; exit 2; }
# The official @microsoft/signalr client and its MessagePack protocol (the build copies them into wwwroot/lib), and
# axe-core (the browser tests run it over the page), and the peer benchmark's generator packages (socket.io-client,
# hdr-histogram-js: LoadTest/PeerGeneratorSmokeTests), from the committed lock file.
[ -d node_modules/@microsoft/signalr ] && [ -d node_modules/@microsoft/signalr-protocol-msgpack ] && [ -d node_modules/axe-core ] \
  && [ -d node_modules/socket.io-client ] && [ -d node_modules/hdr-histogram-js ] || npm ci --no-audit --no-fund --loglevel=error

rm -rf TestResults
dotnet build ChatServer.sln -c Release --nologo -v q
dotnet test ChatServer.sln -c Release --no-build --nologo \
  --logger "trx;LogFilePrefix=results" --logger "console;verbosity=normal" --results-directory TestResults "$@"
