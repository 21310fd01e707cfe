#!/usr/bin/env bash
# Issue 14 §1, ChatServer against its peers at the same work, in one run. Three targets, each 3 instances behind
# the nginx configuration `./cluster.sh nginx-conf 3` renders (same ports, same locations) and one Redis on :6380:
#   chatserver  ./cluster.sh up 3 (rate limits raised through configuration by lib.sh)
#   socketio    bench/peer/socketio/server.mjs: socket.io 4.8 + @socket.io/redis-adapter 8.3, 3 Node processes
#   minimalhub  bench/peer/MinimalHub: SignalR with only AddStackExchangeRedis (the floor of what SignalR costs)
# One generator drives all three (bench/peer/generator.mjs, the official JS clients, GENERATORS processes): 300
# clients in 30 rooms of 10, offered 500 msg/s (5 000 deliveries/s) and 2 000 msg/s (20 000), then saturation:
# SAT_RATES step by step until p99 passes P99_LIMIT_MS (or anything is lost, a connection fails or more than 1 % of
# sends go unacknowledged), and always SAT_ASK (5 000 msg/s asked, the issue's saturation row). Targets run in
# interleaved rounds (the order reversed every other round, so drift on the machine hits all alike); the block in
# docs/benchmarks.md has every run, each figure's median and spread over the rounds, and ChatServer ÷ each peer.
# Each target is primed first (PRIME at PRIME_RATE, not measured): a .NET instance JITs for its first ~40 s under load
# (dotnet-counters: 5-6 s of JIT time per 10 s, then under 0.1 s), and the figures are of a warm server.
#
#   flock /tmp/chat-cluster.lock bench/peer.sh          (it uses the cluster's fixed ports)
# Knobs (env): ROUNDS (2) DURATION (10s) WARMUP (3s) CLIENTS (300) ROOMS (30) USERS (30) GENERATORS (2)
#   PRIME (40s; 0s skips it) PRIME_RATE (2000) RATES ("500 2000") SAT_RATES ("3000 4000 5000 6000 8000") SAT_ASK (5000) P99_LIMIT_MS (100) TARGETS.
source "$(dirname "$0")/lib.sh"
ROUNDS="${ROUNDS:-2}"; DURATION="${DURATION:-10s}"; WARMUP="${WARMUP:-3s}"; CLIENTS="${CLIENTS:-300}"; ROOMS="${ROOMS:-30}"
USERS="${USERS:-30}"; GENERATORS="${GENERATORS:-2}"; RATES="${RATES:-500 2000}"; SAT_RATES="${SAT_RATES:-3000 4000 5000 6000 8000}"; SAT_ASK="${SAT_ASK:-5000}"
PRIME="${PRIME:-40s}"; PRIME_RATE="${PRIME_RATE:-2000}"
P99_LIMIT_MS="${P99_LIMIT_MS:-100}"; TARGETS="${TARGETS:-chatserver socketio minimalhub}"
PEER_DIR="$ROOT/bench/peer"
PEER_STATE="$RESULTS/peer-cluster"
HUB_DLL="$PEER_DIR/MinimalHub/bin/Release/net10.0/MinimalHub.dll"
PEER_PIDS=()   # the peer processes this script started: redis, three instances, nginx
INSTANCE_PIDS=()

[[ -d "$ROOT/node_modules/socket.io" && -d "$ROOT/node_modules/@microsoft/signalr" ]] \
  || { log "node_modules lacks the peer packages: run npm ci in $ROOT first"; exit 2; }
NGINX_BIN="$(command -v nginx || echo /usr/sbin/nginx)"
build
log "building the minimal SignalR hub"
dotnet build "$PEER_DIR/MinimalHub/MinimalHub.csproj" -c Release -v quiet -nologo >"$RESULTS/minimalhub-build.log" 2>&1 \
  || { log "the minimal hub does not build:"; tail -20 "$RESULTS/minimalhub-build.log" >&2; exit 1; }

# A peer cluster: Redis as cluster.sh starts it, three instances on :5001-5003, nginx with cluster.sh's configuration.
start_peer() { # socketio|minimalhub
  local port
  for port in 6380 5001 5002 5003 8080; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then log "127.0.0.1:$port is taken (run under flock /tmp/chat-cluster.lock)"; return 1; fi
  done
  rm -rf "$PEER_STATE"; mkdir -p "$PEER_STATE/redis" "$PEER_STATE/nginx"
  log "starting $1: redis :6380, instances :5001-5003, nginx :8080"
  redis-server --bind 127.0.0.1 --port 6380 --dir "$PEER_STATE/redis" --appendonly yes --daemonize no --save "" \
    >"$PEER_STATE/redis.log" 2>&1 &
  PEER_PIDS+=("$!")
  for _ in $(seq 1 50); do [[ "$(redis-cli -p 6380 ping 2>/dev/null)" == PONG ]] && break; sleep 0.1; done
  INSTANCE_PIDS=()
  for i in 1 2 3; do
    if [[ "$1" == socketio ]]; then
      PORT="500$i" REDIS_URL="redis://127.0.0.1:6380" INSTANCE_ID="sio-$i" node "$PEER_DIR/socketio/server.mjs" \
        >"$PEER_STATE/instance-$i.log" 2>&1 &
    else
      dotnet "$HUB_DLL" --urls "http://127.0.0.1:500$i" --Redis:Configuration "127.0.0.1:6380" \
        >"$PEER_STATE/instance-$i.log" 2>&1 &
    fi
    PEER_PIDS+=("$!"); INSTANCE_PIDS+=("$!")
  done
  (cd "$ROOT" && ./cluster.sh nginx-conf 3) >"$PEER_STATE/nginx/nginx.conf"
  local globals="daemon off;"; [[ "$(id -u)" -ne 0 ]] || globals+=" user root;"
  "$NGINX_BIN" -p "$PEER_STATE/nginx/" -c nginx.conf -e stderr -g "$globals" >"$PEER_STATE/nginx.log" 2>&1 &
  PEER_PIDS+=("$!")
  # A Node or .NET start-up on a busy machine can take longer than lib.sh's default wait.
  for i in 1 2 3; do wait_ready "http://127.0.0.1:500$i/" 300; done
  wait_ready "$CLUSTER_URL" 300
}

# Instances and nginx first, Redis last: an instance whose Redis vanishes mid-shutdown may abort instead of exiting.
stop_pids() { # pid...
  local pid
  for pid in "$@"; do kill "$pid" 2>/dev/null || true; done
  for pid in "$@"; do
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
}

stop_peer() {
  ((${#PEER_PIDS[@]})) || return 0
  stop_pids "${PEER_PIDS[@]:1}"
  stop_pids "${PEER_PIDS[0]}"
  PEER_PIDS=(); INSTANCE_PIDS=()
}

start_target() { if [[ "$1" == chatserver ]]; then start_cluster; else start_peer "$1"; fi; }
stop_target() { if [[ "$1" == chatserver ]]; then stop_cluster; else stop_peer; fi; }
target_pids() { if [[ "$1" == chatserver ]]; then server_pids cluster; else echo "${INSTANCE_PIDS[*]}"; fi; }
cleanup() { stop_peer; stop_cluster; }
trap cleanup EXIT

seconds() { local d="$1"; case "$d" in *ms) echo 1;; *s) echo "${d%s}";; *m) echo $(( ${d%m} * 60 ));; esac; }
GEN_TIMEOUT=$(( $(seconds "$WARMUP") + $(seconds "$DURATION") + $(seconds "$PRIME") + 150 ))

# run_gen NAME TARGET RATE: one generator run through nginx; prints the JSON path, keeps the exit code in NAME.rc.
run_gen() { # NAME TARGET RATE [DURATION]
  local name="$1" target="$2" rate="$3" json="$RESULTS/$1.json" rc=0
  rm -f "$json"
  timeout "$GEN_TIMEOUT" node "$PEER_DIR/generator.mjs" --target "$target" --url "$CLUSTER_URL" --clients "$CLIENTS" \
    --rooms "$ROOMS" --users "$USERS" --rate "$rate" --duration "${4:-$DURATION}" --warmup "$WARMUP" --drain 20s \
    --processes "$GENERATORS" --server-pids "$(target_pids "$target")" --json "$json" >"$RESULTS/$name.log" 2>&1 || rc=$?
  echo "$rc" >"$RESULTS/$name.rc"
  log "$name: exit $rc, $(jq -c '{connected, lost, deliveredPerSec, p50: .latencyMs.p50, p99: .latencyMs.p99, generatorCpuPercent, serverCpuPercent}' "$json" 2>/dev/null || echo 'no JSON')"
  echo "$json"
}

FIGURES="$RESULTS/peer-figures.tsv"   # target, figure, round, value: the medians are taken from here
: >"$FIGURES"
figure() { printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" >>"$FIGURES"; }
over_line() { jq --argjson limit "$P99_LIMIT_MS" '.latencyMs.p99 > $limit or .lost > 0 or .failedConnections > 0 or (.acked < .sent * 0.99)' "$1"; }

body="Every target: $CLIENTS clients in $ROOMS rooms of $(( CLIENTS / ROOMS )) through nginx (:8080) to 3 instances and one Redis; generator \`bench/peer/generator.mjs\`, $GENERATORS process(es). Server CPU is the three instances' (nginx and Redis not included); generator CPU is all generator processes'."$'\n\n'"$(row_header)"
read -r -a order <<<"$TARGETS"
for ((round = 1; round <= ROUNDS; round++)); do
  targets=("${order[@]}")
  if (( round % 2 == 0 )); then targets=(); for ((i = ${#order[@]} - 1; i >= 0; i--)); do targets+=("${order[$i]}"); done; fi
  for target in "${targets[@]}"; do
    start_target "$target"
    [[ "$PRIME" == 0s ]] || run_gen "peer-$target-prime-r$round" "$target" "$PRIME_RATE" "$PRIME" >/dev/null
    # Every rate in ascending order: RATES always run (their figures are the comparison), the saturation steps
    # only while the previous step stayed under the line, and SAT_ASK (the issue's "5 000 msg/s asked") always.
    best=0; under=true; verdict="not reached by the last step"
    for rate in $(printf '%s\n' $RATES $SAT_RATES $SAT_ASK | sort -n -u); do
      is_rate=false; for r in $RATES; do [[ "$r" == "$rate" ]] && is_rate=true; done
      [[ "$is_rate" == true || "$under" == true || "$rate" == "$SAT_ASK" ]] || continue
      name="peer-$target-$rate-r$round"
      j="$(run_gen "$name" "$target" "$rate")"
      [[ -s "$j" ]] || { body+=$'\n'"| $target, $rate msg/s (round $round) | no result: see bench/results/$name.log |"; under=false; continue; }
      body+=$'\n'"$(row "$target, $rate msg/s (round $round)" "$j" "exit $(cat "$RESULTS/$name.rc"); errors $(jq -c .sendErrors "$j")")"
      if [[ "$is_rate" == true ]]; then
        figure "$target" "p50 ms at $rate msg/s" "$round" "$(jq .latencyMs.p50 "$j")"
        figure "$target" "p99 ms at $rate msg/s" "$round" "$(jq .latencyMs.p99 "$j")"
        figure "$target" "delivered/s at $rate msg/s" "$round" "$(jq .deliveredPerSec "$j")"
        figure "$target" "generator CPU % at $rate msg/s" "$round" "$(jq .generatorCpuPercent "$j")"
        figure "$target" "server CPU % at $rate msg/s" "$round" "$(jq .serverCpuPercent "$j")"
      fi
      [[ "$rate" == "$SAT_ASK" ]] && figure "$target" "delivered/s at $SAT_ASK msg/s asked" "$round" "$(jq .deliveredPerSec "$j")"
      if [[ "$under" == true ]]; then
        if [[ "$(over_line "$j")" == true ]]; then under=false; verdict="over the line at $rate msg/s"
        else best="$(jq .deliveredPerSec "$j")"; fi
      fi
    done
    figure "$target" "delivered/s at saturation (p99 < $P99_LIMIT_MS ms)" "$round" "$best"
    body+=$'\n'"| $target, saturation (round $round) | best step under the line: **$best delivered/s**; $verdict | | | | | | | | | | | | | | | | |"
    stop_target "$target"
  done
done

# Median and spread (min–max) per target and figure, then ChatServer ÷ each peer on the medians.
summary="$(awk -F'\t' -v targets="$TARGETS" '
  { key = $1 SUBSEP $2; n[key]++; v[key, n[key]] = $4; if (!($2 in seen)) { seen[$2] = 1; figs[++nf] = $2 } }
  function fmt(x) { return (x >= 100 || x <= -100) ? sprintf("%.0f", x) : sprintf("%.3g", x) }
  function median(key,   i, j, t, c) {
    c = n[key]; for (i = 1; i <= c; i++) a[i] = v[key, i]
    for (i = 1; i <= c; i++) for (j = i + 1; j <= c; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
    lo = a[1]; hi = a[c]; return (c % 2) ? a[(c + 1) / 2] : (a[c / 2] + a[c / 2 + 1]) / 2
  }
  END {
    nt = split(targets, ts, " ")
    header = "| figure |"; rule = "|---|"
    for (t = 1; t <= nt; t++) { header = header " " ts[t] " median (spread) |"; rule = rule "---|" }
    for (t = 1; t <= nt; t++) if (ts[t] != "chatserver") { header = header " chatserver ÷ " ts[t] " |"; rule = rule "---|" }
    print header; print rule
    for (f = 1; f <= nf; f++) {
      line = "| " figs[f] " |"
      for (t = 1; t <= nt; t++) {
        key = ts[t] SUBSEP figs[f]
        if (n[key]) { m[t] = median(key); line = line " " fmt(m[t]) " (" fmt(lo) "–" fmt(hi) ") |" } else { m[t] = ""; line = line " – |" }
      }
      c = 0; for (t = 1; t <= nt; t++) if (ts[t] == "chatserver") c = m[t]
      for (t = 1; t <= nt; t++) if (ts[t] != "chatserver") line = line ((c != "" && m[t] > 0) ? sprintf(" %.2f |", c / m[t]) : " – |")
      print line
    }
  }' "$FIGURES")"

append_block "Peers: ChatServer, Socket.IO + Redis adapter, minimal SignalR hub" \
  "ROUNDS=$ROUNDS DURATION=$DURATION WARMUP=$WARMUP PRIME=$PRIME PRIME_RATE=$PRIME_RATE CLIENTS=$CLIENTS ROOMS=$ROOMS USERS=$USERS GENERATORS=$GENERATORS RATES='$RATES' SAT_RATES='$SAT_RATES' SAT_ASK=$SAT_ASK flock /tmp/chat-cluster.lock bench/peer.sh" \
  "$body"$'\n\n'"Medians over $ROUNDS round(s), spread min–max in brackets; ratios are ChatServer's median ÷ the peer's (for p99 lower is better, for delivered/s higher is better):"$'\n\n'"$summary"
