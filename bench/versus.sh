#!/usr/bin/env bash
# Two (or more) builds of the server side by side in one run: for each checkout (interleaved, ROUNDS times, so
# drift on the machine hits all alike) it starts that checkout's ./cluster.sh up 3, drives it with this checkout's
# load tool (the same generator for all), and records delivered msgs/s at saturation, p99 and the instances' CPU at
# a moderate load, and Redis round trips per send (EVALSHA + EVAL calls from INFO commandstats ÷ acknowledged
# sends, during the moderate run). The block ends with each checkout ÷ the first.
#   CHECKOUTS="before=/path/to/worktree after=." bench/versus.sh
# Make a worktree of an earlier commit with: git worktree add /tmp/chat-before <commit> (then npm ci in it).
# Knobs (env): CHECKOUTS CLIENTS ROOMS SAT_RATE MOD_RATE DURATION WARMUP ROUNDS.
source "$(dirname "$0")/lib.sh"
CLIENTS="${CLIENTS:-200}"; ROOMS="${ROOMS:-10}"; SAT_RATE="${SAT_RATE:-5000}"; MOD_RATE="${MOD_RATE:-250}"
DURATION="${DURATION:-20s}"; WARMUP="${WARMUP:-5s}"; ROUNDS="${ROUNDS:-2}"
CHECKOUTS="${CHECKOUTS:?set CHECKOUTS=\"name=dir name=dir\" (the first is the reference)}"
COMMON=(--clients "$CLIENTS" --users "$CLIENTS" --rooms "$ROOMS" --duration "$DURATION" --warmup "$WARMUP" --drain 30s --login-concurrency 4)
build

read -r -a pairs <<<"$CHECKOUTS"
names=(); dirs=()
for pair in "${pairs[@]}"; do
  names+=("${pair%%=*}"); dirs+=("$(cd "${pair#*=}" && pwd -P)")
  log "building ${pair%%=*} (${dirs[-1]}, $(git -C "${dirs[-1]}" rev-parse --short HEAD))"
  dotnet build "${dirs[-1]}/ChatServer/ChatServer.csproj" -c Release -v quiet -nologo >/dev/null
done

redis_calls() { # total EVALSHA + EVAL calls so far on the cluster's Redis
  redis-cli -p 6380 info commandstats | awk -F'[=,:]' '/^cmdstat_(evalsha|eval):/ {n += $3} END {print n + 0}'
}

# Each checkout's cluster, started and stopped by that checkout's own script (ports 6380, 5001-5003, 8080).
start_checkout() { rm -rf "$1/.cluster/redis"; (cd "$1" && ./cluster.sh up 3) >&2; CLUSTER_STARTED="$1"; wait_ready "$CLUSTER_URL"; }
stop_checkout() { [[ -n "$CLUSTER_STARTED" ]] && (cd "$CLUSTER_STARTED" && ./cluster.sh down) >&2 || true; CLUSTER_STARTED=""; }
stop_cluster() { stop_checkout; }
server_pids() { cat "$CLUSTER_STARTED"/.cluster/chat-*.pid 2>/dev/null | tr '\n' ' '; }

body="$(row_header)"
declare -A sat p99 cpu trips runs
for ((round = 1; round <= ROUNDS; round++)); do
  for index in "${!names[@]}"; do
    name="${names[$index]}"
    start_checkout "${dirs[$index]}"
    j="$(run_tool "versus-$name-saturation-$round" cluster "${COMMON[@]}" --rate "$SAT_RATE")"
    body+=$'\n'"$(row "$name, saturation (round $round)" "$j" "offered $SAT_RATE msg/s")"
    sat[$index]="$(awk "BEGIN{print ${sat[$index]:-0} + $(jq .deliveredPerSec "$j")}")"
    before_calls="$(redis_calls)"
    j="$(run_tool "versus-$name-moderate-$round" cluster "${COMMON[@]}" --rate "$MOD_RATE")"
    per_send="$(awk "BEGIN{printf \"%.2f\", ($(redis_calls) - $before_calls) / $(jq .acked "$j")}")"
    body+=$'\n'"$(row "$name, moderate (round $round)" "$j" "Redis scripts per send $per_send")"
    p99[$index]="$(awk "BEGIN{print ${p99[$index]:-0} + $(jq .latencyMs.p99 "$j")}")"
    cpu[$index]="$(awk "BEGIN{print ${cpu[$index]:-0} + $(jq .serverCpuPercent "$j")}")"
    trips[$index]="$(awk "BEGIN{print ${trips[$index]:-0} + $per_send}")"
    runs[$index]=$(( ${runs[$index]:-0} + 1 ))
    stop_checkout
  done
done

body+=$'\n\n'"Means over $ROUNDS round(s), each ÷ \"${names[0]}\":"$'\n'
for index in "${!names[@]}"; do
  n="${runs[$index]}"
  body+=$'\n'"- ${names[$index]} ($(git -C "${dirs[$index]}" rev-parse --short HEAD)): delivered at saturation $(awk "BEGIN{printf \"%.0f\", ${sat[$index]}/$n}")/s ($(awk "BEGIN{printf \"%.2f\", ${sat[$index]}/${sat[0]}}")×), p99 at $MOD_RATE msg/s $(awk "BEGIN{printf \"%.2f\", ${p99[$index]}/$n}") ms ($(awk "BEGIN{printf \"%.2f\", ${p99[$index]}/${p99[0]}}")×), server CPU $(awk "BEGIN{printf \"%.1f\", ${cpu[$index]}/$n}") % ($(awk "BEGIN{printf \"%.2f\", ${cpu[$index]}/${cpu[0]}}")×), Redis scripts per send $(awk "BEGIN{printf \"%.2f\", ${trips[$index]}/$n}")"
done
append_block "Side by side: $CHECKOUTS" "CHECKOUTS=\"$CHECKOUTS\" CLIENTS=$CLIENTS ROOMS=$ROOMS SAT_RATE=$SAT_RATE MOD_RATE=$MOD_RATE DURATION=$DURATION ROUNDS=$ROUNDS bench/versus.sh" "$body"
