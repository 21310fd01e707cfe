#!/usr/bin/env bash
# Scenario 4, connection density: COUNTS idle connections (rate 0), then one broadcast per room that must reach
# every member (--final-broadcast, so lost must be 0). Resident memory per connection per instance from the
# server's peak RSS (VmHWM) against its idle RSS. Sockets are spread over 127.0.0.x source addresses.
# One generator process is capped by RLIMIT_NOFILE (hard 20000 here) at about 19.9k connections, so
# GENERATORS=N splits each count over N tool processes run side by side (each its own users and rooms), and
# DIRECT=1 (cluster only) points generator i at instance ((i-1) % CLUSTER_INSTANCES)+1 directly instead of nginx,
# whose worker_connections (2 workers × 8192, two descriptors per proxied WebSocket) cap what passes through it.
# The same file limit caps each instance, so 100 000 connections need CLUSTER_INSTANCES=6 (about 16 700 each).
# DRAIN is how long the generators wait for the final broadcast: joining rooms of PER_ROOM distinct users sends
# each member every later joiner's UserJoined (PER_ROOM² events per room), which must drain first.
source "$(dirname "$0")/lib.sh"
COUNTS="${COUNTS:-10000 19500}"; PER_ROOM="${PER_ROOM:-100}"; USERS="${USERS:-100}"; TARGET="${TARGET:-single}"
GENERATORS="${GENERATORS:-1}"; DIRECT="${DIRECT:-0}"; DRAIN="${DRAIN:-60s}"
build

gen_name() { if [[ "$GENERATORS" -gt 1 ]]; then echo "$1-g$2"; else echo "$1"; fi; }

via="$([[ "$TARGET" == cluster && "$DIRECT" == 1 ]] && echo "direct to the instances" || echo "$([[ "$TARGET" == cluster ]] && echo "through nginx" || echo "direct")")"
body="Generators: $GENERATORS process(es), $via."$'\n\n'
body+="| connections | established | failed | lost of broadcast | expected / delivered | connect p50 / p99 ms (worst generator) | idle RSS MiB | peak RSS MiB | KiB per connection | per instance: connections, idle → peak MiB, KiB per connection | exit |"$'\n'"|---|---|---|---|---|---|---|---|---|---|---|"
for n in $COUNTS; do
  if [[ "$TARGET" == single ]]; then start_single; else start_cluster || { body+=$'\n'"| $n | pending: ./cluster.sh up 3 not available yet | | | | | | | | | |"; continue; }; fi
  pids="$(server_pids "$TARGET")"
  declare -A base_of=()
  base=0; for p in $pids; do base_of[$p]="$(rss_kb "$p")"; base=$(( base + base_of[$p] )); done
  name="density-$TARGET-$n"
  per_gen=$(( n / GENERATORS )); jsons=(); gen_pids=(); rc=0
  for ((g = 1; g <= GENERATORS; g++)); do
    gname="$(gen_name "$name" "$g")"
    url=""; if [[ "$TARGET" == cluster && "$DIRECT" == 1 ]]; then url="http://127.0.0.1:$(( 5001 + (g - 1) % CLUSTER_INSTANCES ))/"; fi
    TOOL_URL="$url" run_tool "$gname" "$TARGET" --clients "$per_gen" --users "$USERS" --rooms $(( (per_gen + PER_ROOM - 1) / PER_ROOM )) --rate 0 \
        --final-broadcast --duration 10s --warmup 0s --drain "$DRAIN" --ramp $(( 2000 / GENERATORS )) --connect-concurrency $(( 256 / GENERATORS )) --source-ips 8 >/dev/null &
    gen_pids+=("$!")
    jsons+=("$RESULTS/$gname.json")
  done
  wait "${gen_pids[@]}"
  for ((g = 1; g <= GENERATORS; g++)); do
    gname="$(gen_name "$name" "$g")"; r="$(cat "$RESULTS/$gname.rc")"; [[ "$r" == 0 ]] || rc="$r"
  done
  # One combined result: counts add up, connect percentiles are the worst generator's, instances merge.
  j="$RESULTS/$name-all.json"
  jq -s '{clients: (map(.clients) | add), connected: (map(.connected) | add), failedConnections: (map(.failedConnections) | add),
          lost: (map(.lost) | add), expectedDeliveries: (map(.expectedDeliveries) | add), delivered: (map(.delivered) | add),
          connectMs: {p50: (map(.connectMs.p50) | max), p99: (map(.connectMs.p99) | max)},
          instances: (map(.instances | to_entries) | add | group_by(.key) | map({key: .[0].key, value: (map(.value) | add)}) | from_entries)}' \
     "${jsons[@]}" >"$j"
  peak=0; per_instance=""
  for p in $pids; do
    pk="$(peak_rss_kb "$p")"; peak=$(( peak + pk ))
    if [[ "$TARGET" == cluster ]]; then
      id="$(basename "$(grep -l "^$p\$" "$ROOT"/.cluster/chat-*.pid)" .pid)"; c="$(jq --arg id "$id" '.instances[$id] // 0' "$j")"
      per_instance+="$id: $c, $(( base_of[$p] / 1024 )) → $(( pk / 1024 )), $(awk "BEGIN{printf \"%.1f\", ($c > 0 ? ($pk - ${base_of[$p]}) / $c : 0)}"); "
    fi
  done
  per=$(awk "BEGIN{c=$(jq .connected "$j"); printf \"%.1f\", (c > 0 ? ($peak - $base) / c : 0)}")
  body+=$'\n'"$(jq -r --arg base "$((base/1024))" --arg peak "$((peak/1024))" --arg per "$per" --arg rc "$rc" --arg pi "${per_instance:-–}" \
    '"| \(.clients) | \(.connected) | \(.failedConnections) | \(.lost) | \(.expectedDeliveries) / \(.delivered) | \(.connectMs.p50) / \(.connectMs.p99) | \($base) | \($peak) | \($per) | \($pi) | \($rc) |"' "$j")"
  if [[ "$TARGET" == single ]]; then stop_single; else stop_cluster; fi
done
append_block "Connection density ($TARGET)" "COUNTS='$COUNTS' PER_ROOM=$PER_ROOM USERS=$USERS GENERATORS=$GENERATORS DIRECT=$DIRECT DRAIN=$DRAIN TARGET=$TARGET CLUSTER_INSTANCES=$CLUSTER_INSTANCES CLIENT=${CLIENT:-hub} bench/density.sh" "$body"
