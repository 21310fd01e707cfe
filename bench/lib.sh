# Shared helpers for the bench/ scenarios. Source it; do not run it.
#
# Every scenario: raises the per-user rate limit through configuration, starts what it needs (one in-memory
# instance on 127.0.0.1:$SINGLE_PORT, or ./cluster.sh up 3 with nginx on 127.0.0.1:8080), runs
# ChatServer.LoadTest with --json, stops everything it started, and appends its figures to docs/benchmarks.md.
# The load generator runs on the same machine, so every block records the core count and both processes' CPU.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
ROOT="$(cd "$BENCH_DIR/.." && pwd -P)"
RESULTS="${RESULTS:-$ROOT/bench/results}"
DOC="$ROOT/docs/benchmarks.md"
SINGLE_PORT="${SINGLE_PORT:-5000}"
CLUSTER_URL="http://127.0.0.1:8080/"
SERVER_DLL="$ROOT/ChatServer/bin/Release/net10.0/ChatServer.dll"
TOOL_DLL="$ROOT/ChatServer.LoadTest/bin/Release/net10.0/ChatServer.LoadTest.dll"
SERVER_PID=""
CLUSTER_STARTED=""

# Benchmarks must not be throttled by the per-user limit; cluster.sh passes Chat__* through to every instance.
export Chat__RateLimit__MessagesPerSecond="${Chat__RateLimit__MessagesPerSecond:-1000000}"
export Chat__RateLimit__Burst="${Chat__RateLimit__Burst:-1000000}"
# Users come in bulk (one password hash per run instead of one per user): every instance this script starts has
# provisioning on with a key made for this run, and the tool reads the same key from CHAT_PROVISIONING_KEY.
export Chat__Provisioning__Enabled=true
export Chat__Provisioning__Key="${Chat__Provisioning__Key:-$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')}"
export CHAT_PROVISIONING_KEY="$Chat__Provisioning__Key"
# Nor by the per-address limits: every simulated client comes from this host.
export Chat__RateLimit__PerAddressMessagesPerSecond="${Chat__RateLimit__PerAddressMessagesPerSecond:-1000000}"
export Chat__RateLimit__PerAddressBurst="${Chat__RateLimit__PerAddressBurst:-1000000}"
export Chat__AuthLimits__AddressBurst="${Chat__AuthLimits__AddressBurst:-1000000}"
export Chat__AuthLimits__AddressRefillSeconds="${Chat__AuthLimits__AddressRefillSeconds:-0.001}"
# Nor by the caps on what one user holds: a run may give a user many connections and rooms.
export Chat__Limits__MaxConnectionsPerUser="${Chat__Limits__MaxConnectionsPerUser:-100000}"
export Chat__Limits__MaxRoomsPerConnection="${Chat__Limits__MaxRoomsPerConnection:-100000}"
export Chat__Limits__RoomsCreatedPerHour="${Chat__Limits__RoomsCreatedPerHour:-1000000}"
# Per-connection Information logs would cost the server more than the chat does at these rates.
export Serilog__MinimumLevel__Default="${Serilog__MinimumLevel__Default:-Warning}"

mkdir -p "$RESULTS"
# Other work on the machine skews same-machine figures; every block records the load average it started with.
LOADAVG_START="$(cut -d' ' -f1-3 /proc/loadavg)"

# Open files: every connection is a descriptor in both the server and the generator. The container's hard
# limit is the ceiling (20000 on the machines these figures come from).
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

log() { printf '[bench %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

build() {
  log "building Release (server and load tool)"
  dotnet build "$ROOT/ChatServer/ChatServer.csproj" -c Release -v quiet -nologo >/dev/null
  dotnet build "$ROOT/ChatServer.LoadTest/ChatServer.LoadTest.csproj" -c Release -v quiet -nologo >/dev/null
}

wait_ready() { # url [tries, 0.2 s apart; 100]
  for _ in $(seq 1 "${2:-100}"); do
    if curl -fsS -o /dev/null "$1health/ready" 2>/dev/null; then return 0; fi
    sleep 0.2
  done
  log "not ready: $1"; return 1
}

start_single() {
  log "starting one in-memory instance on 127.0.0.1:$SINGLE_PORT"
  dotnet "$SERVER_DLL" --urls "http://127.0.0.1:$SINGLE_PORT" >"$RESULTS/single-server.log" 2>&1 &
  SERVER_PID=$!
  wait_ready "http://127.0.0.1:$SINGLE_PORT/"
}

stop_single() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=""
}

# Instances ./cluster.sh starts (3 unless a scenario needs more, as density's 100 000 connections do).
CLUSTER_INSTANCES="${CLUSTER_INSTANCES:-3}"

have_cluster() { [[ -x "$ROOT/cluster.sh" ]]; }

start_cluster() {
  have_cluster || { log "./cluster.sh not found: cluster rows stay pending"; return 1; }
  log "starting ./cluster.sh up $CLUSTER_INSTANCES (redis :6380, instances :5001-$(( 5000 + CLUSTER_INSTANCES )), nginx :8080)"
  # A fresh Redis per run: cluster.sh keeps the append-only file in .cluster/redis/, so every earlier run's users
  # and streams would reload (skewing memory and history figures) and delay start-up while Redis loads them.
  rm -rf "$ROOT/.cluster/redis"
  (cd "$ROOT" && ./cluster.sh up "$CLUSTER_INSTANCES")
  CLUSTER_STARTED=1
  wait_ready "$CLUSTER_URL"
}

stop_cluster() {
  if [[ -n "$CLUSTER_STARTED" ]]; then (cd "$ROOT" && ./cluster.sh down) || true; fi
  CLUSTER_STARTED=""
}

cleanup() { stop_single; stop_cluster; }
trap cleanup EXIT

# The pids whose CPU the tool reports: the one instance, or the cluster's instances (pid files in .cluster/).
server_pids() { # single|cluster
  if [[ "$1" == single ]]; then echo "$SERVER_PID"; else cat "$ROOT"/.cluster/chat-*.pid 2>/dev/null | tr '\n' ' '; fi
}

target_url() { if [[ "$1" == single ]]; then echo "http://127.0.0.1:$SINGLE_PORT/"; else echo "$CLUSTER_URL"; fi; }

# CPU time (user + system, clock ticks) of the given processes so far; threads are included in a process's stat.
cpu_ticks() { local total=0 p; for p in "$@"; do [[ -r "/proc/$p/stat" ]] && total=$(( total + $(awk '{print $14 + $15}' "/proc/$p/stat") )); done; echo "$total"; }

# The cluster's parts by name, for a CPU split: instances, redis, nginx (master and workers).
cluster_part_pids() { # instances|redis|nginx
  case "$1" in
    instances) cat "$ROOT"/.cluster/chat-*.pid 2>/dev/null | tr '\n' ' ' ;;
    redis) cat "$ROOT/.cluster/redis.pid" 2>/dev/null ;;
    nginx) local master; master="$(cat "$ROOT/.cluster/nginx.pid" 2>/dev/null)"; [[ -n "$master" ]] && echo "$master $(pgrep -P "$master" | tr '\n' ' ')" ;;
  esac
}

rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }
peak_rss_kb() { awk '/^VmHWM:/ {print $2}' "/proc/$1/status"; }

# CLIENT=hub (default: ChatServer.Client) or raw (the tool's lean JSON-protocol client; bench/clients.sh compares them).
# TOOL_URL overrides the target's URL for one call (density's direct-to-instance generators).
# run_tool NAME TARGET ARGS... : runs the tool, keeps its JSON and HTML in $RESULTS, prints the JSON path.
# The tool's exit code (1 = something lost, duplicated, out of order, or a connection failed) is kept in
# $RESULTS/NAME.rc so scenarios can gate on it without aborting the script.
run_tool() {
  local name="$1" target="$2"; shift 2
  local json="$RESULTS/$name.json" rc=0
  local pids; pids="$(server_pids "$target")"
  # shellcheck disable=SC2086
  dotnet "$TOOL_DLL" --client "${CLIENT:-hub}" --url "${TOOL_URL:-$(target_url "$target")}" --server-pids $pids --json "$json" --report "$RESULTS/$name.html" "$@" \
    >"$RESULTS/$name.log" 2>&1 || rc=$?
  echo "$rc" >"$RESULTS/$name.rc"
  log "$name: exit $rc, $(jq -c '{connected, delivered, lost, duplicates, outOfOrder, deliveredPerSec, p99: .latencyMs.p99, generatorCpuPercent, serverCpuPercent}' "$json" 2>/dev/null || echo 'no JSON')"
  echo "$json"
}

# One markdown table row from a result: label, then the usual columns.
row() { # label json [extra]
  jq -r --arg name "$1" --arg extra "${3:-}" '
    "| \($name) | \(.connected)/\(.clients) | \(.options.rate) | \(.acked) | \(.expectedDeliveries) | \(.delivered) | \(.lost) | \(.duplicates) | \(.outOfOrder) | \(.deliveredPerSec) | \(.latencyMs.p50) | \(.latencyMs.p99) | \(.latencyMs.p999) | \(.latencyMs.max) | \(.generatorCpuPercent) | \(.serverCpuPercent) | \(.instances | to_entries | map("\(.key)=\(.value)") | join(" ")) | \($extra) |"' "$2"
}

row_header() {
  echo "| run | connected | rate msg/s | acked | expected | delivered | lost | dup | out of order | delivered/s | p50 ms | p99 ms | p99.9 ms | max ms | generator CPU % | server CPU % | clients per instance | notes |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
}

# append_block TITLE COMMAND BODY : appends one dated, self-describing block to docs/benchmarks.md.
append_block() {
  {
    echo
    echo "### $1 — $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(git -C "$ROOT" rev-parse --short HEAD)"
    echo
    echo '```'
    echo "$2"
    echo '```'
    echo
    echo "$3"
    echo
    echo "Load average when the script started: $LOADAVG_START; when it ended: $(cut -d' ' -f1-3 /proc/loadavg)."
  } >>"$DOC"
  log "appended '$1' to docs/benchmarks.md"
}
